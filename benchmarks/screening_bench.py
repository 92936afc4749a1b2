"""Benchmark yalu's screening against rapidfuzz and nomenklatura on every shared list.

    .venv/bin/python benchmarks/screening_bench.py            # full run (a few minutes)
    .venv/bin/python benchmarks/screening_bench.py --quick    # small sets, for iteration
    .venv/bin/python benchmarks/screening_bench.py --seed 1   # other sets, same rules

Prints the machine, the lists read, one table (build time, peak RSS, queries/s, recall on
variants, original-script names and held-out aliases, false-positive rate on names on no
list), a per-kind breakdown, and each matcher's figures at its own 1%-FPR threshold. The
sets come from `screening_cases.py`. `@1` counts a case when the top candidate is right;
`@thr` also asks that it score at or above the matcher's threshold. nomenklatura runs in
`.venv-bench` (`python -m venv .venv-bench && .venv-bench/bin/pip install
nomenklatura==4.17.4 anyascii`: its figures change between releases, and the cache of
them does not know the release) through `screening_nomenklatura.py`; it is skipped, and
said so, when that venv is missing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from screening_cases import Case, Cases, build_cases, hold_out, key_of
from yalu.core.errors import ListFormatError
from yalu.formats import read_list
from yalu.models.screening import Entity, ListSnapshot, Query
from yalu.screening import DEFAULT_THRESHOLD, ScreeningIndex

HERE = Path(__file__).resolve().parent
LISTS = HERE.parent.parent / "shared" / "data" / "lists"
BENCH_PYTHON = HERE.parent / ".venv-bench" / "bin" / "python"
NOMENKLATURA = "nomenklatura==4.17.4"
"""The release the published logic-v2 figures are from."""
RESULTS = HERE / "results"
Top = tuple[tuple[str, str] | None, float]
"""(source, id) of the top candidate (None if none), and its score."""


@dataclass
class Result:
    """One matcher's figures."""

    name: str
    threshold: float
    build_s: float | None = None
    rss_mib: float | None = None
    queries_per_s: float = 0.0
    tops: dict[str, list[Top]] = field(default_factory=dict)


def machine() -> str:
    """Return a one-line description of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def load_lists() -> tuple[list[Entity], list[str]]:
    """Read every list in ../shared/data/lists; return entities and a line per list."""
    entities: list[Entity] = []
    report = []
    for path in sorted(p for p in LISTS.iterdir() if p.name != "README.md"):
        note = ""
        try:
            snapshot = read_list(path)
        except ListFormatError as exc:
            snapshot = read_without_truncated_record(path)
            if snapshot is None:
                report.append(f"  {path.name}: SKIPPED ({exc})")
                continue
            note = "; its last record is cut off in the file and was left out"
        except Exception as exc:  # a reader still missing is reported, not fatal
            report.append(f"  {path.name}: SKIPPED ({exc})")
            continue
        entities.extend(snapshot.entities)
        report.append(f"  {path.name}: {len(snapshot.entities)} entities ({snapshot.format}{note})")
    return entities, report


def read_without_truncated_record(path: Path) -> ListSnapshot | None:
    """Read a CSV list whose last record is cut off, without that record (or None)."""
    if path.suffix != ".csv":
        return None
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        with copy.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(rows[:-1])
        try:
            return read_list(copy)
        except ListFormatError:
            return None


def peak_rss_mib() -> float:
    """Return this process's peak resident set size in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_yalu(full: list[Entity], held: list[Entity], cases: Cases) -> Result:
    """Build yalu's indexes and screen every case."""
    result = Result("yalu", DEFAULT_THRESHOLD)
    started = time.perf_counter()
    index = ScreeningIndex.build(full)
    result.build_s = time.perf_counter() - started
    result.rss_mib = peak_rss_mib()
    held_index = ScreeningIndex.build(held)
    elapsed = 0.0
    for set_name, cases_of, idx in sets(cases, index, held_index):
        started = time.perf_counter()
        tops = []
        for matches in idx.screen_many(Query(c.query) for c in cases_of):
            best = matches[0] if matches else None
            tops.append(((best.list, best.entity_id), best.score) if best else (None, 0.0))
        elapsed += time.perf_counter() - started
        result.tops[set_name] = tops
    result.queries_per_s = count(cases) / elapsed
    return result


