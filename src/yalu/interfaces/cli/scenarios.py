"""`yalu simulate scenarios`, `simulate run SCENARIO` and `simulate compare RUN_A RUN_B`.

`register(simulate_app)` adds the `scenarios` and `compare` commands and wraps `simulate
run` so that its first argument may also be a scenario name (or a scenario .yml file); a
FLEE case folder still goes to the original command with every one of its options
unchanged.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from yalu.core.errors import CaseFormatError, ConfigError
from yalu.interfaces.cli.console import check_format, progress_bar, warn
from yalu.interfaces.cli.dask_option import DaskOpt
from yalu.interfaces.cli.output import TextOrJsonOption


def is_scenario(target: str) -> bool:
    """Return True when `target` names a shipped scenario or a scenario file."""
    from yalu.displacement.scenarios.catalog import scenario_names

    return target in scenario_names() or target.endswith((".yml", ".yaml"))


def scenarios(
    ctx: typer.Context,
    format: TextOrJsonOption = "table",
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="Old --format json.")
    ] = False,
    copy_to: Annotated[
        Path | None,
        typer.Option("--copy-to", help="Copy the DPRK case and scenario files here to edit."),
    ] = None,
) -> None:
    """List the DPRK displacement scenarios (run one with `yalu simulate run NAME`)."""
    import shutil

    from yalu.displacement.scenarios.catalog import scenario_file, scenario_names
    from yalu.displacement.scenarios.geography import copy_dprk_case
    from yalu.displacement.scenarios.yaml_lines import read_yaml_lines

    check_format(format, ("table", "json"))
    if as_json:
        warn(ctx, "--json is now --format json")
        format = "json"
    rows = []
    for name in scenario_names():
        data, _ = read_yaml_lines(scenario_file(name))
        rows.append({"name": name, "title": data.get("title", ""), "days": data.get("days")})
    if copy_to is not None:
        copy_dprk_case(copy_to / "dprk")
        for name in scenario_names():
            shutil.copy(scenario_file(name), copy_to / f"{name}.yml")
        typer.echo(f"copied the case to {copy_to / 'dprk'} and {len(rows)} scenario files")
        return
    if format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        typer.echo(f"{row['name']:{width}}  {row['days']:>5} days  {row['title']}")


def run_scenario_command(
    ctx: typer.Context,
    target: str,
    output: Path,
    *,
    seed: int | None,
    options: dict[str, Any],
) -> None:
    """Run a scenario ensemble with its report; print where it went and the key figures."""
    from yalu.displacement.scenarios.metrics import BY_NAME
    from yalu.displacement.scenarios.options import LeverOptions
    from yalu.displacement.scenarios.pipeline import (
        ScenarioRequest,
        lever_seed_count,
        planned_steps,
        prepare,
        run_request,
    )

    request = ScenarioRequest(
        scenario=target,
        case_path=options["case_folder"],
        days=options["days"],
        runs=options["runs"],
        seed=seed,
        outflow_total=options["outflow"],
        levers=LeverOptions(
            close=options["close"] or (),
            open=options["open_"] or (),
            repatriate=options["repatriate"] or (),
            camp=options["camp"] or (),
            refugee_status=options["refugee_status"] or (),
            resettle=options["resettle"] or (),
        ),
        sensitivity=options["sensitivity"],
        report=options["report"],
        pdf=options["pdf"],
        use_dask=options["dask"],
        workers=options["workers"] or ScenarioRequest(target).workers,
        fixed_inputs=options["fixed_inputs"],
        lever_runs=options["lever_runs"],
        camp_share=options["camp_share"],
    )
    spec, _, crossings = prepare(request)
    total = planned_steps(request, spec, crossings)
    with progress_bar(ctx, f"Simulating {spec.name}: runs done", total=total) as report:
        result = run_request(request, output, report)
    levers = len(result.effects) * lever_seed_count(request, spec) if result.effects else 0
    typer.echo(
        f"wrote {output} ({spec.runs} runs, seed {result.seed}"
        + (
            f"; {len(result.effects)} levers x {levers // len(result.effects)} runs)"
            if levers
            else ")"
        )
    )
    typer.echo("mean and 90% band over the runs:")
    for name in ("left_home", "crossed_china", "peak_camp_places", "peak_stranded"):
        band = result.tables.metric(name)
        typer.echo(
            f"  {BY_NAME[name].label:<18} {band.mean[0]:>12,.0f}  "
            f"({band.low[0]:,.0f}-{band.high[0]:,.0f})"
        )
    if request.report:
        typer.echo(f"report: {output / 'report.html'}")


def _scenario_options(
    days: Annotated[int | None, typer.Option("--days", min=1, help="Scenario: run length.")] = None,
    runs: Annotated[
        int | None, typer.Option("--runs", min=1, help="Scenario: ensemble size.")
    ] = None,
    outflow: Annotated[
        int | None, typer.Option("--outflow", min=0, help="Scenario: people leaving home.")
    ] = None,
    close: Annotated[
        list[str] | None,
        typer.Option(
            "--close",
            help="Scenario: TARGET=FACTOR (optionally @FIRST-LAST), e.g. china=0.2@30-90.",
        ),
    ] = None,
    open_: Annotated[
        list[str] | None,
        typer.Option(
            "--open",
            help="Scenario: TARGET (optionally =PEOPLE_PER_DAY, @FIRST-LAST), e.g. russia=2000.",
        ),
    ] = None,
    repatriate: Annotated[
        list[str] | None,
        typer.Option(
            "--repatriate", help="Scenario: RATE_PER_DAY (optionally @FIRST-LAST), e.g. 0.01."
        ),
    ] = None,
    camp: Annotated[
        list[str] | None,
        typer.Option(
            "--camp", help="Scenario: PLACE=CAPACITY (optionally @FIRST-LAST), e.g. Sinuiju=50000."
        ),
    ] = None,
    refugee_status: Annotated[
        list[str] | None,
        typer.Option(
            "--refugee-status",
            help="Scenario: ATTRACTIVENESS of China (optionally @FIRST-LAST), e.g. 1.5.",
        ),
    ] = None,
    resettle: Annotated[
        list[str] | None,
        typer.Option(
            "--resettle",
            help="Scenario: RATE_PER_DAY of those in China moving on to third countries "
            "(optionally @FIRST-LAST), e.g. 0.005.",
        ),
    ] = None,
    case_folder: Annotated[
        Path | None,
        typer.Option("--case", help="Scenario: an edited copy of the DPRK case folder."),
    ] = None,
    fixed_inputs: Annotated[
        bool,
        typer.Option(
            "--fixed-inputs", help="Scenario: every input at the file's value (no ranges drawn)."
        ),
    ] = False,
    lever_runs: Annotated[
        int | None,
        typer.Option("--lever-runs", min=1, help="Scenario: runs per lever compared (default 10)."),
    ] = None,
    camp_share: Annotated[
        float,
        typer.Option(
            "--camp-share",
            min=0.0,
            max=1.0,
            help="Scenario: share of the people abroad who need a camp place.",
        ),
    ] = 1.0,
    sensitivity: Annotated[
        bool, typer.Option(help="Scenario: compare what each lever does.")
    ] = True,
    report: Annotated[bool, typer.Option(help="Scenario: write report.html.")] = True,
    pdf: Annotated[bool, typer.Option(help="Scenario: write report.pdf too.")] = True,
    dask: DaskOpt = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Scenario: local processes for the runs.")
    ] = None,
) -> None:
    """Hold the scenario options' declarations (never called)."""


