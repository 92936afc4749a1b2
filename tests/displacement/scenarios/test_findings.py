"""The lever sentences read their claims from the numbers."""

from __future__ import annotations

import numpy as np

from yalu.displacement.scenarios.comparison import LeverEffect, Variant
from yalu.displacement.scenarios.findings import lever_notes


def _effect(lever: str, early: list[float], whole: list[float]) -> LeverEffect:
    base = {"crossed_china": 5000.0, "crossed_china_early": 1000.0}
    values = {
        "crossed_china": np.array([base["crossed_china"] + c for c in whole]),
        "crossed_china_early": np.array([base["crossed_china_early"] + c for c in early]),
        "peak_stranded": np.array([100.0, 100.0]),
        "peak_camp_places": np.array([4000.0, 4000.0]),
    }
    changes = {
        "crossed_china": np.array(whole),
        "crossed_china_early": np.array(early),
        "peak_stranded": np.array([40.0, 60.0]),
        "peak_camp_places": np.array([0.0, 0.0]),
    }
    return LeverEffect(Variant(lever, "", "day", 30.0, lambda lv: lv), values, changes)


def test_a_closure_that_barely_moves_the_total_delays_arrivals() -> None:
    notes = lever_notes([_effect("close A-B", [-300.0, -300.0], [-10.0, -10.0])], 60)
    assert notes[0].startswith("Close A-B delays arrivals more than it prevents them")
    assert "-30.0% in the first 30 days, -0.2% over the run" in notes[0]


def test_a_lever_that_changes_nothing_says_so() -> None:
    effect = _effect("close C-D", [0.0, 0.0], [0.0, 0.0])
    for values in effect.changes.values():
        values[:] = 0
    notes = lever_notes([effect], 60)
    assert notes == ["Close C-D changes nothing in these runs: nobody it would affect."]


def test_a_lever_with_an_uncertain_sign_says_its_band_includes_no_effect() -> None:
    notes = lever_notes([_effect("open X", [-50.0, 50.0], [-900.0, 500.0])], 60)
    assert "arrivals in China -200 (-830 to +430, -4.0%)" in notes[0]
    assert notes[0].endswith("Its band includes no effect at all.")
