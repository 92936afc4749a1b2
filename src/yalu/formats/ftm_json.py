"""Read and write FollowTheMoney (FtM) entity JSON lines, as OpenSanctions publishes.

Each line is `{"id", "schema", "properties": {prop: [values]}, "datasets": [...]}`.
Entity fields map to FtM properties as follows (written only where the FtM schema has the
property, so the output validates against the FtM model):

| Entity                  | FtM property                                        |
|-------------------------|-----------------------------------------------------|
| names                   | name (first), alias (rest)                          |
| weak_aliases            | weakAlias                                           |
| birth_dates             | birthDate (Person)                                  |
| nationalities           | nationality (Person)                                |
| countries               | country                                             |
| addresses               | address                                             |
| identifiers             | imoNumber, passportNumber, idNumber (national_id,   |
|                         | other), registrationNumber, taxNumber, swiftBic, mmsi |
| programs                | program                                             |
| listed_on               | createdAt (read: also listingDate)                  |
| notes                   | notes                                               |
| (always)                | topics = ["sanction"]                               |
| source, source_version  | "datasets": [source], "source_version" (top-level)  |

Schema "Aircraft" is FtM "Airplane". Identifier countries are not written (FtM keeps them
on separate Passport/Identification entities). Reading skips entities whose schema is not
a list target (Sanction, Address, Identification, ...) and needs no FtM install.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from yalu.core.errors import InputError, ListFormatError
from yalu.formats.input_file import TRUNCATED_HINT, make_snapshot, read_text
from yalu.formats.input_file import unique as _unique
from yalu.models.screening import SCHEMAS, Entity, Identifier, IdentifierKind, ListSnapshot

logger = logging.getLogger(__name__)

_TO_FTM_SCHEMA = {"Aircraft": "Airplane"}
_FROM_FTM_SCHEMA = {"Airplane": "Aircraft", "PublicBody": "Organization"}
_IDENTIFIER_PROPERTIES: dict[IdentifierKind, str] = {
    "imo": "imoNumber",
    "passport": "passportNumber",
    "national_id": "idNumber",
    "registration": "registrationNumber",
    "tax": "taxNumber",
    "swift": "swiftBic",
    "mmsi": "mmsi",
    "other": "idNumber",
}
_PERSON_ONLY = {"birthDate", "nationality", "passportNumber"}
_NOT_ON: dict[str, set[str]] = {
    "Person": {"imoNumber", "mmsi"},
    "Organization": {*_PERSON_ONLY, "mmsi"},
    "Company": {*_PERSON_ONLY, "mmsi"},
    "LegalEntity": {*_PERSON_ONLY, "imoNumber", "mmsi"},
    "Vessel": {*_PERSON_ONLY, "idNumber", "taxNumber", "swiftBic"},
    "Aircraft": {*_PERSON_ONLY, "imoNumber", "mmsi", "idNumber", "taxNumber", "swiftBic"},
}
"""Properties the FtM schema lacks; their values are not written (see `to_ftm_dict`)."""


def to_ftm_dict(entity: Entity) -> dict[str, object]:
    """Return the FtM JSON object of an entity (properties the schema lacks are left out)."""
    values: dict[str, list[str]] = {
        "name": list(entity.names[:1]),
        "alias": list(entity.names[1:]),
        "weakAlias": list(entity.weak_aliases),
        "birthDate": list(entity.birth_dates),
        "nationality": list(entity.nationalities),
        "country": list(entity.countries),
        "address": list(entity.addresses),
        "program": list(entity.programs),
        "createdAt": [entity.listed_on] if entity.listed_on else [],
        "notes": [entity.notes] if entity.notes else [],
        "topics": ["sanction"],
    }
    for identifier in entity.identifiers:
        values.setdefault(_IDENTIFIER_PROPERTIES[identifier.kind], []).append(identifier.value)
    skipped = _NOT_ON[entity.schema]
    properties = {key: value for key, value in values.items() if value and key not in skipped}
    return {
        "id": entity.id,
        "schema": _TO_FTM_SCHEMA.get(entity.schema, entity.schema),
        "properties": properties,
        "datasets": [entity.source],
        "source_version": entity.source_version,
    }


def write_ftm_json(entities: Iterable[Entity], path_or_stream: str | Path | TextIO) -> int:
    """Write entities as FtM JSON lines to a file path or an open text stream.

    Returns:
        The number of entities written.

    Raises:
        InputError: the file cannot be written.
    """
    if isinstance(path_or_stream, str | Path):
        path = Path(path_or_stream)
        try:
            with path.open("w", encoding="utf-8", newline="\n") as stream:
                return _write_lines(entities, stream)
        except OSError as exc:
            raise InputError(f"cannot write the file ({exc.strerror})", path=path) from exc
    return _write_lines(entities, path_or_stream)


def _write_lines(entities: Iterable[Entity], stream: TextIO) -> int:
    """Write one JSON object per line; return how many."""
    count = 0
    for entity in entities:
        stream.write(json.dumps(to_ftm_dict(entity), ensure_ascii=False) + "\n")
        count += 1
    return count


def read_ftm_json(path: Path) -> ListSnapshot:
    """Read FtM entity JSON lines, keeping the entities a list screens against.

    Kept: Person, Organization, Company, Vessel, Airplane, LegalEntity, and PublicBody (as
    Organization); other schemas (Sanction, Address, ...) are skipped.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the file is not UTF-8 (as JSON must be), a line is not a JSON
            entity object, or no target entity is found.
    """
    entities: list[Entity] = []
    # Split on "\n" only: str.splitlines() would also split inside values at U+0085/U+2028.
    for line_number, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        data = _parse_line(line, path, line_number)
        schema = _FROM_FTM_SCHEMA.get(str(data["schema"]), str(data["schema"]))
        if schema not in SCHEMAS:
            continue
        entity = _from_ftm_dict(data, schema, path, line_number)
        if entity.names:
            entities.append(entity)
        else:
            logger.info("%s:%d: entity %s has no name; skipped", path, line_number, entity.id)
    versions = [entity.source_version for entity in entities if entity.source_version]
    sources = _unique(entity.source for entity in entities)
    return make_snapshot(
        source=sources[0] if len(sources) == 1 else "ftm",
        entities=entities,
        path=path,
        published=max(versions, default=""),
        format="ftm_json",
    )


def _parse_line(line: str, path: Path, line_number: int) -> dict[str, object]:
    """Parse and check one JSON line."""
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise ListFormatError(
            f"not valid JSON ({exc})", path=path, line=line_number, hint=TRUNCATED_HINT
        ) from exc
    if not (
        isinstance(data, dict)
        and isinstance(data.get("schema"), str)
        and isinstance(data.get("properties"), dict)
        and data.get("id")
    ):
        raise ListFormatError(
            "not an FtM entity",
            path=path,
            line=line_number,
            hint='Each line needs "id", "schema" and "properties"',
        )
    return data


def _from_ftm_dict(data: dict[str, object], schema: str, path: Path, line: int) -> Entity:
    """Turn one FtM object into an Entity."""
    properties = data["properties"]
    assert isinstance(properties, dict)

    def values(*names: str) -> list[str]:
        found: list[str] = []
        for name in names:
            raw = properties.get(name, [])
            if not isinstance(raw, list):
                raise ListFormatError(
                    f"property {name!r} is not a list", path=path, line=line, hint=TRUNCATED_HINT
                )
            found.extend(str(value) for value in raw)
        return found

    identifiers = [
        Identifier(kind, value)
        for kind, prop in _IDENTIFIER_PROPERTIES.items()
        if kind != "other"
        for value in values(prop)
    ]
    datasets = data.get("datasets")
    source = str(datasets[0]) if isinstance(datasets, list) and datasets else "ftm"
    listed = values("createdAt", "listingDate")
    return Entity(
        id=str(data["id"]),
        schema=schema,  # type: ignore[arg-type]
        names=_unique([*values("name"), *values("alias")]),
        source=source,
        source_version=str(data.get("source_version") or ""),
        weak_aliases=_unique(values("weakAlias")),
        birth_dates=_unique(values("birthDate")),
        nationalities=_unique(value.lower() for value in values("nationality", "citizenship")),
        countries=_unique(value.lower() for value in values("country", "jurisdiction", "flag")),
        addresses=_unique(values("address")),
        identifiers=tuple(dict.fromkeys(identifiers)),
        programs=_unique(values("program")),
        listed_on=listed[0] if listed else None,
        notes="\n".join(values("notes")),
    )
