"""Benchmark `yalu goods check`: generate N shipment lines, screen them, print lines/s.

Usage: python benchmarks/goods_bench.py [--lines 1000000] [--parties 3000] [--vessels 400]
                                        [--list ../shared/data/lists/UN_consolidated.xml]

Lines mix DPRK and other trade, banned and capped HS codes, repeating parties and vessels
(as real files do), and a few listed names. Party screening uses a real ScreeningIndex over
the list file (default: the sample list in docs/samples). Times cover reading the CSV,
checking (rules, caps, screening) and writing the CSV output, as the CLI does.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
HS = ["271019", "270900", "030743", "610910", "842952", "100630", "847130", "960190", "2710",
      "890110", "440711", "252310", "720839", "08", "160554"]  # fmt: skip
COUNTRIES = ["CN", "KP", "RU", "JP", "SG", "DE", "US"]
UNITS = ["t", "kg", "bbl", "pcs", "m3", "units"]


def generate(path: Path, lines: int, parties: int, vessels: int, seed: int = 7) -> None:
    """Write a shipment CSV of `lines` rows with pyarrow."""
    import pyarrow as pa
    from pyarrow import csv

    rng = np.random.default_rng(seed)
    party_names = np.array([f"Trading Company {i:05d} Ltd" for i in range(parties)], dtype=object)
    party_names[:3] = ["Korea Mining Development Trading Corporation",
                       "Korea Ryonbong General Corporation", "KOMID"]  # fmt: skip
    vessel_names = np.array([f"OCEAN STAR {i}" for i in range(vessels)] + [""], dtype=object)
    vessel_names[0] = "CHONG CHON GANG"
    imos = np.array([str(7000000 + i) for i in range(vessels)] + [""], dtype=object)
    imos[0] = "7937317"
    days = np.datetime64("2018-01-01") + rng.integers(0, 3 * 365, lines)
    origin = rng.choice(COUNTRIES, lines, p=[0.4, 0.15, 0.1, 0.1, 0.1, 0.1, 0.05])
    destination = rng.choice(COUNTRIES, lines, p=[0.2, 0.25, 0.1, 0.15, 0.1, 0.1, 0.1])
    vessel = rng.integers(0, vessels + 1, lines)
    table = pa.table({
        "id": [f"L{i:07d}" for i in range(lines)],
        "date": days.astype(str),
        "hs_code": rng.choice(HS, lines),
        "description": rng.choice(["diesel", "jet fuel", "goods", "frozen squid", "shirts"], lines),
        "origin": origin,
        "destination": destination,
        "exporter": party_names[rng.integers(0, parties, lines)],
        "importer": party_names[rng.integers(0, parties, lines)],
        "vessel_name": vessel_names[vessel],
        "vessel_imo": imos[vessel],
        "quantity": rng.integers(1, 5000, lines).astype(str),
        "unit": rng.choice(UNITS, lines),
        "value": rng.integers(100, 1_000_000, lines).astype(str),
    })  # fmt: skip
    csv.write_csv(table, path)


def main() -> None:
    """Generate, check and time; print lines/s per phase and overall."""
    from yalu.formats import read_list
    from yalu.formats.shipments import read_shipments, write_verdicts_csv
    from yalu.goods.check import check_shipments
    from yalu.goods.rules import load_rulebook
    from yalu.models.screening import Match, Query
    from yalu.screening import ScreeningIndex

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--parties", type=int, default=3000)
    parser.add_argument("--vessels", type=int, default=400)
    parser.add_argument("--list", type=Path, default=REPO / "docs/samples/sample_list.ftm.json")
    args = parser.parse_args()

    index = ScreeningIndex.build(read_list(args.list).entities)

    def screen_party(query: Query) -> list[Match]:
        return [m for m in index.screen(query, limit=3) if m.score >= 0.75]

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "shipments.csv"
        start = time.perf_counter()
        generate(path, args.lines, args.parties, args.vessels)
        print(f"generated {args.lines:,} lines ({path.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
        t0 = time.perf_counter()
        batch = read_shipments(path)
        t1 = time.perf_counter()
        report = check_shipments(batch, load_rulebook(), screen_party)
        t2 = time.perf_counter()
        write_verdicts_csv(report.lines, io.StringIO())
        t3 = time.perf_counter()
    n = len(batch)
    distinct = len(batch.parties) + len(batch.vessels)
    machine = f"{platform.machine()} {platform.processor() or ''}".strip()
    print(f"machine: {machine}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    print(
        f"list: {args.list.name} ({len(index):,} entities); {distinct:,} distinct parties+vessels"
    )
    print(f"read   {t1 - t0:6.2f} s  {n / (t1 - t0):12,.0f} lines/s")
    print(f"check  {t2 - t1:6.2f} s  {n / (t2 - t1):12,.0f} lines/s (rules, caps, screening)")
    print(f"write  {t3 - t2:6.2f} s  {n / (t3 - t2):12,.0f} lines/s (CSV)")
    print(f"total  {t3 - t0:6.2f} s  {n / (t3 - t0):12,.0f} lines/s")
    print("verdicts:", ", ".join(f"{v} {c:,}" for v, c in report.counts.items()))


if __name__ == "__main__":
    main()
