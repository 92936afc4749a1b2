"""Benchmark monitoring: re-screen N subjects after the real UN list update; time and memory.

Usage: python benchmarks/monitor_bench.py [--subjects 100000] [--seed 7] [--check 10000]
                                          [--database postgresql://...] [--keep DIR]

The book is generated with a fixed seed: common Western, Korean and Chinese names, names
recombined from words of listed people's names (which share words with the lists and so
reach retrieval), about one in a thousand names copied from the 2026 UN list, and the five
subjects of issue 14 (Gran Grif, Fereidoun Abbasi-Davani, Abu Mohammed al-Jawlani and two
innocents). Each phase runs in a fresh process, so its peak RSS is its own:

1. setup: load `un_consolidated_2024-11-30.xml` and the 2021 OFAC SDN set (a second active
   list, as in `make demo`), then `add_subjects` screens every subject once against both.
2. update: load `UN_consolidated.xml` (2026-02-27) and `rescreen`: the diff, the index of
   the entries added or changed, and every subject screened against it.
3. check (`--check N`, 0 to skip): N subjects screened against the whole index, keeping the
   matches among the entries the update added or changed, compared with the alerts raised.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LISTS = HERE.parent.parent / "shared" / "data" / "lists"
OLD_UN = LISTS / "un_consolidated_2024-11-30.xml"
NEW_UN = LISTS / "UN_consolidated.xml"
SDN = LISTS / "ofac_sdn_2021"
THRESHOLD = 0.84
ISSUE_SUBJECTS = [
    ("ISSUE-1", "Gran Grif"),
    ("ISSUE-2", "Fereidoun Abbasi-Davani"),
    ("ISSUE-3", "Abu Mohammed al-Jawlani"),
    ("ISSUE-4", "Maria Schneider"),
    ("ISSUE-5", "Tomasz Wojcik"),
]


def machine() -> str:
    """Return the CPU, core count and Python version."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def book(count: int, seed: int) -> list[tuple[str, str]]:
    """Return `count` (id, name) subjects drawn with `seed`, the issue's five first."""
    sys.path.insert(0, str(HERE))
    from screening_cases import (
        CHINESE_GIVEN,
        CHINESE_SURNAMES,
        COMMON_KOREAN_GIVEN,
        COMMON_KOREAN_SURNAMES,
        COMMON_WESTERN_FIRST,
        COMMON_WESTERN_LAST,
    )
    from yalu.formats import read_list

    rng = random.Random(seed)
    people = [e for path in (OLD_UN, SDN) for e in read_list(path).entities if e.schema == "Person"]
    words = sorted({w.strip(",").title() for e in people for w in e.names[0].split() if len(w) > 2})
    listed = [e.names[0] for e in read_list(NEW_UN).entities]
    chinese_surnames = sorted(CHINESE_SURNAMES)
    subjects = list(ISSUE_SUBJECTS)
    while len(subjects) < count:
        draw = rng.random()
        if draw < 0.001:
            name = rng.choice(listed)
        elif draw < 0.35:
            name = f"{rng.choice(COMMON_WESTERN_FIRST)} {rng.choice(COMMON_WESTERN_LAST)}"
        elif draw < 0.60:
            given = "-".join(rng.choice(COMMON_KOREAN_GIVEN)).title()
            name = f"{rng.choice(COMMON_KOREAN_SURNAMES)} {given}"
        elif draw < 0.70:
            name = f"{rng.choice(chinese_surnames).title()} {rng.choice(CHINESE_GIVEN).title()}"
        else:
            name = " ".join(rng.choice(words) for _ in range(rng.choice((2, 2, 3))))
        subjects.append((f"C{len(subjects):07d}", name))
    return subjects[:count]


def phase_setup(url: str, count: int, seed: int) -> dict[str, object]:
    """Load the 2024 UN list and the SDN set, then add and screen the book."""
    from yalu.formats import read_list
    from yalu.screening.ingest import ingest
    from yalu.screening.monitor import add_subjects
    from yalu.screening.service import load_active_index
    from yalu.screening.store import open_store
    from yalu.screening.subjects import read_subjects_text

    subjects = book(count, seed)
    text = "id,name\n" + "".join(f'{sid},"{name}"\n' for sid, name in subjects)
    queries = read_subjects_text(text, "book.csv")
    with open_store(url) as store:
        for path in (OLD_UN, SDN):
            ingest(read_list(path), store)
        loaded = load_active_index(store)
        started, cpu = time.perf_counter(), time.process_time()
        report = add_subjects(store, queries, threshold=THRESHOLD, at="bench", by="bench")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "matching": report.matching, "rss_mb": peak_rss_mb(),
            "entities": loaded.entity_count}  # fmt: skip


