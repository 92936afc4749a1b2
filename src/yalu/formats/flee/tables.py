"""Parse the tables of a FLEE `input_csv/` folder, one function per file.

Each reader returns model values and raises `CaseFormatError` naming the file, the line and a
fix for the first problem it finds. Cross-file checks (unknown names) live in
`yalu.formats.flee`, which knows every table.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

import numpy as np

from yalu.core.errors import CaseFormatError
from yalu.formats.flee.source import parse_date
from yalu.formats.input_file import open_utf8
from yalu.models.displacement import (
    CLOSURE_KINDS,
    LOCATION_KINDS,
    Closure,
    ClosureKind,
    ConflictTable,
    Location,
    LocationKind,
    Route,
)

logger = logging.getLogger(__name__)

_KIND_RULES: tuple[tuple[str, LocationKind], ...] = (
    ("camp", "camp"),
    ("conflict", "conflict_zone"),
    ("forward", "forward"),
    ("marker", "marker"),
    ("flood", "flood_zone"),
)

LOCATION_COLUMNS = (
    "name",
    "region",
    "country",
    "latitude",
    "longitude",
    "location_type",
    "conflict_date",
    "population",
)
ROUTE_COLUMNS = ("name1", "name2", "distance", "forced_redirection")


@dataclass(frozen=True, slots=True)
class Row:
    """A csv row with its 1-based line number."""

    line: int
    cells: list[str]


def read_rows(path: Path) -> Iterator[Row]:
    """Yield every non-blank row of `path` with its line number.

    Raises:
        CaseFormatError: the file is missing.
    """
    if not path.is_file():
        raise CaseFormatError(
            f"{path.name} is missing", path=path, hint="Every FLEE case needs this file"
        )
    with open_utf8(path, error=CaseFormatError) as handle:
        reader = csv.reader(handle)
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield Row(reader.line_num, cells)


def _is_header(row: Row) -> bool:
    return row.cells[0].lstrip().startswith("#")


def _cells(row: Row, path: Path, minimum: int, wanted: str, hint: str) -> list[str]:
    """Return a row's cells stripped, or raise when it has fewer than `minimum`."""
    cells = [cell.strip() for cell in row.cells]
    if len(cells) < minimum:
        raise CaseFormatError(
            f"row has {len(cells)} columns, not {wanted}", path=path, line=row.line, hint=hint
        )
    return cells


def _number(text: str, what: str, row: Row, path: Path, *, whole: bool = False) -> float:
    """Parse a numeric cell, naming the column in the error."""
    try:
        return int(text) if whole else float(text)
    except ValueError as exc:
        kind = "a whole number" if whole else "a number"
        raise CaseFormatError(
            f"{what} {text.strip()!r} is not {kind}",
            path=path,
            line=row.line,
            hint="Use digits, or leave the cell empty for 0",
        ) from exc


def _header_names(row: Row, fixed: tuple[str, ...]) -> list[str]:
    """Return the header's column names: fixed names, then the file's extra names."""
    extras = [cell.strip() for cell in row.cells[len(fixed) :]]
    return [*fixed, *extras]


def location_kind(text: str, *, path: Path, line: int) -> LocationKind:
    """Map a location_type cell to a kind by FLEE's substring rules.

    FLEE tests `"camp" in type` (then `"idp"`), `"conflict"`, `"forward"`, `"marker"`,
    `"flood"`, in that order ("forwarding_hub" is a forward point); anything else behaves as
    a town, which yalu reads as "town" with a warning unless it is "town" or "default".
    """
    lowered = text.strip().lower()
    for needle, kind in _KIND_RULES:
        if needle in lowered:
            if kind == "camp" and "idp" in lowered:
                return "idpcamp"
            return kind
    if lowered not in ("town", "default", ""):
        logger.warning(
            "%s:%d: location_type %r is not one FLEE knows; read as a town (use one of %s)",
            path,
            line,
            text,
            ", ".join(LOCATION_KINDS),
        )
    return "town"


