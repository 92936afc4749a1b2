"""FLEE 3.1 and yalu side by side on FLEE's validation cases, with baselines and LOCO.

For each case (``mali2012``, ``burundi2015``, ``car2013``, ``mali2017_adm1`` and
``nigeria2016_adm1`` from ``../shared/data/flee-cases``), at the FabFlee population
scale-down (``optimisations.hasten`` 10, 10, 20, 10, 100; ``--hasten N`` for all), run N
seeded simulations with each simulator, one process per run, one run at a time, and report:
ensemble-mean ARD (rescaled and raw, FLEE_FORMAT.md section 7, scored by the same code
for all), the best of the three naive baselines on the same data
(``yalu.displacement.baselines``) and whether yalu beats both it and FLEE, wall time per
run, peak RSS, agent-days per second, and the machine. Then the leave-one-case-out table
(``flee_loco.py``): for each case, the rules picked on the other four and their score on it,
and the effect of each of the chosen rules' mechanisms.

Three simulators: ``flee`` (FLEE 3.1 from PyPI), ``yalu`` (yalu's engine with its default
options) and ``yalu-flee`` (yalu with ``FLEE_OPTIONS``, the switches that reproduce FLEE's
rules: its ARD should match FLEE's; the gap between it and ``yalu`` is what yalu's options
buy).

FLEE runs in its own virtual environment, ``.venv-flee`` at the repository root
(created on first use: ``python3 -m venv`` + ``pip install flee==3.1``), through
``flee_driver.py``, which seeds ``random`` and ``numpy.random`` (FLEE never seeds itself);
yalu runs in this interpreter's environment, also in a child process (this script with
``--yalu-child``) so that every peak RSS figure is per run.

Usage (from the repository root)::

    .venv/bin/python benchmarks/flee_side_by_side.py                 # all, 5 runs, LOCO
    .venv/bin/python benchmarks/flee_side_by_side.py --only flee --runs 5 --no-loco \
        --json benchmarks/results/flee_side_by_side.json
    .venv/bin/python benchmarks/flee_side_by_side.py --cases mali2012 --hasten 1 --runs 1 \
        --no-loco                                                    # full-scale speed
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from yalu.displacement.validate import ard

REPO = Path(__file__).resolve().parent.parent
CASES_DIR = REPO.parent / "shared" / "data" / "flee-cases"
FLEE_VENV = REPO / ".venv-flee"
FLEE_PIN = "flee==3.1"
DRIVER = Path(__file__).resolve().parent / "flee_driver.py"
LOG_DIR = REPO / "benchmarks" / "results"
HASTEN = {
    "mali2012": 10,
    "burundi2015": 10,
    "car2013": 20,
    "mali2017_adm1": 10,
    "nigeria2016_adm1": 100,
}
SIMULATORS = ("flee", "yalu", "yalu-flee")
"""FLEE 3.1; yalu with its default engine options; yalu with ``FLEE_OPTIONS`` (FLEE's rules)."""

Run = dict[str, Any]


# --------------------------------------------------------------------------- scoring


def score(run: Run, rescaled: bool) -> float:
    """ARD of one run (FLEE_FORMAT.md section 7), by yalu's scorer for both simulators."""
    sim = np.asarray(run["sim"], dtype=np.float64)
    return ard(sim, np.asarray(run["obs"], dtype=np.float64), rescaled=rescaled)


# --------------------------------------------------------------------------- processes


def _run_child(cmd: list[str], cwd: Path, log: Path) -> tuple[float, float]:
    """Run ``cmd`` with output appended to ``log``; return (process wall s, peak RSS MiB)."""
    with log.open("ab") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}); see {log}")
    return wall, usage.ru_maxrss / 1024


