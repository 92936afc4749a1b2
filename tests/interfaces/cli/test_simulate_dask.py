"""`--dask ADDRESS` on a real scheduler and two workers gives the local run's output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import REPO, SHARED_CASES
from yalu.interfaces.cli.app import app

runner = CliRunner()


def _files(folder: Path) -> dict[str, bytes]:
    """Return every output file's bytes; a PDF's creation time is left out (matplotlib's)."""
    files = {}
    for path in sorted(folder.iterdir()):
        content = path.read_bytes()
        if path.suffix == ".pdf":
            content = re.sub(rb"/CreationDate \(D:[^)]*\)", b"", content)
        files[path.name] = content
    return files


def test_scenario_run_on_a_dask_cluster_writes_the_local_run_files(
    dask_cluster: str, tmp_path: Path
) -> None:
    outputs = {}
    for name, extra in (("local", []), ("dask", ["--dask", dask_cluster])):
        folder = tmp_path / name
        args = ["simulate", "run", "dprk-collapse", "--runs", "20", "--seed", "11", "--days", "100"]
        result = runner.invoke(app, [*args, "--output", str(folder), *extra])
        assert result.exit_code == 0, result.output
        outputs[name] = _files(folder)
    assert outputs["dask"].keys() == outputs["local"].keys()
    differing = [
        name for name in outputs["local"] if outputs["local"][name] != outputs["dask"][name]
    ]
    assert differing == []


@pytest.mark.shared_data
def test_validate_on_a_dask_cluster_prints_the_local_figures(dask_cluster: str) -> None:
    case = str(SHARED_CASES / "mali2012")
    args = ["simulate", "validate", case, "--hasten", "10", "--runs", "6", "--seed", "4", "--json"]
    local = runner.invoke(app, args)
    on_dask = runner.invoke(app, [*args, "--dask", dask_cluster])
    assert local.exit_code == 0, local.output
    assert on_dask.exit_code == 0, on_dask.output
    assert json.loads(on_dask.stdout) == json.loads(local.stdout)
    assert len(json.loads(local.stdout)["rescaled"]["per_run"]) == 6


@pytest.mark.shared_data
def test_validate_with_dask_and_no_address_uses_a_local_cluster() -> None:
    case = str(SHARED_CASES / "mali2012")
    args = ["simulate", "validate", case, "--hasten", "20", "--runs", "2", "--seed", "4", "--json"]
    local = runner.invoke(app, args)
    on_dask = runner.invoke(app, ["simulate", "validate", "--dask", *args[2:]])
    assert on_dask.exit_code == 0, on_dask.output
    assert json.loads(on_dask.stdout) == json.loads(local.stdout)


def test_unreachable_scheduler_is_one_line_and_exit_1() -> None:
    result = runner.invoke(
        app, ["simulate", "run", "dprk-collapse", "--runs", "2", "--output", "x", "--dask",
              "tcp://127.0.0.1:9"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9. Start it with "
        "`dask scheduler` and workers with `dask worker ADDRESS`, or leave the address out "
        "for a local cluster."
    )


def test_the_how_to_shows_the_error_yalu_prints_for_a_dead_scheduler() -> None:
    text = (REPO / "docs" / "how-to" / "dask.md").read_text(encoding="utf-8")
    command, shown = re.search(
        r"\$ yalu (simulate validate .*tcp://127.0.0.1:8799)\n(error: .*)", text
    ).groups()  # type: ignore[union-attr]
    args = command.replace("../shared/data/flee-cases", str(SHARED_CASES)).split()
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.strip() == shown
