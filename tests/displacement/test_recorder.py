from __future__ import annotations

from dataclasses import replace

import numpy as np

from tests.displacement.builders import make_case, place
from tests.paths import FIXTURES
from yalu.displacement import run_case
from yalu.displacement.network import build_network
from yalu.displacement.recorder import DailyRecorder
from yalu.displacement.rules import Rules
from yalu.displacement.run import initial_state
from yalu.formats.flee import read_case
from yalu.models.displacement import SimSettings


def test_recorder_keeps_each_day_and_hands_back_one_output() -> None:
    case = make_case([place("A", "conflict_zone"), place("B", "camp")], [("A", "B", 50)])
    network = build_network(case)
    state = replace(initial_state(network, Rules(), case), resident=np.array([3, 4]))
    recorder = DailyRecorder.for_run(2, network.size)
    recorder.record(1, state, network, spawned=7, debt=2)
    output = recorder.output(seed=5, settings=SimSettings(hasten=3))
    assert output.population.tolist() == [[0, 0], [3, 4]]
    assert output.spawned.tolist() == [0, 7]
    assert output.debt.tolist() == [0, 2]
    assert output.seed == 5
    assert output.settings.hasten == 3


def test_run_case_records_every_spawned_agent_somewhere() -> None:
    output = run_case(read_case(FIXTURES / "flee" / "tiny_case"), seed=1)
    assert output.spawned.sum() > 0
    assert np.array_equal(output.total_agents, np.cumsum(output.spawned))