def ensure_flee_env(log: Path) -> Path:
    """Return FLEE's interpreter, creating ``.venv-flee`` with ``flee==3.1`` if needed."""
    python = FLEE_VENV / "bin" / "python"
    check = [str(python), "-c", "import flee.flee, flee.InputGeography"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    print(f"creating {FLEE_VENV} with {FLEE_PIN} (log: {log})", file=sys.stderr)
    with log.open("ab") as sink:
        subprocess.run(
            ["python3", "-m", "venv", str(FLEE_VENV)], check=True, stdout=sink, stderr=sink
        )
        pip = [str(python), "-m", "pip", "install", "--quiet", FLEE_PIN]
        subprocess.run(pip, check=True, stdout=sink, stderr=sink)
    subprocess.run(check, check=True)
    return python


def _flee_version(python: Path) -> str:
    """Installed FLEE version, as pip sees it."""
    code = "from importlib.metadata import version; print(version('flee'))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


def _settings_file(case_dir: Path, hasten: int, tmp: Path) -> Path:
    """Copy the case's simsetting.yml into ``tmp`` with ``optimisations.hasten`` set."""
    settings = yaml.safe_load((case_dir / "simsetting.yml").read_text(encoding="utf-8")) or {}
    settings.setdefault("optimisations", {})["hasten"] = hasten
    path = tmp / "simsetting.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return path


def run_flee(python: Path, case_dir: Path, hasten: int, seed: int, log: Path, total: bool) -> Run:
    """One seeded FLEE run in a fresh process and a fresh empty working directory."""
    with tempfile.TemporaryDirectory(prefix="flee-run-") as tmp_name:
        tmp = Path(tmp_name)
        out = tmp / "out.json"
        cmd = [str(python), str(DRIVER), str(case_dir), str(_settings_file(case_dir, hasten, tmp))]
        cmd += [str(seed), str(out)] + (["--spawn-from-total"] if total else [])
        wall, rss = _run_child(cmd, tmp, log)
        run: Run = json.loads(out.read_text(encoding="utf-8"))
    run.update(process_seconds=wall, peak_rss_mib=rss)
    return run


def run_yalu(
    case_dir: Path, hasten: int, seed: int, log: Path, total: bool, flee_rules: bool
) -> Run:
    """One seeded yalu run in a fresh process (this script with ``--yalu-child``)."""
    with tempfile.TemporaryDirectory(prefix="yalu-run-") as tmp_name:
        out = Path(tmp_name) / "out.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--yalu-child"]
        cmd += [str(case_dir), str(hasten), str(seed), str(out)]
        cmd += ["--spawn-from-total"] if total else []
        cmd += ["--yalu-flee-rules"] if flee_rules else []
        wall, rss = _run_child(cmd, Path(tmp_name), log)
        run: Run = json.loads(out.read_text(encoding="utf-8"))
    run.update(process_seconds=wall, peak_rss_mib=rss)
    return run


def yalu_available() -> str | None:
    """Return None when yalu's engine, case reader and FLEE options exist, else what is missing."""
    try:
        from yalu.displacement import (
            FLEE_OPTIONS,  # noqa: F401
            run_case,  # noqa: F401
        )
        from yalu.formats.flee import read_case  # noqa: F401
    except ImportError as exc:
        return f"yalu engine not importable ({exc})"
    return None


def yalu_child(
    case_dir: Path, hasten: int, seed: int, out: Path, total: bool, flee_rules: bool
) -> None:
    """Run yalu once (child process side) and write the same JSON shape as the driver.

    ``flee_rules`` runs with ``FLEE_OPTIONS`` (yalu's switches set to FLEE's behaviour);
    otherwise with the options of the case's settings (yalu's defaults).
    """
    from dataclasses import replace

    from kernel_warm_up import warm_up
    from yalu.displacement import FLEE_OPTIONS, run_case
    from yalu.displacement.observed import observed_on_days
    from yalu.formats.flee import read_case

    loading = time.perf_counter()
    warm_up()  # numba's import and cached machine code count as imports, as FLEE's do
    kernel_seconds = time.perf_counter() - loading
    start = time.perf_counter()
    case = read_case(case_dir)
    spawn = replace(case.settings.spawn, sum_from_camps=not total)
    settings = replace(case.settings, hasten=hasten, spawn=spawn)
    options = FLEE_OPTIONS if flee_rules else None
    result = run_case(case, seed=seed, settings=settings, options=options)
    seconds = time.perf_counter() - start
    if case.observed is None:
        raise SystemExit(f"{case_dir} has no observed data to score against")
    obs = observed_on_days(case.observed, case.camp_names, range(result.days), hasten)
    payload = {
        "camps": list(case.camp_names),
        "sim": result.population[:, case.camp_indices].tolist(),
        "obs": obs.astype(int).tolist(),
        "agents": result.total_agents.tolist(),
        "days": result.days,
        "hasten": hasten,
        "seed": seed,
        "sum_from_camps": not total,
        "flee_options": flee_rules,
        "sim_seconds": seconds,
        "kernel_load_seconds": kernel_seconds,
    }
    out.write_text(json.dumps(payload), encoding="utf-8")


# --------------------------------------------------------------------------- figures


