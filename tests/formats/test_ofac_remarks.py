import pytest

from yalu.formats.ofac_remarks import parse_identifier, parse_remarks
from yalu.models.screening import Identifier


@pytest.mark.parametrize(
    ("item", "identifier"),
    [
        ("Passport 472234895 (Korea, North)", Identifier("passport", "472234895", "kp")),
        ("Passport D366 871 (Jordan)", Identifier("passport", "D366 871", "jo")),
        (
            "Passport G025057 issued 23 Jun 1999 expires 05 Feb 2004",
            Identifier("passport", "G025057"),
        ),
        ("Diplomatic Passport 563410081 (Korea, North)", Identifier("passport", "563410081", "kp")),
        ("National ID No. 660000 73767 (Belgium)", Identifier("national_id", "660000 73767", "be")),
        ("Cedula No. 16247821 (Colombia)", Identifier("national_id", "16247821", "co")),
        ("Registration ID 14063277", Identifier("registration", "14063277")),
        (
            "Registration Number 02696754 (United Kingdom)",
            Identifier("registration", "02696754", "gb"),
        ),
        ("Tax ID No. 100036386 (Serbia)", Identifier("tax", "100036386", "rs")),
        ("SWIFT/BIC KCCBKPPY", Identifier("swift", "KCCBKPPY")),
        ("Vessel Registration Identification IMO 7937317", Identifier("imo", "7937317")),
        ("IMO 8660313", Identifier("imo", "8660313")),
        ("MMSI 445123000", Identifier("mmsi", "445123000")),
    ],
)
def test_identifier_items_are_parsed_with_kind_and_country(
    item: str, identifier: Identifier
) -> None:
    assert parse_identifier(item) == identifier


@pytest.mark.parametrize("item", ["Gender Male", "Linked To: LAZARUS GROUP", "POB Pyongyang"])
def test_other_items_are_not_identifiers(item: str) -> None:
    assert parse_identifier(item) is None


@pytest.mark.parametrize(
    ("remarks", "dates"),
    [
        ("DOB 01 Jan 1960.", ("1960-01-01",)),
        ("DOB 1960", ("1960",)),
        ("DOB circa 1960", ("1960",)),
        ("DOB 1958 to 1962", ("1958", "1959", "1960", "1961", "1962")),
        ("DOB 13 Feb 1969; alt. DOB 13 Feb 1970", ("1969-02-13", "1970-02-13")),
    ],
)
def test_dob_forms_become_iso_dates(remarks: str, dates: tuple[str, ...]) -> None:
    assert parse_remarks(remarks).birth_dates == dates


def test_nationality_and_citizen_become_country_codes() -> None:
    facts = parse_remarks("nationality Korea, North; alt. nationality Russia; citizen Burma")
    assert facts.nationalities == ("kp", "ru", "mm")


def test_items_separated_by_semicolon_without_space_are_split() -> None:
    facts = parse_remarks("POB Gaza; nationality possibly Palestinian;arrested 23 Apr 2002")
    assert facts.nationalities == ("ps",)


def test_quoted_aliases_in_remarks_are_weak() -> None:
    # OFAC FAQ 123: the CSV formats print weak AKAs, and only those, in Remarks.
    facts = parse_remarks("a.k.a. 'BNC'; a.k.a. 'ABU-'UMAR'; f.k.a. 'OLD NAME'.")
    assert facts.weak_aliases == ("BNC", "ABU-'UMAR", "OLD NAME")


def test_listing_and_effective_dates_are_collected() -> None:
    facts = parse_remarks(
        "Listing Date (CMIC) 03 Jun 2021; Effective Date (EO 14024 Directive 3): 26 Mar 2022"
    )
    assert facts.listing_dates == ("2021-06-03", "2022-03-26")


def test_empty_remarks_give_no_facts() -> None:
    assert parse_remarks("") == parse_remarks("-0-")
    assert parse_remarks("").identifiers == ()
