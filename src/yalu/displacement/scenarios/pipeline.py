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
from yalu.displacement.scenarios.comparison import (
    LeverEffect,
    lever_effects,
    lever_variants,
    variant_jobs,
)
from yalu.displacement.scenarios.ensemble import run_jobs, run_scenario_ensemble
from yalu.displacement.scenarios.flows import flow_table
from yalu.displacement.scenarios.geography import crossings_of, read_dprk_case
from yalu.displacement.scenarios.metrics import run_metrics
from yalu.displacement.scenarios.options import LeverOptions, levers_from_options, with_levers
from yalu.displacement.scenarios.simulation import ScenarioRun
from yalu.displacement.scenarios.tables import ScenarioTables, tables_of, write_tables
from yalu.displacement.scenarios.uncertainty import without_input
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
        outflow_total: people leaving home, replacing outflow.total (and fixing it).
        levers: extra levers from the command line.
        sensitivity: also compare the levers (each on the first `lever_runs` seeds).
        report: write report.html (and report.pdf when `pdf`).
        pdf: write report.pdf.
        use_dask: run the ensemble on Dask: True or "local" for a local cluster, or a
            scheduler address (tcp://host:8786).
        workers: local processes for the runs (results do not depend on it).
        fixed_inputs: run every input at the scenario file's value (no uncertainty drawn).
        lever_runs: seeds each lever runs on (None: the ensemble's first 10 or fewer).
        camp_share: share of the people abroad assumed to need a camp place (0..1).
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
    fixed_inputs: bool = False
    lever_runs: int | None = None
    camp_share: float = 1.0


LEVER_RUNS = 10
"""Seeds each lever runs on by default (or the ensemble's size, if smaller)."""


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """What `run_request` produced."""

    spec: ScenarioSpec
    tables: ScenarioTables
    effects: tuple[LeverEffect, ...]
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
        spec = without_input(spec, "outflow.total")
    if request.fixed_inputs:
        spec = replace(spec, uncertainty=())
    extra = levers_from_options(request.levers, case, crossings, spec.days)
    spec = with_levers(spec, extra)
    spec = replace(
        spec,
        runs=request.runs or spec.runs,
        seed=spec.seed if request.seed is None else request.seed,
    )
    return spec, case, crossings


def lever_seed_count(request: ScenarioRequest, spec: ScenarioSpec) -> int:
    """Return how many seeds each lever runs on."""
    wanted = request.lever_runs if request.lever_runs is not None else LEVER_RUNS
    return max(1, min(wanted, spec.runs))


def planned_steps(
    request: ScenarioRequest, spec: ScenarioSpec, crossings: tuple[Crossing, ...]
) -> int:
    """Return how many runs `run_request` makes (for a progress bar counting runs)."""
    if not request.sensitivity:
        return spec.runs
    return spec.runs + len(lever_variants(spec, crossings)) * lever_seed_count(request, spec)


def run_request(
    request: ScenarioRequest, folder: Path, on_progress: ProgressCallback | None = None
) -> ScenarioResult:
    """Run the ensemble and the lever comparison; write tables, report and run.json.

    Raises:
        NotFoundError: unknown scenario name.
        ScenarioError: a malformed scenario file or lever option.
        MissingExtraError: a report without the `plot` extra, or Dask without `dask`.
    """
    spec, case, crossings = prepare(request)
    done = 0

    def report_runs(count: int) -> None:
        if on_progress is not None:
            on_progress(done + count)

    seeds = child_seeds(spec.seed, spec.runs)
    variants = lever_variants(spec, crossings) if request.sensitivity else []
    lever_seeds = seeds[: lever_seed_count(request, spec)]
    ensemble: list[ScenarioRun] = []
    if request.use_dask:
        ensemble = run_scenario_ensemble(
            spec, case, spec.runs, spec.seed, use_dask=request.use_dask, on_progress=report_runs
        )
        done = len(ensemble)
    own = [] if request.use_dask else [(spec, seed) for seed in seeds]
    jobs = own + variant_jobs(spec, variants, lever_seeds)
    results = run_jobs(jobs, case, workers=request.workers, on_progress=report_runs)
    tables = tables_of(ensemble or results[: len(own)], request.camp_share)
    variant_metrics = [
        run_metrics(run, flow_table(run), request.camp_share) for run in results[len(own) :]
    ]
    effects = lever_effects(variants, tables.metrics[: len(lever_seeds)], variant_metrics)
    files = write_tables(tables, folder)
    if request.report:
        from yalu.displacement.scenarios.report import write_report

        files += write_report(tables, effects, folder, pdf=request.pdf)
    record = {
        "scenario": spec.name,
        "runs": spec.runs,
        "seed": spec.seed,
        "run_seeds": [r.seed for r in tables.runs],
        "lever_seeds": lever_seeds if variants else [],
        "camp_share": request.camp_share,
        "days": spec.days,
        "yalu": __version__,
        "inputs": [dict(r.inputs.as_rows(r.crossings)) for r in tables.runs],
        "spec": asdict(spec),
    }
    path = folder / "run.json"
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    return ScenarioResult(spec, tables, tuple(effects), (*files, path), spec.seed)
