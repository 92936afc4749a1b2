"""`yalu goods check FILE` and `yalu supply check FILE`: shipments and supplier exposure.

Both screen names through the screening engine (the store's active lists, or `--source`
list files) and pass that screener to the goods engine, which never imports screening.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from yalu.core.config import load_settings
from yalu.interfaces.cli.console import check_format, progress_bar
from yalu.models.audit import ScreeningRecord
from yalu.models.screening import Match, Query

if TYPE_CHECKING:
    from yalu.goods.check import ShipmentReport
    from yalu.goods.evidence import EvidencePack
    from yalu.models.goods import SupplierExposure

FORMATS = ("table", "csv", "json")

app = typer.Typer(
    help="Screen shipments against the DPRK sectoral sanctions.", no_args_is_help=True
)
supply_app = typer.Typer(
    help="Score suppliers for North Korean forced-labour exposure.", no_args_is_help=True
)

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]
OutputOption = Annotated[str, typer.Option("--output", "-o", help="File, or '-' for stdout.")]
ReportOption = Annotated[
    Path | None, typer.Option("--report", help="Also write a one-file HTML report here.")
]
SourceOption = Annotated[
    list[Path] | None,
    typer.Option(help="Screen names against this list file instead of the store (repeatable)."),
]
ThresholdOption = Annotated[
    float | None, typer.Option(help="Match score in 0..1 (default: match_threshold).")
]


def register(app_root: typer.Typer) -> None:
    """Attach `goods` and `supply` to the root app."""
    app_root.add_typer(app, name="goods")
    app_root.add_typer(supply_app, name="supply")


@app.command("check")
def check(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Shipment CSV (see docs/how-to/goods.md).")],
    format: FormatOption = "table",
    output: OutputOption = "-",
    report: ReportOption = None,
    source: SourceOption = None,
    threshold: ThresholdOption = None,
) -> None:
    """Give each shipment line a verdict: prohibited, over_cap, review or clear, with reasons."""
    from yalu.formats.shipments import read_shipments, write_verdicts_csv, write_verdicts_json
    from yalu.goods.check import check_shipments
    from yalu.goods.rules import load_rulebook

    check_format(format, FORMATS)
    batch = read_shipments(path)
    rulebook = load_rulebook()
    bar = f"Screening parties and vessels of {len(batch):,} lines"
    with _screener(ctx, source or [], threshold) as screen_party, progress_bar(ctx, bar) as done:
        result = check_shipments(batch, rulebook, screen_party, on_progress=done)
    _write(
        format,
        output,
        csv=lambda out: write_verdicts_csv(result.lines, out),
        json=lambda out: write_verdicts_json(result.lines, out),
        table=lambda file: print_shipments(result, file=file),
    )
    if report is not None:
        from yalu.goods.report import render_shipment_report

        report.write_text(render_shipment_report(result, rulebook, source=path.name), "utf-8")


@supply_app.command("check")
def supply_check(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Supplier graph CSV (see docs/how-to/goods.md).")],
    format: FormatOption = "table",
    output: OutputOption = "-",
    report: ReportOption = None,
    evidence: Annotated[
        Path | None, typer.Option(help="Write one Markdown evidence pack per flagged product here.")
    ] = None,
    as_of_year: Annotated[
        int | None, typer.Option(help="Use TIP tiers up to this report year (default: latest).")
    ] = None,
    source: SourceOption = None,
    threshold: ThresholdOption = None,
) -> None:
    """Score suppliers and finished products for North Korean forced-labour exposure."""
    from yalu.formats.suppliers import read_suppliers, write_exposures_csv, write_exposures_json
    from yalu.goods.evidence import build_evidence_packs, render_evidence_markdown
    from yalu.goods.exposure import assess_suppliers, load_labour_data

    check_format(format, FORMATS)
    suppliers = read_suppliers(path)
    data = load_labour_data()
    with _screener(ctx, source or [], threshold) as screen_party:
        exposures = assess_suppliers(suppliers, screen_party, data, as_of_year=as_of_year)
    packs = build_evidence_packs(exposures, data)
    _write(
        format,
        output,
        csv=lambda out: write_exposures_csv(exposures, out),
        json=lambda out: write_exposures_json(exposures, out),
        table=lambda file: print_suppliers(exposures, packs, file=file),
    )
    if evidence is not None:
        evidence.mkdir(parents=True, exist_ok=True)
        for pack in packs:
            (evidence / f"{pack.slug}.md").write_text(render_evidence_markdown(pack), "utf-8")
    if report is not None:
        from yalu.goods.report import render_supplier_report

        html = render_supplier_report(exposures, packs, source=path.name, version=data.version)
        report.write_text(html, "utf-8")


@contextmanager
def _screener(
    ctx: typer.Context, sources: list[Path], threshold: float | None
) -> Iterator[Callable[[Query], list[Match]]]:
    """Yield a screener over `--source` files or the store's active lists.

    Over the store, each screened party is written to the audit trail once the check is done.
    """
    from yalu.screening.audit import add_screenings
    from yalu.screening.service import build_file_index, load_active_index, party_screener
    from yalu.screening.store import open_store

    settings = load_settings(match_threshold=threshold)
    cutoff, limit = settings.match_threshold, settings.match_limit
    if sources:
        with progress_bar(ctx, "Reading and indexing list files") as done:
            loaded = build_file_index(sources, on_progress=done)
        yield party_screener(loaded, threshold=cutoff, limit=limit)
        return
    with open_store(settings.database_url) as store:
        with progress_bar(ctx, "Indexing the lists") as done:
            loaded = load_active_index(store, on_progress=done)
        rows: list[ScreeningRecord] = []
        yield party_screener(loaded, threshold=cutoff, limit=limit, audit=rows.append)
        add_screenings(store, rows)


@contextmanager
def _open_output(output: str) -> Iterator[TextIO]:
    if output == "-":
        yield sys.stdout
        return
    with open(output, "w", encoding="utf-8", newline="") as handle:
        yield handle


def _write(
    format: str,
    output: str,
    *,
    csv: Callable[[TextIO], object],
    json: Callable[[TextIO], object],
    table: Callable[[TextIO | None], object],
) -> None:
    """Write results to `output` ("-" is stdout) as CSV, JSON or a table (console on stdout)."""
    with _open_output(output) as out:
        if format == "csv":
            csv(out)
        elif format == "json":
            json(out)
        else:
            table(None if output == "-" else out)


_STYLES = {
    "prohibited": "bold red",
    "over_cap": "bold dark_orange",
    "review": "yellow",
    "clear": "green",
}


def print_shipments(result: ShipmentReport, *, file: TextIO | None = None) -> None:
    """Print a table of every line with its verdict and reasons, then the cap totals."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from yalu.formats.shipments import cap_consumed_pct, reason_to_text

    table = Table(title=f"DPRK sectoral measures {result.rules_version}")
    for name in ("id", "line", "verdict"):
        table.add_column(name, no_wrap=True)
    table.add_column("reasons", ratio=1)
    for line in result.lines:
        verdict: str = line.verdict
        pct = cap_consumed_pct(line)
        if pct is not None and line.verdict in ("clear", "review"):
            verdict += f" (cap consumed {pct:.0f}%)"
        reasons = escape("\n".join(reason_to_text(r) for r in line.reasons))
        table.add_row(line.id, str(line.line), f"[{_STYLES[line.verdict]}]{verdict}", reasons)
    console = Console(file=file, width=None if file is None else 200)
    console.print(table)
    for cap in result.cap_totals:
        console.print(
            f"cap {cap.rule.id} ({cap.rule.citation}) {cap.period_start}..{cap.period_end}:"
            f" {cap.total:,.0f} of {cap.limit:,.0f} {cap.unit} over {cap.lines} lines"
            f" ({100 * cap.total / cap.limit:.1f}%)"
        )
    counts = ", ".join(f"{n:,} {v}" for v, n in result.counts.items())
    console.print(f"{len(result.lines):,} lines: {counts}")


def print_suppliers(
    exposures: list[SupplierExposure], packs: list[EvidencePack], *, file: TextIO | None = None
) -> None:
    """Print a table of every supplier's verdict, score and signals, then the packs."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("id", "name", "verdict", "score", "signals")
    for e in exposures:
        signals = escape(
            "\n".join(f"{s.kind} {s.weight:.2f}: {s.message}" for s in e.signals if s.weight > 0)
        )
        style = _STYLES[e.verdict]
        table.add_row(
            e.supplier.id, e.supplier.name, f"[{style}]{e.verdict}", f"{e.score:.2f}", signals
        )
    console = Console(file=file, width=None if file is None else 200)
    console.print(table)
    for pack in packs:
        console.print(
            f"evidence pack: {pack.slug} (HS {pack.product_hs}, score {pack.exposure.score:.2f})"
        )
