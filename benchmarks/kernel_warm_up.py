"""Load the displacement engine's compiled kernel before a timed run (benchmarks only).

numba's import and the loading of its cached machine code take about 0.35 s (tens of
seconds the very first time on a machine, when it compiles). FLEE's timings exclude its
imports, so the benchmarks exclude these too by running two days of a two-location case
first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from yalu.displacement import run_case
from yalu.displacement.kernel import Kernel, compiled_rounds
from yalu.models.displacement import Case, Location, Route


def warm_up(kernel: Kernel = "auto") -> bool:
    """Load (or compile) the compiled kernel now; return True when it is in use."""
    if compiled_rounds(kernel) is None:
        return False
    places = (
        Location("A", "A", "Home", 0.0, 0.0, "conflict_zone", 0, 100),
        Location("B", "B", "Away", 0.0, 0.0, "camp", 0, 0, 10),
    )
    case = Case("warm-up", Path("warm-up"), date(2020, 1, 1), 2, places, (Route("A", "B", 50.0),))
    run_case(case, 0, kernel=kernel)
    return True
