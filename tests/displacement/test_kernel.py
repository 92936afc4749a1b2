from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.displacement.test_step import small_worlds
from tests.paths import SHARED_CASES
from yalu.core.errors import ConfigError, MissingExtraError
from yalu.displacement import kernel as kernel_module
from yalu.displacement import run_case
from yalu.displacement.draws import SMALL_GROUP, leave_draws, path_draws
from yalu.displacement.network import build_network
from yalu.displacement.options import EngineOptions
from yalu.displacement.rules import Rules
from yalu.displacement.run import initial_state
from yalu.displacement.step import step
from yalu.formats.flee import read_case


def test_certain_and_impossible_moves_draw_nothing() -> None:
    rng = np.random.default_rng(1)
    before = rng.bit_generator.state
    leaving = leave_draws(rng, np.array([5, 7, 9]), np.array([1.0, 0.0, 1.0]))
    assert leaving.tolist() == [5, 0, 9]
    assert rng.bit_generator.state == before


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=6),
    st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4),
    st.integers(0, 2**32 - 1),
)
def test_path_draws_keep_counts_and_skip_impossible_paths(
    counts: list[int], raw: list[float], seed: int
) -> None:
    weights = np.array([raw] * len(counts))
    weights[:, -1] += 1e-3  # every row has a positive path
    weights[:, 1] = 0.0
    probs = weights / weights.sum(axis=1, keepdims=True)
    picks = path_draws(np.random.default_rng(seed), np.array(counts), probs)
    assert picks.sum(axis=1).tolist() == counts
    assert (picks[:, 1] == 0).all()


def test_small_group_draws_follow_the_multinomial() -> None:
    probs = np.array([[0.0, 0.2, 0.5, 0.3]] * 4000)
    counts = np.full(4000, SMALL_GROUP)
    picks = path_draws(np.random.default_rng(3), counts, probs)
    share = picks.sum(axis=0) / counts.sum()
    assert np.allclose(share, probs[0], atol=0.01)


def test_unknown_kernel_is_refused() -> None:
    with pytest.raises(ConfigError):
        kernel_module.compiled_rounds("fortran")  # type: ignore[arg-type]


def test_numba_kernel_without_numba_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel_module, "_compiled", lambda: None)
    assert kernel_module.compiled_rounds("auto") is None
    with pytest.raises(MissingExtraError):
        kernel_module.compiled_rounds("numba")


needs_numba = pytest.mark.skipif(
    not kernel_module.numba_available(), reason="numba is not installed"
)

OPTION_SETS = [
    EngineOptions(),
    EngineOptions(smooth_capacity=True),
    EngineOptions(full_camp_occupancy=0.0, min_awareness_level=0.0),
    EngineOptions(min_awareness_level=1.0, day0_reduces_capacity=True),
    EngineOptions(next_hop_choice=True),
]


@needs_numba
@settings(max_examples=100, deadline=None)
@given(small_worlds(), st.sampled_from(OPTION_SETS))
def test_compiled_kernel_equals_numpy_path(world, options: EngineOptions) -> None:  # type: ignore[no-untyped-def]
    case, residents, closed, seed = world
    rules = Rules.from_settings(case.settings, options)
    network = build_network(case, awareness_level=rules.awareness_level)
    states = {}
    for kernel in ("numpy", "numba"):
        rng = np.random.default_rng(seed)
        current = initial_state(network, rules, case)
        current = replace(current, resident=np.array(residents, dtype=np.int64))
        for day in range(4):
            if day == 2 and closed:
                current = replace(current, link_open=~np.array(closed, dtype=bool))
            current = step(current, network, rules, day, rng, kernel=kernel)  # type: ignore[arg-type]
        states[kernel] = current
    a, b = states["numpy"], states["numba"]
    assert np.array_equal(a.resident, b.resident)
    assert np.array_equal(a.pending, b.pending)
    assert np.array_equal(a.on_link, b.on_link)


@needs_numba
@pytest.mark.shared_data
def test_compiled_kernel_equals_numpy_path_on_a_flee_case() -> None:
    case = read_case(SHARED_CASES / "mali2012")
    settings_10 = replace(case.settings, hasten=10)
    a = run_case(case, 5, settings=settings_10, kernel="numpy")
    b = run_case(case, 5, settings=settings_10, kernel="numba")
    assert np.array_equal(a.population, b.population)
    assert np.array_equal(a.in_transit, b.in_transit)


@pytest.mark.parametrize("module", ["kernel", "state", "recorder"])
def test_low_modules_import_neither_the_step_nor_the_run_loop(module: str) -> None:
    # The compiled kernel works on the day's arrays (`state.Day`) only; importing the step
    # or the run loop from below would close the circle kernel -> run -> step again.
    import ast

    import yalu.displacement

    source = Path(yalu.displacement.__file__).parent / f"{module}.py"
    imported = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not imported & {"yalu.displacement.step", "yalu.displacement.run"}