def phase_update(url: str) -> dict[str, object]:
    """Load the 2026 UN list and re-screen every subject against what changed."""
    from yalu.formats import read_list
    from yalu.screening.ingest import ingest
    from yalu.screening.monitor import rescreen
    from yalu.screening.service import load_active_index
    from yalu.screening.store import open_store

    with open_store(url) as store:
        ingest(read_list(NEW_UN), store)
        started = time.perf_counter()
        loaded = load_active_index(store)
        indexed = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        run = rescreen(store, threshold=THRESHOLD, created="bench", loaded=loaded)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    kinds: dict[str, int] = {}
    for alert in run.alerts:
        kinds[alert.kind] = kinds.get(alert.kind, 0) + 1
    issue = sorted(
        (a.subject_id, a.kind, a.entity_id) for a in run.alerts if a.subject_id.startswith("ISSUE")
    )
    return {"seconds": seconds, "cpu": cpu, "index_seconds": indexed, "subjects": run.subjects,
            "entries": run.entries, "alerts": kinds, "issue": issue,
            "rss_mb": peak_rss_mb()}  # fmt: skip


def phase_check(url: str, sample: int, seed: int) -> dict[str, object]:
    """Screen a sample against the whole index; compare its matches among changes with alerts."""
    from yalu.screening.alerts import read_alerts
    from yalu.screening.diff import diff_list
    from yalu.screening.service import load_active_index
    from yalu.screening.store import open_store
    from yalu.screening.subjects import read_subjects

    with open_store(url) as store:
        changed = diff_list(store, "un_sc")
        delta = {("un_sc", e.id) for e in changed.entities}
        loaded = load_active_index(store)
        subjects = read_subjects(store)
        raised = {(a.subject_id, a.list, a.entity_id) for a in read_alerts(store)
                  if a.kind != "delisted"}  # fmt: skip
    chosen = random.Random(seed).sample(subjects, min(sample, len(subjects)))
    started = time.perf_counter()
    whole: set[tuple[str, str, str]] = set()
    for subject in chosen:
        for match in loaded.index.screen(subject.query, threshold=THRESHOLD, limit=100):
            if match.is_match and (match.list, match.entity_id) in delta:
                whole.add((subject.id, match.list, match.entity_id))
    seconds = time.perf_counter() - started
    ids = {subject.id for subject in chosen}
    alerted = {key for key in raised if key[0] in ids}
    return {"sample": len(chosen), "seconds": seconds, "whole": len(whole),
            "alerted": len(alerted), "missed": len(whole - alerted),
            "extra": len(alerted - whole)}  # fmt: skip


def run_phase(args: list[str]) -> dict[str, object]:
    """Run this script's `args` phase in a fresh process; return its JSON answer."""
    output = subprocess.check_output([sys.executable, __file__, *args], text=True)
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> int:
    """Run the three phases and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check", type=int, default=10_000, help="sample size; 0 skips")
    parser.add_argument("--database", help="a PostgreSQL URL (default: a temporary SQLite)")
    parser.add_argument("--phase", choices=["setup", "update", "check"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        if args.phase == "setup":
            result = phase_setup(args.database, args.subjects, args.seed)
        elif args.phase == "update":
            result = phase_update(args.database)
        else:
            result = phase_check(args.database, args.check, args.seed)
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="yalu-monitor-bench-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        common = ["--database", url, "--seed", str(args.seed)]
        print(f"monitor_bench: {args.subjects:,} subjects, seed {args.seed}; {machine()}")
        setup = run_phase([*common, "--phase", "setup", "--subjects", str(args.subjects)])
        print(f"setup   add_subjects: {setup['seconds']:.1f} s wall, {setup['cpu']:.1f} s CPU "
              f"({args.subjects / float(setup['cpu']):,.0f} subjects per CPU second) against "
              f"{setup['entities']:,} entities; {setup['matching']:,} subjects match now; "
              f"peak RSS {setup['rss_mb']:.0f} MB")  # fmt: skip
        update = run_phase([*common, "--phase", "update"])
        per_subject = float(update["cpu"]) / max(1, int(update["subjects"]))  # type: ignore[call-overload]
        print(f"update  rescreen: {update['seconds']:.1f} s wall, {update['cpu']:.1f} s CPU for "
              f"{update['subjects']:,} subjects against {update['entries']:,} added or changed "
              f"entries ({1 / per_subject:,.0f} subjects per CPU second); peak RSS "
              f"{update['rss_mb']:.0f} MB; before it, the index over every active list "
              f"(built by every load) took {update['index_seconds']:.1f} s")  # fmt: skip
        print(f"        alerts: {update['alerts']}")
        print(f"        issue 14 subjects: {update['issue']}")
        print(f"        1,000,000 subjects at this rate: {per_subject * 1e6 / 60:.0f} CPU min")
        if args.check:
            check = run_phase([*common, "--phase", "check", "--check", str(args.check)])
            print(f"check   {check['sample']:,} subjects against the whole index "
                  f"({check['seconds']:.1f} s, {check['sample'] / float(check['seconds']):,.0f}"
                  f" subjects/s): {check['whole']} matches among changed entries, "
                  f"{check['alerted']} alerts; missed {check['missed']}, "
                  f"extra {check['extra']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
