"""The load guards refuse repeated ids, large shrinks and files cut short, and say how to force."""

from dataclasses import replace

import pytest

from yalu.core.errors import ListFormatError
from yalu.models.screening import Entity, ListSnapshot
from yalu.screening.guards import DEFAULT_GUARDS, ActiveList, LoadGuards, check_new_version


def person(index: int, *, alias: str = "") -> Entity:
    names = (f"Ri Chol {index}", alias) if alias else (f"Ri Chol {index}",)
    return Entity(id=f"KPi.{index:03d}", schema="Person", names=names, source="un_sc")


def snapshot(entities: list[Entity]) -> ListSnapshot:
    return ListSnapshot(
        source="un_sc",
        version="2026-03-01",
        entities=tuple(replace(e, source_version="2026-03-01") for e in entities),
        path="/lists/new.xml",
        format="un_xml",
    )


ACTIVE_ENTITIES = [person(i) for i in range(100)]


def active(*, with_entities: bool = True) -> ActiveList:
    return ActiveList(
        label="2026-02-27",
        entity_ids=[entity.id for entity in ACTIVE_ENTITIES],
        entities=(lambda: iter(ACTIVE_ENTITIES)) if with_entities else None,
    )


def refusal(new: ListSnapshot, guards: LoadGuards = DEFAULT_GUARDS) -> str:
    with pytest.raises(ListFormatError) as caught:
        check_new_version(new, active(), guards)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_repeated_id_is_refused_with_how_to_force_it() -> None:
    entities = [*ACTIVE_ENTITIES, ACTIVE_ENTITIES[7]]
    assert refusal(snapshot(entities)) == (
        "/lists/new.xml: entity id 'KPi.007' appears 2 times: the file repeats records, so it "
        "was not loaded. Download it again. If the publisher really repeats ids, load it with "
        "--allow-duplicates."
    )
    check_new_version(snapshot(entities), active(), LoadGuards(allow_duplicates=True))


def test_repeated_ids_are_refused_on_a_first_load_too() -> None:
    with pytest.raises(ListFormatError, match=r"'KPi.001' appears 3 times \(and 1 more ids\)"):
        check_new_version(snapshot([person(1), person(1), person(2), person(1), person(2)]), None)


def test_a_shrink_beyond_the_limit_is_refused_and_names_the_active_version() -> None:
    message = refusal(snapshot(ACTIVE_ENTITIES[10:99]))
    assert message == (
        "/lists/new.xml: un_sc would drop from 100 to 89 entities (-11.0%), more than the 10% "
        "allowed (list_max_shrink), so it was not loaded. Check the file is complete. If the "
        "list really shrank, load it with --allow-shrink. Version 2026-02-27 stays active."
    )


def test_a_shrink_within_the_limit_that_is_no_prefix_loads() -> None:
    check_new_version(snapshot(ACTIVE_ENTITIES[10:]), active())  # the first ten delisted


@pytest.mark.parametrize("max_shrink", [0.0, 0.05, 0.5])
def test_the_shrink_limit_is_a_parameter(max_shrink: float) -> None:
    keeps = ACTIVE_ENTITIES[6:]  # 6% fewer, not a prefix
    guards = LoadGuards(max_shrink=max_shrink)
    if max_shrink < 0.06:
        with pytest.raises(ListFormatError, match="more than the"):
            check_new_version(snapshot(keeps), active(), guards)
    else:
        check_new_version(snapshot(keeps), active(), guards)


def test_allow_shrink_loads_any_shrink() -> None:
    check_new_version(snapshot(ACTIVE_ENTITIES[:3]), active(), LoadGuards(allow_shrink=True))


@pytest.mark.parametrize("kept", [99, 95, 91])
def test_the_first_entities_of_the_active_version_and_nothing_else_look_cut_short(
    kept: int,
) -> None:
    assert refusal(snapshot(ACTIVE_ENTITIES[:kept])) == (
        f"/lists/new.xml: un_sc holds only the first {kept} of the 100 entities of the active "
        "version, in the same order: the file looks cut short, so it was not loaded. Download "
        "it again. If the list really lost these entries or data, load it with "
        "--allow-shrink. Version 2026-02-27 stays active."
    )


def test_a_cut_that_shortened_the_last_entity_still_looks_cut_short() -> None:
    cut = [*ACTIVE_ENTITIES[:94], replace(ACTIVE_ENTITIES[94], names=("Ri Ch",))]
    assert "looks cut short" in refusal(snapshot(cut))


def test_a_last_entity_that_lost_data_and_nothing_else_looks_cut_short() -> None:
    with_address = replace(ACTIVE_ENTITIES[-1], addresses=("Pyongyang", "Dandong, China"))
    active_list = ActiveList(
        "2026-02-27",
        [e.id for e in ACTIVE_ENTITIES],
        lambda: iter([*ACTIVE_ENTITIES[:-1], with_address]),
    )
    lost_address = replace(with_address, addresses=("Pyongyang",))  # its last row cut
    lost_letters = replace(with_address, addresses=("Pyongyang", "Dandong, Ch"))
    for last in (lost_address, lost_letters):
        with pytest.raises(ListFormatError) as caught:
            check_new_version(snapshot([*ACTIVE_ENTITIES[:-1], last]), active_list)
        assert str(caught.value).startswith(
            "/lists/new.xml: un_sc differs from the active version only by data missing from "
            "its last entity (KPi.099): the file looks cut short, so it was not loaded."
        )
    amended = replace(with_address, addresses=("Pyongyang", "Dandong, China", "Sinuiju"))
    for last in (with_address, amended):  # the same list again, or a real amendment
        check_new_version(snapshot([*ACTIVE_ENTITIES[:-1], last]), active_list)


def test_a_real_update_that_drops_the_last_entries_and_amends_another_loads() -> None:
    amended = [*ACTIVE_ENTITIES[:20], person(20, alias="Ri Chol-ung"), *ACTIVE_ENTITIES[21:95]]
    check_new_version(snapshot(amended), active())
    with pytest.raises(ListFormatError, match="looks cut short"):
        # compared by id alone (no entities to read), the same file looks cut short
        check_new_version(snapshot(amended), active(with_entities=False))


def test_a_real_update_that_drops_the_last_entries_and_adds_one_loads() -> None:
    check_new_version(snapshot([*ACTIVE_ENTITIES[:95], person(500)]), active())


def test_a_first_load_has_nothing_to_shrink_from() -> None:
    check_new_version(snapshot(ACTIVE_ENTITIES[:1]), None)
