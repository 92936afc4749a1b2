"""Scenario files: YAML -> `ScenarioSpec`, checked against the case, one clear error line.

```yaml
name: dprk-collapse          # required
title: Regime collapse       # required
start_date: 2027-01-01
days: 180                    # run length
runs: 5                      # default ensemble size
outflow: {kind: collapse, total: 3000000, duration_days: 120, ramp_days: 14,
          half_life_days: 30, origins: [], release_at: [], groups: []}
behaviour: {cross_chance: 0.5, border_movechance: 0.05, interior_intensity: 1.0}
levers:
  close: [{crossing: china, capacity_factor: 0.2, days: [30, 179]}]
  open: [{crossing: russia, capacity_per_day: 1000, days: [0, 179]}]
  repatriate: [{rate_per_day: 0.01, days: [0, 179]}]
  camps: [{at: Sinuiju, capacity: 50000, days: [0, 179]}]
  refugee_status: [{attractiveness: 1.5, days: [0, 179]}]
benchmarks: [{metric: in_china_final, low: 10000, high: 300000, source: "..."}]
assumptions: [{name: "...", value: "...", source: "..."}]
```

`days` of a lever is `[first, last]` (inclusive) or omitted for the whole run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, cast

from yalu.core.errors import ScenarioError
from yalu.displacement.scenarios.levers import matching_crossings
from yalu.displacement.scenarios.yaml_lines import Key, read_yaml_lines
from yalu.models.displacement import Case
from yalu.models.scenarios import (
    OUTFLOW_KINDS,
    Assumption,
    Behaviour,
    Benchmark,
    Crossing,
    CrossingLimit,
    DayRange,
    Levers,
    Outflow,
    OutflowKind,
    RefugeeStatus,
    ReliefCamp,
    Repatriation,
    RouteOpening,
    ScenarioSpec,
)

METRICS = ("in_china_final", "crossed_china", "crossed_all", "outflow")
LEVER_KEYS = ("close", "open", "repatriate", "camps", "refugee_status")


class Reader:
    """Typed access to a parsed YAML document, raising one-line errors with the line."""

    def __init__(self, path: Path | str, lines: Mapping[Key, int], days: int = 0) -> None:
        self.path, self.lines, self.days = path, lines, days

    def fail(self, key: Key, problem: str, hint: str) -> NoReturn:
        """Raise ScenarioError at `key`'s line (or the nearest parent's)."""
        where = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in key)
        line = next((self.lines[key[:n]] for n in range(len(key), -1, -1)
                     if key[:n] in self.lines), None)  # fmt: skip
        raise ScenarioError(f"{where.replace('.[', '[')}: {problem}", path=self.path,
                            line=line, hint=hint)  # fmt: skip

    def number(self, data: Mapping[str, Any], key: Key, default: float | None = None, *,
               low: float = 0.0, high: float | None = None, whole: bool = False) -> float:  # fmt: skip
        """Return a number in [low, high]; `default` when absent (None: required)."""
        name = cast(str, key[-1])
        if name not in data:
            if default is None:
                self.fail(key, "is missing", f"Add {name}: <number>")
            return default
        value = data[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or (
            whole and not float(value).is_integer()
        ):
            self.fail(key, f"{value!r} is not a {'whole ' if whole else ''}number",
                      "Use digits, e.g. 1000 or 0.5")  # fmt: skip
        if value < low or (high is not None and value > high):
            bound = f"between {low:g} and {high:g}" if high is not None else f">= {low:g}"
            self.fail(key, f"{value!r} is out of range", f"Use a value {bound}")
        return float(value)

    def names(self, data: Mapping[str, Any], key: Key) -> tuple[str, ...]:
        """Return a list of strings (empty when absent)."""
        value = data.get(cast(str, key[-1]), [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "is not a list of names", "Write [Name1, Name2]")
        return tuple(value)

    def mapping(self, value: object, key: Key, known: tuple[str, ...]) -> dict[str, Any]:
        """Return `value` as a mapping with only `known` keys."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(key, "is not a mapping", "Write key: value lines under it")
        for name in value:
            if name not in known:
                self.fail((*key, name), "unknown field", f"Use one of: {', '.join(known)}")
        return value

    def day_range(self, data: Mapping[str, Any], key: Key) -> DayRange:
        """Return a checked inclusive day range (whole run when absent)."""
        raw = data.get("days")
        if raw is None:
            return DayRange()
        last_day = self.days - 1
        if (not isinstance(raw, list) or len(raw) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw)):  # fmt: skip
            self.fail((*key, "days"), f"{raw!r} is not [first, last]", "Write days: [0, 90]")
        first, last = raw
        if first < 0 or last < first or last > last_day:
            self.fail((*key, "days"), f"day range {first}-{last} is outside the run (days "
                      f"0-{last_day})", f"Use 0 <= first <= last <= {last_day}")  # fmt: skip
        return DayRange(first, last)