def sets(cases: Cases, full: object, held: object) -> list[tuple[str, list[Case], object]]:
    """Return (set name, cases, index to query) for the three sets."""
    variants = [c for c in cases.variants if not c.kind.startswith("orig_")]
    originals = [c for c in cases.variants if c.kind.startswith("orig_")]
    return [
        ("variants", variants, full),
        ("originals", originals, held),
        ("held_out", cases.held_out, held),
        ("no_list", cases.no_list, full),
        ("perturbed", cases.perturbed, full),
    ]


def count(cases: Cases) -> int:
    """Return the number of queries in all sets."""
    return len(cases.variants) + len(cases.held_out) + len(cases.no_list) + len(cases.perturbed)


def run_rapidfuzz(
    name: str,
    scorer: Callable[..., float],
    threshold: float,
    full: list[Entity],
    held: list[Entity],
    cases: Cases,
) -> Result:
    """Screen every case with rapidfuzz: the best score over every list name."""
    result = Result(name, threshold / 100)

    def choices(entities: list[Entity]) -> tuple[list[str], list[tuple[str, str]]]:
        texts, owners = [], []
        for entity in entities:
            for text in (*entity.names, *entity.weak_aliases):
                texts.append(utils.default_process(text))
                owners.append(key_of(entity))
        return texts, owners

    started = time.perf_counter()
    full_choices = choices(full)
    result.build_s = time.perf_counter() - started
    held_choices = choices(held)
    elapsed = 0.0
    for set_name, cases_of, (texts, owners) in sets(cases, full_choices, held_choices):
        started = time.perf_counter()
        tops: list[Top] = []
        for case in cases_of:
            best = process.extractOne(
                utils.default_process(case.query), texts, scorer=scorer, processor=None
            )
            tops.append((owners[best[2]], best[1] / 100) if best else (None, 0.0))
        elapsed += time.perf_counter() - started
        result.tops[set_name] = tops
    result.queries_per_s = count(cases) / elapsed
    return result


def run_nomenklatura(
    algorithms: Sequence[str], full: list[Entity], held: list[Entity], cases: Cases
) -> list[Result]:
    """Screen every case with nomenklatura's matchers, in their own venv."""
    if not BENCH_PYTHON.exists():
        print(f"nomenklatura: SKIPPED ({BENCH_PYTHON} missing; pip install {NOMENKLATURA} there)")
        return []

    def rows(entities: list[Entity]) -> list[list[object]]:
        return [
            [e.source, e.id, e.schema, list(e.names), list(e.weak_aliases)]
            for e in entities
            if e.names
        ]

    layout = sets(cases, "full", "held")
    spec = {
        "indexes": {"full": rows(full), "held": rows(held)},
        "queries": [[idx, c.query] for _, cases_of, idx in layout for c in cases_of],
        "algorithms": list(algorithms),
        "candidates": 20,
    }
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.json", Path(folder) / "out.json"
        source.write_text(json.dumps(spec), encoding="utf-8")
        subprocess.run(
            [str(BENCH_PYTHON), str(HERE / "screening_nomenklatura.py"), str(source), str(target)],
            check=True,
        )
        output = json.loads(target.read_text(encoding="utf-8"))
    results = []
    for algorithm in algorithms:
        found = output[algorithm]["results"]
        result = Result(f"nomenklatura {algorithm}", 0.7)
        result.queries_per_s = len(found) / output[algorithm]["seconds"]
        position = 0
        for set_name, cases_of, _ in layout:
            chunk = found[position : position + len(cases_of)]
            position += len(cases_of)
            result.tops[set_name] = [
                ((s, i) if s is not None else None, score) for s, i, score in chunk
            ]
        results.append(result)
    return results


