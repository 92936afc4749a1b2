"""Read yalu's plain CSV list: an in-house watch list anyone can write in a spreadsheet.

Columns (header required, any order, case-insensitive; only `name` is required):

| column          | meaning                                                          |
|-----------------|------------------------------------------------------------------|
| name            | primary name (required, non-empty)                               |
| id              | your id; default: the data row number ("1", "2", ...)            |
| schema          | Person, Organization, Company, Vessel, Aircraft or LegalEntity;  |
|                 | default: Vessel when imo_number is set, else LegalEntity         |
| aliases         | other names, separated by `;`                                    |
| birth_date      | "1984", "1984-01-08", "08 Jan 1984"                              |
| nationality     | country name or code ("North Korea", "KP", "PRK")                |
| country         | country name or code                                             |
| imo_number      | ship IMO number                                                  |
| passport_number | passport number                                                  |

Text is UTF-8 (a spreadsheet's "CSV UTF-8"), decoded strictly. Cells are separated by
commas; a header with no comma but semicolons or tabs (as some spreadsheet locales save)
sets that separator instead. Source is the file name without
extension ("watchlist" for watchlist.csv); version is the file's modification date.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from yalu.core.countries import to_country_code
from yalu.core.errors import ListFormatError
from yalu.formats.dates import parse_dates
from yalu.formats.input_file import (
    iter_csv_rows,
    iter_records,
    make_snapshot,
    read_header,
    read_text,
    unique,
)
from yalu.models.screening import SCHEMAS, Entity, Identifier, ListSnapshot, Schema

COLUMNS = (
    "name",
    "id",
    "schema",
    "aliases",
    "birth_date",
    "nationality",
    "country",
    "imo_number",
    "passport_number",
)
_SCHEMA_BY_LOWER = {schema.lower(): schema for schema in SCHEMAS}


def read_plain_csv(path: Path) -> ListSnapshot:
    """Read a plain CSV list (see the module docstring for its columns).

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the file is not UTF-8, no `name` column, a row with the wrong
            number of cells or repeating the header or another row, an empty name, an
            unknown schema, country or date, or no rows; the message names the file, the
            line and the fix.
    """
    text = read_text(path)
    rows = iter_csv_rows(text, path, delimiter=sniff_delimiter(text.lstrip().split("\n", 1)[0]))
    columns = read_header(
        rows,
        path,
        required=("name",),
        problem="no 'name' column in the header",
        hint="Make the first line a header with a name column, e.g. name,aliases,country",
    )
    source = path.stem.lower() or "csv"
    entities: list[Entity] = []
    records = iter_records(
        rows,
        columns,
        path,
        expected="cells as in the header",
        hint="Quote cells that contain commas",
    )
    seen: dict[tuple[str, ...], int] = {}
    for row_number, (line, record) in enumerate(records, start=1):
        _check_not_repeated(record, seen, path, line)
        entity = _read_row(record, path, line, str(row_number))
        entities.append(replace(entity, source=source))
    return make_snapshot(source=source, entities=entities, path=path, format="csv")


def _check_not_repeated(
    record: dict[str, str], seen: dict[tuple[str, ...], int], path: Path, line: int
) -> None:
    """Refuse a row that repeats the header or an earlier row (a pasted or doubled line)."""
    cells = tuple(record.values())
    if tuple(cell.lower() for cell in cells) == tuple(record):
        raise ListFormatError(
            "the row repeats the header", path=path, line=line, hint="Delete the row"
        )
    if cells in seen:
        raise ListFormatError(
            f"the row repeats line {seen[cells]}",
            path=path,
            line=line,
            hint="Delete one of the two rows",
        )
    seen[cells] = line


def sniff_delimiter(header: str) -> str:
    """Return the cell separator of a header line: ",", else ";" or a tab if only it occurs."""
    if "," in header:
        return ","
    return next((candidate for candidate in (";", "\t") if candidate in header), ",")


def _read_row(record: dict[str, str], path: Path, line: int, default_id: str) -> Entity:
    """Turn one row into an Entity, raising ListFormatError naming the line."""
    name = record["name"]
    if not name:
        raise ListFormatError(
            "the name is empty", path=path, line=line, column="name", hint="Fill in a name"
        )
    imo = record.get("imo_number", "")
    passport = record.get("passport_number", "")
    identifiers = [Identifier("imo", imo)] if imo else []
    if passport:
        identifiers.append(Identifier("passport", passport))
    birth = record.get("birth_date", "")
    birth_dates = parse_dates(birth) if birth else ()
    if birth and not birth_dates:
        raise ListFormatError(
            f"birth date {birth!r} is not a date",
            path=path,
            line=line,
            column="birth_date",
            hint="Write 1984, 1984-01 or 1984-01-08",
        )
    return Entity(
        id=record.get("id") or default_id,
        schema=_schema(record.get("schema", ""), bool(imo), path, line),
        names=unique([name, *(alias.strip() for alias in record.get("aliases", "").split(";"))]),
        source="",
        birth_dates=birth_dates,
        nationalities=_countries(record, "nationality", path, line),
        countries=_countries(record, "country", path, line),
        identifiers=tuple(identifiers),
    )


def _schema(value: str, has_imo: bool, path: Path, line: int) -> Schema:
    """Return the schema named in a cell (default by IMO number)."""
    if not value:
        return "Vessel" if has_imo else "LegalEntity"
    schema = _SCHEMA_BY_LOWER.get(value.lower())
    if schema is None:
        raise ListFormatError(
            f"unknown schema {value!r}",
            path=path,
            line=line,
            column="schema",
            hint=f"Use one of {', '.join(SCHEMAS)}, or leave it empty",
        )
    return schema  # type: ignore[return-value]


def _countries(record: dict[str, str], column: str, path: Path, line: int) -> tuple[str, ...]:
    """Return the ISO codes of a `;`-separated country cell."""
    codes: list[str] = []
    for value in record.get(column, "").split(";"):
        if not value.strip():
            continue
        code = to_country_code(value)
        if code is None:
            raise ListFormatError(
                f"unknown country {value.strip()!r}",
                path=path,
                line=line,
                column=column,
                hint="Write a country name or ISO code, e.g. North Korea or KP",
            )
        codes.append(code)
    return unique(codes)