def parse_levers(r: Reader, data: object, crossings: tuple[Crossing, ...], case: Case) -> Levers:
    """Return the checked levers section."""
    section = r.mapping(data, ("levers",), LEVER_KEYS)
    home = case.locations[0].country
    places = {loc.name for loc in case.locations if loc.country == home}

    def items(name: str, known: tuple[str, ...]) -> list[tuple[Key, dict[str, Any]]]:
        raw = section.get(name) or []
        if not isinstance(raw, list):
            r.fail(("levers", name), "is not a list", "Write one '- ...' entry per lever")
        return [(("levers", name, i), r.mapping(v, ("levers", name, i), known))
                for i, v in enumerate(raw)]  # fmt: skip

    def target(key: Key, item: dict[str, Any]) -> str:
        value = str(item.get("crossing", ""))
        try:
            matching_crossings(value, crossings)
        except ScenarioError as exc:
            r.fail((*key, "crossing"), f"unknown crossing {value!r}", exc.hint or "")
        return value

    limits = tuple(CrossingLimit(target(k, v), r.number(v, (*k, "capacity_factor"), high=1.0),
                                 r.day_range(v, k))
                   for k, v in items("close", ("crossing", "capacity_factor", "days")))  # fmt: skip
    openings = []
    for k, v in items("open", ("crossing", "capacity_per_day", "days")):
        cap = v.get("capacity_per_day")
        value = None if cap is None else int(r.number(v, (*k, "capacity_per_day"), whole=True))
        openings.append(RouteOpening(target(k, v), value, r.day_range(v, k)))
    repatriation = tuple(Repatriation(r.number(v, (*k, "rate_per_day"), high=1.0),
                                      r.day_range(v, k))
                         for k, v in items("repatriate", ("rate_per_day", "days")))  # fmt: skip
    camps = []
    for k, v in items("camps", ("at", "capacity", "days")):
        if v.get("at") not in places:
            r.fail((*k, "at"), f"unknown camp site {v.get('at')!r}",
                   "Use a North Korean location of the case, e.g. Sinuiju")  # fmt: skip
        capacity = int(r.number(v, (*k, "capacity"), whole=True))
        camps.append(ReliefCamp(str(v["at"]), capacity, r.day_range(v, k)))
    status = tuple(RefugeeStatus(r.number(v, (*k, "attractiveness"), high=10.0),
                                 r.day_range(v, k))
                   for k, v in items("refugee_status", ("attractiveness", "days")))  # fmt: skip
    return Levers(limits, tuple(openings), repatriation, tuple(camps), status)


def _outflow(r: Reader, data: object, case: Case) -> Outflow:
    """Return the checked outflow section."""
    known = tuple(f.name for f in fields(Outflow))
    v = r.mapping(data, ("outflow",), known)
    kind = v.get("kind")
    if kind not in OUTFLOW_KINDS:
        r.fail(("outflow", "kind"), f"{kind!r} is not an outflow kind",
               f"Use one of: {', '.join(OUTFLOW_KINDS)}")  # fmt: skip
    index = case.location_index
    for name in ("origins", "release_at"):
        for i, place in enumerate(r.names(v, ("outflow", name))):
            if place not in index or case.locations[index[place]].country != case.locations[0].country:
                r.fail(("outflow", name, i), f"unknown location {place!r}",
                       "Use a North Korean location of the case's locations.csv")  # fmt: skip
    half_life = v.get("half_life_days")
    return Outflow(
        kind=cast(OutflowKind, kind),
        total=int(r.number(v, ("outflow", "total"), whole=True)),
        origins=r.names(v, ("outflow", "origins")),
        start_day=int(r.number(v, ("outflow", "start_day"), 0, high=r.days - 1, whole=True)),
        duration_days=int(r.number(v, ("outflow", "duration_days"), r.days, low=1, whole=True)),
        ramp_days=int(r.number(v, ("outflow", "ramp_days"), 0, whole=True)),
        half_life_days=None if half_life is None else r.number(v, ("outflow", "half_life_days"),
                                                              low=1e-9),  # fmt: skip
        release_at=r.names(v, ("outflow", "release_at")),
        groups=r.names(v, ("outflow", "groups")),
    )