def combined_run(run_case: Callable[..., None]) -> Callable[..., None]:
    """Return `simulate run` extended: scenario names and files, plus the lever options."""
    case_sig = inspect.signature(run_case, eval_str=True)
    extra_sig = inspect.signature(_scenario_options, eval_str=True)
    extra = {name: p.default for name, p in extra_sig.parameters.items()}
    names = [p.name for p in case_sig.parameters.values() if p.annotation is not typer.Context]
    case_name, context_name = names[0], _context_name(case_sig)
    params = []
    for p in case_sig.parameters.values():
        if p.name == case_name:
            p = p.replace(
                annotation=Annotated[
                    str,
                    typer.Argument(
                        help="A scenario name (see `yalu simulate scenarios`), a scenario "
                        ".yml file, or a FLEE case folder."
                    ),
                ]
            )
        params.append(p)
    params += [p for name, p in extra_sig.parameters.items() if name not in case_sig.parameters]

    def run(**kwargs: Any) -> None:
        target = str(kwargs[case_name])
        if is_scenario(target):
            options = {name: kwargs.get(name, default) for name, default in extra.items()}
            run_scenario_command(
                kwargs[context_name],
                target,
                kwargs["output"],
                seed=kwargs.get("seed"),
                options=options,
            )
            return
        if not Path(target).exists():
            from yalu.displacement.scenarios.catalog import scenario_names

            raise CaseFormatError(
                f"{target!r} is neither a scenario nor a case folder",
                hint=f"Use a scenario ({', '.join(scenario_names())}), a .yml file or a folder",
            )
        changed = [name for name, default in extra.items() if kwargs.get(name, default) != default]
        if changed:
            raise ConfigError(
                f"--{changed[0].rstrip('_').replace('_', '-')} applies to scenarios only",
                hint="Pass a scenario name, e.g. dprk-collapse",
            )
        own = {name: kwargs[name] for name in case_sig.parameters}
        own[case_name] = Path(target)
        run_case(**own)

    run.__signature__ = case_sig.replace(parameters=params)  # type: ignore[attr-defined]
    run.__doc__ = (run_case.__doc__ or "").rstrip() + (
        "\n\nCASE may also name a DPRK scenario (`yalu simulate scenarios`): it then runs an "
        "ensemble with the levers given and writes tables, report.html and report.pdf."
    )
    return run


