"""`yalu screen --input` on every core, or on Dask, prints and audits what one process does."""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.core.parallel import Parallelism
from yalu.formats import read_list
from yalu.interfaces.cli.app import app
from yalu.interfaces.cli.render_screening import csv_text, json_text
from yalu.models.audit import ScreeningRecord
from yalu.screening.audit import read_screenings
from yalu.screening.query_file import open_query_file
from yalu.screening.service import build_file_index, render_rows, screen_rows
from yalu.screening.store import Store

SCREENING = FIXTURES / "screening"
UN = SCREENING / "un_three.xml"
SDN = SCREENING / "ofac_sdn_small"
ROWS = 1_300
"""More than two partitions (`batch.PARTITION_QUERIES`), the last one short."""

runner = CliRunner()


@pytest.fixture
def names_file(tmp_path: Path) -> Path:
    """Write a CSV of list names, variants of them (typos, order) and unlisted names."""
    listed = [
        name
        for path in (UN, SDN)
        for entity in read_list(path).entities
        for name in (*entity.names, *entity.weak_aliases)
    ]
    unlisted = ["Maria Lopez", "Acme Shipping Ltd", "Pyongyang Trading", "Ivan Petrov"]
    draw = random.Random(17)
    path = tmp_path / "names.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "name", "note"])
        for row in range(ROWS):
            name = draw.choice(listed + unlisted)
            if draw.random() < 0.3 and len(name) > 4:
                at = draw.randrange(len(name) - 1)
                name = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
            elif draw.random() < 0.3:
                name = " ".join(reversed(name.split()))
            writer.writerow([f"r{row}", name, f"note {row}"])
    return path


@pytest.fixture
def loaded() -> None:
    result = runner.invoke(app, ["lists", "load", str(UN), str(SDN)])
    assert result.exit_code == 0, result.output


def _screen(names: Path, *options: str) -> str:
    """Return what `yalu screen --input NAMES` prints (JSON lines unless `options` say)."""
    result = runner.invoke(app, ["screen", "--input", str(names), "--format", "jsonl", *options])
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _audit(database: Path) -> list[ScreeningRecord]:
    """Return the audit rows, oldest first, without their ids and times."""
    with Store(database) as store:
        records = read_screenings(store, limit=10 * ROWS)
    return [replace(r, id=0, screened_at="") for r in reversed(records)]


def test_every_core_prints_and_audits_what_one_process_does(
    loaded: None, names_file: Path, isolated_database: Path
) -> None:
    alone = _screen(names_file, "--workers", "1")
    alone_rows = _audit(isolated_database)
    by_default = _screen(names_file)
    both_rows = _audit(isolated_database)
    two = _screen(names_file, "--workers", "2")
    assert alone.count("\n") == ROWS
    assert '"match":true' in alone and '"matches":[]' in alone
    assert by_default == alone
    assert two == alone
    assert len(alone_rows) == ROWS
    assert both_rows == alone_rows + alone_rows
    assert _audit(isolated_database)[2 * ROWS :] == alone_rows


@pytest.mark.parametrize("format", ["jsonl", "json", "csv"])
def test_every_core_on_list_files_prints_what_one_process_does(
    names_file: Path, format: str
) -> None:
    options = ["--list-file", str(UN), "--list-file", str(SDN), "--format", format]
    alone = _screen(names_file, *options, "--workers", "1")
    assert _screen(names_file, *options, "--workers", "2") == alone
    assert _screen(names_file, *options, "--program", "dprk", "--workers", "2") == _screen(
        names_file, *options, "--program", "dprk", "--workers", "1"
    )


def test_rows_rendered_by_the_workers_are_the_rows_of_the_results(names_file: Path) -> None:
    # List files have no decisions and no audit: their workers group and render the rows
    # (`render_rows`), which must be what rendering `screen_rows`' results here gives.
    loaded = build_file_index([UN, SDN])
    queries = list(open_query_file(names_file))
    results = list(screen_rows(loaded, queries, threshold=0.8, limit=3))
    for render in (json_text, csv_text):
        rendered = render_rows(
            loaded,
            iter(queries),
            render=render,
            threshold=0.8,
            limit=3,
            parallelism=Parallelism(workers=2),
        )
        assert [text for _, text in rendered] == [render(result) for result in results]
    assert sum(len(result.groups) > 1 for result in results) > 0  # rows grouping two lists


def test_a_real_dask_scheduler_prints_and_audits_what_one_process_does(
    loaded: None, names_file: Path, isolated_database: Path, dask_cluster: str
) -> None:
    alone = _screen(names_file, "--workers", "1")
    alone_rows = _audit(isolated_database)
    on_dask = _screen(names_file, "--dask", dask_cluster)
    assert on_dask == alone
    assert _audit(isolated_database)[ROWS:] == alone_rows
    files = ["--list-file", str(UN), "--list-file", str(SDN)]  # rows rendered by the workers
    assert _screen(names_file, *files, "--dask", dask_cluster) == _screen(
        names_file, *files, "--workers", "1"
    )


def test_an_unreachable_scheduler_is_one_line_and_exit_1(loaded: None, names_file: Path) -> None:
    result = runner.invoke(
        app, ["screen", "--input", str(names_file), "--dask", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert errors == [
        "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9. Start it with "
        "`dask scheduler` and workers with `dask worker ADDRESS`, or leave the address out "
        "for a local cluster."
    ]
