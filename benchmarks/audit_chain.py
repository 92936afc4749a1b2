"""Benchmark the tamper-evident audit trail: chained writes, `audit verify`, key checks.

Usage: python benchmarks/audit_chain.py [--rows 100000] [--batch 500] [--database URL]

Writes `--rows` audit rows (a query with five explained candidates, the size of a real
screening) in batches of `--batch`, each row with its chain link, as `yalu screen --input`
does; then the same rows, encoded the same way, as plain INSERTs without links, for the
chain's cost; then
verifies the whole chain as `yalu audit verify` does. Last, one API key check with scrypt
(a server's first request with a key) and one remembered (every later request). SQLite in a
temporary folder by default; `--database postgresql://...` for PostgreSQL (an empty
database: the script creates its tables).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from yalu.models.audit import ListUsed
from yalu.models.screening import Feature, Match, Query
from yalu.screening.audit import _values, add_screenings, new_screening
from yalu.screening.keys import check_key, create_key
from yalu.screening.store import open_store
from yalu.screening.verify import verify_trail


def record(number: int):  # type: ignore[no-untyped-def]
    """Return a screening with five candidates, like one row of `yalu screen --input`."""
    candidates = [
        Match(
            entity_id=f"KPi.{number % 900 + rank:03d}",
            list="un_sc",
            schema="Person",
            name=f"KIM CHOL {rank}",
            query_name=f"Kim Chol {number}",
            score=0.9 - rank / 10,
            is_match=rank == 0,
            features=(
                Feature("name", 0.8 - rank / 10, "80% of word weight aligned"),
                Feature("dob", 0.05, "1962 on both"),
            ),
            caption=f"KIM CHOL {rank}",
            list_version="2026-02-27T00:00:09.554Z",
        )
        for rank in range(5)
    ]
    return new_screening(
        Query(name=f"Kim Chol {number}", id=str(number), nationality="kp"),
        candidates,
        [ListUsed(1, "un_sc", "2026-02-27T00:00:09.554Z"), ListUsed(2, "ofac_sdn", "sha256 x")],
        threshold=0.84,
        limit=5,
        actor="alice",
        code_digest="ab" * 32,
    )


def main() -> None:
    """Print write, verify and key-check figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--database", help="a database URL (default: SQLite in a temp folder)")
    args = parser.parse_args()
    machine = f"{platform.machine()} {platform.processor() or ''}".strip()
    print(f"# {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        with open_store(url) as store:
            print(f"# database: {url.split('@')[-1]}, {args.rows:,} rows, batches of {args.batch}")
            started = time.perf_counter()
            for first in range(0, args.rows, args.batch):
                batch = [record(n) for n in range(first, min(first + args.batch, args.rows))]
                add_screenings(store, batch)
            chained_s = time.perf_counter() - started
            print(f"chained writes   {args.rows / chained_s:10,.0f} rows/s  ({chained_s:.1f} s)")

            started = time.perf_counter()
            for first in range(0, args.rows, args.batch):
                now = "2026-01-01T00:00:00+00:00"
                rows = [
                    tuple(_values(record(n), now).values())
                    for n in range(first, min(first + args.batch, args.rows))
                ]
                with store.transaction():
                    store.connection.executemany(
                        "INSERT INTO screenings (screened_at, actor, query, list_versions,"
                        " threshold, match_limit, results, code_digest)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        rows,
                    )
            plain_s = time.perf_counter() - started
            print(f"unchained writes {args.rows / plain_s:10,.0f} rows/s  ({plain_s:.1f} s)")
            store.connection.execute("DELETE FROM screenings WHERE id > ?", (args.rows,))

            started = time.perf_counter()
            report = verify_trail(store)
            verify_s = time.perf_counter() - started
            assert report.is_intact, report.problems[:3]
            print(
                f"audit verify     {report.rows_checked / verify_s:10,.0f} rows/s  "
                f"({verify_s:.1f} s for {report.rows_checked:,} rows, intact)"
            )

            token = create_key(store, "bench", "analyst", actor="bench").token
            remembered: dict[str, str] = {}
            started = time.perf_counter()
            check_key(store, token, remembered)
            cold_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            for _ in range(100):
                check_key(store, token, remembered)
            warm_ms = (time.perf_counter() - started) * 10
            print(f"key check        {cold_ms:8.1f} ms first (scrypt), {warm_ms:.2f} ms remembered")


if __name__ == "__main__":
    main()