def read_locations(path: Path) -> list[tuple[Location, int]]:
    """Read locations.csv as (location, line) pairs.

    Raises:
        CaseFormatError: bad header, short row, unknown type, non-numeric value, or a
            duplicate name.
    """
    rows = list(read_rows(path))
    expected = ",".join(LOCATION_COLUMNS)
    if not rows or not _is_header(rows[0]) or len(rows[0].cells) < len(LOCATION_COLUMNS):
        raise CaseFormatError(
            "the first row is not the #-header with 8 columns",
            path=path,
            line=rows[0].line if rows else 1,
            hint=f"Start the file with #{expected}",
        )
    names = _header_names(rows[0], LOCATION_COLUMNS)
    result: list[tuple[Location, int]] = []
    seen: dict[str, int] = {}
    for row in rows[1:]:
        if _is_header(row):
            continue
        cells = _cells(row, path, len(LOCATION_COLUMNS), "8", expected)
        name = cells[0]
        if not name:
            raise CaseFormatError("location name is empty", path=path, line=row.line)
        if name in seen:
            raise CaseFormatError(
                f"location {name!r} is listed twice (first on line {seen[name]})",
                path=path,
                line=row.line,
                hint="Give every location a unique name",
            )
        seen[name] = row.line
        kind = location_kind(cells[5], path=path, line=row.line)
        count = int(_number(cells[7], "population", row, path, whole=True)) if cells[7] else 0
        if count < 0:
            raise CaseFormatError(
                f"population {count} is negative", path=path, line=row.line, hint="Use 0 or more"
            )
        is_camp = kind in ("camp", "idpcamp")
        extra = names[len(LOCATION_COLUMNS) :]
        location = Location(
            name=name,
            region=cells[1] or "unknown",
            country=cells[2] or "unknown",
            latitude=_number(cells[3], "latitude", row, path) if cells[3] else 0.0,
            longitude=_number(cells[4], "longitude", row, path) if cells[4] else 0.0,
            kind=kind,
            conflict_date=(
                int(_number(cells[6], "conflict_date", row, path, whole=True)) if cells[6] else 0
            ),
            population=0 if is_camp else count,
            capacity=(count if cells[7] else None) if is_camp else None,
            attributes=dict(zip(extra, cells[len(LOCATION_COLUMNS) :], strict=False)),
        )
        result.append((location, row.line))
    return result


def read_routes(path: Path) -> list[tuple[Route, int]]:
    """Read routes.csv as (route, line) pairs.

    Raises:
        CaseFormatError: short row, non-numeric or non-positive distance, bad redirection flag.
    """
    routes: list[tuple[Route, int]] = []
    names = list(ROUTE_COLUMNS)
    for row in read_rows(path):
        if _is_header(row):
            names = _header_names(row, ROUTE_COLUMNS)
            continue
        cells = _cells(
            row, path, 3, "3 or more", "Write name1,name2,distance_km[,forced_redirection]"
        )
        distance = _number(cells[2], "distance", row, path)
        if not distance > 0:
            raise CaseFormatError(
                f"distance {cells[2]!r} is not positive",
                path=path,
                line=row.line,
                hint="Give the road distance in km (> 0)",
            )
        flag = cells[3] if len(cells) > 3 else ""
        redirect = int(_number(flag, "forced_redirection", row, path, whole=True)) if flag else 0
        if redirect not in (0, 1, 2):
            raise CaseFormatError(
                f"forced_redirection {flag!r} is not 0, 1 or 2", path=path, line=row.line
            )
        extra = dict(zip(names[4:], cells[4:], strict=False))
        routes.append((Route(cells[0], cells[1], distance, redirect, extra), row.line))
    return routes


