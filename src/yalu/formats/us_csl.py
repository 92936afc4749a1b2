"""Read the US Consolidated Screening List (CSV export of trade.gov).

One row per list entry, with a header; multi-valued cells are separated by `; `:

- type "Individual" -> Person, "Entity" -> Organization, "Vessel" -> Vessel; rows with no
  type (BIS lists) are guessed from the name (`yalu.formats.schema_guess`).
- id: `_id`, prefixed by the short list name when two lists share it ("SSI:17014").
- names: `name` then `alt_names`, each split where it holds an alias (`Ri Sung Chol (aka
  Ri Su'ng-ch'o'l)`, see `yalu.formats.aka`); person names lose OFAC's surname comma.
- programs: `programs` plus the short list name from `source` ("SDN", "EL", "DPL").
- `ids` cells read "Passport, 472234895, KP" or "Vessel Registration Identification, IMO
  7406784"; known kinds become identifiers with their country.
- countries: the trailing code of each address and `vessel_flag`.
- listed_on: `start_date`. Version: the latest `start_date`, or the file's modification
  date when no row has one.

Text is UTF-8 (as trade.gov publishes it), decoded strictly. A repeated header row (some
exports have one) is skipped; a row with the wrong number of cells (a truncated file)
raises ListFormatError with its line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from yalu.core.countries import US_STATES, to_country_code
from yalu.formats.aka import split_aka
from yalu.formats.dates import latest_date, parse_date, parse_dates
from yalu.formats.input_file import (
    TRUNCATED_DOWNLOAD,
    iter_csv_rows,
    iter_records,
    make_snapshot,
    read_header,
    read_text,
    unique,
)
from yalu.formats.ofac_csv import to_person_name
from yalu.formats.ofac_remarks import parse_identifier
from yalu.formats.schema_guess import guess_schema
from yalu.models.screening import Entity, Identifier, ListSnapshot, Schema

SOURCE = "us_csl"
REQUIRED_COLUMNS = ("_id", "source", "type", "name")
_TYPES: dict[str, Schema] = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
}
_LEADING_AND = re.compile(r"^and\s+", re.IGNORECASE)
_LIST_ABBREVIATION = re.compile(r"\(([^)]+)\)")


def read_us_csl(path: Path) -> ListSnapshot:
    """Read a Consolidated Screening List CSV file.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the file is not UTF-8, a required column is missing, a row has
            the wrong number of cells, or there are no rows.
    """
    rows = iter_csv_rows(read_text(path), path)
    columns = read_header(
        rows,
        path,
        required=REQUIRED_COLUMNS,
        hint="A CSL export starts with the header _id,source,entity_number,type,...,name",
    )
    entities: list[tuple[str, Entity]] = []
    for _, record in iter_records(rows, columns, path, hint=TRUNCATED_DOWNLOAD):
        if record["_id"] == "_id":
            continue
        entities.append(_read_row(record))
    found = _unique_ids(entities)
    starts = [entity.listed_on for entity in found if entity.listed_on]
    return make_snapshot(source=SOURCE, entities=found, path=path, newest_entry=latest_date(starts))


def _split(cell: str) -> list[str]:
    """Split a `; `-separated cell into stripped values."""
    return [value.strip() for value in cell.split(";") if value.strip()]


def _alt_names(cell: str) -> list[str]:
    """Split `alt_names`, dropping the `and` that opens the last of an enumeration.

    Entity List rows enumerate related names as prose (`...; and Beijing Power Machinery
    Institute`); the name is what follows the `and`. Inner runs of spaces become one.
    """
    return [" ".join(_LEADING_AND.sub("", value).split()) for value in _split(cell)]


def _read_row(record: dict[str, str]) -> tuple[str, Entity]:
    """Turn one CSL row into (short list name, Entity)."""
    name = record["name"].strip()
    schema = _TYPES.get(record["type"].strip().lower()) or guess_schema(name)
    cells = [name, *_alt_names(record.get("alt_names") or "")]
    names = [part for cell in cells for part in split_aka(cell)]
    if schema == "Person":
        names = [to_person_name(value) for value in names]
    list_name = record["source"].strip()
    abbreviation = _LIST_ABBREVIATION.search(list_name)
    short_name = abbreviation.group(1) if abbreviation else list_name
    programs = [*_split(record.get("programs", "")), short_name]
    addresses = _split(record.get("addresses", ""))
    countries = [_address_country(address) for address in addresses]
    countries.append(to_country_code(record.get("vessel_flag", "")) or "")
    births = [
        date for text in _split(record.get("dates_of_birth", "")) for date in parse_dates(text)
    ]
    nationalities = [
        to_country_code(value) or ""
        for column in ("nationalities", "citizenships")
        for value in _split(record.get(column, ""))
    ]
    notes = "; ".join(
        part for part in (record.get("title", ""), record.get("remarks", "")) if part.strip()
    )
    return short_name, Entity(
        id=record["_id"].strip() or record.get("entity_number", "").strip() or name,
        schema=schema,
        names=unique(names),
        source=SOURCE,
        birth_dates=unique(births),
        nationalities=unique(nationalities),
        countries=unique(countries),
        addresses=unique(addresses),
        identifiers=_identifiers(record.get("ids", "")),
        programs=unique(programs),
        listed_on=parse_date(record.get("start_date", "")) if record.get("start_date") else None,
        notes=notes,
    )


def _address_country(address: str) -> str:
    """Return the ISO code ending an address, "us" for "..., TX, 79905", else ""."""
    parts = [part.strip() for part in address.split(",")]
    code = to_country_code(parts[-1])
    if code is None and len(parts) > 1 and parts[-1].isdigit() and parts[-2] in US_STATES:
        code = "us"
    return code or ""


def _identifiers(cell: str) -> tuple[Identifier, ...]:
    """Parse an `ids` cell: "Passport, 472234895, KP; MMSI, 445123000"."""
    identifiers: list[Identifier] = []
    for item in _split(cell):
        parts = [part.strip() for part in item.split(", ")]
        if len(parts) < 2:
            continue
        country = to_country_code(parts[-1]) if len(parts) > 2 and len(parts[-1]) == 2 else None
        value = ", ".join(parts[1:-1] if country else parts[1:])
        identifier = parse_identifier(f"{parts[0]} {value}")
        if identifier is not None:
            identifiers.append(replace(identifier, country=country or identifier.country))
    return tuple(dict.fromkeys(identifiers))


def _unique_ids(entities: list[tuple[str, Entity]]) -> list[Entity]:
    """Prefix ids that several lists share with the list's short name ("SSI:17014")."""
    counts = Counter(entity.id for _, entity in entities)
    return [
        replace(entity, id=f"{short_name}:{entity.id}") if counts[entity.id] > 1 else entity
        for short_name, entity in entities
    ]
