"""Build screening queries from user input: one name with options, or a CSV file of names.

Validation happens here, before any list is loaded, so a typo in a schema, a country or a
CSV header is reported with its file, line and fix.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

from yalu.core.countries import to_country_code
from yalu.core.errors import InputError
from yalu.formats.dates import parse_query_date
from yalu.formats.input_file import decode_text, read_file_bytes
from yalu.models.screening import SCHEMAS, Query, Schema

QUERY_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "schema",
    "birth_date",
    "nationality",
    "country",
    "imo_number",
    "passport_number",
)
"""Columns of a names file that yalu reads; `name` is required, others are carried through."""

MAX_NAME_CHARS = 500
"""Longest name screened by default (the `max_name_chars` setting); the shared lists' longest
has 158 characters, and a very long name costs time in every comparison."""
_SCHEMA_BY_LOWER = {schema.lower(): schema for schema in SCHEMAS}
_SCHEMA_HINT = "Use one of " + ", ".join(SCHEMAS)


def parse_schema(
    value: str | None, *, path: str | None = None, line: int | None = None
) -> Schema | None:
    """Return the schema named by `value` (any case), or None when it is blank.

    Raises:
        InputError: not one of the known schemas.
    """
    if value is None or not value.strip():
        return None
    schema = _SCHEMA_BY_LOWER.get(value.strip().lower())
    if schema is None:
        raise InputError(
            f"unknown schema '{value.strip()}'", path=path, line=line, hint=_SCHEMA_HINT
        )
    return cast(Schema, schema)


def parse_country(
    value: str | None, *, field: str, path: str | None = None, line: int | None = None
) -> str | None:
    """Return the lower-case ISO alpha-2 code of a country name or code, None when blank.

    Raises:
        InputError: the country is not recognised.
    """
    if value is None or not value.strip():
        return None
    code = to_country_code(value.strip())
    if code is None:
        raise InputError(
            f"unknown {field} '{value.strip()}'",
            path=path,
            line=line,
            hint="Use an ISO code such as KP or a name such as 'North Korea'",
        )
    return code


def parse_birth_date(
    value: str | None, *, path: str | None = None, line: int | None = None
) -> str | None:
    """Return a typed birth date as ISO ("1964-05-01", "1964-05", "1964"), None when blank.

    Raises:
        InputError: not a date, not a real day, or ambiguous (01/05/1964), with `path` and
            `line` and the accepted forms; a date is never read in part.
    """
    if value is None or not value.strip():
        return None
    try:
        return parse_query_date(value)
    except InputError as exc:
        raise InputError(
            exc.problem,
            path=path,
            line=line,
            column="birth_date" if line else None,
            hint=exc.hint,
        ) from exc


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """Return `text` with each lone surrogate replaced by U+FFFD (the replacement character)."""
    return _SURROGATE.sub("\ufffd", text)


def has_surrogates(text: str) -> bool:
    """Return True when `text` holds a lone surrogate (an undecodable byte of the input)."""
    return _SURROGATE.search(text) is not None


def make_query(
    name: str,
    *,
    id: str = "",
    schema: str | None = None,
    birth_date: str | None = None,
    nationality: str | None = None,
    country: str | None = None,
    imo_number: str | None = None,
    passport_number: str | None = None,
    extra: tuple[tuple[str, str], ...] = (),
    path: str | None = None,
    line: int | None = None,
    max_name_chars: int = MAX_NAME_CHARS,
) -> Query:
    r"""Return a validated Query; `path` and `line` say where the values came from.

    Lone surrogates (bytes that were not UTF-8, such as a shell's `$'\xff'`) become U+FFFD,
    so every query can be stored in the audit trail and printed.

    A name longer than `max_name_chars` is refused before any other work is done on it.

    Raises:
        InputError: the name is blank or longer than `max_name_chars`, the schema or a
            country is unknown, or the birth date is not a date in an accepted form (never
            read in part).
    """
    if len(name) > max_name_chars:
        raise InputError(
            f"the name is {len(name):,} characters long, more than the {max_name_chars:,} allowed",
            path=path,
            line=line,
            hint="Screen the name as it appears on a document, or raise max_name_chars",
        )
    name, id = replace_surrogates(name), replace_surrogates(id)
    birth_date, imo_number, passport_number = (
        None if value is None else replace_surrogates(value)
        for value in (birth_date, imo_number, passport_number)
    )
    extra = tuple((replace_surrogates(k), replace_surrogates(v)) for k, v in extra)
    if not name.strip():
        hint = (
            "Fill in the name or delete the row"
            if path is not None
            else 'Pass a name, e.g. yalu screen "Korea Ryonbong General Corporation"'
        )
        raise InputError("the name to screen is empty", path=path, line=line, hint=hint)
    if not any(char.isalnum() for char in name):
        raise InputError(
            f"the name '{name.strip()}' has no letters or digits",
            path=path,
            line=line,
            hint="Give a name in any script",
        )
    return Query(
        name=name.strip(),
        id=id.strip(),
        schema=parse_schema(schema, path=path, line=line),
        birth_date=parse_birth_date(birth_date, path=path, line=line),
        nationality=parse_country(nationality, field="nationality", path=path, line=line),
        country=parse_country(country, field="country", path=path, line=line),
        imo_number=(imo_number or "").strip() or None,
        passport_number=(passport_number or "").strip() or None,
        extra=extra,
    )


def read_queries(text: str, where: str, *, max_name_chars: int = MAX_NAME_CHARS) -> list[Query]:
    """Parse a names CSV (header row first) into queries, in file order.

    Args:
        text: the whole file. The header must have a `name` column; `id, schema,
            birth_date, nationality, country, imo_number, passport_number` are read too;
            other columns are carried through in `Query.extra`. Blank rows are skipped;
            a row without an id gets its row number (1 for the first name).
        where: the file name, for messages.
        max_name_chars: a longer name is refused (with its line).

    Raises:
        InputError: no header or no `name` column, a row with an empty or too long name,
            an unknown schema or country, or broken CSV quoting.
    """
    return list(iter_queries(io.StringIO(text, newline=""), where, max_name_chars=max_name_chars))


def iter_queries(
    lines: Iterable[str], where: str, *, max_name_chars: int = MAX_NAME_CHARS
) -> Iterator[Query]:
    """Yield the queries of a names CSV one by one, reading `lines` only as far as needed.

    What `read_queries` returns, lazily: memory does not grow with the file. A bad row is
    raised when it is reached, after the rows before it were yielded.

    Args:
        lines: the file's text, line by line (a file opened with `newline=""`).
        where: the file name, for messages.
        max_name_chars: a longer name is refused (with its line).

    Raises:
        InputError: as `read_queries`; "the file has a header but no names" once the end
            is reached without a name.
    """
    reader = csv.reader(lines, strict=True)
    count = 0
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if "name" not in [cell.lower() for cell in header]:
            found = ", ".join(cell for cell in header if cell) or "nothing"
            raise InputError(
                f"the header has no 'name' column (found: {found})",
                path=where,
                line=1,
                hint="Add a header row with a 'name' column, e.g. name,birth_date,nationality",
            )
        columns = [cell.lower() if cell.lower() in QUERY_COLUMNS else cell for cell in header]
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                count += 1
                yield _row_query(columns, cells, where, line, count, max_name_chars)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"broken CSV quoting ({exc})",
            path=where,
            line=reader.line_num,
            hint="Quote cells that contain commas with double quotes",
        ) from exc
    if not count:
        raise InputError(
            "the file has a header but no names", path=where, hint="Add one name per row"
        )


def _row_query(
    columns: list[str], cells: list[str], where: str, line: int, row: int, max_name_chars: int
) -> Query:
    values = dict(zip(columns, cells, strict=False))
    extra = tuple(
        (column, values.get(column, "")) for column in columns if column not in QUERY_COLUMNS
    )
    return make_query(
        values.get("name", ""),
        id=values.get("id", "") or str(row),
        schema=values.get("schema"),
        birth_date=values.get("birth_date"),
        nationality=values.get("nationality"),
        country=values.get("country"),
        imo_number=values.get("imo_number"),
        passport_number=values.get("passport_number"),
        extra=extra,
        path=where,
        line=line,
        max_name_chars=max_name_chars,
    )


def read_query_file(path: Path, *, max_name_chars: int = MAX_NAME_CHARS) -> list[Query]:
    """Read a names CSV from `path` (UTF-8, BOM allowed, decoded strictly).

    Raises:
        InputError: the file is missing, unreadable, not UTF-8 (naming the line and byte
            offset), or malformed (see `read_queries`).
    """
    text = decode_query_bytes(read_file_bytes(path), str(path))
    return read_queries(text, str(path), max_name_chars=max_name_chars)


def decode_query_bytes(data: bytes, where: str) -> str:
    """Return a names file's bytes as text, strictly UTF-8 (a BOM dropped).

    Raises:
        InputError: a byte is not UTF-8; the message names the line and byte offset.
    """
    return decode_text(data, where, error=InputError, hint="Save the file as UTF-8 CSV")
