import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.models.screening import Entity, Identifier, Match
from yalu.screening.same_entity import EntityLinks, group_matches, name_key


def entity(source: str, id: str, *names: str, schema: str = "Organization", **facts) -> Entity:  # type: ignore[no-untyped-def]
    return Entity(id=id, schema=schema, names=names, source=source, **facts)  # type: ignore[arg-type]


def match(item: Entity, score: float) -> Match:
    return Match(item.id, item.source, item.schema, item.names[0], "q", score, score >= 0.8)


def grouped(links: EntityLinks, item: Entity) -> set[tuple[str, str]]:
    position = links.position_of[(item.source, item.id)]
    return {(links.entities[p].source, links.entities[p].id) for p in links.members(position)}


RYONBONG = ("KOREA RYONBONG GENERAL CORPORATION", "KOREA YONBONG GENERAL CORPORATION")
UN = entity("un_sc", "KPe.002", *RYONBONG)
SDN = entity("ofac_sdn", "9347", *RYONBONG)
AU = entity(
    "au_dfat", "1114", "Korea Ryonbong General Corporation", "Korea Yonbong General Corporation"
)


def test_primary_name_and_one_more_name_spelled_alike_group_organisations() -> None:
    links = EntityLinks([UN, SDN, AU])
    assert grouped(links, AU) == {("un_sc", "KPe.002"), ("ofac_sdn", "9347"), ("au_dfat", "1114")}
    assert links.reasons(links.position_of[("au_dfat", "1114")]) == (
        "KPe.002 (un_sc) and 9347 (ofac_sdn): the same names "
        "'KOREA RYONBONG GENERAL CORPORATION' and 'KOREA YONBONG GENERAL CORPORATION'",
        "KPe.002 (un_sc) and 1114 (au_dfat): the same names "
        "'KOREA RYONBONG GENERAL CORPORATION' and 'KOREA YONBONG GENERAL CORPORATION'",
    )


def test_names_that_only_look_alike_are_never_grouped() -> None:
    near = entity("au_dfat", "1", "Korea Ryonbong General Corp", "Korea Yonbong General Corp")
    one_name = entity("au_dfat", "2", "KOREA RYONBONG GENERAL CORPORATION")
    for other in (near, one_name):
        assert grouped(EntityLinks([UN, other]), other) == {(other.source, other.id)}


def test_a_cited_un_reference_number_groups_across_kinds_but_never_a_person() -> None:
    ship = entity("uk_fcdo", "DPR0001", "Ship One", schema="Vessel", same_as=("un_sc:KPe.002",))
    person = entity("eu_fsf", "EU.1", "Kim Chol", schema="Person", same_as=("un_sc:KPe.002",))
    links = EntityLinks([UN, ship, person])
    assert grouped(links, ship) == {("un_sc", "KPe.002"), ("uk_fcdo", "DPR0001")}
    assert grouped(links, person) == {("eu_fsf", "EU.1")}
    assert "the same UN reference number KPe.002" in links.reasons(0)[0]


def test_two_lists_citing_the_same_un_number_are_grouped_without_the_un_list() -> None:
    uk = entity("uk_fcdo", "AFG0001", "Money Exchange", same_as=("un_sc:TAe.010",))
    eu = entity("eu_fsf", "EU.9", "Exchange House", same_as=("un_sc:TAe.010",))
    assert grouped(EntityLinks([uk, eu]), eu) == {("uk_fcdo", "AFG0001"), ("eu_fsf", "EU.9")}


def test_imo_numbers_group_ships_with_ships_and_companies_with_companies() -> None:
    imo = (Identifier("imo", "IMO 9562233"),)
    ship_uk = entity("uk_fcdo", "DPR0075", "Petrel 8", schema="Vessel", identifiers=imo)
    ship_us = entity(
        "ofac_sdn", "1", "PETREL 8", schema="Vessel", identifiers=(Identifier("imo", "9562233"),)
    )
    owner = entity("au_dfat", "2", "Petrel Shipping", identifiers=imo)
    links = EntityLinks([ship_uk, ship_us, owner])
    assert grouped(links, ship_uk) == {("uk_fcdo", "DPR0075"), ("ofac_sdn", "1")}
    assert grouped(links, owner) == {("au_dfat", "2")}


def test_identifiers_that_are_short_or_of_two_countries_group_nothing() -> None:
    short_a = entity(
        "un_sc", "a", "A", schema="Person", identifiers=(Identifier("passport", "6487"),)
    )
    short_b = entity(
        "uk_fcdo", "b", "B", schema="Person", identifiers=(Identifier("passport", "6487"),)
    )
    kp = entity(
        "un_sc", "c", "C", schema="Person", identifiers=(Identifier("passport", "654310175", "kp"),)
    )
    cn = entity(
        "uk_fcdo",
        "d",
        "D",
        schema="Person",
        identifiers=(Identifier("passport", "654310175", "cn"),),
    )
    links = EntityLinks([short_a, short_b, kp, cn])
    assert grouped(links, short_a) == {("un_sc", "a")}
    assert grouped(links, kp) == {("un_sc", "c")}


def test_a_passport_given_without_a_country_meets_the_same_number_with_one() -> None:
    un = entity(
        "un_sc",
        "KPi.052",
        "RI SU YONG",
        schema="Person",
        identifiers=(Identifier("passport", "654310175", "kp"),),
    )
    us = entity(
        "ofac_sdn",
        "21735",
        "RI Su Yong",
        schema="Person",
        identifiers=(Identifier("passport", "654310175"),),
    )
    links = EntityLinks([un, us])
    assert grouped(links, us) == {("un_sc", "KPi.052"), ("ofac_sdn", "21735")}
    assert links.reasons(0) == (
        "KPi.052 (un_sc) and 21735 (ofac_sdn): the same passport number 654310175",
    )


