"""`yalu audit verify` and `yalu audit replay ID`: prove the trail, reproduce a screening."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated

import typer

from yalu.core.config import load_settings
from yalu.core.errors import InputError
from yalu.interfaces.cli.console import check_format, progress_bar
from yalu.interfaces.cli.render_screening import print_table

if TYPE_CHECKING:
    from yalu.screening.chain import ChainLink
    from yalu.screening.replay import Replay
    from yalu.screening.verify import TrailReport

FORMATS = ("table", "json")


def verify(
    ctx: typer.Context,
    published_head: Annotated[
        str | None,
        typer.Option(
            metavar="SHA256",
            help="A head printed by an earlier verify and kept elsewhere: fail unless it is "
            "still in the chain.",
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Recompute the audit trail's hash chain; exit 1 naming the first row that differs.

    A row changed, removed or inserted since it was written breaks the chain there. Prints
    the number of rows checked and the chain head: keep the head elsewhere (a ticket, an
    e-mail, another system) and pass it later as --published-head to detect a rewrite.
    """
    from yalu.screening.store import open_store
    from yalu.screening.verify import report_object, verify_trail

    check_format(format, FORMATS)
    if published_head is not None:
        published_head = published_head.strip().lower()
        if not re.fullmatch("[0-9a-f]{64}", published_head):
            raise InputError(
                f"--published-head {published_head[:80]!r} is not a chain head (64 hex digits)",
                hint="Pass the head an earlier `yalu audit verify` printed after `link N`",
            )
    settings = load_settings()
    with open_store(settings.database_url) as store:
        with progress_bar(ctx, "Verifying the audit trail") as done:
            report = verify_trail(store, on_progress=done)
        is_published_found = published_head is None or (
            store.chain_link_by_hash(published_head) is not None
        )
    if format == "json":
        found = {"sha256": published_head, "found": is_published_found}
        data = {**report_object(report), "published_head": found if published_head else None}
        typer.echo(json.dumps(data))
    else:
        _print_report(report)
    if not report.is_intact:
        typer.echo(
            f"error: the audit trail does not verify: {report.problems[0].message}", err=True
        )
        raise typer.Exit(1)
    if not is_published_found:
        typer.echo(
            f"error: the published head {published_head} is not in the chain: the trail was "
            "rewritten or truncated since it was published",
            err=True,
        )
        raise typer.Exit(1)


def _head_text(head: ChainLink | None) -> str:
    return "none (the chain is empty)" if head is None else f"link {head.seq} {head.link_sha256}"


def _print_report(report: TrailReport) -> None:
    tables = ", ".join(f"{table} {count:,}" for table, count in report.tables) or "none"
    retired = f"; {report.retired:,} retired on purpose and gone" if report.retired else ""
    if report.is_intact:
        typer.echo(f"intact: {report.rows_checked:,} rows checked ({tables}){retired}")
    else:
        plural = "s" if len(report.problems) != 1 else ""
        typer.echo(
            f"BROKEN: {len(report.problems)} problem{plural} in {report.rows_checked:,} rows "
            f"checked ({tables})"
        )
        for problem in report.problems:
            typer.echo(f"  {problem.message}")
    typer.echo(f"head: {_head_text(report.head)}")


def replay(
    ctx: typer.Context,
    record_id: Annotated[int, typer.Argument(metavar="ID", help="The id `audit list` shows.")],
    against: Annotated[
        str,
        typer.Option(help="recorded: the list versions it used; current: the active lists."),
    ] = "recorded",
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Screen a recorded query again: identical, or what differs and why (exit 1).

    --against recorded (the default) uses the list versions the screening searched, kept in
    the store; --against current shows what today's lists say.
    """
    from yalu.screening.replay import replay_object, replay_screening
    from yalu.screening.store import open_store

    check_format(format, FORMATS)
    if against not in ("recorded", "current"):
        raise InputError(f"unknown --against '{against}'", hint="Use recorded or current")
    settings = load_settings()
    with open_store(settings.database_url) as store, progress_bar(ctx, "Indexing") as done:
        result = replay_screening(
            store,
            record_id,
            against="current" if against == "current" else "recorded",
            on_progress=done,
        )
    if format == "json":
        typer.echo(json.dumps(replay_object(result), ensure_ascii=False, indent=1))
    else:
        _print_replay(result)
    if not result.is_identical:
        raise typer.Exit(1)


def _candidates(count: int) -> str:
    return f"{count} candidate{'' if count == 1 else 's'}"


def _print_replay(result: Replay) -> None:
    from yalu.interfaces.cli.audit import candidates_table

    record = result.record
    lists = ", ".join(f"{item.short} (version {item.id})" for item in result.lists)
    typer.echo(f"screening {record.id}: '{record.query.name}' by {record.actor_text}")
    typer.echo(f"replayed against the {result.against} lists: {lists}")
    if result.is_identical:
        count = len(result.results)
        typer.echo(f"identical: {_candidates(count)} with the recorded scores and verdicts")
    else:
        count = len(result.changes)
        typer.echo(f"DIFFERENT: {_candidates(count)} {'differs' if count == 1 else 'differ'}")
        for change in result.changes:
            typer.echo(f"  {change.kind:<8} {change.description}")
    for reason in result.reasons:
        typer.echo(f"why: {reason}")
    if not result.is_identical and result.results:
        print_table(candidates_table(result.results, threshold=result.record.threshold))
