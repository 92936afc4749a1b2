"""Tests for yalu.screening.forms: bracketed parts and acronyms of list names."""

from __future__ import annotations

import pytest

from yalu.screening.forms import acronyms, bracket_parts


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
