"""Malformed scenario files and lever options give one clear line naming file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from yalu.core.errors import ScenarioError
from yalu.displacement.scenarios.catalog import load_named, scenario_file
from yalu.displacement.scenarios.options import LeverOptions, levers_from_options
from yalu.displacement.scenarios.schema import load_scenario
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing

VALID = """\
name: test
title: Test scenario
days: 30
outflow:
  kind: collapse
  total: 1000
levers:
  close:
    - crossing: Sinuiju-Dandong
      capacity_factor: 0.5
      days: [5, 20]
  camps:
    - at: Hyesan
      capacity: 5000
"""

BROKEN = [
    (
        "crossing: Sinuiju-Dandong",
        "crossing: Sinuiju-Beijing",
        9,
        "levers.close[0].crossing: unknown crossing 'Sinuiju-Beijing'",
    ),
    ("capacity: 5000", "capacity: -5", 14, "levers.camps[0].capacity: -5 is out of range"),
    ("days: [5, 20]", "days: [5, 45]", 11, "day range 5-45 is outside the run (days 0-29)"),
    ("capacity_factor: 0.5", "capacity_factor: 1.5", 10, "1.5 is out of range"),
    ("at: Hyesan", "at: Dandong", 13, "unknown camp site 'Dandong'"),
    ("kind: collapse", "kind: war", 5, "'war' is not an outflow kind"),
    ("total: 1000", "total: lots", 6, "'lots' is not a whole number"),
    ("  close:", "  shut:", 8, "levers.shut: unknown field"),
    ("days: 30", "days: [30", 4, "not valid YAML"),
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path: Path, dprk_case: Case, crossings: tuple[Crossing, ...]) -> None:
    spec = load_scenario(_write(tmp_path, VALID), dprk_case, crossings)
    assert spec.days == 30
    assert spec.levers.limits[0].days.end == 20
    assert spec.levers.camps[0].capacity == 5000


@pytest.mark.parametrize(("old", "new", "line", "message"), BROKEN)
def test_malformed_file_gives_one_line_with_file_and_line(
    tmp_path: Path,
    dprk_case: Case,
    crossings: tuple[Crossing, ...],
    old: str,
    new: str,
    line: int,
    message: str,
) -> None:
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, dprk_case, crossings)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"{path}:{line}: ")
    assert message in text


def test_shipped_scenarios_all_load(dprk_case: Case, crossings: tuple[Crossing, ...]) -> None:
    for name in ("dprk-collapse", "dprk-engineered-expulsion", "dprk-famine-1990s"):
        assert scenario_file(name).is_file()
        assert load_named(name, dprk_case, crossings).name == name


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (LeverOptions(close=("Nowhere=0.5",)), "unknown crossing 'Nowhere'"),
        (LeverOptions(camp=("Sinuiju=-10",)), "capacity: -10 is out of range"),
        (LeverOptions(repatriate=("0.01@10-500",)), "day range 10-500 is outside the run"),
        (LeverOptions(close=("china",)), "--close 'china' is not NAME=VALUE"),
        (LeverOptions(open=("russia=many",)), "--open 'many': not a number"),
        (LeverOptions(refugee_status=("2@9",)), "day range '9' is not FIRST-LAST"),
    ],
)
def test_malformed_lever_option_gives_one_line(
    dprk_case: Case, crossings: tuple[Crossing, ...], options: LeverOptions, message: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        levers_from_options(options, dprk_case, crossings, 180)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_lever_options_parse_to_the_same_levers_as_a_file(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    options = LeverOptions(
        close=("china=0.2@30-90",),
        open=("russia=2000",),
        repatriate=("0.01",),
        camp=("Sinuiju=50000@0-60",),
        refugee_status=("1.5@10-20",),
    )
    levers = levers_from_options(options, dprk_case, crossings, 180)
    assert levers.limits[0].target == "china" and levers.limits[0].capacity_factor == 0.2
    assert (levers.limits[0].days.start, levers.limits[0].days.end) == (30, 90)
    assert levers.openings[0].capacity_per_day == 2000
    assert levers.repatriation[0].rate_per_day == 0.01
    assert levers.camps[0].at == "Sinuiju" and levers.camps[0].days.end == 60
    assert levers.refugee_status[0].attractiveness == 1.5


def test_expulsion_rate_per_day_sets_the_total(
    tmp_path: Path, dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    text = (
        "name: x\ntitle: X\ndays: 100\noutflow:\n  kind: expulsion\n  rate_per_day: 700\n"
        "  duration_days: 50\n  origins: [Pyongyang]\n  release_at: [Hyesan]\n"
    )
    spec = load_scenario(_write(tmp_path, text), dprk_case, crossings)
    assert spec.outflow.total == 35_000
    assert spec.outflow.release_at == ("Hyesan",)


UNCERTAIN = """\
name: test
title: Test scenario
days: 30
outflow:
  kind: collapse
  total: 1000
benchmarks:
  - metric: outflow
    low: 500
    high: 2000
    role: input
uncertainty:
  - input: outflow.total
    low: 500
    high: 2000
    distribution: log-uniform
    source: a range
  - input: behaviour.cross_chance
    low: 0.2
    high: 0.6
"""

BROKEN_UNCERTAINTY = [
    ("input: behaviour.cross_chance", "input: behaviour.courage", 18, "'behaviour.courage'"),
    ("high: 0.6", "high: 1.6", 20, "uncertainty[1].high: 1.6 is out of range"),
    ("low: 0.2", "low: 0.7", 20, "uncertainty[1].high: 0.6 is out of range"),
    (
        "    low: 500\n    high: 2000\n    dist",
        "    low: 0\n    high: 2000\n    dist",
        14,
        "must be above 0 for a log-uniform range",
    ),
    ("distribution: log-uniform", "distribution: normal", 16, "'normal' is not allowed"),
    (
        "input: behaviour.cross_chance\n    low: 0.2\n    high: 0.6",
        "input: outflow.total\n    low: 600\n    high: 700",
        18,
        "outflow.total is listed twice",
    ),
    (
        "high: 2000\n    distribution",
        "high: 90000000\n    distribution",
        15,
        "exceeds the 23,349,859 people of the outflow's origins",
    ),
    ("role: input", "role: guess", 11, "benchmarks[0].role: 'guess' is not allowed"),
]


def test_uncertainty_and_roles_load(
    tmp_path: Path, dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    spec = load_scenario(_write(tmp_path, UNCERTAIN), dprk_case, crossings)
    total, chance = spec.uncertainty
    assert (total.name, total.low, total.high, total.distribution) == (
        "outflow.total",
        500,
        2000,
        "log-uniform",
    )
    assert total.source == "a range" and chance.distribution == "uniform"
    assert spec.benchmarks[0].role == "input"


@pytest.mark.parametrize(("old", "new", "line", "message"), BROKEN_UNCERTAINTY)
def test_malformed_uncertainty_names_its_line(
    tmp_path: Path,
    dprk_case: Case,
    crossings: tuple[Crossing, ...],
    old: str,
    new: str,
    line: int,
    message: str,
) -> None:
    assert old in UNCERTAIN
    path = _write(tmp_path, UNCERTAIN.replace(old, new, 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, dprk_case, crossings)
    text = str(caught.value)
    assert text.startswith(f"{path}:{line}: ")
    assert message in text
    assert "\n" not in text
