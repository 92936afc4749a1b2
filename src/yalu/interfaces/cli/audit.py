"""`yalu audit list|show|verify|replay`: read back, verify and replay the audit trail."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from yalu.core.config import load_settings
from yalu.interfaces.cli.audit_checks import replay, verify
from yalu.interfaces.cli.console import check_format
from yalu.interfaces.cli.render_screening import add_match_columns, match_cells, print_table

if TYPE_CHECKING:  # the engine is imported by the commands, not at `yalu --help`
    from yalu.models.audit import ScreeningRecord
    from yalu.models.screening import Match

app = typer.Typer(help="Review the screening audit trail.", no_args_is_help=True)

LIST_FORMATS = ("table", "json", "jsonl")
SHOW_FORMATS = ("table", "json")

app.command("verify")(verify)
app.command("replay")(replay)


@app.command("list")
def list_screenings(
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most screenings shown.")] = 20,
    name: Annotated[
        str | None,
        typer.Option(help="Only queries whose name contains this text (any case)."),
    ] = None,
    matches_only: Annotated[
        bool, typer.Option("--matches-only", help="Only screenings with at least one MATCH.")
    ] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
) -> None:
    """List the latest screenings, newest first: who, query, lists searched, top candidate."""
    from yalu.screening.audit import read_screenings
    from yalu.screening.store import open_store

    check_format(format, LIST_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        records = read_screenings(store, limit, name=name, matches_only=matches_only)
    if not records:
        filtered = bool((name or "").strip()) or matches_only
        typer.echo(
            "No screening matches these filters."
            if filtered
            else "The audit trail is empty: nothing has been screened through the store yet.",
            err=True,
        )
    if format == "json":
        typer.echo(json.dumps([record_object(r) for r in records], ensure_ascii=False, indent=1))
    elif format == "jsonl":
        for record in records:
            typer.echo(json.dumps(record_object(record), ensure_ascii=False))
    elif records:
        print_table(records_table(records))


@app.command("show")
def show(
    record_id: Annotated[int, typer.Argument(metavar="ID", help="The id `audit list` shows.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Show one screening: the query and its facts, lists, threshold and every candidate."""
    from yalu.screening.audit import get_screening
    from yalu.screening.store import open_store

    check_format(format, SHOW_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        record = get_screening(store, record_id)
    if format == "json":
        typer.echo(json.dumps(record_object(record), ensure_ascii=False, indent=1))
        return
    for label, value in record_summary(record):
        typer.echo(f"{label:<12}{value}")
    if record.results:
        print_table(candidates_table(record.results))
    else:
        typer.echo("No candidates.")


def record_object(record: ScreeningRecord) -> dict[str, Any]:
    """Return the full audit row as JSON: id, time, actor, query, lists, threshold, results."""
    from yalu.screening.codec import encode_record

    return encode_record(record)


def records_table(records: Sequence[ScreeningRecord]) -> Table:
    """Return the `audit list` table: one row per screening, with its best candidate."""
    table = Table(
        "id",
        "screened at (UTC)",
        "by",
        "query name",
        "lists searched",
        "top candidate",
        "top score",
        "match",
    )
    for record in records:
        cells = (
            str(record.id),
            record.screened_at_text,
            record.actor or "unknown",
            record.query.name,
            "\n".join(record.lists_short),
            record.top_candidate or "no candidates",
            record.top_score,
            "yes" if record.has_match else "",
        )
        table.add_row(*(Text(cell) for cell in cells))  # Text: stored names are not markup
    return table


def record_summary(record: ScreeningRecord) -> list[tuple[str, str]]:
    """Return the `audit show` header as (label, value) lines: query, facts, lists, settings."""
    facts = [f"{key} {value}" for key, value in record.facts]
    lists = "; ".join(f"{item.source} {item.version}".strip() for item in record.list_versions)
    return [
        ("screening", str(record.id)),
        ("screened at", f"{record.screened_at_text} UTC"),
        ("screened by", record.actor_text),
        ("query", record.query.name),
        ("facts", ", ".join(facts) or "none"),
        ("lists", lists or "none"),
        ("threshold", f"{record.threshold:.2f}"),
        ("limit", str(record.limit)),
        ("verdict", record.verdict),
        ("code", record.code_digest[:12] or "not recorded"),
    ]


def candidates_table(results: Sequence[Match]) -> Table:
    """Return the candidates of one screening, best first, as `yalu screen` shows them."""
    table = Table(show_lines=True)
    add_match_columns(table)
    for rank, match in enumerate(results, start=1):
        cells = match_cells(rank, match)
        table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))  # not markup
    return table