def _context_name(signature: inspect.Signature) -> str:
    """Return the name of the `typer.Context` parameter of a command."""
    for p in signature.parameters.values():
        if p.annotation is typer.Context:
            return p.name
    raise TypeError("simulate run takes no typer.Context")


def compare(
    run_a: Annotated[Path, typer.Argument(help="A folder written by `yalu simulate run`.")],
    run_b: Annotated[Path, typer.Argument(help="Another such folder (B - A is reported).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Compare two scenario runs figure by figure: A, B and B - A, with 90% bands."""
    from yalu.displacement.scenarios.compare import compare_runs, read_run_folder, shared_seeds

    a, b = read_run_folder(run_a), read_run_folder(run_b)
    rows = compare_runs(a, b)
    shared = len(shared_seeds(a, b))
    paired = shared > 0
    if as_json:
        document = {
            "a": {"folder": str(run_a), "scenario": a.scenario, "runs": len(a.seeds)},
            "b": {"folder": str(run_b), "scenario": b.scenario, "runs": len(b.seeds)},
            "paired": paired,
            "paired_runs": shared,
            "metrics": [
                {
                    "metric": r.metric,
                    "a": dict(zip(("mean", "p5", "p95"), r.a, strict=True)),
                    "b": dict(zip(("mean", "p5", "p95"), r.b, strict=True)),
                    "b_minus_a": dict(zip(("mean", "p5", "p95"), r.change, strict=True)),
                }
                for r in rows
            ],
        }
        typer.echo(json.dumps(document, indent=2))
        return
    how = f"paired seed by seed ({shared} shared runs)" if paired else "unpaired (no shared seed)"
    typer.echo(
        f"A: {run_a} ({a.scenario}, {len(a.seeds)} runs)\n"
        f"B: {run_b} ({b.scenario}, {len(b.seeds)} runs)\n"
        f"B - A {how}; people, mean (90% band)"
    )

    def cell(values: tuple[float, float, float], signed: bool = False) -> str:
        sign = "+" if signed else ""
        mean, low, high = (round(v) for v in values)
        return f"{mean:{sign},} ({low:{sign},} to {high:{sign},})"

    table = [("figure", "A", "B", "B - A")]
    table += [(r.label, cell(r.a), cell(r.b), cell(r.change, True)) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def register(simulate_app: typer.Typer) -> None:
    """Add `scenarios` and `compare` to `yalu simulate`; let `simulate run` take scenarios."""
    simulate_app.command("scenarios")(scenarios)
    simulate_app.command("compare")(compare)
    for info in list(simulate_app.registered_commands):
        if info.name == "run" and info.callback is not None:
            info.callback = combined_run(info.callback)
