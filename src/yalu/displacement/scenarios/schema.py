"""Scenario files: YAML -> `ScenarioSpec`, checked against the case, one clear error line.

```yaml
name: dprk-collapse          # required
title: Regime collapse       # required
start_date: 2027-01-01
days: 180                    # run length
runs: 5                      # default ensemble size
outflow: {kind: collapse, total: 3000000, duration_days: 120, ramp_days: 14,
          half_life_days: 30, origins: [], release_at: [], groups: []}
# an expulsion may give `rate_per_day` instead of `total` (total = rate x duration)
behaviour: {cross_chance: 0.5, border_movechance: 0.05, interior_intensity: 1.0}
levers:
  close: [{crossing: china, capacity_factor: 0.2, days: [30, 179]}]
  open: [{crossing: russia, capacity_per_day: 1000, days: [0, 179]}]
  repatriate: [{rate_per_day: 0.01, days: [0, 179]}]
  camps: [{at: Sinuiju, capacity: 50000, days: [0, 179]}]
  refugee_status: [{attractiveness: 1.5, days: [0, 179]}]
  resettle: [{rate_per_day: 0.005, days: [30, 179]}]
benchmarks: [{metric: in_china_final, low: 10000, high: 300000, source: "...",
              role: validation}]   # role: input when the figure set an input
assumptions: [{name: "...", value: "...", source: "..."}]
uncertainty:                 # each run draws these (see uncertainty.INPUT_BOUNDS)
  - {input: outflow.total, low: 300000, high: 3000000, distribution: log-uniform,
     source: "..."}
  - {input: crossing_capacity, low: 0.5, high: 2.0, distribution: log-uniform, source: "..."}
```

`days` of a lever is `[first, last]` (inclusive) or omitted for the whole run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any, cast

from yalu.core.errors import ScenarioError
from yalu.displacement.scenarios.levers import matching_crossings
from yalu.displacement.scenarios.uncertainty_file import check_uncertainty, read_uncertain_input
from yalu.displacement.scenarios.yaml_lines import Key, Reader, read_yaml_lines
from yalu.models.displacement import Case
from yalu.models.scenarios import (
    BENCHMARK_ROLES,
    OUTFLOW_KINDS,
    Assumption,
    Behaviour,
    Benchmark,
    Crossing,
    CrossingLimit,
    Levers,
    Outflow,
    OutflowKind,
    RefugeeStatus,
    ReliefCamp,
    Repatriation,
    Resettlement,
    RouteOpening,
    ScenarioSpec,
)

METRICS = ("in_china_final", "crossed_china", "crossed_all", "outflow")
LEVER_KEYS = ("close", "open", "repatriate", "camps", "refugee_status", "resettle")


def parse_levers(r: Reader, data: object, crossings: tuple[Crossing, ...], case: Case) -> Levers:
    """Return the checked levers section."""
    section = r.mapping(data, ("levers",), LEVER_KEYS)
    home = case.locations[0].country
    places = {loc.name for loc in case.locations if loc.country == home}

    def items(name: str, known: tuple[str, ...]) -> list[tuple[Key, dict[str, Any]]]:
        raw = section.get(name) or []
        if not isinstance(raw, list):
            r.fail(("levers", name), "is not a list", "Write one '- ...' entry per lever")
        return [
            (("levers", name, i), r.mapping(v, ("levers", name, i), known))
            for i, v in enumerate(raw)
        ]

    def target(key: Key, item: dict[str, Any]) -> str:
        value = str(item.get("crossing", ""))
        try:
            matching_crossings(value, crossings)
        except ScenarioError as exc:
            r.fail((*key, "crossing"), f"unknown crossing {value!r}", exc.hint or "")
        return value

    limits = tuple(
        CrossingLimit(
            target(k, v), r.number(v, (*k, "capacity_factor"), high=1.0), r.day_range(v, k)
        )
        for k, v in items("close", ("crossing", "capacity_factor", "days"))
    )
    openings = []
    for k, v in items("open", ("crossing", "capacity_per_day", "days")):
        cap = v.get("capacity_per_day")
        value = None if cap is None else int(r.number(v, (*k, "capacity_per_day"), whole=True))
        openings.append(RouteOpening(target(k, v), value, r.day_range(v, k)))
    repatriation = tuple(
        Repatriation(r.number(v, (*k, "rate_per_day"), high=1.0), r.day_range(v, k))
        for k, v in items("repatriate", ("rate_per_day", "days"))
    )
    camps = []
    for k, v in items("camps", ("at", "capacity", "days")):
        if v.get("at") not in places:
            r.fail(
                (*k, "at"),
                f"unknown camp site {v.get('at')!r}",
                "Use a North Korean location of the case, e.g. Sinuiju",
            )
        capacity = int(r.number(v, (*k, "capacity"), whole=True))
        camps.append(ReliefCamp(str(v["at"]), capacity, r.day_range(v, k)))
    status = tuple(
        RefugeeStatus(r.number(v, (*k, "attractiveness"), high=10.0), r.day_range(v, k))
        for k, v in items("refugee_status", ("attractiveness", "days"))
    )
    resettlement = tuple(
        Resettlement(r.number(v, (*k, "rate_per_day"), high=1.0), r.day_range(v, k))
        for k, v in items("resettle", ("rate_per_day", "days"))
    )
    return Levers(limits, tuple(openings), repatriation, tuple(camps), status, resettlement)


def _outflow(r: Reader, data: object, case: Case) -> Outflow:
    """Return the checked outflow section."""
    known = (*(f.name for f in fields(Outflow)), "rate_per_day")
    v = r.mapping(data, ("outflow",), known)
    kind = v.get("kind")
    if kind not in OUTFLOW_KINDS:
        r.fail(
            ("outflow", "kind"),
            f"{kind!r} is not an outflow kind",
            f"Use one of: {', '.join(OUTFLOW_KINDS)}",
        )
    index = case.location_index
    for name in ("origins", "release_at"):
        for i, place in enumerate(r.names(v, ("outflow", name))):
            if (
                place not in index
                or case.locations[index[place]].country != case.locations[0].country
            ):
                r.fail(
                    ("outflow", name, i),
                    f"unknown location {place!r}",
                    "Use a North Korean location of the case's locations.csv",
                )
    half_life = v.get("half_life_days")
    duration = int(r.number(v, ("outflow", "duration_days"), r.days, low=1, whole=True))
    if "rate_per_day" in v and "total" in v:
        r.fail(("outflow", "rate_per_day"), "conflicts with outflow.total", "Give one of them")
    if "rate_per_day" in v:
        total = round(r.number(v, ("outflow", "rate_per_day")) * duration)
    else:
        total = int(r.number(v, ("outflow", "total"), whole=True))
    return Outflow(
        kind=cast(OutflowKind, kind),
        total=total,
        origins=r.names(v, ("outflow", "origins")),
        start_day=int(r.number(v, ("outflow", "start_day"), 0, high=r.days - 1, whole=True)),
        duration_days=duration,
        ramp_days=int(r.number(v, ("outflow", "ramp_days"), 0, whole=True)),
        half_life_days=None
        if half_life is None
        else r.number(v, ("outflow", "half_life_days"), low=1e-9),
        release_at=r.names(v, ("outflow", "release_at")),
        groups=r.names(v, ("outflow", "groups")),
    )


def _rows(
    r: Reader,
    data: object,
    key: str,
    build: Callable[[Key, dict[str, Any]], Any],
    known: tuple[str, ...],
) -> tuple[Any, ...]:
    """Return one value per entry of a list section."""
    if data is None:
        return ()
    if not isinstance(data, list):
        r.fail((key,), "is not a list", "Write one '- ...' entry per row")
    return tuple(build((key, i), r.mapping(v, (key, i), known)) for i, v in enumerate(data))


def parse_scenario(
    data: object, r: Reader, case: Case, crossings: tuple[Crossing, ...]
) -> ScenarioSpec:
    """Return the checked scenario of a parsed document (`r.days` may override its days)."""
    top = r.mapping(
        data,
        (),
        (
            "name",
            "title",
            "description",
            "start_date",
            "days",
            "runs",
            "seed",
            "outflow",
            "behaviour",
            "levers",
            "benchmarks",
            "assumptions",
            "uncertainty",
        ),
    )
    for name in ("name", "title"):
        if not isinstance(top.get(name), str):
            r.fail((name,), "is missing or not text", f"Add {name}: <text>")
    start = top.get("start_date", date(2027, 1, 1))
    if not isinstance(start, date):
        r.fail(("start_date",), f"{start!r} is not a date", "Write start_date: 2027-01-01")
    r.days = r.days or int(r.number(top, ("days",), low=1, whole=True))
    behaviour = r.mapping(
        top.get("behaviour"), ("behaviour",), tuple(f.name for f in fields(Behaviour))
    )
    base = Behaviour()
    spec = ScenarioSpec(
        name=top["name"],
        title=top["title"],
        description=str(top.get("description", "")),
        start_date=start,
        days=r.days,
        outflow=_outflow(r, top.get("outflow"), case),
        behaviour=Behaviour(
            *(
                r.number(
                    behaviour,
                    ("behaviour", f.name),
                    getattr(base, f.name),
                    high=1.0 if f.name != "interior_intensity" else 10.0,
                )
                for f in fields(Behaviour)
            )
        ),
        levers=parse_levers(r, top.get("levers"), crossings, case),
        runs=int(r.number(top, ("runs",), 1, low=1, whole=True)),
        seed=int(r.number(top, ("seed",), 1, whole=True)),
        benchmarks=_rows(
            r,
            top.get("benchmarks"),
            "benchmarks",
            lambda k, v: Benchmark(
                _metric(r, k, v),
                r.number(v, (*k, "low")),
                r.number(v, (*k, "high")),
                str(v.get("source", "")),
                cast(Any, r.choice(v, (*k, "role"), BENCHMARK_ROLES, "validation")),
            ),
            ("metric", "low", "high", "source", "role"),
        ),
        assumptions=_rows(
            r,
            top.get("assumptions"),
            "assumptions",
            lambda k, v: Assumption(
                str(v.get("name", "")), str(v.get("value", "")), str(v.get("source", ""))
            ),
            ("name", "value", "source"),
        ),
        uncertainty=_rows(
            r,
            top.get("uncertainty"),
            "uncertainty",
            lambda k, v: read_uncertain_input(r, k, v),
            ("input", "low", "high", "distribution", "source"),
        ),
    )
    check_uncertainty(r, spec, case)
    return spec


def _metric(r: Reader, key: Key, item: Mapping[str, Any]) -> str:
    """Return a checked benchmark metric name."""
    metric = item.get("metric")
    if metric not in METRICS:
        r.fail((*key, "metric"), f"{metric!r} is not a metric", f"Use one of: {', '.join(METRICS)}")
    return cast(str, metric)


def load_scenario(
    path: Path, case: Case, crossings: tuple[Crossing, ...], *, days: int | None = None
) -> ScenarioSpec:
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