def test_people_need_the_same_name_in_any_order_and_the_same_full_birth_date() -> None:
    un = entity("un_sc", "QDi.111", "AGUS DWIKARNA", schema="Person", birth_dates=("1964-08-11",))
    us = entity(
        "ofac_sdn", "7921", "DWIKARNA Agus", schema="Person", birth_dates=("1964-08-11", "1965")
    )
    year_only = entity("au_dfat", "430", "Agus Dwikarna", schema="Person", birth_dates=("1964",))
    other_day = entity(
        "uk_fcdo", "X1", "Agus Dwikarna", schema="Person", birth_dates=("1964-08-12",)
    )
    links = EntityLinks([un, us, year_only, other_day])
    assert grouped(links, us) == {("un_sc", "QDi.111"), ("ofac_sdn", "7921")}
    assert grouped(links, year_only) == {("au_dfat", "430")}
    assert grouped(links, other_day) == {("uk_fcdo", "X1")}
    assert links.reasons(0) == (
        "QDi.111 (un_sc) and 7921 (ofac_sdn): "
        "the same name 'AGUS DWIKARNA' and birth date 1964-08-11",
    )


def test_a_key_held_twice_by_one_list_leaves_that_list_out() -> None:
    trust = ("AL RASHID TRUST", "AL RASHEED TRUST")
    un = entity("un_sc", "QDe.005", *trust)
    first = entity("ofac_sdn", "6912", *trust)
    second = entity("ofac_sdn", "7201", *trust)  # another body using the name
    links = EntityLinks([un, first, second])
    assert grouped(links, un) == {("un_sc", "QDe.005")}


def test_a_group_never_holds_two_entries_of_one_list() -> None:
    imo = (Identifier("imo", "1234567"),)
    a = entity("un_sc", "a", "Ship A", schema="Vessel", identifiers=imo)
    b = entity(
        "uk_fcdo",
        "b",
        "Ship B",
        schema="Vessel",
        identifiers=(*imo, Identifier("mmsi", "445123000")),
    )
    c = entity(
        "un_sc", "c", "Ship C", schema="Vessel", identifiers=(Identifier("mmsi", "445123000"),)
    )
    links = EntityLinks([a, b, c])
    members = grouped(links, b)
    assert len({source for source, _ in members}) == len(members)
    assert grouped(links, c) == {("un_sc", "c")}


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_groups_do_not_depend_on_load_order(rng: random.Random) -> None:
    trust = ("AL RASHID TRUST", "AL RASHEED TRUST")
    imo = (Identifier("imo", "1234567"),)
    entities = [
        UN,
        SDN,
        AU,
        entity("uk_fcdo", "u", *trust),
        entity("eu_fsf", "e", *trust),
        entity("un_sc", "s", "Ship", schema="Vessel", identifiers=imo),
        entity("uk_fcdo", "v", "Ship", schema="Vessel", identifiers=imo),
        entity("au_dfat", "w", "Ship 2", schema="Vessel", identifiers=imo),
    ]
    expected = {frozenset(grouped(EntityLinks(entities), e)) for e in entities}
    shuffled = entities[:]
    rng.shuffle(shuffled)
    assert {frozenset(grouped(EntityLinks(shuffled), e)) for e in shuffled} == expected


def test_rows_group_candidates_add_unscored_entries_and_keep_the_limit() -> None:
    other = entity("ofac_sdn", "12219", "KOREA TAESONG TRADING COMPANY")
    links = EntityLinks([UN, SDN, AU, other])
    found = [match(SDN, 1.0), match(UN, 1.0), match(other, 0.41)]
    rows = group_matches(found, links, limit=5)
    assert [row.lists for row in rows] == [("ofac_sdn", "un_sc", "au_dfat"), ("ofac_sdn",)]
    first = rows[0]
    assert [entry.entity_id for entry in first.entries] == ["9347", "KPe.002", "1114"]
    assert first.entries[2].match is None  # grouped, not among the candidates
    assert first.best.entity_id == "9347" and len(first.reasons) == 2
    assert rows[1].reasons == ()
    assert group_matches(found, links, limit=1) == rows[:1]


def test_rows_keep_only_the_entries_a_filter_keeps_and_their_own_links() -> None:
    links = EntityLinks([UN, SDN, AU])
    rows = group_matches([match(UN, 1.0)], links, limit=5, keep=lambda e: e.source != "ofac_sdn")
    assert rows[0].lists == ("un_sc", "au_dfat")
    assert [reason.split(":")[0] for reason in rows[0].reasons] == [
        "KPe.002 (un_sc) and 1114 (au_dfat)"
    ]


def test_a_link_through_a_filtered_entry_is_still_given() -> None:
    a = entity("un_sc", "a", "Alpha Co", identifiers=(Identifier("imo", "1234567"),))
    b = entity(
        "ofac_sdn",
        "b",
        "Beta Co",
        identifiers=(Identifier("imo", "1234567"), Identifier("registration", "7700112233")),
    )
    c = entity("au_dfat", "c", "Gamma Co", identifiers=(Identifier("registration", "7700112233"),))
    links = EntityLinks([a, b, c])
    rows = group_matches([match(a, 1.0)], links, limit=1, keep=lambda e: e.source != "ofac_sdn")
    assert rows[0].lists == ("un_sc", "au_dfat")
    assert len(rows[0].reasons) == 2  # a and c are joined only through b


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("António Injai", "antonio injai"),
        ("'AQIL Ibrahim", "aqil ibrahim"),
        ("Jal_Vahini", "jal vahini"),
    ],
)
def test_names_compare_without_case_accents_or_punctuation(name: str, key: str) -> None:
    assert name_key(name) == key
