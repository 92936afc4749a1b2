"""Fuzz every reader over every shared list and sample file; print what each mutant did.

Usage: python benchmarks/fuzz_readers.py [--cases 4] [--seed 20261204] [--timeout 30]
                                         [--only NAME ...]

Each file (an OFAC folder counts as one, a mutation changing one of its files) is read
whole first, as the version in use. Then `--cases` mutants of each kind (truncated at a
byte or at a line break, a line deleted or duplicated, a bit flipped, two columns
swapped, a byte that is not UTF-8, Latin-1 or UTF-16 text; `fuzz_cases.MUTATIONS`) are
read as `yalu lists load` reads them: reader, then load guards. Every mutant runs in a
worker process with a time limit, so a hang is counted, not waited for.

Rules (any break is listed at the end, with the exit status 1): no traceback, no error
over several lines, no hang, no truncated or duplicated list file accepted unless it
gives exactly the entities of the whole file, and a byte that is not UTF-8 in a
UTF-8-only format refused naming its byte offset. Other changed-but-accepted mutants
(a flipped letter, a deleted line that looks like a delisting) are counted, not judged.

Files: `../shared/data/lists`, `docs/samples` and `tests/fixtures/lists`. A file no reader
claims yet (the EU, UK, Canada and Australia files before their readers exist) is listed
as such; once `detect_format` knows it, it is fuzzed with no change here.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from collections import Counter, defaultdict
from multiprocessing.connection import Connection
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from fuzz_cases import (  # noqa: E402
    MUTATIONS,
    Baseline,
    Outcome,
    Sample,
    baseline,
    find_samples,
    is_failure,
    judge,
    write_mutant,
)

SHARED_LISTS = REPO.parent / "shared" / "data" / "lists"
ROOTS = (SHARED_LISTS, REPO / "docs" / "samples", REPO / "tests" / "fixtures" / "lists")

Case = tuple[str, float, int]
"""(mutation kind, position in [0, 1), extra choice)."""


def machine() -> str:
    """Return the CPU, core count and Python version."""
    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def make_cases(count: int, seed: int, salt: str) -> list[Case]:
    """Return `count` cases of every mutation kind, the same for a seed and a file name."""
    import random

    rng = random.Random(f"{seed}:{salt}")
    return [
        (kind, rng.random(), rng.randrange(1 << 20)) for kind in MUTATIONS for _ in range(count)
    ]


def _work(conn: Connection, sample: Sample, cases: list[Case], start: int, base: Baseline) -> None:
    """Judge cases[start:] one by one, reporting each start and result through `conn`."""
    with tempfile.TemporaryDirectory(prefix="yalu-fuzz-") as folder:
        for index in range(start, len(cases)):
            kind, position, extra = cases[index]
            conn.send(("start", index))
            mutant = write_mutant(sample, Path(folder), kind, position, extra)
            outcome = judge(sample, mutant, base)
            conn.send(("done", index, outcome, is_failure(sample, kind, outcome, base, mutant)))
    conn.send(("end", len(cases)))


def run_sample(
    sample: Sample, cases: list[Case], base: Baseline, timeout_s: float
) -> list[tuple[Outcome, str]]:
    """Run every case in forked workers; a case over `timeout_s` is a hang (worker killed)."""
    context = multiprocessing.get_context("fork")
    results: list[tuple[Outcome, str]] = []
    start = 0
    while start < len(cases):
        parent, child = context.Pipe()
        worker = context.Process(target=_work, args=(child, sample, cases, start, base))
        worker.start()
        child.close()
        while True:
            if not parent.poll(timeout_s):
                results.append((Outcome("hang", f"over {timeout_s:g}s"), "hang"))
                worker.kill()
                start = len(results)
                break
            message = parent.recv()
            if message[0] == "done":
                results.append((message[2], message[3]))
            elif message[0] == "end":
                start = len(cases)
                break
        worker.join()
    return results


def main() -> int:
    """Fuzz, print the tables, and return 1 if any rule was broken."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=4, help="mutants of each kind per file")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per mutant")
    parser.add_argument("--only", nargs="*", help="file or folder names to fuzz")
    args = parser.parse_args()
    print(f"machine: {machine()}; seed {args.seed}, {args.cases} mutants per kind per file")
    roots = [root for root in ROOTS if root.is_dir()]
    samples = find_samples(roots)
    claimed = {sample.path for sample in samples}
    unclaimed = [p for root in roots for p in sorted(root.iterdir())
                 if p not in claimed and p.suffix != ".md"]  # fmt: skip
    if args.only:
        samples = [s for s in samples if s.path.name in args.only]
    kinds: defaultdict[tuple[bool, str], Counter[str]] = defaultdict(Counter)
    failures: list[tuple[str, str, str, str]] = []
    started = time.perf_counter()
    print(
        f"{'file':44} {'reader':10} {'mutants':>7} {'refused':>7} {'same':>5} "
        f"{'changed':>7} {'broken':>6}"
    )
    for sample in samples:
        cases = make_cases(args.cases, args.seed, sample.path.name)
        with tempfile.TemporaryDirectory(prefix="yalu-fuzz-base-") as folder:
            base = baseline(sample, Path(folder))
            results = run_sample(base.fuzzed(sample), cases, base, args.timeout)
        verdicts = Counter(outcome.verdict for outcome, _ in results)
        broken = 0
        for (kind, _, _), (outcome, failure) in zip(cases, results, strict=True):
            kinds[sample.is_list, kind][outcome.verdict] += 1
            if failure:
                broken += 1
                failures.append((failure, sample.label, kind, outcome.message))
        print(
            f"{sample.label:44} {sample.format:10} {len(results):7} {verdicts['refused']:7} "
            f"{verdicts['same']:5} {verdicts['changed']:7} {broken:6}"
            + (f"   ({base.note})" if base.note else "")
        )
    print(f"\nno reader yet for: {', '.join(p.name for p in unclaimed) or 'none'}")
    for is_list, title in ((True, "list files"), (False, "shipment and supplier files")):
        print(f"\n{title + ':':30} {'refused':>7} {'same':>5} {'changed':>7} {'other':>5}")
        for kind in MUTATIONS:
            counts = kinds[is_list, kind]
            other = sum(counts.values()) - counts["refused"] - counts["same"] - counts["changed"]
            print(
                f"  {kind:28} {counts['refused']:7} {counts['same']:5} {counts['changed']:7} "
                f"{other:5}"
            )
    total = sum(sum(counts.values()) for counts in kinds.values())
    by_rule = Counter(failure for failure, _, _, _ in failures)
    print(f"\n{total} mutants of {len(samples)} files in {time.perf_counter() - started:.0f}s")
    for rule in ("traceback", "multi_line", "hang", "truncated file accepted",
                 "duplicated file accepted", "bad byte not refused with its offset"):  # fmt: skip
        print(f"{rule + ':':40} {by_rule[rule]}")
    for failure, label, kind, message in failures[:20]:
        print(f"  {failure}: {label} ({kind}): {message[:160]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
