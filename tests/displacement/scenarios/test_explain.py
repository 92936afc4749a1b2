"""The report explains how its figures fit together, and the numbers it quotes add up."""

from __future__ import annotations

import re

import pytest

from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.catalog import load_named
from yalu.displacement.scenarios.ensemble import run_jobs
from yalu.displacement.scenarios.explain import reconciliation, region_balances
from yalu.displacement.scenarios.flows import median_run
from yalu.displacement.scenarios.tables import ScenarioTables, tables_of
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?![\d-])", text)]


@pytest.fixture(scope="module")
def expulsion(dprk_case: Case, crossings: tuple[Crossing, ...]) -> ScenarioTables:
    spec = load_named("dprk-engineered-expulsion", dprk_case, crossings, days=90)
    return tables_of(run_jobs([(spec, s) for s in child_seeds(4, 3)], dprk_case))


def test_expulsion_says_where_the_people_who_crossed_at_sinuiju_are(
    expulsion: ScenarioTables,
) -> None:
    text = reconciliation(expulsion)
    crossed_at = next(line for line in text if line.startswith("They crossed at"))
    assert re.fullmatch(r"They crossed at Sinuiju-Dandong [\d,]+ \(100%\)\.", crossed_at)
    k = median_run(expulsion.flows)
    flow = expulsion.flows[k]
    crossed = int(flow.crossed_total[-1])
    where = next(line for line in text if line.startswith(f"Of the {crossed:,} who crossed"))
    total, abroad, roads, sent_back, moved_on = _numbers(where)
    assert total == crossed == abroad + roads + sent_back + moved_on
    liaoning = next(line for line in text if "into Liaoning, China" in line)
    jilin = next(line for line in text if "Jilin, China" in line)
    assert liaoning.startswith(f"{crossed:,} crossed into Liaoning, China")
    assert "Nobody crossed a border into Jilin, China" in jilin and "came by road" in jilin
    summary = next(line for line in text if line.startswith("So "))
    left, reached, on_road, roads_abroad = _numbers(summary)
    assert left == reached + on_road and on_road == roads_abroad == int(flow.on_roads_abroad[-1])


def test_region_balances_add_up_to_the_crossings_and_the_roads(
    expulsion: ScenarioTables,
) -> None:
    for run, flow in zip(expulsion.runs, expulsion.flows, strict=True):
        balances = region_balances(run, flow)
        assert sum(b.crossed_in for b in balances) == int(flow.crossed_total[-1])
        assert sum(b.by_road for b in balances) == -int(flow.on_roads_abroad[-1])
        assert sum(b.present for b in balances) == int(flow.present[-1].sum())


def test_china_sentences_explain_in_china_against_arrived_abroad(
    expulsion: ScenarioTables,
) -> None:
    text = reconciliation(expulsion)
    arrived = next(line for line in text if line.startswith("'Arrived abroad'"))
    total, in_china, other, roads = _numbers(arrived)
    assert total == in_china + other + roads
    crossed = next(line for line in text if line.startswith("'Crossed into China'"))
    into, stock, on_roads, removed = _numbers(crossed)
    assert into == stock + on_roads + removed
