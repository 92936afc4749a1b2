"""List deltas by meaning: `diff_entities`, `diff_list` and the real UN update."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import NotFoundError
from yalu.formats import read_list
from yalu.models.screening import Entity, Identifier
from yalu.screening.diff import (
    compare_entities,
    diff_list,
    entity_fingerprint,
    resolve_version,
)
from yalu.screening.ingest import ingest
from yalu.screening.store import Store

SMALL = FIXTURES / "lists" / "monitor"

PERSON = Entity(
    id="KPi.1",
    schema="Person",
    names=("KIM CHOL", "Kim Cheol", "김철"),
    source="un_sc",
    source_version="2025-01-01",
    birth_dates=("1970-01-02", "1971"),
    identifiers=(Identifier("passport", "PD 12-345", "kp"),),
    programs=("DPRK", "1718"),
    addresses=("Pyongyang, North Korea",),
    notes="Official of the Munitions Industry Department.",
)


def test_whitespace_order_case_and_version_are_not_changes() -> None:
    same = replace(
        PERSON,
        source_version="2026-02-27",
        names=("KIM  CHOL", "김철", "KIM CHEOL"),
        birth_dates=("1971", "1970-01-02"),
        identifiers=(Identifier("passport", "PD12345", "kp"),),
        programs=("1718", "DPRK"),
        notes="Official of the Munitions\n   Industry Department. ",
    )
    assert compare_entities(PERSON, same) == ()
    assert entity_fingerprint(PERSON) == entity_fingerprint(same)


@pytest.mark.parametrize(
    ("changed", "field", "added", "removed"),
    [
        ({"birth_dates": ("1970-01-02",)}, "birth_dates", (), ("1971",)),
        ({"names": ("KIM CHOL", "Kim Cheol", "김철", "Kim Chul")}, "aliases", ("Kim Chul",), ()),
        ({"names": ("KIM CHOL SU", "Kim Cheol", "김철")}, "name", ("KIM CHOL SU",), ("KIM CHOL",)),
        ({"programs": ("DPRK",)}, "programs", (), ("1718",)),
        ({"addresses": ("Nampo",)}, "addresses", ("Nampo",), ("Pyongyang, North Korea",)),
        (
            {"identifiers": (Identifier("passport", "PD 99", "kp"),)},
            "identifiers",
            ("passport PD99 kp",),
            ("passport PD12345 kp",),
        ),
        ({"schema": "Organization"}, "schema", ("Organization",), ("Person",)),
    ],
)
def test_each_field_change_is_named_with_what_it_gained_and_lost(
    changed: dict[str, object], field: str, added: tuple[str, ...], removed: tuple[str, ...]
) -> None:
    (change,) = compare_entities(PERSON, replace(PERSON, **changed))  # type: ignore[arg-type]
    assert (change.field, change.added, change.removed) == (field, added, removed)
    assert entity_fingerprint(PERSON) != entity_fingerprint(replace(PERSON, **changed))  # type: ignore[arg-type]


def test_small_list_versions_diff_to_one_added_one_removed_one_changed(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    ingest(read_list(SMALL / "un_small_v2.xml"), store)
    found = diff_list(store, "un_sc")
    assert [e.entity_id for e in found.added] == ["KPi.914"]
    assert [e.entity_id for e in found.removed] == ["KPi.913"]
    assert [(c.entity_id, c.fields) for c in found.changed] == [("KPi.911", ("birth_dates",))]
    data = found.to_json()
    assert data["from"] == "2025-01-10T00:00:00.000Z"
    assert data["to"] == "2025-03-14T00:00:00.000Z"
    assert data["changed"][0]["changes"] == {
        "birth_dates": {"added": ["1976-04-12"], "removed": []}
    }
    # Backwards, by short version names, the same changes read the other way round.
    back = diff_list(store, "un_sc", from_text="2025-03-14", to_text="2025-01-10")
    assert [e.entity_id for e in back.added] == ["KPi.913"]
    assert [e.entity_id for e in back.removed] == ["KPi.914"]


def test_first_version_diffs_as_everything_added(store: Store) -> None:
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    found = diff_list(store, "un_sc")
    assert found.from_version is None
    assert [e.entity_id for e in found.added] == ["KPe.912", "KPi.911", "KPi.913"]


def test_unknown_list_and_version_are_one_line_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="was never loaded"):
        diff_list(store, "eu_fsf")
    ingest(read_list(SMALL / "un_small_v1.xml"), store)
    with pytest.raises(NotFoundError, match="has no version '1999-01-01'"):
        resolve_version(store, "un_sc", "1999-01-01")


def _raw_entries(path: Path) -> dict[str, bytes]:
    root = ET.parse(path).getroot()
    entries = [*root.iterfind("INDIVIDUALS/INDIVIDUAL"), *root.iterfind("ENTITIES/ENTITY")]
    return {(e.findtext("REFERENCE_NUMBER") or "").strip(): ET.tostring(e) for e in entries}


@pytest.mark.shared_data
def test_real_un_update_has_6_removed_130_added_and_far_fewer_changes_than_raw_xml(
    shared_data: Path, store: Store
) -> None:
    old = shared_data / "lists" / "un_consolidated_2024-11-30.xml"
    new = shared_data / "lists" / "UN_consolidated.xml"
    ingest(read_list(old), store)
    ingest(read_list(new), store)
    found = diff_list(store, "un_sc")
    assert [e.entity_id for e in found.removed] == [
        "IQi.074",
        "LYi.020",
        "QDi.095",
        "QDi.317",
        "QDi.328",
        "QDi.336",
    ]
    assert len(found.added) == 130
    before, after = _raw_entries(old), _raw_entries(new)
    raw_differs = sum(before[key] != after[key] for key in before.keys() & after.keys())
    assert raw_differs == 873  # every entry in both files differs as XML text
    assert 0 < len(found.changed) < raw_differs / 4
    assert {"birth_dates", "aliases"} <= {f for c in found.changed for f in c.fields}
