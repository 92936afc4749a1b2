"""Run a named scenario end to end: load, apply options, run the ensemble, write everything.

This is the one function the command line (and any other interface) calls.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from yalu import __version__
from yalu.core.progress import ProgressCallback
from yalu.displacement.ensemble import child_seeds
from yalu.displacement.scenarios.catalog import load_named, scenario_file
from yalu.displacement.scenarios.ensemble import run_jobs, run_scenario_ensemble
from yalu.displacement.scenarios.geography import crossings_of, read_dprk_case
from yalu.displacement.scenarios.options import LeverOptions, levers_from_options, with_levers
from yalu.displacement.scenarios.sensitivity import (
    SensitivityRow,
    lever_variants,
    sensitivity_rows,
    variant_specs,
)
from yalu.displacement.scenarios.simulation import ScenarioRun
from yalu.displacement.scenarios.tables import ScenarioTables, tables_of, write_tables
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing, ScenarioSpec


@dataclass(frozen=True, slots=True)
class ScenarioRequest:
    """What to run and how.

    Attributes:
        scenario: a shipped scenario name or a path to a scenario file.
        case_path: a FLEE case folder (None: the shipped DPRK case).
        days: run length replacing the scenario's.
        runs: ensemble size replacing the scenario's.
        seed: root seed replacing the scenario's.
        outflow_total: people leaving home, replacing outflow.total.
        levers: extra levers from the command line.
        sensitivity: also run the lever sensitivity table.
        report: write report.html (and report.pdf when `pdf`).
        pdf: write report.pdf.
        use_dask: run the ensemble on Dask: True or "local" for a local cluster, or a
            scheduler address (tcp://host:8786).
        workers: local processes for the runs (results do not depend on it).
    """

    scenario: str
    case_path: Path | None = None
    days: int | None = None
    runs: int | None = None
    seed: int | None = None
    outflow_total: int | None = None
    levers: LeverOptions = field(default_factory=LeverOptions)
    sensitivity: bool = True
    report: bool = True
    pdf: bool = True
    use_dask: bool | str | None = False
    workers: int = field(default_factory=lambda: min(os.cpu_count() or 1, 4))


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """What `run_request` produced."""

    spec: ScenarioSpec
    tables: ScenarioTables
    sensitivity: tuple[SensitivityRow, ...]
    files: tuple[Path, ...]
    seed: int


def prepare(request: ScenarioRequest) -> tuple[ScenarioSpec, Case, tuple[Crossing, ...]]:
    """Return the checked scenario (with command-line changes), the case and its crossings.

    Raises:
        NotFoundError: unknown scenario name.
        ScenarioError: a malformed scenario file or lever option.
        CaseFormatError: a malformed case folder.
    """
    scenario_file(request.scenario)
    case = read_dprk_case(request.case_path)
    crossings = crossings_of(case)
    spec = load_named(request.scenario, case, crossings, days=request.days)
    if request.outflow_total is not None:
        spec = replace(spec, outflow=replace(spec.outflow, total=request.outflow_total))
    extra = levers_from_options(request.levers, case, crossings, spec.days)
    spec = with_levers(spec, extra)
    spec = replace(
        spec,
        runs=request.runs or spec.runs,
        seed=spec.seed if request.seed is None else request.seed,
    )
    return spec, case, crossings


def planned_steps(spec: ScenarioSpec, crossings: tuple[Crossing, ...], sensitivity: bool) -> int:
    """Return how many runs `run_request` makes (for a progress bar)."""
    return spec.runs + (len(lever_variants(spec, crossings)) if sensitivity else 0)


def run_request(
    request: ScenarioRequest, folder: Path, on_progress: ProgressCallback | None = None
) -> ScenarioResult:
    """Run the ensemble (and sensitivity), write tables, report and run.json to `folder`."""
    spec, case, crossings = prepare(request)
    done = 0

    def report_runs(count: int) -> None:
        if on_progress is not None:
            on_progress(done + count)

    seeds = child_seeds(spec.seed, spec.runs)
    variants = variant_specs(spec, crossings) if request.sensitivity else []
    ensemble: list[ScenarioRun] = []
    if request.use_dask:
        ensemble = run_scenario_ensemble(
            spec, case, spec.runs, spec.seed, use_dask=request.use_dask, on_progress=report_runs
        )
        done = len(ensemble)
    own = [] if request.use_dask else [(spec, seed) for seed in seeds]
    # Sensitivity variants reuse run 1's seed (common random numbers).
    jobs = own + [(varied, seeds[0]) for _, _, varied in variants]
    results = run_jobs(jobs, case, workers=request.workers, on_progress=report_runs)
    tables = tables_of(ensemble or results[: len(own)])
    rows = sensitivity_rows(variants, results[len(own) :]) if variants else []
    files = write_tables(tables, folder)
    if request.report:
        from yalu.displacement.scenarios.report import write_report

        files += write_report(tables, rows, folder, pdf=request.pdf)
    record = {
        "scenario": spec.name,
        "runs": spec.runs,
        "seed": spec.seed,
        "run_seeds": [r.seed for r in tables.runs],
        "days": spec.days,
        "yalu": __version__,
        "spec": asdict(spec),
    }
    path = folder / "run.json"
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    return ScenarioResult(spec, tables, tuple(rows), (*files, path), spec.seed)
