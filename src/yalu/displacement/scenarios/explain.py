"""Sentences that reconcile the figures a reader will compare, read from one run's numbers.

A report's bands are over every run, and means of runs need not add up; so the
reconciliation uses one whole run, the ensemble's median by people crossed, whose
figures add up exactly. It follows people from home to where they are on the last day:
still in North Korea (in a town, on a road, in a relief camp), or across a border; and
for each region abroad, how many crossed into it, how many are there, and how many left
it by road for another region of the same country (FLEE's rules keep people moving
between towns), so that "all crossed at Sinuiju-Dandong but most are in Jilin" is
explained, not left as a puzzle.
"""

from __future__ import annotations

from dataclasses import dataclass

from yalu.displacement.scenarios.flows import FlowTable, destination_regions, median_run
from yalu.displacement.scenarios.simulation import ScenarioRun
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates


@dataclass(frozen=True, slots=True)
class RegionBalance:
    """People in and out of one destination region over a run (last day).

    Attributes:
        region: "Region, Country".
        crossed_in: people who crossed a border into it.
        present: people in its places on the last day.
        removed: people sent back or moved on to third countries from its places.
        by_road: present + removed - crossed_in: people who came by road from other
            regions (when positive) or left by road (when negative).
    """

    region: str
    crossed_in: int
    present: int
    removed: int

    @property
    def by_road(self) -> int:
        """Return the net people who reached it by road (negative: left it by road)."""
        return self.present + self.removed - self.crossed_in


def region_balances(run: ScenarioRun, flow: FlowTable) -> list[RegionBalance]:
    """Return the balance of every region anybody crossed into or reached."""
    index = run.case.location_index
    regions = destination_regions(run.case)
    crossed = flow.crossed[-1]
    removed = run.repatriated_from + run.moved_on_from
    balances = []
    for k, (label, mask) in enumerate(regions):
        into = sum(
            int(crossed[i]) for i, c in enumerate(run.crossings) if mask[index[c.destination]]
        )
        balance = RegionBalance(label, into, int(flow.present[-1, k]), int(removed[mask].sum()))
        if balance.crossed_in or balance.present or balance.removed:
            balances.append(balance)
    return balances


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def reconciliation(tables: ScenarioTables) -> list[str]:
    """Return the sentences that explain how the report's figures fit together."""
    k = median_run(tables.flows)
    run, flow = tables.runs[k], tables.flows[k]
    last = day_dates(run)[-1].isoformat()
    crossed = int(flow.crossed_total[-1])
    stranded = int(tables.accounts[k].stranded[-1])
    roads_home = int(flow.in_transit[-1]) - stranded
    text = [
        f"The figures below are run {k + 1}'s (seed {run.seed}), the run whose crossings "
        f"are the median of the {len(tables.runs)} runs: they add up exactly (means over "
        "runs need not). Dates are the end of each simulated day; the last is "
        f"{last}.",
        f"{_n(flow.left_home[-1])} left home: {_n(flow.in_transit[-1])} are still in "
        f"North Korea outside camps ({_n(stranded)} in towns, {_n(roads_home)} on roads), "
        f"{_n(flow.in_camps[-1])} are in relief camps, and {_n(crossed)} crossed a border.",
    ]
    if crossed:
        used = sorted(
            ((int(v), name) for name, v in zip(flow.crossings, flow.crossed[-1], strict=True)),
            reverse=True,
        )
        parts = [f"{name} {_n(v)} ({_share(v, crossed)})" for v, name in used if v > 0]
        text.append(f"They crossed at {', '.join(parts)}.")
        text.append(
            f"Of the {_n(crossed)} who crossed, {_n(flow.present[-1].sum())} are in places "
            f"abroad, {_n(flow.on_roads_abroad[-1])} are on roads abroad, "
            f"{_n(flow.repatriated[-1])} were sent back to North Korea and "
            f"{_n(flow.moved_on[-1])} moved on to third countries."
        )
    balances = region_balances(run, flow)
    text += [_region_sentence(b) for b in balances]
    left = -sum(b.by_road for b in balances if b.by_road < 0)
    if left:
        came = sum(b.by_road for b in balances if b.by_road > 0)
        text.append(
            f"So {_n(left)} people left a region abroad by road: {_n(came)} reached another "
            f"region and {_n(left - came)} are still on the road "
            f"(on roads abroad: {_n(flow.on_roads_abroad[-1])})."
        )
    text += _china_sentences(tables, k)
    return text


def _region_sentence(balance: RegionBalance) -> str:
    """Return one sentence on how a region's crossings and its people differ."""
    into = (
        f"{_n(balance.crossed_in)} crossed into {balance.region}"
        if balance.crossed_in
        else f"Nobody crossed a border into {balance.region}"
    )
    there = f"{_n(balance.present)} are there at the end"
    gone = (
        f", {_n(balance.removed)} were sent back or moved on from there" if balance.removed else ""
    )
    road = balance.by_road
    if road > 0:
        why = (
            f"; {_n(road)} came by road from another region of the same country (FLEE's "
            "rules keep people moving on from towns)"
        )
    elif road < 0:
        why = f"; {_n(-road)} left it by road for another region, or are on the road"
    else:
        why = ""
    return f"{into}; {there}{gone}{why}."


def _china_sentences(tables: ScenarioTables, k: int) -> list[str]:
    """Return the sentences comparing 'crossed into China', 'in China' and 'arrived'."""
    account = tables.accounts[k]
    crossed_china = int(account.crossed_china[-1])
    in_china = int(account.in_china[-1])
    arrived = int(account.arrived[-1])
    removed = int(account.repatriated[-1] + account.moved_on[-1])
    china_roads = crossed_china - in_china - removed
    other_places = arrived - in_china - int(tables.flows[k].on_roads_abroad[-1])
    if not crossed_china and not arrived:
        return []
    return [
        f"'Crossed into China' ({_n(crossed_china)}) is a running total; 'in China' "
        f"({_n(in_china)}) is who is in Chinese places on the last day. The difference: "
        f"{_n(china_roads)} on Chinese roads and {_n(removed)} sent back or moved on.",
        f"'Arrived abroad' ({_n(arrived)}) counts everybody across a border today: "
        f"{_n(in_china)} in Chinese places, {_n(other_places)} in other countries' places "
        f"and {_n(float(tables.flows[k].on_roads_abroad[-1]))} on roads abroad.",
    ]
