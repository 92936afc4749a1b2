"""`yalu simulate run|validate`: run a FLEE case, or score it against UNHCR camp data."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, replace
from pathlib import Path
from typing import Annotated, Any

import typer

from yalu import __version__
from yalu.core.errors import ConfigError
from yalu.interfaces.cli.console import progress_bar
from yalu.interfaces.cli.dask_option import DaskCommand, DaskOpt

app = typer.Typer(help="Simulate displacement on a FLEE case.", no_args_is_help=True)

CaseArg = Annotated[Path, typer.Argument(help="FLEE case folder (input_csv/, source_data/).")]
SettingsOpt = Annotated[
    Path | None, typer.Option("--settings", help="simsetting.yml to use instead of the case's.")
]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Random seed (default: drawn).")]
HastenOpt = Annotated[
    int | None, typer.Option("--hasten", min=1, help="Divide populations by N (N-times faster).")
]
OptionOpt = Annotated[
    list[str] | None,
    typer.Option("--option", "-o", help="Engine option NAME=VALUE (repeatable)."),
]


FleeRulesOpt = Annotated[
    bool, typer.Option("--flee-rules", help="Start from FLEE's exact rules, not yalu's defaults.")
]


def _scenario(  # type: ignore[no-untyped-def]
    case_path: Path,
    settings: Path | None,
    hasten: int | None,
    option: list[str] | None,
    flee_rules: bool,
):
    """Read the case and settings; return the Scenario to run."""
    from yalu.displacement import FLEE_OPTIONS, EngineOptions, Scenario, parse_options
    from yalu.formats.flee import read_case

    case = read_case(case_path, settings_path=settings)
    sim_settings = case.settings
    if hasten is not None:
        sim_settings = replace(sim_settings, hasten=hasten)
    section = sim_settings.extra.get("yalu")
    base = FLEE_OPTIONS if flee_rules else EngineOptions()
    options = parse_options(section if isinstance(section, dict) else {}, base)
    options = parse_options(_pairs(option or []), options)
    return Scenario(case, sim_settings, options)


def _pairs(items: list[str]) -> dict[str, str]:
    """Parse NAME=VALUE strings."""
    pairs: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--option {item!r} is not NAME=VALUE", hint="e.g. --option x=1")
        pairs[name.strip()] = value.strip()
    return pairs


@app.command("run", cls=DaskCommand)
def run(
    ctx: typer.Context,
    case: CaseArg,
    output: Annotated[Path, typer.Option("--output", help="Folder for the results.")],
    settings: SettingsOpt = None,
    seed: SeedOpt = None,
    hasten: HastenOpt = None,
    option: OptionOpt = None,
    flee_rules: FleeRulesOpt = False,
    plots: Annotated[bool, typer.Option(help="Also draw camps.png and camps.html.")] = True,
) -> None:
    """Run CASE once and write populations, out.csv, plots and run.json to --output."""
    from yalu.displacement import run_case
    from yalu.displacement.outputs import write_outputs

    scenario = _scenario(case, settings, hasten, option, flee_rules)
    seed = secrets.randbits(63) if seed is None else seed
    days = scenario.case.length_days
    with progress_bar(ctx, f"Simulating {scenario.case.name}", total=days) as report:
        result = run_case(
            scenario.case, seed, report, settings=scenario.settings, options=scenario.options
        )
    files = write_outputs(scenario.case, result, output, plots=plots)
    record = {
        "case": str(case),
        "seed": seed,
        "days": days,
        "yalu": __version__,
        "settings": _plain(asdict(scenario.effective_settings)),
        "options": asdict(scenario.options),
    }
    (output / "run.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    typer.echo(f"wrote {files.populations_csv.parent} (seed {seed})")


@app.command("validate", cls=DaskCommand)
def validate(
    ctx: typer.Context,
    case: CaseArg,
    runs: Annotated[int, typer.Option("--runs", min=1, help="Ensemble size.")] = 1,
    settings: SettingsOpt = None,
    seed: SeedOpt = None,
    hasten: HastenOpt = None,
    option: OptionOpt = None,
    flee_rules: FleeRulesOpt = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Local processes for the runs.")
    ] = 1,
    dask: DaskOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Score CASE against its UNHCR camp data: rescaled and raw ARD (lower is better)."""
    from yalu.core.parallel import Parallelism
    from yalu.displacement import run_ensemble, score_runs

    scenario = _scenario(case, settings, hasten, option, flee_rules)
    seed = secrets.randbits(63) if seed is None else seed
    with progress_bar(ctx, f"Runs of {scenario.case.name}", total=runs) as report:
        outputs = run_ensemble(
            scenario, runs, seed, parallelism=Parallelism(workers, dask), on_progress=report
        )
    ensemble = score_runs(scenario, outputs)
    summary = _summary(scenario.case.name, seed, ensemble)
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    for kind in ("rescaled", "raw"):
        line = f"{scenario.case.name}  {kind:8s} ARD {summary[kind]['mean']:.4f}"
        if runs > 1:
            low, high = summary[kind]["band90"]
            line += f"  (90% band {low:.4f}-{high:.4f}, {runs} runs)"
        typer.echo(line)
    rules = "flee" if flee_rules else "yalu"
    typer.echo(f"seed {seed}, hasten {scenario.effective_settings.hasten}, rules {rules}")


def _summary(name: str, seed: int, ensemble: Any) -> dict[str, Any]:
    """Return the validation figures as plain data."""
    figures: dict[str, Any] = {"case": name, "seed": seed, "runs": len(ensemble.runs)}
    for kind in ("rescaled", "raw"):
        values = getattr(ensemble, kind)
        figures[kind] = {
            "mean": float(values.mean()),
            "band90": list(ensemble.band(values)),
            "per_run": [float(v) for v in values],
        }
    return figures


def _plain(value: Any) -> Any:
    """Return `value` with mappings and tuples turned into JSON types."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
