"""Read and write FLEE's observed data folder (`source_data/`) and its corrections.

FLEE builds one series per `data_layout.csv` row: the first file of the row, plus each further
file merged in, then `registration_corrections.csv` rescales points before a registration
switch. This module reproduces those steps on plain `Series` values:

* `read_series`: one `YYYY-MM-DD,count` file; a first row named `DateTime`/`Date`, rows
  starting with `#`, short rows and rows with an empty count are skipped, as FLEE does.
* `merge_series_flee`: FLEE's own merge (`AddCSVTables`), quirks included — a point of the
  second series lying between two points of the first gets the *next* value of the first
  added; points of the first series after the last point of the second are dropped; when the
  second series runs past the end of the first, the last point of the first is repeated
  (once per extra point, with the second series' value as of its last matching point).
  The result can therefore repeat a day; `interpolate_series` handles that as FLEE does.
* `merge_series_exact`: the sum of the linear interpolations of both series on the union of
  their dates (each held constant outside its own range) — what the merge means to do.
* `apply_registration_corrections`: FLEE's level-1 -> level-2 rescaling.
"""

from __future__ import annotations

import csv
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import numpy as np

from yalu.core.errors import CaseFormatError
from yalu.formats.input_file import open_utf8
from yalu.models.displacement import ObservedData, RegistrationCorrection, Series

logger = logging.getLogger(__name__)

MergeMethod = Literal["flee", "exact"]
"""How several files of one data_layout.csv row are combined."""

_HEADER_NAMES = ("DateTime", "Date")


def parse_date(text: str, *, path: Path, line: int, what: str = "date") -> date:
    """Parse a `YYYY-MM-DD` cell or raise CaseFormatError naming the file and line."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise CaseFormatError(
            f"{what} {text.strip()!r} is not a YYYY-MM-DD date",
            path=path,
            line=line,
            hint="Write dates as e.g. 2012-02-29",
        ) from exc


def read_series(path: Path, start_date: date) -> Series:
    """Read one UNHCR series file as day offsets from `start_date`.

    Args:
        path: a csv file of `YYYY-MM-DD,count` rows.
        start_date: day 0 of the case.

    Raises:
        CaseFormatError: the file is missing, a date or count is malformed, or it has no data.
    """
    if not path.is_file():
        raise CaseFormatError(
            "observed data file is missing",
            path=path,
            hint="Create it, or fix its name in source_data/data_layout.csv",
        )
    days: list[int] = []
    values: list[float] = []
    with open_utf8(path, error=CaseFormatError) as handle:
        reader = csv.reader(handle)
        for row in reader:
            line = reader.line_num
            if len(row) < 2 or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if line == 1 and row[0].strip() in _HEADER_NAMES:
                continue
            if not row[1].strip():
                continue
            when = parse_date(row[0], path=path, line=line)
            try:
                count = float(row[1])
            except ValueError as exc:
                raise CaseFormatError(
                    f"count {row[1].strip()!r} is not a number",
                    path=path,
                    line=line,
                    hint="Use digits, or leave the cell empty to skip the row",
                ) from exc
            if not math.isfinite(count) or count < 0:
                raise CaseFormatError(
                    f"count {row[1].strip()!r} is not a non-negative number",
                    path=path,
                    line=line,
                )
            days.append((when - start_date).days)
            values.append(count)
    if not days:
        raise CaseFormatError(
            "observed data file has no dated counts", path=path, hint="Add YYYY-MM-DD,count rows"
        )
    return Series(np.array(days, dtype=np.int64), np.array(values, dtype=np.float64))


def merge_series_flee(first: Series, second: Series) -> Series:
    """Add `second` to `first` exactly as FLEE's `AddCSVTables` does (see module docstring)."""
    out_days: list[int] = []
    out_values: list[float] = []
    offset = 0
    last_second = 0.0
    last = len(first.days) - 1
    for day2, value2 in zip(second.days.tolist(), second.values.tolist(), strict=True):
        while day2 > first.days[offset]:
            out_days.append(int(first.days[offset]))
            out_values.append(last_second + float(first.values[offset]))
            if offset < last:
                offset += 1
            else:
                break
        if day2 == first.days[offset]:
            out_days.append(day2)
            out_values.append(value2 + float(first.values[offset]))
            if offset < last:
                offset += 1
            last_second = value2
        elif day2 < first.days[offset]:
            out_days.append(day2)
            out_values.append(value2 + float(first.values[offset]))
            last_second = value2
    return Series(np.array(out_days, dtype=np.int64), np.array(out_values, dtype=np.float64))


def merge_series_exact(first: Series, second: Series) -> Series:
    """Sum two series on the union of their dates, interpolating each linearly."""
    days = np.union1d(first.days, second.days)
    total = np.interp(days, first.days, first.values) + np.interp(days, second.days, second.values)
    return Series(days.astype(np.int64), total.astype(np.float64))


MERGERS: Mapping[MergeMethod, Callable[[Series, Series], Series]] = {
    "flee": merge_series_flee,
    "exact": merge_series_exact,
}


