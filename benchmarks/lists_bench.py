"""Benchmark the list readers and one-party-across-lists grouping on the shared lists.

Usage: python benchmarks/lists_bench.py [--queries 500] [--repeat 3]

Prints, with the machine: each reader's time and entity count on the real files; the time to
link every loaded entry (`EntityLinks`) and how many parties span two lists or more, by the
rule that joined them; and screening throughput over the same index with and without
grouping (`screen_queries` against the index's own `screen_many`), on queries drawn from
the lists' DPRK entries (a fixed seed). Times are the best of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import time
from collections import Counter
from pathlib import Path

from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.programs import has_program
from yalu.screening.same_entity import EntityLinks
from yalu.screening.search import ScreeningIndex
from yalu.screening.service import ListInUse, LoadedIndex, screen_queries

LISTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists"
FILES = (
    "UN_consolidated.xml",
    "ofac_sdn_2021",
    "ofac_cons_nonsdn_2025",
    "bis_dpl_2023.txt",
    "eu_fsf_sample.xml",
    "uk_sanctions_list_sample.xml",
    "au_dfat_consolidated_2024-11.xlsx",
    "ca_sema_2020-04.xml",
)


def best_of(repeat: int, run):  # type: ignore[no-untyped-def]
    """Return (best seconds, last result) of `repeat` calls of `run`."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"# {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}"
    )
    print("\nreader                               entities   seconds")
    entities = []
    lists = []
    for name in FILES:
        seconds, snapshot = best_of(args.repeat, lambda name=name: read_list(LISTS / name))
        entities.extend(snapshot.entities)
        lists.append(ListInUse(0, snapshot.source, snapshot.version, len(snapshot.entities)))
        print(f"{name:36} {len(snapshot.entities):8,}   {seconds:7.2f}")
    seconds, links = best_of(args.repeat, lambda: EntityLinks(entities))
    print(f"\nlinking {len(entities):,} entries: {seconds:.2f} s, {links.group_count:,} parties")
    sizes: Counter[int] = Counter()
    rules: Counter[str] = Counter()
    seen: set[int] = set()
    for position in range(len(entities)):
        root = links.root(position)
        members = links.members(position)
        if len(members) < 2 or root in seen:
            continue
        seen.add(root)
        sizes[len({entities[m].source for m in members})] += 1
        for reason in links.reasons(position):
            said = reason.split(": ", 1)[1]
            rules[said.split(" '")[0].split(" number")[0].removeprefix("the same ")] += 1
    print(
        "parties by lists naming them: "
        + ", ".join(f"{n} lists {c:,}" for n, c in sorted(sizes.items()))
    )
    print("links by rule: " + ", ".join(f"{rule} {count:,}" for rule, count in rules.most_common()))

    index = ScreeningIndex.build(entities)
    loaded = LoadedIndex(index, tuple(lists))
    dprk = [e for e in entities if has_program(e, "dprk")]
    rng = random.Random(20261204)
    queries = [
        Query(name=rng.choice(e.names), id=str(i))
        for i, e in enumerate(rng.sample(dprk, args.queries))
    ]
    flat, _ = best_of(args.repeat, lambda: list(index.screen_many(queries, limit=5)))
    grouped, results = best_of(
        args.repeat, lambda: list(screen_queries(loaded, queries, threshold=0.84, limit=5))
    )
    several = sum(1 for r in results if r.groups and len(r.groups[0].lists) > 1)
    count = len(queries)
    print(
        f"\nscreening {count} DPRK names, limit 5: flat {count / flat:,.0f} queries/s, "
        f"grouped {count / grouped:,.0f} queries/s; top row on 2+ lists for {several}"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
