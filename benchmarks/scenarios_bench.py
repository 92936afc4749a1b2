"""Time each DPRK scenario at its default resolution and print its must-show figures.

    .venv/bin/python benchmarks/scenarios_bench.py              # every scenario, with report
    .venv/bin/python benchmarks/scenarios_bench.py --no-report  # simulation only

For each scenario: wall time of the whole `yalu simulate run NAME` job (ensemble,
sensitivity runs, tables, HTML and PDF report), one run alone, the largest daily
accounting error (must be 0), and the scenario's checks against published figures. The
target is under a minute per scenario on the machine printed at the top.
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
    accounts_of,
    crossings_of,
    load_named,
    read_dprk_case,
    run_request,
    run_scenario,
    scenario_names,
)
from yalu.displacement.scenarios.accounting import metric_value


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
        single = run_scenario(spec, case, spec.seed)
        one_run = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            result = run_request(ScenarioRequest(name, report=not args.no_report), Path(folder))
            total = time.perf_counter() - start
        residual = max(int(np.abs(a.residual).max()) for a in result.tables.accounts)
        print(
            f"\n{name}: {spec.days} days, {spec.runs} runs + "
            f"{len(result.sensitivity)} sensitivity runs"
        )
        print(f"  wall time: whole job {total:.1f} s; one run {one_run:.2f} s")
        print(f"  largest accounting error over all runs and days: {residual}")
        print(f"  outflow {int(single.left_home.sum()):,} (parameter {spec.outflow.total:,})")
        for bench in spec.benchmarks:
            values = [
                metric_value(a, r, bench.metric)
                for a, r in zip(result.tables.accounts, result.tables.runs, strict=True)
            ]
            inside = all(bench.low <= v <= bench.high for v in values)
            print(
                f"  {bench.metric}: {min(values):,}-{max(values):,} vs published "
                f"{bench.low:,.0f}-{bench.high:,.0f}: {'inside' if inside else 'OUTSIDE'}"
            )
        crossed = np.cumsum(single.arrivals.sum(axis=1))
        print(
            f"  crossed by day 30/90/last: {crossed[min(29, spec.days - 1)]:,} / "
            f"{crossed[min(89, spec.days - 1)]:,} / {crossed[-1]:,}"
        )
        accounts = accounts_of(single)
        print(
            f"  last day: in China {accounts.in_china[-1]:,} (Jilin {accounts.in_jilin[-1]:,},"
            f" Liaoning {accounts.in_liaoning[-1]:,}); stranded {accounts.stranded[-1]:,};"
            f" repatriated {accounts.repatriated[-1]:,}"
        )
        for row in result.sensitivity:
            early = (
                "n/a" if row.change_early_percent is None else f"{row.change_early_percent:+.1f}%"
            )
            whole = "n/a" if row.change_percent is None else f"{row.change_percent:+.1f}%"
            print(
                f"    {row.lever:32s} {row.early_days} d {row.crossed_early:>10,} ({early:>7}) "
                f"run {row.crossed_china:>10,} ({whole:>7}) in China {row.in_china:>10,}"
            )


if __name__ == "__main__":
    main()