def run_competitors(full: list[Entity], held: list[Entity], cases: Cases) -> list[Result]:
    """Screen every case with rapidfuzz's two scorers and nomenklatura's two matchers."""
    results = [
        run_rapidfuzz("rapidfuzz token_sort_ratio", fuzz.token_sort_ratio, 85, full, held, cases),
        run_rapidfuzz("rapidfuzz WRatio", fuzz.WRatio, 90, full, held, cases),
    ]
    results.extend(run_nomenklatura(["logic-v2", "name-based"], full, held, cases))
    return results


def cases_digest(full: list[Entity], held: list[Entity], cases: Cases) -> str:
    """Return a digest of everything the competitors' figures depend on.

    That is the names in both indexes and every query with the index it is put to; yalu's
    code is not part of it, so the competitors' figures for a set can be computed once.
    """
    layout = sets(cases, "full", "held")
    spec = {
        "full": [[e.source, e.id, list(e.names), list(e.weak_aliases)] for e in full],
        "held": [[e.source, e.id, list(e.names), list(e.weak_aliases)] for e in held],
        "queries": [[idx, c.query] for _, cases_of, idx in layout for c in cases_of],
    }
    encoded = json.dumps(spec, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def competitors(
    full: list[Entity], held: list[Entity], cases: Cases, *, refresh: bool = False
) -> list[Result]:
    """Return the competitors' results, read from `results/` when this set was run before.

    Their runs take tens of minutes and do not depend on yalu's code; the cache file is
    named by `cases_digest`, so a change of seed, set or list gives a new one.
    """
    path = RESULTS / f"competitors_{cases_digest(full, held, cases)}.json"
    if path.exists() and not refresh:
        print(f"competitors: figures read from {path.relative_to(HERE.parent)}\n")
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [
            Result(
                row["name"],
                row["threshold"],
                row["build_s"],
                row["rss_mib"],
                row["queries_per_s"],
                {
                    s: [(tuple(key) if key else None, score) for key, score in tops]
                    for s, tops in row["tops"].items()
                },
            )
            for row in rows
        ]
    results = run_competitors(full, held, cases)
    if not BENCH_PYTHON.exists():
        return results  # not cached: a later run with nomenklatura installed must run it
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps([r.__dict__ for r in results], ensure_ascii=False), encoding="utf-8")
    print(f"competitors: figures saved to {path.relative_to(HERE.parent)}\n")
    return results


def recall(cases: Sequence[Case], tops: list[Top], threshold: float | None = None) -> float:
    """Return the share of cases whose top-ranked candidate is right.

    With no threshold this is recall@1 (rank only); with one, the top candidate must also
    score at or above it (recall@thr: found *and* reported as a match).
    """
    if not cases:
        return float("nan")
    right = sum(
        1
        for c, (key, s) in zip(cases, tops, strict=True)
        if key in c.expected and (threshold is None or s >= threshold)
    )
    return right / len(cases)


def false_positive_rate(tops: list[Top], threshold: float) -> float:
    """Return the share of names on no list whose top candidate is a match."""
    return sum(1 for _, s in tops if s >= threshold) / max(1, len(tops))


def calibrated_threshold(no_list: list[Top], fpr: float = 0.01) -> float:
    """Return the lowest threshold at which at most `fpr` of names on no list match."""
    scores = sorted((s for _, s in no_list), reverse=True)
    allowed = int(fpr * len(scores))
    if allowed >= len(scores):
        return 0.0
    return scores[allowed] + 1e-9


