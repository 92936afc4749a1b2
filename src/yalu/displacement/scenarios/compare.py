"""Compare two scenario output folders, figure by figure, with bands: `yalu simulate compare`.

Each folder written by `yalu simulate run SCENARIO --output FOLDER` holds `run.json` and
`metrics.csv` (one row per run). Runs with the same seed drew the same uncertain inputs
(same root seed: the first runs of a larger ensemble share their seeds with a smaller
one), so when the folders share seeds the difference is taken seed by seed over the
shared runs (paired) and its band shows the lever's own effect; otherwise every run of
one is compared with every run of the other (unpaired), and the band also holds the
spread of the inputs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yalu.core.errors import InputError
from yalu.displacement.scenarios.ensemble import BAND
from yalu.displacement.scenarios.metrics import MAX_METRICS_BYTES, METRICS
from yalu.models.displacement import FloatArray

Summary = tuple[float, float, float]
"""Mean, 5th and 95th percentile."""


@dataclass(frozen=True, slots=True)
class RunFolder:
    """What a scenario output folder says about its runs.

    Attributes:
        path: the folder.
        scenario: the scenario's name.
        seeds: each run's seed, in run order.
        metrics: metric name -> one value per run.
    """

    path: Path
    scenario: str
    seeds: tuple[int, ...]
    metrics: dict[str, FloatArray]


@dataclass(frozen=True, slots=True)
class MetricComparison:
    """One figure in two folders and their difference (B minus A)."""

    metric: str
    label: str
    a: Summary
    b: Summary
    change: Summary


def _summary(values: FloatArray) -> Summary:
    low, high = np.percentile(values, BAND)
    return float(values.mean()), float(low), float(high)


def _read_text(path: Path, hint: str) -> str:
    """Return a small UTF-8 file's text, or raise one clear error."""
    try:
        if path.stat().st_size > MAX_METRICS_BYTES:
            raise InputError(
                f"file is larger than {MAX_METRICS_BYTES:,} bytes", path=path, hint=hint
            )
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(
            "no such file: not a scenario output folder", path=path, hint=hint
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the file ({type(exc).__name__})", path=path, hint=hint
        ) from exc


def read_run_folder(folder: Path) -> RunFolder:
    """Read a scenario output folder's run.json and metrics.csv.

    Raises:
        InputError: a file is missing, too large, not UTF-8, or malformed (path, line).
    """
    hint = "Give a folder written by yalu simulate run SCENARIO --output FOLDER"
    record_path, metrics_path = folder / "run.json", folder / "metrics.csv"
    try:
        record = json.loads(_read_text(record_path, hint))
        scenario = str(record["scenario"])
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError("not a scenario run record", path=record_path, hint=hint) from exc
    reader = csv.DictReader(io.StringIO(_read_text(metrics_path, hint)))
    missing = [m.name for m in METRICS if m.name not in (reader.fieldnames or [])]
    if missing or "seed" not in (reader.fieldnames or []):
        raise InputError(
            f"missing columns: {', '.join(missing or ['seed'])}",
            path=metrics_path,
            line=1,
            hint=hint,
        )
    seeds: list[int] = []
    values: dict[str, list[float]] = {m.name: [] for m in METRICS}
    for line, row in enumerate(reader, start=2):
        try:
            seeds.append(int(row["seed"]))
            for metric in METRICS:
                values[metric.name].append(float(row[metric.name]))
        except (TypeError, ValueError) as exc:
            raise InputError(
                "a value is not a number", path=metrics_path, line=line, hint=hint
            ) from exc
    if not seeds:
        raise InputError("no runs", path=metrics_path, hint=hint)
    arrays = {name: np.array(v, dtype=np.float64) for name, v in values.items()}
    return RunFolder(folder, scenario, tuple(seeds), arrays)


def shared_seeds(a: RunFolder, b: RunFolder) -> list[int]:
    """Return the seeds both folders ran, in A's order (empty: the runs are unpaired)."""
    theirs = set(b.seeds)
    return [seed for seed in a.seeds if seed in theirs]


def is_paired(a: RunFolder, b: RunFolder) -> bool:
    """Return True when the folders share seeds (differences are then taken seed by seed)."""
    return bool(shared_seeds(a, b))


def compare_runs(a: RunFolder, b: RunFolder) -> list[MetricComparison]:
    """Return every metric in `a` and `b`, and B minus A (paired by seed when possible)."""
    shared = shared_seeds(a, b)
    in_a = [a.seeds.index(seed) for seed in shared]
    in_b = [b.seeds.index(seed) for seed in shared]
    result = []
    for metric in METRICS:
        one, other = a.metrics[metric.name], b.metrics[metric.name]
        every_pair = (other[None, :] - one[:, None]).ravel()
        change = other[in_b] - one[in_a] if shared else every_pair
        result.append(
            MetricComparison(
                metric.name, metric.label, _summary(one), _summary(other), _summary(change)
            )
        )
    return result
