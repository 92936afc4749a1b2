"""Run a DPRK scenario on the engine: outflow, movement, crossings, camps, repatriation.

Before day 0 the run draws its uncertain inputs (outflow size and timing, crossing
capacities, movement parameters: `uncertainty`) from its own seed. Then each day, in this
order:

1. People leave home on the outflow schedule and appear as displaced (at home, or at the
   border for an expulsion).
2. Levers of the day set who can go where: relief camps open or close (their links and
   capacity), and DPRK places with an open crossing become the places people head for
   (no conflict intensity there, a low chance to leave again).
3. The engine's `step` moves everybody (FLEE's rules, on counts).
4. Crossings pass people waiting at their DPRK end: a binomial draw with the crossing
   chance (times the refugee-status multiplier for China), capped by the day's capacity.
5. Forced repatriation removes a binomial share of the people in China, then resettlement
   moves a binomial share of those left on to third countries.

Crossing routes are left out of the engine's network: the crossing step above is the only
way across, so a capacity is exact. Link and location closures of the case's closures.csv
still close roads inside each country (crossings are closed and opened by levers). People
repatriated leave the simulation (held by the DPRK authorities), and so do people who move
on to third countries; `accounting` keeps both as stocks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from yalu.core.errors import ScenarioError
from yalu.core.progress import ProgressCallback
from yalu.displacement import Network, Rules, State, build_network, initial_state
from yalu.displacement.network import links_between
from yalu.displacement.recorder import DailyRecorder
from yalu.displacement.scenarios.geography import crossings_of
from yalu.displacement.scenarios.levers import DailyLevers, compile_levers
from yalu.displacement.scenarios.spawning import outflow_schedule
from yalu.displacement.scenarios.uncertainty import DrawnInputs, apply_inputs, draw_inputs
from yalu.displacement.step import step
from yalu.models.displacement import Case, Counts, Location, Route, RunOutput
from yalu.models.scenarios import Crossing, ScenarioSpec

CAMP_LINK_KM = 5.0
"""Distance from a border town to its relief camp."""


@dataclass(frozen=True, slots=True)
class ScenarioRun:
    """One run of a scenario, in the engine's tables plus the scenario's own.

    Attributes:
        spec: the scenario as given (before its uncertain inputs were drawn).
        case: the engine's case (the DPRK case plus relief camps, without crossing routes).
        output: the engine's daily populations (people displaced, by location).
        crossings: crossings, in case order.
        arrivals: people through each crossing per day, shape (days, crossings).
        capacity: each crossing's capacity per day, shape (days, crossings).
        left_home: people leaving home per day, shape (days,).
        repatriated: people repatriated from China per day, shape (days,).
        transit_abroad: people on links outside the DPRK at the end of each day, shape (days,).
        levers: the day-by-day levers used.
        start_population: people at home on day 0 (DPRK locations of the case).
        seed: the run's seed.
        moved_on: people moving on from China to third countries per day, shape (days,).
        repatriated_from: people repatriated over the run, by location of the engine's case.
        moved_on_from: people who moved on over the run, by location of the engine's case.
        inputs: the values this run drew for the scenario's uncertain inputs.
    """

    spec: ScenarioSpec
    case: Case
    output: RunOutput
    crossings: tuple[Crossing, ...]
    arrivals: Counts
    capacity: Counts
    left_home: Counts
    repatriated: Counts
    transit_abroad: Counts
    levers: DailyLevers
    start_population: int
    seed: int
    moved_on: Counts
    repatriated_from: Counts
    moved_on_from: Counts
    inputs: DrawnInputs


def engine_case(case: Case, crossings: tuple[Crossing, ...], levers: DailyLevers) -> Case:
    """Return `case` without crossing routes and with a relief camp beside each camp site.

    Raises:
        ScenarioError: a camp site is not a DPRK location of the case.
    """
    names = {frozenset((c.origin, c.destination)) for c in crossings}
    routes = [r for r in case.routes if frozenset((r.start, r.end)) not in names]
    index = case.location_index
    home = case.locations[0].country
    camps: list[Location] = []
    for site, camp in zip(levers.camp_sites, levers.camp_names, strict=True):
        if site not in index or case.locations[index[site]].country != home:
            raise ScenarioError(
                f"unknown camp site {site!r}",
                hint="Put relief camps beside a North Korean location of the case",
            )
        town = case.locations[index[site]]
        capacity = int(levers.camp_capacity[:, len(camps)].max(initial=0))
        camps.append(
            Location(
                camp,
                town.region,
                home,
                town.latitude - 0.02,
                town.longitude,
                "camp",
                capacity=max(capacity, 1),
            )
        )
        routes.append(Route(site, camp, CAMP_LINK_KM))
    closures = tuple(c for c in case.closures if c.kind in ("link", "location"))
    return replace(
        case, locations=case.locations + tuple(camps), routes=tuple(routes), closures=closures
    )


@dataclass(slots=True)
class _Plan:
    """Arrays fixed for the whole run."""

    network: Network
    rules: Rules
    origin: Counts
    destination: Counts
    is_china: np.ndarray
    is_home: np.ndarray
    camp_index: Counts
    camp_links: list[np.ndarray]
    foreign_hop: np.ndarray
    closed: list[tuple[np.ndarray, int, int]]


def _plan(case: Case, crossings: tuple[Crossing, ...], levers: DailyLevers) -> _Plan:
    """Build the network and the index arrays the daily loop uses."""
    rules = Rules.from_settings(case.settings)
    network = build_network(case, awareness_level=rules.awareness_level)
    index = case.location_index
    camp_index = np.array([index[name] for name in levers.camp_names], dtype=np.int64)
    every = np.ones(network.size, dtype=bool)
    camp_links = [links_between(network, np.arange(network.size) == c, every) for c in camp_index]
    countries = [loc.country for loc in case.locations]
    closed = []
    for closure in case.closures:
        here = np.array([name == closure.name1 for name in network.names])
        there = (
            every
            if closure.kind == "location"
            else np.array([name == closure.name2 for name in network.names])
        )
        end = closure.end_day if closure.end_day >= 0 else 1 << 62
        closed.append((links_between(network, here, there), closure.start_day, end))
    return _Plan(
        network=network,
        rules=rules,
        origin=np.array([index[c.origin] for c in crossings], dtype=np.int64),
        destination=np.array([index[c.destination] for c in crossings], dtype=np.int64),
        is_china=np.array([country == "China" for country in countries]),
        is_home=~network.is_foreign,
        camp_index=camp_index,
        camp_links=camp_links,
        foreign_hop=network.is_foreign[network.link_end[network.hop_link]],
        closed=closed,
    )


def _set_levers(
    state: State, plan: _Plan, spec: ScenarioSpec, levers: DailyLevers, day: int
) -> State:
    """Return the state with the day's camps, attractions and move chances."""
    net, behaviour = plan.network, spec.behaviour
    link_open = np.ones(net.link_start.size, dtype=bool)
    for links, start, end in plan.closed:
        if start <= day < end:
            link_open[links] = False
    capacity = np.full(net.size, -1, dtype=np.int64)
    for k, camp in enumerate(plan.camp_index):
        today = int(levers.camp_capacity[day, k])
        link_open[plan.camp_links[k]] = today > 0
        capacity[camp] = max(today, 1)
    gates = np.zeros(net.size, dtype=bool)
    gates[plan.origin[levers.capacity[day] > 0]] = True
    is_camp = np.zeros(net.size, dtype=bool)
    is_camp[plan.camp_index] = True
    interior = plan.is_home & ~gates & ~is_camp
    intensity = np.where(interior, behaviour.interior_intensity, 0.0)
    movechance = np.full(net.size, plan.rules.default_movechance)
    movechance[interior] = plan.rules.conflict_movechance
    movechance[gates] = behaviour.border_movechance
    movechance[is_camp] = plan.rules.camp_movechance
    return replace(
        state,
        link_open=link_open,
        capacity=capacity,
        is_camp=is_camp,
        intensity=intensity,
        movechance=movechance,
    )