def share_without_common_word(held_out: Sequence[Case], held: list[Entity]) -> float:
    """Return the share of held-out aliases sharing no word with their entity's other names.

    Words are case-folded runs of letters and digits; the other names are every name and
    weak alias left in the index of every entity the case accepts. Such an alias can be
    found by name alone only through something other than a shared word (an acronym, a
    transliteration), so this share bounds what word matching can reach.
    """
    words_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in held:
        for name in (*entity.names, *entity.weak_aliases):
            words_of[key_of(entity)].update(re.findall(r"\w+", name.casefold()))
    alone = 0
    for case in held_out:
        others = set().union(*(words_of[k] for k in case.expected))
        alone += not set(re.findall(r"\w+", case.query.casefold())) & others
    return alone / max(1, len(held_out))


def print_calibrated(results: list[Result], cases: Cases) -> None:
    """Print recall with each matcher's threshold set for a 1% false-positive rate."""
    layout = {name: cases_of for name, cases_of, _ in sets(cases, None, None)}
    print(f"{'at FPR <= 1% (own threshold)':<30}{'thr':>7}{'variants':>10}{'held-out':>10}")
    for r in results:
        threshold = calibrated_threshold(r.tops["no_list"])
        figures = [recall(layout[s], r.tops[s], threshold) for s in ("variants", "held_out")]
        print(f"{r.name:<30}{threshold:>7.3f}" + "".join(f"{f:>10.3f}" for f in figures))
    print()


def print_table(results: list[Result], cases: Cases) -> None:
    """Print the main table and the per-kind breakdown.

    Each set has two columns: `@1`, the top-ranked candidate is right (recall@1), and
    `@thr`, it is right and scores at or above the matcher's threshold.
    """
    layout = {name: cases_of for name, cases_of, _ in sets(cases, None, None)}
    columns = "".join(
        f"{s + ' ' + k:>14}" for s in ("variants", "original", "held-out") for k in ("@1", "@thr")
    )
    header = f"{'matcher':<26}{'thr':>5}{'build s':>9}{'RSS MiB':>9}{'q/s':>7}{columns}{'FPR':>7}"
    print(header)
    print("-" * len(header))
    for r in results:
        build = f"{r.build_s:.1f}" if r.build_s is not None else "-"
        rss = f"{r.rss_mib:.0f}" if r.rss_mib is not None else "-"
        figures = [
            recall(layout[s], r.tops[s], threshold)
            for s in ("variants", "originals", "held_out")
            for threshold in (None, r.threshold)
        ]
        fpr = false_positive_rate(r.tops["no_list"], r.threshold)
        print(
            f"{r.name:<26}{r.threshold:>5.2f}{build:>9}{rss:>9}{r.queries_per_s:>7.0f}"
            + "".join(f"{f:>14.3f}" for f in figures)
            + f"{fpr:>7.3f}"
        )
    print()
    print_breakdown(results, layout)
    print()
    print_by_kind_at_1(results, layout, ("variants", "originals"), "recall@1 by kind")
    print()
    print_by_kind_at_1(results, layout, ("perturbed",), "perturbation class @1")


def print_breakdown(results: list[Result], layout: dict[str, list[Case]]) -> None:
    """Print recall per variant kind and false-positive rate per kind of name."""
    kinds: dict[str, list[int]] = defaultdict(list)
    for position, case in enumerate(layout["variants"]):
        kinds[case.kind].append(position)
    no_list: dict[str, list[int]] = defaultdict(list)
    for position, case in enumerate(layout["no_list"]):
        no_list[case.kind].append(position)
    columns = [*sorted(kinds), *(f"fp_{k}" for k in sorted(no_list))]
    print(f"{'recall@thr / FPR by kind':<26}" + "".join(f"{k:>14}" for k in columns))
    print(
        f"{'(cases)':<26}"
        + "".join(f"{len(kinds.get(k, no_list.get(k[3:], []))):>14}" for k in columns)
    )
    for r in results:
        cells = []
        for kind in sorted(kinds):
            chosen = kinds[kind]
            cells.append(
                recall(
                    [layout["variants"][i] for i in chosen],
                    [r.tops["variants"][i] for i in chosen],
                    r.threshold,
                )
            )
        for kind in sorted(no_list):
            cells.append(
                false_positive_rate([r.tops["no_list"][i] for i in no_list[kind]], r.threshold)
            )
        print(f"{r.name:<26}" + "".join(f"{c:>14.3f}" for c in cells))


