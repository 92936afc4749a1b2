"""`yalu audit list|show|verify|replay`: read back, verify and replay the audit trail."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.table import Table
from rich.text import Text

from yalu.core.config import load_settings
from yalu.formats.safe_csv import safe_csv_writer
from yalu.interfaces.cli.audit_checks import replay, verify
from yalu.interfaces.cli.console import check_format
from yalu.interfaces.cli.output import OUTPUT_FORMATS, FormatOption, OutputOption, write_output
from yalu.interfaces.cli.render_screening import add_match_columns, match_cells, print_table
from yalu.models.scores import format_score, format_threshold, shown_decimals

if TYPE_CHECKING:  # the engine is imported by the commands, not at `yalu --help`
    from yalu.models.audit import ScreeningRecord
    from yalu.models.screening import Match

app = typer.Typer(help="Review the screening audit trail.", no_args_is_help=True)

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
    format: FormatOption = "table",
    output: OutputOption = "-",
) -> None:
    """List the latest screenings, newest first: who, query, lists searched, top candidate."""
    from yalu.screening.audit import read_screenings
    from yalu.screening.store import open_store

    check_format(format, OUTPUT_FORMATS)
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
    write_output(
        format,
        output,
        table=lambda out: print_table(records_table(records), file=out) if records else None,
        csv=lambda out: write_records_csv(records, out),
        json=lambda out: out.write(
            json.dumps([record_object(r) for r in records], ensure_ascii=False, indent=1) + "\n"
        ),
        jsonl=lambda out: out.writelines(
            json.dumps(record_object(r), ensure_ascii=False) + "\n" for r in records
        ),
    )


@app.command("show")
def show(
    record_id: Annotated[int, typer.Argument(metavar="ID", help="The id `audit list` shows.")],
    format: FormatOption = "table",
    output: OutputOption = "-",
) -> None:
    """Show one screening: the query and its facts, lists, threshold and every candidate."""
    from yalu.screening.audit import get_screening
    from yalu.screening.store import open_store

    check_format(format, OUTPUT_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        record = get_screening(store, record_id)
    write_output(
        format,
        output,
        table=lambda out: print_record(record, out),
        csv=lambda out: write_candidates_csv(record, out),
        json=lambda out: out.write(
            json.dumps(record_object(record), ensure_ascii=False, indent=1) + "\n"
        ),
        jsonl=lambda out: out.write(json.dumps(record_object(record), ensure_ascii=False) + "\n"),
    )


def print_record(record: ScreeningRecord, out: TextIO) -> None:
    """Print the `audit show` header lines, then the candidates table."""
    for label, value in record_summary(record):
        out.write(f"{label:<12}{value}\n")
    if record.results:
        print_table(candidates_table(record.results, threshold=record.threshold), file=out)
    else:
        out.write("No candidates.\n")


RECORD_CSV_COLUMNS = (
    "id",
    "screened_at",
    "actor",
    "query_name",
    "lists",
    "top_candidate",
    "top_score",
    "match",
)
CANDIDATE_CSV_COLUMNS = (
    "screening",
    "rank",
    "entity_id",
    "list",
    "list_version",
    "schema",
    "matched_name",
    "list_name",
    "score",
    "match",
    "explanation",
)


def write_records_csv(records: Sequence[ScreeningRecord], out: TextIO) -> None:
    """Write `audit list` as CSV: one row per screening, with its best candidate."""
    writer = safe_csv_writer(out)
    writer.writerow(RECORD_CSV_COLUMNS)
    for record in records:
        top = record.results[0] if record.results else None
        writer.writerow(
            [
                record.id,
                record.screened_at,
                record.actor,
                record.query.name,
                "; ".join(record.lists_short),
                record.top_candidate,
                format_score(top.score, 4) if top else "",
                "yes" if record.has_match else "no",
            ]
        )


def write_candidates_csv(record: ScreeningRecord, out: TextIO) -> None:
    """Write `audit show` as CSV: one row per candidate of the screening, best first."""
    writer = safe_csv_writer(out)
    writer.writerow(CANDIDATE_CSV_COLUMNS)
    for rank, match in enumerate(record.results, start=1):
        writer.writerow(
            [
                record.id,
                rank,
                match.entity_id,
                match.list,
                match.list_version,
                match.schema,
                match.name,
                match.caption or match.name,
                format_score(match.score, 4),
                "yes" if match.is_match else "no",
                match.explanation,
            ]
        )


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
        ("threshold", format_threshold(record.threshold)),
        ("limit", str(record.limit)),
        ("verdict", record.verdict),
        ("code", record.code_digest[:12] or "not recorded"),
    ]


def candidates_table(results: Sequence[Match], *, threshold: float) -> Table:
    """Return the candidates of one screening, best first, as `yalu screen` shows them."""
    table = Table(show_lines=True)
    add_match_columns(table)
    decimals = shown_decimals(threshold)
    for rank, match in enumerate(results, start=1):
        cells = match_cells(rank, match, decimals=decimals)
        table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))  # not markup
    return table