def _cross(
    resident: Counts,
    plan: _Plan,
    spec: ScenarioSpec,
    crossings: tuple[Crossing, ...],
    levers: DailyLevers,
    day: int,
    rng: np.random.Generator,
) -> Counts:
    """Move people across open crossings (in place); return arrivals per crossing."""
    arrivals = np.zeros(len(crossings), dtype=np.int64)
    for i, crossing in enumerate(crossings):
        cap = int(levers.capacity[day, i])
        if cap <= 0:
            continue
        chance = spec.behaviour.cross_chance
        if crossing.kind == "china":
            chance *= float(levers.attractiveness[day])
        origin = plan.origin[i]
        wanting = int(rng.binomial(resident[origin], min(max(chance, 0.0), 1.0)))
        arrivals[i] = min(wanting, cap)
        resident[origin] -= arrivals[i]
        resident[plan.destination[i]] += arrivals[i]
    return arrivals


def run_scenario(
    spec: ScenarioSpec, case: Case, seed: int, on_progress: ProgressCallback | None = None
) -> ScenarioRun:
    """Run `spec` on `case` once with `seed`.

    The seed is split in two streams: one draws the uncertain inputs, the other drives the
    run, so the same seed gives the same inputs whatever levers a variant adds.

    Raises:
        ScenarioError: a lever or the outflow names something the case lacks.
    """
    days = spec.days
    crossings = crossings_of(case)
    input_seed, run_seed = np.random.SeedSequence(seed).spawn(2)
    drawn = draw_inputs(spec.uncertainty, len(crossings), np.random.default_rng(input_seed))
    used, case, capacities = apply_inputs(spec, case, crossings, drawn)
    levers = compile_levers(spec.levers, capacities, days)
    sim_case = replace(
        engine_case(case, crossings, levers), length_days=days, start_date=spec.start_date
    )
    schedule = outflow_schedule(used.outflow, sim_case, days)
    plan = _plan(sim_case, crossings, levers)
    rng = np.random.default_rng(run_seed)
    state = initial_state(plan.network, plan.rules, sim_case)
    size = plan.network.size
    recorder = DailyRecorder.for_run(days, size)
    abroad = np.zeros(days, np.int64)
    arrivals = np.zeros((days, len(crossings)), dtype=np.int64)
    repatriated = np.zeros(days, dtype=np.int64)
    moved_on = np.zeros(days, dtype=np.int64)
    repatriated_from = np.zeros(size, dtype=np.int64)
    moved_on_from = np.zeros(size, dtype=np.int64)
    for day in range(days):
        state = replace(state, resident=state.resident + schedule.appear[day])
        state = _set_levers(state, plan, used, levers, day)
        state = step(state, plan.network, plan.rules, day, rng)
        resident = state.resident.copy()
        arrivals[day] = _cross(resident, plan, used, crossings, levers, day, rng)
        sent_back = rng.binomial(resident * plan.is_china, float(levers.repatriation[day]))
        resident -= sent_back
        onward = rng.binomial(resident * plan.is_china, float(levers.resettlement[day]))
        resident -= onward
        repatriated[day], moved_on[day] = int(sent_back.sum()), int(onward.sum())
        repatriated_from += sent_back
        moved_on_from += onward
        state = replace(state, resident=resident)
        recorder.record(day, state, plan.network, spawned=int(schedule.appear[day].sum()))
        abroad[day] = int(state.on_link[plan.foreign_hop].sum())
        if on_progress is not None:
            on_progress(day + 1)
    output = recorder.output(seed=seed, settings=sim_case.settings)
    start = sum(
        loc.population for loc in case.locations if loc.country == case.locations[0].country
    )
    return ScenarioRun(
        spec,
        sim_case,
        output,
        crossings,
        arrivals,
        levers.capacity,
        schedule.leave.sum(axis=1),
        repatriated,
        abroad,
        levers,
        start,
        seed,
        moved_on,
        repatriated_from,
        moved_on_from,
        drawn,
    )