def _tracking(run: Run) -> float:
    """Mean over days of |agents alive / UNHCR camp total - 1| (FLEE's forced total)."""
    gaps = [
        abs(a / s - 1) for a, obs in zip(run["agents"], run["obs"], strict=True) if (s := sum(obs))
    ]
    return sum(gaps) / len(gaps) if gaps else float("nan")


def summarise(runs: list[Run]) -> dict[str, Any]:
    """Ensemble figures of one simulator on one case."""
    rescaled = [score(r, True) for r in runs]
    raw = [score(r, False) for r in runs]
    secs = [r["sim_seconds"] for r in runs]
    rates = [sum(r["agents"]) / r["sim_seconds"] for r in runs]
    return {
        "runs": len(runs),
        "seeds": [r["seed"] for r in runs],
        "agents": runs[0]["agents"][-1],
        "agent_days": sum(runs[0]["agents"]),
        "ard_rescaled": statistics.fmean(rescaled),
        "ard_rescaled_sd": statistics.pstdev(rescaled),
        "ard_rescaled_runs": rescaled,
        "ard_raw": statistics.fmean(raw),
        "ard_raw_sd": statistics.pstdev(raw),
        "ard_raw_runs": raw,
        "wall_s": statistics.fmean(secs),
        "process_wall_s": statistics.fmean(r["process_seconds"] for r in runs),
        "peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
        "agent_days_per_s": statistics.fmean(rates),
        "total_vs_unhcr_mean_rel_gap": statistics.fmean(_tracking(r) for r in runs),
        "final_total_vs_unhcr": [runs[0]["agents"][-1], int(sum(runs[0]["obs"][-1]))],
        "camps": runs[0]["camps"],
        "sim_mean_per_day": np.round(np.mean([r["sim"] for r in runs], axis=0), 1).tolist(),
        "obs_per_day": runs[0]["obs"],
    }


def machine_info(flee_python: Path | None) -> dict[str, Any]:
    """CPU, cores, memory, OS, Python and package versions."""
    cpu = platform.processor() or "?"
    meminfo = Path("/proc/meminfo")
    mem_gib = float("nan")
    if Path("/proc/cpuinfo").exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    if meminfo.exists():
        total_kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        mem_gib = total_kib / 1024**2
    info: dict[str, Any] = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_gib, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_avg_1min_at_start": round(os.getloadavg()[0], 2),
        "numpy": _version("numpy"),
        "yalu": _version("yalu"),
    }
    if flee_python is not None:
        info["flee"] = _flee_version(flee_python)
    return info


def _version(dist: str) -> str:
    """Version of an installed distribution in this environment, or '-'."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "-"


def _pair(results: dict[str, Any], key: str, fmt: str) -> str:
    """Format one figure of each simulator as 'flee / yalu / yalu-flee'."""
    cells = [format(results[s][key], fmt) if s in results else "-" for s in SIMULATORS]
    return " / ".join(cells)


def _verdict(res: dict[str, Any]) -> str:
    """Whether yalu's rescaled ARD is below FLEE's and the best baseline's."""
    if "yalu" not in res:
        return "-"
    ours = res["yalu"]["ard_rescaled"]
    below_base = ours < res["baseline"]["ard_rescaled"]
    if "flee" not in res:
        return "beats baseline" if below_base else "NO"
    return "beats both" if below_base and ours < res["flee"]["ard_rescaled"] else "NO"


