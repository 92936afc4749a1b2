"""Read the BIS Denied Persons List (tab-separated, quoted, with a header).

Header: Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation.

- The list prints one row per address; rows with the same Name and Effective_Date are one
  entity with several addresses.
- The list gives no entry type: each is a Person or an Organization by
  `yalu.formats.schema_guess.guess_schema` (legal-form and business words, digits).
- id: "dpl-" + the first 12 hex digits of SHA-1 over "NAME|EFFECTIVE_DATE" (upper case),
  stable across snapshots while the entry is unchanged (Standard_Order is only Y/N).
- names: the Name, the names it holds around "A/K/A" or "(A.K.A. ...)"
  (`yalu.formats.aka`), and each one's parts outside/inside a trailing parenthesis
  ("GE SONG TAO (GE)" -> "GE SONG TAO").
- countries: Country as ISO alpha-2; an empty Country with a US state code means "us".
- listed_on: Effective_Date; version: the latest Last_Update.
- A repeated header row is skipped.
- Text is UTF-8, or Windows-1252 when the file is not UTF-8 (BIS's older exports), decoded
  strictly: a byte that fits neither is refused naming its line and byte offset.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from yalu.core.countries import US_STATES, to_country_code
from yalu.formats.aka import split_aka
from yalu.formats.dates import latest_date, parse_date
from yalu.formats.input_file import (
    TRUNCATED_DOWNLOAD,
    iter_csv_rows,
    iter_records,
    make_snapshot,
    read_header,
    read_text,
    unique,
)
from yalu.formats.schema_guess import guess_schema
from yalu.models.screening import Entity, ListSnapshot

SOURCE = "bis_dpl"
COLUMNS = (
    "name",
    "street_address",
    "city",
    "state",
    "country",
    "postal_code",
    "effective_date",
    "expiration_date",
    "standard_order",
    "last_update",
    "action",
    "fr_citation",
)
_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")


def read_bis_dpl(path: Path) -> ListSnapshot:
    """Read a BIS Denied Persons List file.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the file is not UTF-8 or Windows-1252 text, the header lacks a
            column, a row has the wrong number of cells, or there are no rows.
    """
    rows = iter_csv_rows(read_text(path, legacy="cp1252"), path, delimiter="\t")
    columns = read_header(
        rows,
        path,
        required=COLUMNS,
        hint="A DPL file starts with the tab-separated header Name, Street_Address, ...",
    )
    merged: dict[str, Entity] = {}
    updates: list[str] = []
    for _, record in iter_records(rows, columns, path, hint=TRUNCATED_DOWNLOAD):
        if record["name"].lower() == "name" and record["last_update"].lower() == "last_update":
            continue  # the header repeated (two exports joined): not an entry
        entity = _read_row(record)
        if entity.id in merged:
            entity = _merge(merged[entity.id], entity)
        merged[entity.id] = entity
        updates.append(parse_date(record["last_update"]) or "")
    return make_snapshot(
        source=SOURCE, entities=list(merged.values()), path=path, newest_entry=latest_date(updates)
    )


def dpl_id(name: str, effective_date: str) -> str:
    """Return the stable id of a DPL entry."""
    key = f"{' '.join(name.upper().split())}|{effective_date.strip()}"
    return "dpl-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def split_names(name: str) -> tuple[str, ...]:
    """Return a DPL name and the names it contains ("A A/K/A B", "LONG NAME (SHORT)").

    `PEARL (A.K.A. NEI-CHIEN CHU) LI` holds `PEARL LI` and `NEI-CHIEN CHU`.
    """
    names = [name]
    for part in split_aka(name):
        names.append(part)
        if match := _PARENTHESIS.match(part):
            names.extend(match.groups())
    return unique(" ".join(value.split()).strip(" ,") for value in names)


def _read_row(record: dict[str, str]) -> Entity:
    """Turn one DPL row into an Entity (one address)."""
    name = " ".join(record["name"].split())
    country = to_country_code(record["country"]) if record["country"] else None
    if country is None and record["state"].upper() in US_STATES:
        country = "us"
    address_parts = ("street_address", "city", "state", "postal_code", "country")
    address = ", ".join(record[part] for part in address_parts if record[part])
    return Entity(
        id=dpl_id(name, record["effective_date"]),
        schema=guess_schema(name),
        names=split_names(name),
        source=SOURCE,
        countries=(country,) if country else (),
        addresses=(address,) if address else (),
        listed_on=parse_date(record["effective_date"]),
        notes="; ".join(part for part in (record["action"], record["fr_citation"]) if part),
    )


def _merge(first: Entity, other: Entity) -> Entity:
    """Return `first` with the addresses and countries of another row of the same entry."""
    return replace(
        first,
        addresses=unique([*first.addresses, *other.addresses]),
        countries=unique([*first.countries, *other.countries]),
    )
