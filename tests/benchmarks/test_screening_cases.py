"""The rules of the screening benchmark's accuracy sets (`benchmarks/screening_cases.py`)."""

from __future__ import annotations

import sys

from tests.paths import REPO
from yalu.models.screening import Entity, Identifier

sys.path.insert(0, str(REPO / "benchmarks"))
from screening_cases import build_cases, same_entities


def person(source: str, id_: str, *names: str, born: str = "", passport: str = "") -> Entity:
    """Return a listed person."""
    return Entity(
        id=id_,
        schema="Person",
        names=names,
        source=source,
        birth_dates=(born,) if born else (),
        identifiers=(Identifier("passport", passport),) if passport else (),
    )


def test_entries_of_two_lists_sharing_a_passport_are_one_person() -> None:
    a = person("un_sc", "1", "Ri Chol", passport="PD1234567")
    b = person("ofac_sdn", "2", "RI Cho'l", passport="pd 123 4567")
    c = person("ofac_sdn", "3", "Ri Chol")
    same = same_entities([a, b, c])
    assert same["un_sc", "1"] == {("un_sc", "1"), ("ofac_sdn", "2")}
    assert same["ofac_sdn", "3"] == {("ofac_sdn", "3")}


def test_people_born_the_same_day_are_linked_only_by_two_name_words() -> None:
    un = person("un_sc", "1", "Ibraima CAMARÁ", born="1964-05-11")
    ofac = person("ofac_sdn", "2", "CAMARA, Ibraima Papa", born="1964-05-11")
    other = person("us_csl", "3", "CAMARA Moussa", born="1964-05-11")
    year_only = person("bis_dpl", "4", "Ibraima Camara", born="1964")
    same = same_entities([un, ofac, other, year_only])
    assert same["un_sc", "1"] == {("un_sc", "1"), ("ofac_sdn", "2")}
    assert same["us_csl", "3"] == {("us_csl", "3")}
    assert same["bis_dpl", "4"] == {("bis_dpl", "4")}


def test_entries_of_one_list_are_not_linked() -> None:
    a = person("ofac_sdn", "1", "Kim Il", passport="123456789")
    b = person("ofac_sdn", "2", "Kim Ilsong", passport="123456789")
    assert same_entities([a, b])["ofac_sdn", "1"] == {("ofac_sdn", "1")}


def test_an_entry_listing_the_held_out_alias_counts_as_right() -> None:
    bis = Entity("b1", "Organization", ("Zorsecurity Center", "Tsor Security"), "us_csl")
    ofac = Entity("o1", "Organization", ("ZORSECURITY", "TSOR SECURITY"), "ofac_sdn")
    cases = build_cases([bis, ofac], per_kind=0, held_out=5, no_list=0)
    (case,) = cases.held_out
    assert case.query.casefold() == "tsor security"
    assert case.expected == {("us_csl", "b1"), ("ofac_sdn", "o1")}
    assert cases.removed["ofac_sdn", "o1"] == cases.removed["us_csl", "b1"] == {"ceiorrssttuy"}
