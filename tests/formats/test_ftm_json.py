import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURES
from yalu.core.errors import InputError, ListFormatError
from yalu.formats import read_list, write_ftm_json
from yalu.formats.ftm_json import read_ftm_json, to_ftm_dict
from yalu.models.screening import Entity, Identifier, IdentifierKind

LISTS = FIXTURES / "lists"

_KINDS: dict[str, tuple[IdentifierKind, ...]] = {
    "Person": ("passport", "national_id", "registration", "tax", "swift"),
    "Organization": ("imo", "national_id", "registration", "tax", "swift"),
    "Company": ("imo", "national_id", "registration", "tax", "swift"),
    "LegalEntity": ("national_id", "registration", "tax", "swift"),
    "Vessel": ("imo", "registration", "mmsi"),
    "Aircraft": ("registration",),
}
"""Identifier kinds each FtM schema holds (see the mapping in yalu.formats.ftm_json)."""

_texts = st.text(min_size=1, max_size=20)
_codes = st.sampled_from(["kp", "cn", "ru", "kr", "ae", "us"])
_dates = st.dates().map(str) | st.integers(1900, 2020).map(str)


def _unique_tuple(elements: st.SearchStrategy[str], **kwargs: int) -> st.SearchStrategy:
    return st.lists(elements, unique=True, **kwargs).map(tuple)


@st.composite
def entities(draw: st.DrawFn) -> Entity:
    schema = draw(st.sampled_from(sorted(_KINDS)))
    is_person = schema == "Person"
    kinds = _KINDS[schema]
    identifiers = draw(
        st.lists(
            st.builds(Identifier, st.sampled_from(kinds), _texts),
            unique_by=lambda i: (i.kind, i.value),
            max_size=4,
        )
    )
    return Entity(
        id=draw(_texts),
        schema=schema,  # type: ignore[arg-type]
        names=draw(_unique_tuple(_texts, min_size=1, max_size=4)),
        source=draw(_texts),
        source_version=draw(st.sampled_from(["2024-05-01", "v7"])),
        weak_aliases=draw(_unique_tuple(_texts, max_size=2)),
        birth_dates=draw(_unique_tuple(_dates, max_size=3)) if is_person else (),
        nationalities=draw(_unique_tuple(_codes, max_size=2)) if is_person else (),
        countries=draw(_unique_tuple(_codes, max_size=2)),
        addresses=draw(_unique_tuple(_texts, max_size=2)),
        identifiers=tuple(identifiers),
        programs=draw(_unique_tuple(_texts, max_size=3)),
        listed_on=draw(st.none() | _dates),
        notes=draw(st.text(max_size=40)),
    )


def _comparable(entity: Entity) -> tuple[object, ...]:
    """Entity fields, identifiers as a set (FtM groups them by property)."""
    return (
        entity.id,
        entity.schema,
        entity.names,
        entity.source,
        entity.source_version,
        entity.weak_aliases,
        entity.birth_dates,
        entity.nationalities,
        entity.countries,
        entity.addresses,
        frozenset(entity.identifiers),
        entity.programs,
        entity.listed_on,
        entity.notes,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(entities(), min_size=1, max_size=4, unique_by=lambda e: e.id))
def test_entities_survive_write_then_read(
    tmp_path_factory: pytest.TempPathFactory, batch: list[Entity]
) -> None:
    path = tmp_path_factory.mktemp("ftm") / "out.ftm.json"
    assert write_ftm_json(batch, path) == len(batch)
    read_back = read_ftm_json(path).entities
    assert [_comparable(e) for e in read_back] == [_comparable(e) for e in batch]


def test_written_fixture_entities_validate_against_the_ftm_model() -> None:
    from followthemoney import model

    for name in ("un_three.xml", "ofac_sdn", "csl_small.csv", "plain.csv"):
        for entity in read_list(LISTS / name).entities:
            data = to_ftm_dict(entity)
            schema = model.get(str(data["schema"]))
            assert schema is not None, data["schema"]
            properties = data["properties"]
            assert isinstance(properties, dict)
            assert set(properties) <= set(schema.properties), (schema.name, set(properties))
            proxy = model.get_proxy(data, cleaned=False)
            assert proxy.get("name")
            assert proxy.get("topics") == ["sanction"]


@settings(max_examples=40, deadline=None)
@given(entities())
def test_generated_entities_use_only_properties_their_ftm_schema_has(entity: Entity) -> None:
    from followthemoney import model

    data = to_ftm_dict(entity)
    schema = model.get(str(data["schema"]))
    assert schema is not None
    assert set(data["properties"]) <= set(schema.properties)  # type: ignore[arg-type]


def test_write_to_stream_gives_one_json_object_per_line() -> None:
    snapshot = read_list(LISTS / "un_three.xml")
    stream = io.StringIO()
    write_ftm_json(snapshot.entities, stream)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first["properties"]["alias"] == ["Ri Chol-ung", "리철웅"]
    assert first["properties"]["weakAlias"] == ["Mr Ri"]
    assert first["properties"]["passportNumber"] == ["654310175"]
    assert json.loads(lines[2])["properties"]["imoNumber"] == ["9066978"]


def test_reading_skips_non_target_schemas_and_maps_flag_to_country() -> None:
    snapshot = read_ftm_json(LISTS / "entities.ftm.json")
    assert [entity.id for entity in snapshot.entities] == ["kp-ri-chol-ung", "kp-paek-ma"]
    ship = snapshot.entities[1]
    assert (ship.schema, ship.countries, ship.listed_on) == ("Vessel", ("kp",), "2018-03-30")
    assert ship.source_version == "2024-05-01"


def test_aircraft_is_written_as_ftm_airplane() -> None:
    plane = Entity(id="a1", schema="Aircraft", names=("EP-ABC",), source="ofac_sdn")
    assert to_ftm_dict(plane)["schema"] == "Airplane"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "schema": "Person"', r"x.json:2: not valid JSON"),
        ('{"id": "x", "schema": "Person"}', r"x.json:2: not an FtM entity. Each line needs"),
        ('{"id": "x", "schema": "Person", "properties": {"name": "Kim"}}', r"x.json:2: property"),
    ],
)
def test_malformed_lines_name_their_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "x.json"
    good = (LISTS / "entities.ftm.json").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match=message):
        read_ftm_json(path)


def test_file_of_only_non_target_entities_has_no_entries(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"id": "s", "schema": "Sanction", "properties": {}}\n')
    with pytest.raises(ListFormatError, match="no entries found"):
        read_ftm_json(path)


def test_unwritable_target_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write the file"):
        write_ftm_json([], tmp_path / "missing-dir" / "out.json")
