"""Tests for yalu.screening.forms: bracketed parts, acronyms, syllables run together and
digits misread for letters."""

from __future__ import annotations

import pytest

from yalu.models.screening import Entity, Query
from yalu.screening.forms import acronyms, bracket_parts, ocr_reading, query_forms, run_together
from yalu.screening.search import ScreeningIndex


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Korea Ryonbong General Corporation", ("krgc",)),
        ("ZIMBABWE MINING DEVELOPMENT CORPORATION", ("zmdc",)),
        ("ARMED FORCES GENERAL STAFF", ("afgs",)),
        ("SINA ENERGY DEVELOPMENT COMPANY", ("sedco",)),
        ("SINA PORT AND MARINE COMPANY", ("spm",)),
        ("Beijing Aeronautical Manufacturing Technology Research Institute", ("bamtri",)),
        ("LAREDO DRUG TRAFFICKING ORGANIZATION", ("laredo", "dto")),
        ("IRISL MARITIME TRAINING INSTITUTE", ("irisl", "mti")),
        ("SHAHID ESLAMI RESEARCH CENTER", ("ser", "center")),
        ("CEMENT INDUSTRY INVESTMENT AND DEVELOPMENT COMPANY", ("ciiad",)),
        # The name before its legal form, `Trading` and `and` kept: `N. M. A. T. Company`.
        ("NORDSTRAND MARITIME AND TRADING COMPANY", ("nmat",)),
    ],
)
def test_long_names_give_their_usual_acronyms(name: str, acronym: tuple[str, ...]) -> None:
    assert acronym in acronyms(name)


@pytest.mark.parametrize(
    "name",
    [
        "Korea Ryonbong",  # two words: initials name nothing in particular
        "702 Research Institute",  # numbers are not abbreviated
        "one two three four five six seven eight nine",  # too long to abbreviate whole
    ],
)
def test_short_long_or_numbered_names_give_no_acronym(name: str) -> None:
    assert acronyms(name) == []


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("NAFTIRAN INTERTRADE CO. (NICO) SARL", ["NAFTIRAN INTERTRADE CO. SARL", "NICO"]),
        (
            "PETROIRAN DEVELOPMENT COMPANY (PEDCO) LIMITED",
            ["PETROIRAN DEVELOPMENT COMPANY LIMITED", "PEDCO"],
        ),
        ("RAJAH SOLAIMAN MOVEMENT [RSM]", ["RAJAH SOLAIMAN MOVEMENT", "RSM"]),
        ("KIM JONG UN", []),
        ("(NICO)", []),
    ],
)
def test_bracketed_text_is_split_from_the_name(name: str, parts: list[str]) -> None:
    assert bracket_parts(name) == parts


@pytest.mark.parametrize(
    ("name", "run"),
    [
        ("TAE DONG GANG", "taedonggang"),
        ("KUM UN SAN 3", "kumunsan 3"),  # the hull number stays apart
        ("Chon-Ma-San", "chonmasan"),
        ("Kim Jong Un", "kimjongun"),
        ("CHON MA", None),  # two words are compared run together already
        ("SEA STAR III", None),  # not syllables
        ("KOREA KUMUNSAN SHIPPING CO", None),
        ("김정은 일", None),  # hangul is romanized elsewhere
    ],
)
def test_names_of_three_syllables_or_more_are_also_run_together(name: str, run: str | None) -> None:
    assert run_together(name) == run


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("RA5HED EXCHANGE", "RASHED EXCHANGE"),
        ("5ARAK", "SARAK"),
        ("K0REA", "KOREA"),
        ("Mi1ler", "Miller"),
        ("ARGO l", "ARGO I"),
        ("lSLAMIC STATE", "ISLAMIC STATE"),
    ],
)
def test_digits_misread_for_letters_are_read_back_as_another_form(name: str, read: str) -> None:
    assert query_forms(name) == [name, read]


@pytest.mark.parametrize(
    "name",
    ["A320 Airbus", "MV8 Trading", "T-72", "ORIENT 1", "YARD NO.2655", "Ali l", "Al-lami", "l"],
)
def test_model_numbers_and_names_not_in_capitals_are_kept_as_written(name: str) -> None:
    assert ocr_reading(name) == name


def test_a_misread_name_finds_its_entity() -> None:
    index = ScreeningIndex.build(
        [
            Entity("1", "Organization", ("RASHED EXCHANGE",), "test"),
            Entity("2", "Organization", ("RAHED EXCHANGE",), "test"),
        ]
    )
    best = index.screen(Query("RA5HED EXCHANGE"))[0]
    assert (best.entity_id, best.score) == ("1", 1.0)
