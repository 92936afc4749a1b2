"""Time each DPRK scenario at its default resolution and print its must-show figures.

    .venv/bin/python benchmarks/scenarios_bench.py              # every scenario, with report
    .venv/bin/python benchmarks/scenarios_bench.py --no-report  # simulation only

For each scenario: wall time of the whole `yalu simulate run NAME` job (ensemble with its
uncertain inputs drawn per run, the lever comparison, tables, HTML and PDF report), one
run alone, the largest flow-table residual over every identity, run and day (must be 0),
the key figures with their 90% bands, the checks against published figures (validation
or input), and each lever's effect on arrivals in China with its band. The target is
under a few minutes per scenario on the machine printed at the top.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from yalu.displacement.scenarios import (
    ScenarioRequest,
    crossings_of,
    load_named,
    read_dprk_case,
    run_request,
    run_scenario,
    scenario_names,
)
from yalu.displacement.scenarios.accounting import metric_value
from yalu.displacement.scenarios.metrics import BY_NAME


def main() -> None:
    """Run the benchmark and print one block per scenario."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-report", action="store_true", help="skip report.html/pdf")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    case = read_dprk_case()
    crossings = crossings_of(case)
    for name in scenario_names():
        spec = load_named(name, case, crossings)
        start = time.perf_counter()
        run_scenario(spec, case, spec.seed)
        one_run = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            result = run_request(ScenarioRequest(name, report=not args.no_report), Path(folder))
            total = time.perf_counter() - start
        residual = max(
            int(np.abs(r).max()) for f in result.tables.flows for r in f.residuals().values()
        )
        levers = sum(len(next(iter(e.changes.values()))) for e in result.effects)
        print(f"\n{name}: {spec.days} days, {spec.runs} runs + {levers} lever runs")
        print(f"  wall time: whole job {total:.1f} s; one run {one_run:.2f} s")
        print(f"  largest flow-table residual over all runs and days: {residual}")
        for metric in ("left_home", "crossed_china", "peak_camp_places", "peak_stranded"):
            band = result.tables.metric(metric)
            print(
                f"  {BY_NAME[metric].label:<18} {band.mean[0]:>12,.0f} "
                f"(90% band {band.low[0]:,.0f}-{band.high[0]:,.0f})"
            )
        for bench in spec.benchmarks:
            values = [
                metric_value(a, r, bench.metric)
                for a, r in zip(result.tables.accounts, result.tables.runs, strict=True)
            ]
            inside = sum(bench.low <= v <= bench.high for v in values)
            print(
                f"  {bench.role}: {bench.metric} {min(values):,}-{max(values):,} vs published "
                f"{bench.low:,.0f}-{bench.high:,.0f}: {inside} of {len(values)} runs inside"
            )
        for effect in result.effects:
            mean, low, high = effect.change("crossed_china")
            print(
                f"    {effect.variant.lever:32s} arrivals in China {mean:+12,.0f} "
                f"({low:+,.0f} to {high:+,.0f})"
            )


if __name__ == "__main__":
    main()
