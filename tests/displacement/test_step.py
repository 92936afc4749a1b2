from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.displacement.builders import make_case, place
from yalu.displacement.events import apply_closures, build_closure_schedule
from yalu.displacement.network import build_network
from yalu.displacement.rules import Rules
from yalu.displacement.run import initial_state
from yalu.displacement.step import State, step
from yalu.models.displacement import Closure, MoveRules


def _setup(case, **rule_changes):  # type: ignore[no-untyped-def]
    rules = replace(Rules.from_settings(case.settings), **rule_changes)
    network = build_network(case, awareness_level=rules.awareness_level)
    return network, rules, initial_state(network, rules, case)


def _with_residents(state: State, **counts: int) -> State:
    return replace(state, resident=state.resident + np.array(list(counts.values())))


def _chain_case(middle_kind: str = "forward"):  # type: ignore[no-untyped-def]
    return make_case(
        [
            place("A", "conflict_zone", population=1000),
            place("B", middle_kind),
            place("C", "camp", country="Away"),
        ],
        [("A", "B", 100.0), ("B", "C", 100.0)],
    )


def test_agents_chain_hops_within_one_day_while_budget_lasts() -> None:
    network, rules, state = _setup(_chain_case("forward"))
    state = _with_residents(state, A=1000, B=0, C=0)
    after = step(state, network, rules, 0, np.random.default_rng(1))
    # A (move chance 1) -> B (forwarding hub, move chance 1) -> C in one day: 200 < 360 km.
    # From B agents may also walk back to A; C is a camp, so nearly everybody stops there.
    assert after.population(network)[2] > 400
    assert after.total == 1000


def test_budget_spent_stops_chaining() -> None:
    network, rules, state = _setup(_chain_case("forward"), max_move_speed=150.0)
    state = _with_residents(state, A=500, B=0, C=0)
    after = step(state, network, rules, 0, np.random.default_rng(2))
    # 100 km to B leaves budget, so agents go on (a new hop gets the full 150 km and the
    # 100 km link is done); with 200 km moved they stop, at C or back at A, not at B.
    population = after.population(network)
    assert after.in_transit == 0
    assert population[1] == 0
    assert population[2] > 100


def test_link_longer_than_speed_keeps_agents_in_transit() -> None:
    network, rules, state = _setup(_chain_case("forward"), max_move_speed=80.0)
    state = _with_residents(state, A=500, B=0, C=0)
    after = step(state, network, rules, 0, np.random.default_rng(2))
    assert after.in_transit == 500


def test_long_link_takes_floor_km_over_speed_plus_one_days() -> None:
    case = make_case(
        [place("A", "conflict_zone", population=10), place("C", "camp", country="Away")],
        [("A", "C", 800.0)],
    )
    network, rules, state = _setup(case)
    state = _with_residents(state, A=100, C=0)
    rng = np.random.default_rng(3)
    arrivals = []
    for day in range(3):
        state = step(state, network, rules, day, rng)
        arrivals.append(int(state.resident[1]))
    assert arrivals[:2] == [0, 0]
    assert arrivals[2] > 90


def test_same_seed_gives_identical_state() -> None:
    network, rules, state = _setup(_chain_case("town"))
    state = _with_residents(state, A=10_000, B=0, C=0)
    a = step(state, network, rules, 0, np.random.default_rng(42))
    b = step(state, network, rules, 0, np.random.default_rng(42))
    assert np.array_equal(a.resident, b.resident)
    assert np.array_equal(a.on_link, b.on_link)


def test_full_camp_turns_movers_back() -> None:
    case = make_case(
        [
            place("A", "conflict_zone", population=10),
            place("C", "camp", capacity=100, country="Away"),
        ],
        [("A", "C", 50.0)],
    )
    network, rules, state = _setup(case, camp_movechance=0.0)  # nobody leaves the camp
    state = _with_residents(state, A=1000, C=100)
    after = step(state, network, rules, 0, np.random.default_rng(4))
    assert after.resident.tolist() == [1000, 100]


def test_agents_on_a_closed_link_return_to_its_start() -> None:
    closure = Closure("link", "A", "C", 1, -1)
    case = make_case(
        [place("A", "conflict_zone", population=10), place("C", "camp", country="Away")],
        [("A", "C", 500.0)],
        closures=(closure,),
    )
    network, rules, state = _setup(case)
    state = _with_residents(state, A=100, C=0)
    rng = np.random.default_rng(5)
    state = step(state, network, rules, 0, rng)
    assert state.in_transit == 100
    state = apply_closures(state, build_closure_schedule(case, network), rules, 1)
    state = step(state, network, rules, 1, rng)
    assert state.resident.tolist() == [100, 0]


location_kinds = st.sampled_from(["conflict_zone", "town", "camp", "forward", "marker"])


@st.composite
def small_worlds(draw):  # type: ignore[no-untyped-def]
    size = draw(st.integers(2, 6))
    kinds = [draw(location_kinds) for _ in range(size)]
    locations = [
        place(
            f"L{i}",
            kind,
            population=draw(st.integers(0, 1000)),
            capacity=draw(st.one_of(st.none(), st.integers(1, 300))) if kind == "camp" else None,
            country=draw(st.sampled_from(["Home", "Away"])),
        )
        for i, kind in enumerate(kinds)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)), min_size=1, max_size=10
        )
    )
    routes = [(f"L{a}", f"L{b}", float(draw(st.integers(1, 900)))) for a, b in pairs if a != b]
    move = MoveRules(
        awareness_level=draw(st.integers(0, 3)),
        max_move_speed=float(draw(st.integers(20, 400))),
        default_movechance=draw(st.floats(0.0, 1.0)),
    )
    case = make_case(locations, routes, move=move)
    residents = [draw(st.integers(0, 5000)) for _ in range(size)]
    closed = draw(st.lists(st.booleans(), min_size=2 * len(routes), max_size=2 * len(routes)))
    return case, residents, closed, draw(st.integers(0, 2**32 - 1))


@settings(max_examples=60, deadline=None)
@given(small_worlds())
def test_step_conserves_every_agent_and_never_goes_negative(world) -> None:  # type: ignore[no-untyped-def]
    case, residents, closed, seed = world
    network, rules, state = _setup(case)
    state = replace(state, resident=np.array(residents, dtype=np.int64))
    rng = np.random.default_rng(seed)
    expected = sum(residents)
    for day in range(4):
        if day == 2 and closed:
            state = replace(state, link_open=~np.array(closed, dtype=bool))
        state = step(state, network, rules, day, rng)
        assert state.total == expected
        assert (state.resident >= 0).all()
        assert (state.pending >= 0).all()
        assert (state.on_link >= 0).all()
        assert state.population(network).sum() + state.in_transit == expected
