"""Read and write FLEE validation cases (the FabFlee folder layout).

```
CASE/
  simsetting.yml
  input_csv/   locations.csv routes.csv closures.csv conflicts.csv sim_period.csv
               registration_corrections.csv
  source_data/ data_layout.csv refugees.csv <camp series>.csv
```

`read_case` validates every file and every cross-reference and raises `CaseFormatError`
with the file, line and a fix. A folder holding the csv files directly (no `input_csv/`) is
read too. See docs/reference/flee-format.md for the format column by column.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np

from yalu.core.errors import CaseFormatError
from yalu.formats.flee.settings import read_settings, write_settings
from yalu.formats.flee.source import (
    MergeMethod,
    read_corrections,
    read_data_layout,
    read_observed,
    write_series,
)
from yalu.formats.flee.tables import (
    LOCATION_COLUMNS,
    read_closures,
    read_conflicts,
    read_locations,
    read_routes,
    read_sim_period,
)
from yalu.models.displacement import Case, ConflictTable, Location, SimSettings

__all__ = ["read_case", "write_case"]

logger = logging.getLogger(__name__)


def _input_dir(path: Path) -> Path:
    """Return the folder holding locations.csv (CASE/input_csv or CASE itself)."""
    if not path.is_dir():
        raise CaseFormatError(
            "case folder is missing",
            path=path,
            hint="Pass a folder holding input_csv/, source_data/ and simsetting.yml",
        )
    nested = path / "input_csv"
    if nested.is_dir() or not (path / "locations.csv").is_file():
        if not nested.is_dir():
            raise CaseFormatError(
                "case folder has no input_csv/ folder",
                path=path,
                hint="Put locations.csv, routes.csv, conflicts.csv, sim_period.csv in input_csv/",
            )
        return nested
    return path


def _unknown(name: str, what: str, path: Path, line: int, *, known: Iterable[str]) -> None:
    """Raise CaseFormatError when `name` is not among `known`."""
    if name not in set(known):
        raise CaseFormatError(
            f"{what} {name!r} is not in locations.csv",
            path=path,
            line=line,
            hint="Check the spelling, or add the location to locations.csv",
        )


def read_case(
    path: Path, settings_path: Path | None = None, *, merge: MergeMethod = "flee"
) -> Case:
    """Read and validate a FLEE case folder.

    Args:
        path: the case folder.
        settings_path: simsetting.yml to use (default `path/simsetting.yml`; when that is
            absent too, FLEE's defaults are used and a warning is logged).
        merge: how several observed files for one camp are combined: "flee" (FLEE's merge,
            quirks included) or "exact".

    Returns:
        The case, with observed data merged and corrected (not divided by hasten).

    Raises:
        CaseFormatError: a folder or file is missing, or any file is malformed.
    """
    inputs = _input_dir(path)
    settings = _read_case_settings(path, settings_path)
    start_date, length = read_sim_period(inputs / "sim_period.csv")
    located = read_locations(inputs / "locations.csv")
    locations = tuple(location for location, _ in located)
    names = {location.name for location in locations}
    countries = {location.country for location in locations}
    routes_path = inputs / "routes.csv"
    routes = read_routes(routes_path)
    for route, line in routes:
        _unknown(route.start, "route end", routes_path, line, known=names)
        _unknown(route.end, "route end", routes_path, line, known=names)
    closures_path = inputs / "closures.csv"
    closures = read_closures(closures_path)
    for closure, line in closures:
        if closure.kind == "country":
            for country in (closure.name1, closure.name2):
                if country not in countries:
                    raise CaseFormatError(
                        f"closed country {country!r} has no location in locations.csv",
                        path=closures_path,
                        line=line,
                        hint="Use a country name from the country column of locations.csv",
                    )
        else:
            _unknown(closure.name1, "closed location", closures_path, line, known=names)
            if closure.kind in ("link", "remove_forced_redirection"):
                _unknown(closure.name2, "closed location", closures_path, line, known=names)
    conflicts = None
    conflicts_path = inputs / "conflicts.csv"
    if conflicts_path.is_file():
        conflicts, header_lines = read_conflicts(conflicts_path)
        conflicts = _drop_idle_unknown_columns(conflicts, names, conflicts_path)
        for name in conflicts.location_names:
            _unknown(name, "conflict column", conflicts_path, header_lines[name], known=names)
        if conflicts.days < length:
            raise CaseFormatError(
                f"conflicts.csv has {conflicts.days} day rows but sim_period.csv Length is "
                f"{length}",
                path=conflicts_path,
                line=conflicts.days + 1,
                hint="Add a row per day, or shorten Length",
            )
    else:
        logger.info("%s is absent: conflict zones start on their conflict_date", conflicts_path)
    corrections_path = inputs / "registration_corrections.csv"
    corrections = read_corrections(corrections_path)
    for correction, line in corrections:
        _unknown(correction.camp, "corrected camp", corrections_path, line, known=names)
    observed = None
    source = path / "source_data"
    needs_data = settings.spawn.conflict_driven_spawning is None
    if source.is_dir() or needs_data:
        if not source.is_dir():
            raise CaseFormatError(
                "case folder has no source_data/ folder",
                path=path,
                hint="Add source_data/ with data_layout.csv (spawning follows observed data)",
            )
        layout = source / "data_layout.csv"
        _check_layout(located, {name: files for name, files, _ in read_data_layout(layout)}, layout)
        observed = read_observed(source, start_date, corrections, corrections_path, merge=merge)
    return Case(
        name=path.resolve().name,
        path=path,
        start_date=start_date,
        length_days=length,
        locations=locations,
        routes=tuple(route for route, _ in routes),
        closures=tuple(closure for closure, _ in closures),
        conflicts=conflicts,
        corrections=tuple(correction for correction, _ in corrections),
        observed=observed,
        settings=settings,
    )


def _drop_idle_unknown_columns(table: ConflictTable, names: set[str], path: Path) -> ConflictTable:
    """Drop conflict columns naming no location whose intensity is 0 on every day.

    FLEE never looks such a column up, so it runs; burundi2015 has two ("Isale",
    "Gitega-Ruyigi"). A column naming no location with any conflict is left for the caller
    to reject.
    """
    keep = [
        i
        for i, name in enumerate(table.location_names)
        if name in names or bool(np.any(table.intensity[:, i] > 0))
    ]
    dropped = [n for i, n in enumerate(table.location_names) if i not in set(keep)]
    if dropped:
        logger.warning(
            "%s: columns %s name no location and never have conflict; ignored",
            path,
            ", ".join(dropped),
        )
    return ConflictTable(
        tuple(table.location_names[i] for i in keep), table.intensity[:, keep].copy()
    )


def _read_case_settings(path: Path, settings_path: Path | None) -> SimSettings:
    """Read the given settings, else CASE/simsetting.yml, else FLEE's defaults."""
    if settings_path is not None:
        return read_settings(settings_path)
    default = path / "simsetting.yml"
    if default.is_file():
        return read_settings(default)
    logger.warning("%s is absent: using FLEE's default settings", default)
    return SimSettings()


def _check_layout(
    located: list[tuple[Location, int]], files: Mapping[str, tuple[str, ...]], layout: Path
) -> None:
    """Require every camp in data_layout.csv; warn about rows naming no location."""
    listed = set(files)
    names = {location.name for location, _ in located}
    for location, line in located:
        if location.is_camp and location.name not in listed:
            raise CaseFormatError(
                f"camp {location.name!r} has no row in {layout}",
                path=layout.parent.parent / "input_csv" / "locations.csv",
                line=line,
                hint=f"Add {location.name},<file>.csv to data_layout.csv (FLEE crashes without)",
            )
    unknown = sorted(listed - names - {"total"})
    if unknown:
        # FLEE still adds these series' daily increments to the spawn total (car2013 has
        # "Bossobolo"), so they are kept; a typo shows up as a camp missing above.
        logger.warning(
            "%s: rows %s name no location; their increments still count towards spawning",
            layout,
            ", ".join(unknown),
        )


def _slug(name: str) -> str:
    """Return a file-name-safe version of a location name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "series"


def _write_rows(path: Path, rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _cell(value: float) -> str:
    """Render a float without a needless `.0`."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_case(case: Case, path: Path) -> None:
    """Write `case` as a FabFlee folder that `read_case` reads back equal.

    Observed series are written merged and corrected, one file per data_layout.csv row;
    registration_corrections.csv is written too, and re-applying a correction to corrected
    data is a no-op (the level before the switch already equals the level after it).

    Args:
        case: the case to write.
        path: the folder to create or overwrite files in.
    """
    inputs = path / "input_csv"
    inputs.mkdir(parents=True, exist_ok=True)
    extra_location = sorted({key for loc in case.locations for key in loc.attributes})
    location_rows: list[list[object]] = [["#" + LOCATION_COLUMNS[0], *LOCATION_COLUMNS[1:]]]
    location_rows[0].extend(extra_location)
    for loc in case.locations:
        count = (
            (loc.capacity if loc.capacity is not None else "") if loc.is_camp else loc.population
        )
        location_rows.append(
            [loc.name, loc.region, loc.country, repr(loc.latitude), repr(loc.longitude), loc.kind,
             loc.conflict_date, count, *(loc.attributes.get(k, "") for k in extra_location)]
        )  # fmt: skip
    _write_rows(inputs / "locations.csv", location_rows)
    extra_route = sorted({key for route in case.routes for key in route.attributes})
    route_rows: list[list[object]] = [["#name1", "name2", "distance", "forced_redirection"]]
    route_rows[0].extend(extra_route)
    for route in case.routes:
        route_rows.append(
            [route.start, route.end, _cell(route.distance_km), route.forced_redirection,
             *(route.attributes.get(k, "") for k in extra_route)]
        )  # fmt: skip
    _write_rows(inputs / "routes.csv", route_rows)
    closure_rows: list[list[object]] = [["#closure_type", "name1", "name2", "start", "end"]]
    closure_rows += [[c.kind, c.name1, c.name2, c.start_day, c.end_day] for c in case.closures]
    _write_rows(inputs / "closures.csv", closure_rows)
    _write_rows(
        inputs / "sim_period.csv",
        [["StartDate", case.start_date.isoformat()], ["Length", case.length_days]],
    )
    if case.conflicts is not None:
        table = case.conflicts
        conflict_rows: list[list[object]] = [["#Day", *table.location_names]]
        for day in range(table.days):
            conflict_rows.append([day, *(_cell(v) for v in table.intensity[day].tolist())])
        _write_rows(inputs / "conflicts.csv", conflict_rows)
    _write_rows(
        inputs / "registration_corrections.csv",
        [[c.camp, c.date.isoformat(), *([c.mode] if c.mode else [])] for c in case.corrections],
    )
    if case.observed is not None:
        _write_observed(case, path / "source_data")
    write_settings(case.settings, path / "simsetting.yml")


def _write_observed(case: Case, source: Path) -> None:
    """Write data_layout.csv and one series file per row."""
    assert case.observed is not None
    source.mkdir(parents=True, exist_ok=True)
    series = {"total": case.observed.total, **case.observed.camps}
    layout: list[list[object]] = []
    used: set[str] = set()
    for name, values in series.items():
        original = case.observed.files.get(name, ())
        file_name = original[0] if len(original) == 1 else f"{_slug(name)}.csv"
        while file_name in used:
            file_name = f"{_slug(name)}-{len(used)}.csv"
        used.add(file_name)
        write_series(values, source / file_name, case.start_date)
        layout.append([name, file_name])
    _write_rows(source / "data_layout.csv", layout)
