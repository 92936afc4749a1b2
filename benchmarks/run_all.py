"""Run every benchmark in turn and print their figures (`make bench`).

Each script prints its own table and the machine it ran on; this runner only sequences
them, so one command reproduces every figure quoted in the docs and closing notes.
`--quick` passes the scripts' quick modes where they have one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    # (script, arguments, arguments in quick mode)
    ("screening_bench.py", [], ["--quick"]),
    ("goods_bench.py", [], ["--lines", "100000"]),
    ("displacement_scaling.py", [], ["--agents", "1000000"]),
    ("flee_side_by_side.py", ["--runs", "5"], ["--runs", "1", "--cases", "mali2012"]),
    ("scenarios_bench.py", [], ["--no-report"]),
    ("monitor_bench.py", [], ["--subjects", "10000", "--check", "1000"]),
    ("lists_bench.py", [], ["--queries", "100", "--repeat", "1"]),
    ("fuzz_readers.py", [], ["--cases", "1"]),
    ("audit_chain.py", [], ["--rows", "20000"]),
]


def main() -> int:
    """Run the benchmarks; return non-zero if any failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a fast look")
    parser.add_argument("--only", nargs="*", help="script names to run (default: all)")
    args = parser.parse_args()
    failed = []
    for script, full, quick in BENCHMARKS:
        if args.only and script.removesuffix(".py") not in args.only and script not in args.only:
            continue
        command = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        print(f"\n=== {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        code = subprocess.call(command)
        print(f"=== {script}: exit {code}, {time.perf_counter() - started:.0f} s", flush=True)
        if code:
            failed.append(script)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