def _rows(r: Reader, data: object, key: str, build: Callable[[Key, dict[str, Any]], Any],
          known: tuple[str, ...]) -> tuple[Any, ...]:  # fmt: skip
    """Return one value per entry of a list section."""
    if data is None:
        return ()
    if not isinstance(data, list):
        r.fail((key,), "is not a list", "Write one '- ...' entry per row")
    return tuple(build((key, i), r.mapping(v, (key, i), known)) for i, v in enumerate(data))


def parse_scenario(data: object, r: Reader, case: Case, crossings: tuple[Crossing, ...]
                   ) -> ScenarioSpec:  # fmt: skip
    """Return the checked scenario of a parsed document (`r.days` may override its days)."""
    top = r.mapping(data, (), ("name", "title", "description", "start_date", "days", "runs",
                               "seed", "outflow", "behaviour", "levers", "benchmarks",
                               "assumptions"))  # fmt: skip
    for name in ("name", "title"):
        if not isinstance(top.get(name), str):
            r.fail((name,), "is missing or not text", f"Add {name}: <text>")
    start = top.get("start_date", date(2027, 1, 1))
    if not isinstance(start, date):
        r.fail(("start_date",), f"{start!r} is not a date", "Write start_date: 2027-01-01")
    r.days = r.days or int(r.number(top, ("days",), low=1, whole=True))
    behaviour = r.mapping(top.get("behaviour"), ("behaviour",), tuple(f.name for f in fields(Behaviour)))
    base = Behaviour()
    return ScenarioSpec(
        name=top["name"],
        title=top["title"],
        description=str(top.get("description", "")),
        start_date=start,
        days=r.days,
        outflow=_outflow(r, top.get("outflow"), case),
        behaviour=Behaviour(*(r.number(behaviour, ("behaviour", f.name), getattr(base, f.name),
                                       high=1.0 if f.name != "interior_intensity" else 10.0)
                              for f in fields(Behaviour))),  # fmt: skip
        levers=parse_levers(r, top.get("levers"), crossings, case),
        runs=int(r.number(top, ("runs",), 1, low=1, whole=True)),
        seed=int(r.number(top, ("seed",), 1, whole=True)),
        benchmarks=_rows(r, top.get("benchmarks"), "benchmarks", lambda k, v: Benchmark(
            _metric(r, k, v), r.number(v, (*k, "low")), r.number(v, (*k, "high")),
            str(v.get("source", ""))), ("metric", "low", "high", "source")),  # fmt: skip
        assumptions=_rows(r, top.get("assumptions"), "assumptions", lambda k, v: Assumption(
            str(v.get("name", "")), str(v.get("value", "")), str(v.get("source", ""))),
            ("name", "value", "source")),  # fmt: skip
    )


def _metric(r: Reader, key: Key, item: Mapping[str, Any]) -> str:
    """Return a checked benchmark metric name."""
    metric = item.get("metric")
    if metric not in METRICS:
        r.fail((*key, "metric"), f"{metric!r} is not a metric", f"Use one of: {', '.join(METRICS)}")
    return cast(str, metric)


def load_scenario(path: Path, case: Case, crossings: tuple[Crossing, ...], *,
                  days: int | None = None) -> ScenarioSpec:  # fmt: skip
    """Read and check a scenario file against `case`.

    Args:
        path: the YAML file.
        case: the case it runs on (names are checked against it).
        crossings: the case's crossings.
        days: run length replacing the file's (levers are checked against it).

    Raises:
        ScenarioError: the file is unreadable or any field is malformed; the message names
            the file, the line, the field and a fix.
    """
    data, lines = read_yaml_lines(path)
    return parse_scenario(data, Reader(path, lines, days or 0), case, crossings)
