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
from yalu.interfaces.cli.console import check_format, progress_bar, warn
from yalu.interfaces.cli.dask_option import DaskCommand, DaskOpt
from yalu.interfaces.cli.output import TextOrJsonOption, ensure_folder

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
    typer.Option("--option", help="Engine option NAME=VALUE (repeatable)."),
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
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")],
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

    if "=" in output.name and not output.exists():  # `-o NAME=VALUE` meant --option until 0.1
        raise ConfigError(
            f"--output '{output}' looks like an engine option",
            hint="-o means --output; give engine options as --option NAME=VALUE",
        )
    ensure_folder(output)  # an unwritable folder is one line, before the run
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
    rule_uncertainty: Annotated[
        bool,
        typer.Option(
            help="With --runs 2 or more, also run the ensemble with rule parameters drawn "
            "from their documented ranges (a second 90% band)."
        ),
    ] = True,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Local processes for the runs.")
    ] = 1,
    dask: DaskOpt = None,
    plots: Annotated[
        Path | None,
        typer.Option("--plots", help="Folder for camps.png and camps.html (needs `plot`)."),
    ] = None,
    format: TextOrJsonOption = "table",
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="Old --format json.")
    ] = False,
) -> None:
    """Score CASE against its UNHCR camp data: ARD (lower is better) and skill over baselines.

    Skill = 1 - ARD / ARD of the best naive baseline (uniform, day-0 share or gravity
    split of each day's new arrivals); above 0 the simulation beats all three.
    """
    from yalu.core.parallel import Parallelism
    from yalu.displacement.assessment import assess, planned_runs

    check_format(format, ("table", "json"))
    if as_json:
        warn(ctx, "--json is now --format json")
        format = "json"
    scenario = _scenario(case, settings, hasten, option, flee_rules)
    seed = secrets.randbits(63) if seed is None else seed
    total = planned_runs(runs, rule_uncertainty=rule_uncertainty)
    with progress_bar(ctx, f"Runs of {scenario.case.name}", total=total) as report:
        result = assess(
            scenario,
            runs,
            seed,
            rule_uncertainty=rule_uncertainty,
            parallelism=Parallelism(workers, dask),
            on_progress=report,
        )
    if plots is not None:
        from yalu.displacement.assessment_plots import plot_assessment

        plot_assessment(result, plots)
    if format == "json":
        typer.echo(json.dumps(result.summary(), indent=2))
        return
    for line in _assessment_table(result, "flee" if flee_rules else "yalu"):
        typer.echo(line)


def _assessment_table(result: Any, rules: str) -> list[str]:
    """Return the text table of `yalu simulate validate`."""
    from yalu.displacement.baselines import BASELINE_LABELS, BASELINES

    summary = result.summary()
    runs = summary["runs"]
    head = f"{summary['case']}: {runs} run{'s' if runs > 1 else ''}, seed {summary['seed']}, "
    lines = [head + f"hasten {summary['hasten']}, rules {rules}"]
    rows = [("", "ARD", "90% band", "+ rule ranges", "skill", "best baseline")]
    for kind in ("rescaled", "raw"):
        entry = summary[kind]
        band = "-" if runs < 2 else "{:.4f}-{:.4f}".format(*entry["band90"])
        ranges = entry.get("band90_with_rule_uncertainty")
        wide = "-" if ranges is None else "{:.4f}-{:.4f}".format(*ranges)
        best = entry["best_baseline"]
        rows.append((
            kind, f"{entry['mean']:.4f}", band, wide, f"{entry['skill']:.3f}",
            f"{BASELINE_LABELS[best['name']]} {best['ard']:.4f}",
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    baselines = ", ".join(
        f"{BASELINE_LABELS[name]} {summary['baselines'][name]['rescaled']:.4f} / "
        f"{summary['baselines'][name]['raw']:.4f}"
        for name in BASELINES
    )
    lines.append(f"baselines (rescaled / raw ARD): {baselines}")
    lines.append("skill = 1 - ARD / best baseline ARD: above 0 beats every naive baseline")
    return lines


def _plain(value: Any) -> Any:
    """Return `value` with mappings and tuples turned into JSON types."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