def render_table(report: dict[str, Any]) -> str:
    """The side-by-side table and the machine line."""
    head = (
        "case",
        "runs",
        "agents F / y / yF",
        "ARD resc. F / y / yF",
        "ARD raw F / y / yF",
        "best baseline",
        "yalu",
        "wall s F / y / yF",
        "speed F/y",
        "RSS MiB F / y / yF",
        "agent-days/s F / y / yF",
    )
    rows = [head]
    for case, res in report["cases"].items():
        speed = "-"
        if "flee" in res and "yalu" in res:
            speed = f"{res['flee']['wall_s'] / res['yalu']['wall_s']:.1f}"
        first = res.get("flee") or res.get("yalu")
        base = res["baseline"]
        rows.append((
            case, str(first["runs"]), _pair(res, "agents", "d"),
            _pair(res, "ard_rescaled", ".3f"), _pair(res, "ard_raw", ".3f"),
            f"{base['name']} {base['ard_rescaled']:.3f}", _verdict(res),
            _pair(res, "wall_s", ".2f"), speed, _pair(res, "peak_rss_mib", ".0f"),
            _pair(res, "agent_days_per_s", ",.0f"),
        ))  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    machine = report["machine"]
    lines.append("")
    lines.append("machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()))
    lines.append(
        f"scored by: {report['scorer']}; hasten: {report['hasten']}; "
        f"spawning: {report['spawning']}; wall s = read case + simulate, per run; "
        "agents = alive on the last day"
    )
    lines.extend(f"note: {n}" for n in report["notes"])
    if "loco" in report:
        lines += ["", "Leave one case out (rescaled ARD, yalu's rules picked on the other cases):"]
        lines.append(report["loco"]["table"])
        lines += ["", f"rules picked on all cases: {report['loco']['chosen']}"]
        lines.append(report["loco"]["ablation"])
    return "\n".join(lines)


def run_loco(args: argparse.Namespace, report: dict[str, Any]) -> dict[str, Any]:
    """Leave-one-case-out over the chosen cases (``flee_loco.py``), FLEE's ARD beside."""
    import logging

    import flee_loco

    logging.disable(logging.WARNING)
    seeds = list(range(args.seed, args.seed + args.loco_seeds))
    scores = flee_loco.score_all(args.cases, flee_loco.candidates(), seeds, log=sys.stderr)
    rows = flee_loco.leave_one_out(scores, args.cases)
    flee = {
        case: res["flee"]["ard_rescaled"] for case, res in report["cases"].items() if "flee" in res
    }
    chosen = flee_loco.pick(scores, args.cases)
    return {
        "rows": rows,
        "table": flee_loco.render_loco(rows, flee),
        "chosen": chosen,
        "ablation": flee_loco.render_ablation(
            flee_loco.ablation(scores, args.cases, chosen), args.cases
        ),
        "ard": scores.ard,
    }


# --------------------------------------------------------------------------- main


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="seeded runs per case (default 5)")
    parser.add_argument(
        "--cases", nargs="+", default=list(HASTEN), help="case names (default: all five)"
    )
    parser.add_argument(
        "--cases-dir", type=Path, default=CASES_DIR, help="directory holding the cases"
    )
    parser.add_argument(
        "--only", nargs="+", choices=SIMULATORS, help="run only these simulators (default: all)"
    )
    parser.add_argument("--json", type=Path, help="also save all figures to this JSON file")
    parser.add_argument("--seed", type=int, default=1, help="first seed; run i uses seed+i")
    parser.add_argument(
        "--spawn-from-total",
        action="store_true",
        help="FLEE 3.1's run.py spawning (refugees.csv differences) instead of the "
        "current FLEE default (sum of camp series)",
    )
    parser.add_argument(
        "--hasten", type=int, help="population scale-down for every case (default: FabFlee's)"
    )
    parser.add_argument("--no-loco", action="store_true", help="skip the leave-one-case-out")
    parser.add_argument(
        "--loco-seeds", type=int, default=1, help="seeded runs per candidate and case in LOCO"
    )
    parser.add_argument("--yalu-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--yalu-flee-rules", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _hasten(args: argparse.Namespace, case: str) -> int:
    """The case's scale-down: ``--hasten`` when given, else FabFlee's."""
    return int(args.hasten) if args.hasten else HASTEN.get(case, 1)


def _one_run(args: argparse.Namespace, sim: str, case_dir: Path, seed: int) -> Run:
    """One run of one simulator, its diagnostics logged to results/<sim>_<case>.log."""
    hasten = _hasten(args, case_dir.name)
    log = LOG_DIR / f"{sim}_{case_dir.name}.log"
    if sim == "flee":
        return run_flee(args.flee_python, case_dir, hasten, seed, log, args.spawn_from_total)
    return run_yalu(case_dir, hasten, seed, log, args.spawn_from_total, sim == "yalu-flee")


def _best_baseline(case_dir: Path, hasten: int) -> dict[str, Any]:
    """The best naive baseline on the case (``yalu.displacement.baselines``), both ARDs."""
    from dataclasses import replace

    from yalu.displacement.baselines import score_baselines
    from yalu.formats.flee import read_case

    case = read_case(case_dir)
    scores = score_baselines(case, replace(case.settings, hasten=hasten))
    name, rescaled = scores.best("rescaled")
    return {"name": name, "ard_rescaled": rescaled, "ard_raw": scores.best("raw")[1]}


def _observed_check(flee_run: Run, yalu_run: Run) -> str:
    """Compare the observed camp counts both simulators score against."""
    if flee_run["camps"] != yalu_run["camps"]:
        return f"camp lists differ: FLEE {flee_run['camps']} / yalu {yalu_run['camps']}"
    gaps = [
        abs(f - y)
        for f_day, y_day in zip(flee_run["obs"], yalu_run["obs"], strict=True)
        for f, y in zip(f_day, y_day, strict=True)
    ]
    if not any(gaps):
        return f"identical ({len(gaps)} day-camp values)"
    return f"differ in {sum(g > 0 for g in gaps)} of {len(gaps)} day-camp values, max {max(gaps)}"


def _simulate_case(args: argparse.Namespace, case: str, notes: list[str]) -> dict[str, Any]:
    """All runs of every chosen simulator on one case, one run at a time."""
    case_dir = (args.cases_dir / case).resolve()
    result: dict[str, Any] = {"hasten": _hasten(args, case)}
    result["baseline"] = _best_baseline(case_dir, result["hasten"])
    first: dict[str, Run] = {}
    for sim in SIMULATORS:
        if sim not in args.simulators or (sim != "flee" and args.yalu_missing):
            continue
        runs = []
        for seed in range(args.seed, args.seed + args.runs):
            try:
                run = _one_run(args, sim, case_dir, seed)
            except (RuntimeError, OSError, ValueError) as exc:
                if sim == "flee":
                    raise
                notes.append(f"{sim} failed on {case}: {exc}")
                break
            ard_now = score(run, True)
            print(f"{sim} {case} seed {seed}: {run['sim_seconds']:.2f} s, ARD {ard_now:.3f}",
                  file=sys.stderr, flush=True)  # fmt: skip
            runs.append(run)
        if runs:
            result[sim], first[sim] = summarise(runs), runs[0]
            alive, camps = result[sim]["final_total_vs_unhcr"]
            gap = 100 * result[sim]["total_vs_unhcr_mean_rel_gap"]
            start_up = result[sim]["process_wall_s"]
            notes.append(f"{case} {sim}: agents vs UNHCR camp total: mean daily gap {gap:.2f} %, "
                         f"last day {alive} vs {camps}; process wall incl. start-up, imports "
                         f"and any JIT {start_up:.2f} s")  # fmt: skip
    yalu_first = first.get("yalu") or first.get("yalu-flee")
    if "flee" in first and yalu_first is not None:
        result["observed_check"] = _observed_check(first["flee"], yalu_first)
        notes.append(f"{case}: observed counts of FLEE and yalu {result['observed_check']}")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    args.simulators = list(args.only or SIMULATORS)
    if args.yalu_child:
        case_dir, hasten, seed, out = args.yalu_child
        yalu_child(
            Path(case_dir), int(hasten), int(seed), Path(out), args.spawn_from_total,
            args.yalu_flee_rules,
        )  # fmt: skip
        return 0
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    flee_python = (
        ensure_flee_env(LOG_DIR / "flee_venv_install.log") if "flee" in args.simulators else None
    )
    args.flee_python = flee_python
    args.yalu_missing = None if args.simulators == ["flee"] else yalu_available()
    if args.yalu_missing:
        notes.append(f"yalu skipped: {args.yalu_missing}")
    report: dict[str, Any] = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "scorer": "yalu.displacement.validate.ard",
        "hasten": {c: _hasten(args, c) for c in args.cases},
        "spawning": "refugees.csv total" if args.spawn_from_total else "sum of camp series",
        "machine": machine_info(flee_python),
        "notes": notes,
        "cases": {},
    }
    for case in args.cases:
        report["cases"][case] = _simulate_case(args, case, notes)
    if not args.no_loco and args.yalu_missing is None:
        print(render_table(report), flush=True)  # the side-by-side part, before the long LOCO
        _save(args, report)
        report["loco"] = run_loco(args, report)
        print()
    report["machine"]["load_avg_1min_at_end"] = round(os.getloadavg()[0], 2)
    report["parent_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(render_table(report) if "loco" not in report else _loco_part(report))
    _save(args, report)
    return 0


def _loco_part(report: dict[str, Any]) -> str:
    """The leave-one-case-out part of the table (printed after the side-by-side part)."""
    full = render_table(report)
    return full[full.index("Leave one case out") :]


def _save(args: argparse.Namespace, report: dict[str, Any]) -> None:
    """Write every figure to ``--json`` when given."""
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