def print_by_kind_at_1(
    results: list[Result], layout: dict[str, list[Case]], set_names: Sequence[str], title: str
) -> None:
    """Print recall@1 per kind of case, one row per kind and one column per matcher."""
    rows: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for set_name in set_names:
        for position, case in enumerate(layout[set_name]):
            rows[case.kind].append((set_name, position))
    if not rows:
        return
    names = [r.name.replace("nomenklatura ", "") for r in results]
    print(f"{title:<26}{'cases':>7}" + "".join(f"{n[:16]:>18}" for n in names))
    totals = [0.0] * len(results)
    count_all = 0
    for kind in sorted(rows):
        members = rows[kind]
        cells = []
        for i, r in enumerate(results):
            right = sum(1 for s, p in members if r.tops[s][p][0] in layout[s][p].expected)
            totals[i] += right
            cells.append(right / len(members))
        count_all += len(members)
        print(f"{kind:<26}{len(members):>7}" + "".join(f"{c:>18.3f}" for c in cells))
    print(f"{'all':<26}{count_all:>7}" + "".join(f"{t / count_all:>18.3f}" for t in totals))


def main() -> None:
    """Parse options, build the sets, run every matcher, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sets, for iteration")
    parser.add_argument("--no-competitors", action="store_true", help="run yalu only")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--per-class", type=int, default=50, help="cases per perturbation class")
    parser.add_argument("--dump", type=Path, help="write every case's top results as JSON")
    parser.add_argument(
        "--refresh-competitors",
        action="store_true",
        help="run rapidfuzz and nomenklatura again instead of reading their cached figures",
    )
    options = parser.parse_args()
    print(f"machine: {machine()}")
    full, report = load_lists()
    print("lists:\n" + "\n".join(report))
    sizes = (
        dict(per_kind=40, held_out=150, no_list=100, per_class=20)
        if options.quick
        else dict(per_kind=150, held_out=600, no_list=400, per_class=options.per_class)
    )
    cases = build_cases(full, seed=options.seed, **sizes)
    held = hold_out(full, cases.removed)
    print(
        f"entities: {len(full)}; queries: {len(cases.variants)} variants, "
        f"{len(cases.held_out)} held-out aliases, {len(cases.no_list)} names on no list, "
        f"{len(cases.perturbed)} perturbed names; "
        f"seed {options.seed}\n"
    )
    alone = share_without_common_word(cases.held_out, held)
    print(f"held-out aliases sharing no word with their entity's other names: {alone:.3f}\n")
    results = [run_yalu(full, held, cases)]
    if not options.no_competitors:
        results.extend(competitors(full, held, cases, refresh=options.refresh_competitors))
    print_table(results, cases)
    print_calibrated(results, cases)
    if options.dump:
        dump(options.dump, results, cases)


def dump(path: Path, results: list[Result], cases: Cases) -> None:
    """Write each case with every matcher's top candidate and score, as JSON lines."""
    with path.open("w", encoding="utf-8") as handle:
        for set_name, cases_of, _ in sets(cases, None, None):
            for position, case in enumerate(cases_of):
                row = {
                    "set": set_name,
                    "kind": case.kind,
                    "query": case.query,
                    "expected": sorted(case.expected),
                }
                for r in results:
                    key, score = r.tops[set_name][position]
                    row[r.name] = [key, round(score, 4), key in case.expected, score >= r.threshold]
                handle.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
