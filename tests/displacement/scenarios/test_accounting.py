"""Accounting holds every day, whatever the levers: a property over random lever settings."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yalu.displacement.scenarios.accounting import accounts_of
from yalu.displacement.scenarios.flows import flow_table
from yalu.displacement.scenarios.simulation import run_scenario
from yalu.models.displacement import Case
from yalu.models.scenarios import (
    CROSSING_KINDS,
    CrossingLimit,
    DayRange,
    Levers,
    Outflow,
    RefugeeStatus,
    ReliefCamp,
    Repatriation,
    Resettlement,
    RouteOpening,
    ScenarioSpec,
    UncertainInput,
)

DAYS = 40
CROSSING_TARGETS = ["Sinuiju-Dandong", "Hyesan-Changbai", "Namyang-Tumen", "all", *CROSSING_KINDS]
CAMP_SITES = ["Sinuiju", "Hyesan", "Musan", "Kaesong", "Pyongyang"]


@st.composite
def day_ranges(draw: st.DrawFn) -> DayRange:
    first = draw(st.integers(0, DAYS - 1))
    return DayRange(first, draw(st.integers(first, DAYS - 1)))


@st.composite
def lever_sets(draw: st.DrawFn) -> Levers:
    return Levers(
        limits=tuple(
            CrossingLimit(
                draw(st.sampled_from(CROSSING_TARGETS)), draw(st.floats(0, 1)), draw(day_ranges())
            )
            for _ in range(draw(st.integers(0, 3)))
        ),
        openings=tuple(
            RouteOpening(
                draw(st.sampled_from(CROSSING_TARGETS)),
                draw(st.none() | st.integers(0, 50_000)),
                draw(day_ranges()),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        repatriation=tuple(
            Repatriation(draw(st.floats(0, 1)), draw(day_ranges()))
            for _ in range(draw(st.integers(0, 2)))
        ),
        camps=tuple(
            ReliefCamp(
                draw(st.sampled_from(CAMP_SITES)), draw(st.integers(0, 200_000)), draw(day_ranges())
            )
            for _ in range(draw(st.integers(0, 3)))
        ),
        refugee_status=tuple(
            RefugeeStatus(draw(st.floats(0, 3)), draw(day_ranges()))
            for _ in range(draw(st.integers(0, 2)))
        ),
        resettlement=tuple(
            Resettlement(draw(st.floats(0, 1)), draw(day_ranges()))
            for _ in range(draw(st.integers(0, 2)))
        ),
    )


UNCERTAIN = (
    UncertainInput("crossing_capacity", 0.2, 3.0, "log-uniform"),
    UncertainInput("behaviour.cross_chance", 0.1, 1.0),
    UncertainInput("move.max_move_speed", 20.0, 300.0),
    UncertainInput("move.default_movechance", 0.0, 1.0),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    levers=lever_sets(),
    total=st.integers(0, 2_000_000),
    seed=st.integers(0, 2**32),
    kind=st.sampled_from(["collapse", "expulsion"]),
    uncertain=st.booleans(),
)
def test_stocks_and_the_flow_table_add_up_every_day(
    dprk_case: Case, levers: Levers, total: int, seed: int, kind: str, uncertain: bool
) -> None:
    outflow = Outflow(
        kind,
        total,
        duration_days=DAYS // 2,
        ramp_days=3,  # type: ignore[arg-type]
        release_at=("Sinuiju", "Hyesan") if kind == "expulsion" else (),
    )
    spec = ScenarioSpec(
        "property",
        "property",
        date(2027, 1, 1),
        DAYS,
        outflow,
        levers=levers,
        uncertainty=UNCERTAIN if uncertain else (),
    )
    run = run_scenario(spec, dprk_case, seed)
    accounts = accounts_of(run)
    assert np.all(accounts.residual == 0)
    assert accounts.still_home[-1] == accounts.start_population - total
    for stock in (
        accounts.in_transit,
        accounts.arrived,
        accounts.in_camps,
        accounts.repatriated,
        accounts.moved_on,
    ):
        assert np.all(stock >= 0)
    assert np.all(run.arrivals <= run.capacity)
    for identity, residual in flow_table(run).residuals().items():
        assert np.all(residual == 0), identity
