"""Read the UK Sanctions List XML (FCDO, `Designations/Designation`).

Each `Designation` becomes one entity:

- id: `UniqueID` ("DPR0075"); schema from `IndividualEntityShip` (Individual, Entity,
  Ship); the OFSI group id is kept in the notes.
- names: `Name1`..`Name5` then `Name6` (the surname, or the whole name of an entity or
  ship) joined; primary names first, then primary name variations and aliases (aliases
  of "Low quality" are weak), then the non-Latin names. Empty names are skipped.
- dates are day first: `DD/MM/YYYY`, with `dd/mm/1945` or `00/00/1975` for a year alone
  and `15/08/19yy` for no usable date (`day_first_dates`).
- identifiers: passports, national identifiers, business registration numbers (`INN`
  is a tax number, `OGRN` a registration number) and ship IMO numbers ("IMO9562233").
- countries: address countries and a ship's current flag; nationalities.
- programs: `RegimeName` as published; regimes from its words, under the UN regime when
  `DesignationSource` says UN (`UK|UN` gives both); `UNReferenceNumber` goes to `same_as`.
  A UN number printed only in the free text is not read: it may be the owner's (DPR0076
  HAO FAN 6 cites KPe.073, the UN number of its owner Shen Zhong International Shipping).
- version: `DateGenerated`, the publisher's date, as an ISO date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from yalu.core.countries import to_country_code
from yalu.core.errors import ListFormatError
from yalu.formats.dates import latest_date
from yalu.formats.day_first_dates import parse_day_first
from yalu.formats.demonyms import to_nationality_code
from yalu.formats.input_file import TRUNCATED_HINT, make_snapshot, parse_xml, unique
from yalu.formats.regimes import Basis, lookup_words, to_regimes
from yalu.formats.un_reference import un_same_as
from yalu.models.screening import Entity, Identifier, IdentifierKind, ListSnapshot, Schema

SOURCE = "uk_fcdo"
_HINT = "Pass the UK Sanctions List XML (UK-Sanctions-List.xml from sanctionslist.fcdo.gov.uk)"
_SCHEMAS: dict[str, Schema] = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_NAME_PARTS = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
_LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z .]*?)\s*[:\-]\s*(\S.*?)\s*$")
_NUMBER_AFTER = re.compile(r"(?:number|no\.?)\s*:?\s*([A-Z0-9][A-Z0-9-]*)\s*$", re.IGNORECASE)
_REGISTRATION_KINDS: dict[str, IdentifierKind] = {
    "inn": "tax",
    "tin": "tax",
    "tax": "tax",
    "ogrn": "registration",
    "registration number": "registration",
}
_IMO = re.compile(r"(\d{7})")


def read_uk_xml(path: Path) -> ListSnapshot:
    """Read a UK Sanctions List XML file.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the XML is malformed or truncated, is not the UK Sanctions List,
            holds no designations, or a designation has no UniqueID or no name.
    """
    root = _parse(path)
    generated = parse_day_first(_text(root, "DateGenerated"))
    published = generated[0] if generated and len(generated[0]) == 10 else ""
    entities: list[Entity] = []
    updates: list[str] = []
    for element in root.iterfind("Designation"):
        entities.append(_read_designation(element, path))
        updates.extend(parse_day_first(_text(element, "LastUpdated")))
    return make_snapshot(
        source=SOURCE,
        entities=entities,
        path=path,
        published=published,
        newest_entry=latest_date(updates),
        format="uk_xml",
    )


def _parse(path: Path) -> ET.Element:
    """Parse the file, drop any namespace from the tags, and check the root element."""
    root = parse_xml(path)
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    if root.tag != "Designations":
        raise ListFormatError(
            f"root element is <{root.tag}>, not <Designations>", path=path, line=1, hint=_HINT
        )
    return root


def _text(element: ET.Element, path: str) -> str:
    """Return the whitespace-collapsed text at `path` below `element`, or ""."""
    return " ".join((element.findtext(path) or "").split())


def _texts(element: ET.Element, path: str) -> list[str]:
    """Return the non-empty collapsed texts of every element at `path`."""
    return [
        text for item in element.iterfind(path) if (text := " ".join((item.text or "").split()))
    ]


def _read_designation(element: ET.Element, path: Path) -> Entity:
    """Turn one Designation element into an Entity."""
    unique_id = _text(element, "UniqueID")
    names, weak = _names(element)
    if not unique_id or not names:
        missing = "UniqueID" if not unique_id else "name"
        raise ListFormatError(
            f"Designation {unique_id or '?'} has no {missing}", path=path, hint=TRUNCATED_HINT
        )
    schema = _SCHEMAS.get(_text(element, "IndividualEntityShip").lower(), "LegalEntity")
    regime = _text(element, "RegimeName")
    sources = {part.strip().upper() for part in _text(element, "DesignationSource").split("|")}
    stated: tuple[tuple[str, Basis], ...] = (("UN", "un"), ("UK", "autonomous"))
    bases = [basis for name, basis in stated if name in sources]
    families = lookup_words(SOURCE, regime)
    ship = element.find("ShipDetails/Ship")
    notes = [
        _text(element, "OtherInformation"),
        _text(element, "UKStatementofReasons"),
        *(f"owner/operator: {o}" for o in _texts(element, ".//CurrentOwnerOperator")),
        *(f"type: {t}" for t in _texts(element, ".//TypeOfShip")),
        f"OFSI group id {group}" if (group := _text(element, "OFSIGroupID")) else "",
    ]
    return Entity(
        id=unique_id,
        schema=schema,
        names=names,
        source=SOURCE,
        weak_aliases=unique(name for name in weak if name not in names),
        birth_dates=unique(
            date for dob in _texts(element, ".//DOBs/DOB") for date in parse_day_first(dob)
        ),
        nationalities=unique(
            to_nationality_code(text) or "" for text in _texts(element, ".//Nationality")
        ),
        countries=unique(
            to_country_code(text) or ""
            for text in (
                *_texts(element, "Addresses/Address/AddressCountry"),
                *_texts(element, ".//CurrentBelievedFlagOfShip"),
            )
        ),
        addresses=unique(_address(address) for address in element.iterfind("Addresses/Address")),
        identifiers=_identifiers(element, ship),
        programs=unique([regime]),
        listed_on=next(iter(parse_day_first(_text(element, "DateDesignated"))), None),
        notes="; ".join(part for part in notes if part),
        regimes=unique(r for basis in bases or ["unknown"] for r in to_regimes(families, basis)),
        same_as=un_same_as(_text(element, "UNReferenceNumber")),
    )


def _names(element: ET.Element) -> tuple[tuple[str, ...], list[str]]:
    """Return (names: primary first, then variations and good aliases, then non-Latin; weak)."""
    ranked: list[tuple[int, str]] = []
    weak: list[str] = []
    for item in element.iterfind("Names/Name"):
        name = " ".join(part for tag in _NAME_PARTS if (part := _text(item, tag)))
        if not name:
            continue
        kind = _text(item, "NameType").lower()
        if "low" in _text(item, "AliasStrength").lower():
            weak.append(name)
        else:
            ranked.append((0 if kind == "primary name" else 1, name))
    ordered = [name for _, name in sorted(ranked, key=lambda pair: pair[0])]
    ordered += _texts(element, "NonLatinNames/NonLatinName/NameNonLatinScript")
    return unique(ordered), weak


def _address(address: ET.Element) -> str:
    """Return an address as one line."""
    tags = [f"AddressLine{n}" for n in range(1, 7)] + ["AddressPostalCode", "AddressCountry"]
    return ", ".join(part for tag in tags if (part := _text(address, tag)))


def _identifiers(element: ET.Element, ship: ET.Element | None) -> tuple[Identifier, ...]:
    """Return passports, national identifiers, registration numbers and IMO numbers."""
    found = [Identifier("passport", n) for n in _texts(element, ".//Passport/PassportNumber")]
    for text in _texts(element, ".//NationalIdentifier/NationalIdentifierNumber"):
        number = _NUMBER_AFTER.search(text)
        found.append(Identifier("national_id", number.group(1) if number else text))
    for cell in element.iterfind(".//BusinessRegistrationNumber"):
        for line in (cell.text or "").splitlines():
            labelled = _LABELLED.match(line)
            if labelled:
                label, value = labelled.groups()
                kind = _REGISTRATION_KINDS.get(label.strip().lower(), "other")
                found.append(Identifier(kind, value))
            elif line.strip():
                found.append(Identifier("registration", line.strip()))
    if ship is not None:
        for text in _texts(ship, "IMONumbers/IMONumber"):
            found.extend(Identifier("imo", number) for number in _IMO.findall(text))
    return tuple(dict.fromkeys(item for item in found if any(c.isalnum() for c in item.value)))