def apply_registration_correction(
    series: Series, day: int, *, path: Path, line: int, camp: str
) -> Series:
    """Rescale points before `day` by value(day) / value(previous point), as FLEE does.

    Every point dated exactly `day` (a FLEE merge can repeat a day) triggers the rescaling.
    Where the previous count is 0 nothing was registered at the old level, so there is
    nothing to rescale: the points are left as they are and a warning is logged (FLEE 3.1
    multiplies them by infinity, current FLEE stops; mali2017_adm1 dates such a correction
    before its start, where it changes no simulated day). A correction dated before the
    case's start date that matches no point, or only the first one, changes nothing either
    (current FLEE ignores every correction dated before the start).

    Raises:
        CaseFormatError: a correction dated on or after the start matches no point, or only
            the series' first point (FLEE crashes on both).
    """
    values = series.values.copy()
    matches = np.flatnonzero(series.days == day).tolist()
    if not matches or matches[0] == 0:
        where = "no data point" if not matches else "only the first data point"
        if day < 0:
            logger.warning(
                "%s:%d: registration correction for %r is dated before the start on %s of "
                "its series; ignored",
                path,
                line,
                camp,
                where,
            )
            return series
        raise CaseFormatError(
            f"registration correction for {camp!r} is dated on {where} of its series",
            path=path,
            line=line,
            hint="Use the date of a data point that has an earlier point before it",
        )
    for i in matches:
        if i == 0:
            continue
        new_level, old_level = values[i], values[i - 1]
        if old_level == 0:
            logger.warning(
                "%s:%d: registration correction for %r follows a count of 0: nothing to "
                "rescale, points before it are kept",
                path,
                line,
                camp,
            )
            continue
        values[:i] *= new_level / old_level
    return Series(series.days.copy(), values)


def read_corrections(path: Path) -> list[tuple[RegistrationCorrection, int]]:
    """Read registration_corrections.csv as (correction, line) pairs; absent file = none."""
    if not path.is_file():
        return []
    rows: list[tuple[RegistrationCorrection, int]] = []
    with open_utf8(path, error=CaseFormatError) as handle:
        reader = csv.reader(handle)
        for row in reader:
            if len(row) < 2 or row[0].lstrip().startswith("#"):
                continue
            when = parse_date(row[1], path=path, line=reader.line_num)
            mode = row[2].strip() if len(row) > 2 else ""
            correction = RegistrationCorrection(row[0].strip(), when, mode)
            rows.append((correction, reader.line_num))
    return rows


def read_data_layout(path: Path) -> list[tuple[str, tuple[str, ...], int]]:
    """Read data_layout.csv as (name, files, line) rows; the first must be `total`.

    Raises:
        CaseFormatError: the file is missing, empty, or its first row is not the total.
    """
    if not path.is_file():
        raise CaseFormatError(
            "data_layout.csv is missing",
            path=path,
            hint="Create it: first row total,refugees.csv, then one row <camp>,<file> per camp",
        )
    rows: list[tuple[str, tuple[str, ...], int]] = []
    with open_utf8(path, error=CaseFormatError) as handle:
        reader = csv.reader(handle)
        for row in reader:
            if len(row) < 2 or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            files = tuple(cell.strip() for cell in row[1:] if cell.strip())
            rows.append((row[0].strip(), files, reader.line_num))
    if not rows:
        raise CaseFormatError("data_layout.csv has no rows", path=path, line=1)
    if rows[0][0] != "total":
        raise CaseFormatError(
            f"the first row names {rows[0][0]!r}, not the total",
            path=path,
            line=rows[0][2],
            hint="Start data_layout.csv with total,refugees.csv (FLEE skips the first row)",
        )
    return rows


def read_observed(
    source_dir: Path,
    start_date: date,
    corrections: Sequence[tuple[RegistrationCorrection, int]] = (),
    corrections_path: Path | None = None,
    *,
    merge: MergeMethod = "flee",
) -> ObservedData:
    """Read `source_dir` into ObservedData, merging files and applying corrections.

    Args:
        source_dir: the `source_data/` folder.
        start_date: day 0 of the case.
        corrections: (correction, line) pairs from `read_corrections`, in file order.
        corrections_path: the corrections file, for error messages.
        merge: how several files for one camp are combined ("flee" reproduces FLEE).

    Raises:
        CaseFormatError: a file is missing or malformed, or a correction names an unknown
            camp or a date off its series.
    """
    layout_path = source_dir / "data_layout.csv"
    series: dict[str, Series] = {}
    files: dict[str, tuple[str, ...]] = {}
    for name, names, line in read_data_layout(layout_path):
        if not names:
            raise CaseFormatError(
                f"row {name!r} names no file", path=layout_path, line=line, hint="Add a csv name"
            )
        if name in series:
            raise CaseFormatError(f"{name!r} is listed twice", path=layout_path, line=line)
        combined = read_series(source_dir / names[0], start_date)
        for extra in names[1:]:
            combined = MERGERS[merge](combined, read_series(source_dir / extra, start_date))
        series[name] = combined
        files[name] = names
    where = corrections_path or source_dir / "registration_corrections.csv"
    for correction, line in corrections:
        if correction.camp not in series or correction.camp == "total":
            raise CaseFormatError(
                f"registration correction names {correction.camp!r}, "
                "which has no series in data_layout.csv",
                path=where,
                line=line,
                hint="Use a camp name listed in source_data/data_layout.csv",
            )
        day = (correction.date - start_date).days
        series[correction.camp] = apply_registration_correction(
            series[correction.camp], day, path=where, line=line, camp=correction.camp
        )
    total = series.pop("total")
    return ObservedData(total=total, camps=series, files=files)


def format_count(value: float) -> str:
    """Render a count as FLEE reads it: an integer when whole, else the shortest float."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_series(series: Series, path: Path, start_date: date) -> None:
    """Write a series as a `DateTime,count` csv with dates from `start_date`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["#DateTime", "count"])
        for day, value in zip(series.days.tolist(), series.values.tolist(), strict=True):
            when = start_date + timedelta(days=int(day))
            writer.writerow([when.isoformat(), format_count(value)])
