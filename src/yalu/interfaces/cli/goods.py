"""`yalu goods check FILE` and `yalu supply check FILE`: shipments and supplier exposure.

Both screen names through the screening engine (the store's active lists, or `--list-file`
files) and pass that screener to the goods engine, which never imports screening.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from yalu.core.clock import utc_now
from yalu.core.collector import paused_collector
from yalu.core.config import load_settings
from yalu.core.parallel import Parallelism
from yalu.interfaces.cli.console import check_format, progress_bar
from yalu.interfaces.cli.dask_option import DaskCommand, DaskOpt, WorkersOpt, batch_parallelism
from yalu.interfaces.cli.list_files import (
    ListFileOption,
    OldSourceOption,
    index_cache_dir,
    list_files,
)
from yalu.interfaces.cli.output import (
    OUTPUT_FORMATS,
    FormatOption,
    OutputOption,
    ensure_folder,
    open_output,
    write_as,
)
from yalu.models.audit import ListUsed, ScreeningRecord
from yalu.models.scores import format_score
from yalu.models.screening import Match, Query

if TYPE_CHECKING:
    from yalu.goods.check import ShipmentReport
    from yalu.goods.evidence import EvidencePack
    from yalu.models.goods import SupplierExposure
    from yalu.screening.store import Store
    from yalu.screening.verdict_audit import VerdictKind

app = typer.Typer(
    help="Screen shipments against the DPRK sectoral sanctions.", no_args_is_help=True
)
supply_app = typer.Typer(
    help="Score suppliers for North Korean forced-labour exposure.", no_args_is_help=True
)

ReportOption = Annotated[
    Path | None, typer.Option("--report", help="Also write a one-file HTML report here.")
]
ThresholdOption = Annotated[
    float | None, typer.Option(help="Match score in 0..1 (default: match_threshold).")
]


def register(app_root: typer.Typer) -> None:
    """Attach `goods` and `supply` to the root app."""
    app_root.add_typer(app, name="goods")
    app_root.add_typer(supply_app, name="supply")


@app.command("check", cls=DaskCommand)
def check(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Shipment CSV (see docs/how-to/goods.md).")],
    format: FormatOption = "table",
    output: OutputOption = "-",
    report: ReportOption = None,
    list_file: ListFileOption = None,
    source: OldSourceOption = None,
    threshold: ThresholdOption = None,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """Give each shipment line a verdict: prohibited, over_cap, review or clear, with reasons."""
    from yalu.formats.shipments import (
        read_shipments,
        verdict_to_dict,
        write_verdicts_csv,
        write_verdicts_json,
    )
    from yalu.goods.check import check_shipments
    from yalu.goods.rules import load_rulebook

    check_format(format, OUTPUT_FORMATS)
    batch = read_shipments(path)
    rulebook = load_rulebook()
    files = list_files(ctx, list_file, source)
    bar = f"Screening parties and vessels of {len(batch):,} lines"
    with ExitStack() as stack:  # every output is opened before the work: one line if not
        out = stack.enter_context(open_output(output))
        html_out = stack.enter_context(open_output(str(report))) if report else None
        with _screener(ctx, files, threshold, batch_parallelism(workers, dask)) as session:
            with progress_bar(ctx, bar) as done:
                result = check_shipments(batch, rulebook, session.screen_party, on_progress=done)
            session.record(  # audited before anything is shown
                "shipment",
                path,
                (verdict_to_dict(line) for line in result.lines),
                rules_version=result.rules_version,
            )
        write_as(
            format,
            out,
            table=lambda file: print_shipments(result, file=file),
            csv=lambda file: write_verdicts_csv(result.lines, file),
            json=lambda file: write_verdicts_json(result.lines, file),
            jsonl=lambda file: write_verdicts_json(result.lines, file, json_lines=True),
        )
        if html_out is not None:
            from yalu.goods.report import render_shipment_report

            html_out.write(
                render_shipment_report(result, rulebook, source=path.name, generated=utc_now())
            )


@supply_app.command("check", cls=DaskCommand)
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
    list_file: ListFileOption = None,
    source: OldSourceOption = None,
    threshold: ThresholdOption = None,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """Score suppliers and finished products for North Korean forced-labour exposure."""
    from yalu.formats.suppliers import (
        exposure_to_dict,
        read_suppliers,
        write_exposures_csv,
        write_exposures_json,
    )
    from yalu.goods.evidence import build_evidence_packs, render_evidence_markdown
    from yalu.goods.exposure import assess_suppliers, load_labour_data

    check_format(format, OUTPUT_FORMATS)
    suppliers = read_suppliers(path)
    data = load_labour_data()
    files = list_files(ctx, list_file, source)
    with ExitStack() as stack:  # every output is opened before the work: one line if not
        out = stack.enter_context(open_output(output))
        html_out = stack.enter_context(open_output(str(report))) if report else None
        packs_folder = ensure_folder(evidence) if evidence is not None else None
        with _screener(ctx, files, threshold, batch_parallelism(workers, dask)) as session:
            exposures = assess_suppliers(
                suppliers, session.screen_party, data, as_of_year=as_of_year
            )
            session.record(  # audited before anything is shown
                "supplier",
                path,
                (exposure_to_dict(exposure) for exposure in exposures),
                rules_version=data.version,
            )
        packs = build_evidence_packs(exposures, data)
        write_as(
            format,
            out,
            table=lambda file: print_suppliers(exposures, packs, file=file),
            csv=lambda file: write_exposures_csv(exposures, file),
            json=lambda file: write_exposures_json(exposures, file),
            jsonl=lambda file: write_exposures_json(exposures, file, json_lines=True),
        )
        if packs_folder is not None:
            for pack in packs:
                with open_output(str(packs_folder / f"{pack.slug}.md")) as pack_out:
                    pack_out.write(render_evidence_markdown(pack))
        if html_out is not None:
            from yalu.goods.report import render_supplier_report

            html_out.write(
                render_supplier_report(
                    exposures, packs, source=path.name, version=data.version, generated=utc_now()
                )
            )


@dataclass
class _Session:
    """A screener for the goods engine, and where its audit rows go (no store: list files)."""

    screen_party: Callable[[Query], list[Match]]
    lists_used: tuple[ListUsed, ...]
    store: Store | None = None
    parties: list[ScreeningRecord] = field(default_factory=list)

    def record(
        self,
        kind: VerdictKind,
        path: Path,
        verdicts: Iterable[dict[str, Any]],
        *,
        rules_version: str,
    ) -> None:
        """Write the screened parties, then the verdicts, to the audit trail (not shown yet)."""
        if self.store is None:
            return
        from yalu.core.actor import cli_actor
        from yalu.screening.audit import add_screenings
        from yalu.screening.verdict_audit import add_verdicts

        add_screenings(self.store, self.parties)
        add_verdicts(
            self.store,
            verdicts,
            kind=kind,
            file=path.name,
            list_versions=self.lists_used,
            rules_version=rules_version,
            actor=cli_actor(),
        )


@contextmanager
def _screener(
    ctx: typer.Context, sources: list[Path], threshold: float | None, parallelism: Parallelism
) -> Iterator[_Session]:
    """Yield a screener over `--list-file` files or the store's active lists.

    Over the store, `_Session.record` writes each screened party and each verdict to the
    audit trail; the command calls it before it shows any verdict.
    """
    from yalu.screening.service import (
        build_file_index,
        lists_used,
        load_active_index,
        party_screener,
    )
    from yalu.screening.store import open_store

    settings = load_settings(match_threshold=threshold)
    cutoff, limit = settings.match_threshold, settings.match_limit
    if sources:
        with (
            progress_bar(ctx, "Reading and indexing list files") as done,
            paused_collector(freeze=True),
        ):
            loaded = build_file_index(
                sources, on_progress=done, cache_dir=index_cache_dir(settings)
            )
        screen = party_screener(loaded, threshold=cutoff, limit=limit, parallelism=parallelism)
        yield _Session(screen, lists_used(loaded))
        return
    with open_store(settings.database_url) as store:
        with progress_bar(ctx, "Indexing the lists") as done, paused_collector(freeze=True):
            loaded = load_active_index(store, on_progress=done)
        parties: list[ScreeningRecord] = []
        screen = party_screener(
            loaded, threshold=cutoff, limit=limit, audit=parties.append, parallelism=parallelism
        )
        yield _Session(screen, lists_used(loaded), store, parties)


_STYLES = {
    "prohibited": "bold red",
    "over_cap": "bold dark_orange",
    "review": "yellow",
    "clear": "green",
}


def _console(file: TextIO | None) -> Any:
    """Return a Rich console on `file` (stdout when None); 200 columns wide off a terminal."""
    from rich.console import Console

    stream = sys.stdout if file is None else file
    return Console(file=stream, width=None if stream.isatty() else 200)


def print_shipments(result: ShipmentReport, *, file: TextIO | None = None) -> None:
    """Print a table of every line with its verdict and reasons, then the cap totals."""
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
        style = _STYLES[line.verdict]
        table.add_row(escape(line.id), str(line.line), f"[{style}]{verdict}", reasons)
    console = _console(file)
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
    from rich.markup import escape
    from rich.table import Table

    table = Table("id", "name", "verdict", "score", "signals")
    for e in exposures:
        signals = escape(
            "\n".join(f"{s.kind} {s.weight:.2f}: {s.message}" for s in e.signals if s.weight > 0)
        )
        style = _STYLES[e.verdict]
        table.add_row(
            escape(e.supplier.id),
            escape(e.supplier.name),
            f"[{style}]{e.verdict}",
            format_score(e.score),
            signals,
        )
    console = _console(file)
    console.print(table)
    for pack in packs:
        score = format_score(pack.exposure.score)
        console.print(f"evidence pack: {pack.slug} (HS {pack.product_hs}, score {score})")