def read_closures(path: Path) -> list[tuple[Closure, int]]:
    """Read closures.csv as (closure, line) pairs; an absent file means no closures."""
    if not path.is_file():
        return []
    closures: list[tuple[Closure, int]] = []
    for row in read_rows(path):
        if _is_header(row):
            continue
        cells = _cells(row, path, 5, "5", "Write closure_type,name1,name2,start_day,end_day")
        if cells[0] not in CLOSURE_KINDS:
            raise CaseFormatError(
                f"closure type {cells[0]!r} is unknown",
                path=path,
                line=row.line,
                hint="Use one of " + ", ".join(CLOSURE_KINDS),
            )
        start = int(_number(cells[3], "start day", row, path, whole=True))
        end = int(_number(cells[4], "end day", row, path, whole=True))
        kind = cast(ClosureKind, cells[0])
        closures.append((Closure(kind, cells[1], cells[2], start, end), row.line))
    return closures


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_conflicts(path: Path) -> tuple[ConflictTable, dict[str, int]]:
    """Read conflicts.csv; return the table and the header line of each column name.

    FLEE ignores the day column and takes rows in order; so does this reader. Columns with an
    empty header (a trailing comma) are skipped when their cells are empty too.

    Raises:
        CaseFormatError: a duplicate column, a row of the wrong width, or an empty or
            non-numeric cell (FLEE crashes on those).
    """
    rows = list(read_rows(path))
    if not rows or not rows[0].cells[0].strip() or _is_number(rows[0].cells[0]):
        raise CaseFormatError(
            "the first row is not a header naming conflict locations",
            path=path,
            line=rows[0].line if rows else 1,
            hint="Start the file with #Day,<location>,<location>,...",
        )
    header = [cell.strip() for cell in rows[0].cells]
    columns = [i for i in range(1, len(header)) if header[i]]
    names = [header[i] for i in columns]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise CaseFormatError(
            f"column {sorted(duplicates)[0]!r} appears twice", path=path, line=rows[0].line
        )
    intensity = np.zeros((len(rows) - 1, len(columns)), dtype=np.float64)
    for day, row in enumerate(rows[1:]):
        cells = [cell.strip() for cell in row.cells]
        if len(cells) < max(columns, default=0) + 1 or any(
            cells[i] for i in range(len(header), len(cells))
        ):
            raise CaseFormatError(
                f"row has {len(cells)} cells but the header has {len(header)}",
                path=path,
                line=row.line,
                hint="Give one value per header column",
            )
        for j, i in enumerate(columns):
            if not cells[i]:
                raise CaseFormatError(
                    f"cell for {header[i]!r} is empty",
                    path=path,
                    line=row.line,
                    hint="Write 0 for no conflict",
                )
            intensity[day, j] = _number(cells[i], f"intensity for {header[i]!r}", row, path)
    return ConflictTable(tuple(names), intensity), dict.fromkeys(names, rows[0].line)


def read_sim_period(path: Path) -> tuple[date, int]:
    """Read sim_period.csv: `StartDate,YYYY-MM-DD` and `Length,<days>`.

    Raises:
        CaseFormatError: a row is missing or its value is malformed.
    """
    values: dict[str, tuple[str, Row]] = {}
    for row in read_rows(path):
        if len(row.cells) >= 2 and not _is_header(row):
            values[row.cells[0].strip()] = (row.cells[1].strip(), row)
    for key in ("StartDate", "Length"):
        if key not in values:
            raise CaseFormatError(
                f"the {key} row is missing",
                path=path,
                line=1,
                hint="Write two rows: StartDate,YYYY-MM-DD and Length,<days>",
            )
    start_text, start_row = values["StartDate"]
    start = parse_date(start_text, path=path, line=start_row.line, what="StartDate")
    length_text, length_row = values["Length"]
    length = int(_number(length_text, "Length", length_row, path, whole=True))
    if length < 1:
        raise CaseFormatError(
            f"Length {length} is not positive", path=path, line=length_row.line, hint="Use >= 1"
        )
    return start, length
