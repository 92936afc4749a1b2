"""`yalu monitor add|remove|list|alerts|run|deliver|decisions`: watch subjects for list changes.

`after_lists_change` is the one call `yalu lists load|update` makes once new list versions
are active: it re-screens the monitored subjects against what changed and starts the webhook
delivery of the alerts raised.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from yalu.core.clock import utc_timestamp
from yalu.core.config import Settings, load_settings
from yalu.core.errors import YaluError
from yalu.interfaces.cli.console import check_format, progress_bar, warn
from yalu.interfaces.cli.render_screening import print_table

if TYPE_CHECKING:  # the engine is imported by the commands, not at `yalu --help`
    from yalu.screening.alerts import Alert
    from yalu.screening.decisions import DecisionRecord
    from yalu.screening.monitor import MonitorRun
    from yalu.screening.store import Store
    from yalu.screening.subjects import Subject

app = typer.Typer(
    help="Monitor subjects: re-screened on every list update, with alerts on what changed.",
    no_args_is_help=True,
)

ALERT_FORMATS = ("table", "json", "jsonl")
LIST_FORMATS = ("table", "json", "jsonl")


@app.command("add")
def add(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv",
            help="Subjects, with the columns of `yalu screen --input`; `id` is required.",
        ),
    ],
    threshold: Annotated[
        float | None, typer.Option(help="Match score in 0..1 (default: match_threshold).")
    ] = None,
) -> None:
    """Add subjects (or replace those with the same id) and record their current matches.

    Each subject is screened once against the lists in use; its matches are recorded and
    raise no alert. From then on every list load or update re-screens it against what
    changed.
    """
    from yalu.core.actor import cli_actor
    from yalu.screening.monitor import add_subjects
    from yalu.screening.store import open_store
    from yalu.screening.subjects import read_subjects_file

    settings = load_settings(match_threshold=threshold)
    queries = read_subjects_file(path)
    description = f"Screening {len(queries):,} subjects"
    with (
        open_store(settings.database_url) as store,
        progress_bar(ctx, description, len(queries)) as done,
    ):
        report = add_subjects(
            store,
            queries,
            threshold=settings.match_threshold,
            at=utc_timestamp(),
            by=cli_actor(),
            on_progress=done,
        )
    typer.echo(
        f"Monitoring {report.added:,} new subjects ({report.replaced:,} replaced) from {path}."
    )
    if report.screened:
        typer.echo(
            f"{report.matching:,} of them match a list entry now: recorded, no alert raised."
        )
    else:
        typer.echo("No list is loaded yet: the first `yalu lists load` raises their matches.")


@app.command("remove")
def remove(
    subject_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Subject ids.")],
) -> None:
    """Stop monitoring subjects; their alerts and decisions stay in the trail."""
    from yalu.screening.store import open_store
    from yalu.screening.subjects import remove_subjects

    settings = load_settings()
    with open_store(settings.database_url) as store:
        removed = remove_subjects(store, subject_ids)
    typer.echo(f"Stopped monitoring {removed:,} subjects.")


@app.command("list")
def list_subjects(
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="Most subjects shown (by id).")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
) -> None:
    """List the monitored subjects by id, with the list entries each matches now."""
    from yalu.screening.store import open_store
    from yalu.screening.subjects import count_subjects, read_matches, read_subjects

    check_format(format, LIST_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        subjects = read_subjects(store, limit=limit)
        total = count_subjects(store)
        matched: dict[str, list[str]] = {}
        for match in read_matches(store):
            matched.setdefault(match.subject_id, []).append(f"{match.list}:{match.entity_id}")
    objects = [subject_object(subject, matched.get(subject.id, [])) for subject in subjects]
    if format == "json":
        typer.echo(json.dumps(objects, ensure_ascii=False, indent=1))
    elif format == "jsonl":
        for item in objects:
            typer.echo(json.dumps(item, ensure_ascii=False))
    elif not subjects:
        typer.echo("No subject is monitored. Add some with `yalu monitor add FILE.csv`.", err=True)
    else:
        print_table(subjects_table(objects, total))


def subject_object(subject: Subject, matches: Sequence[str]) -> dict[str, Any]:
    """Return one subject as JSON: id, name, facts, its current matches, and when added."""
    from yalu.screening.codec import encode_query

    facts = {k: v for k, v in encode_query(subject.query).items() if k not in ("id", "name")}
    return {
        "subject_id": subject.id,
        "name": subject.name,
        "facts": facts,
        "matches": list(matches),
        "added_at": subject.added_at,
        "added_by": subject.added_by,
    }


def subjects_table(objects: Sequence[dict[str, Any]], total: int) -> Table:
    """Return the `monitor list` table."""
    table = Table("id", "name", "facts", "matches now", "added (UTC)", "by")
    if total > len(objects):
        table.title = f"{len(objects):,} of {total:,} subjects"
    for item in objects:
        facts = ", ".join(f"{key} {value}" for key, value in item["facts"].items())
        table.add_row(
            Text(item["subject_id"]),
            Text(item["name"]),
            Text(facts),
            Text("\n".join(item["matches"])),
            item["added_at"].replace("T", " ").removesuffix("+00:00"),
            Text(item["added_by"]),
        )
    return table


@app.command("alerts")
def alerts(
    open_only: Annotated[
        bool, typer.Option("--open", help="Only alerts no decision has acknowledged yet.")
    ] = False,
    subject: Annotated[
        str | None, typer.Option("--subject", metavar="ID", help="Only this subject's alerts.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
) -> None:
    """List alerts in the order raised: new_match, changed_match and delisted.

    Acknowledge one with a decision: `yalu review SUBJECT_ID ENTITY_ID --verdict ...`.
    """
    from yalu.screening.alerts import read_alerts
    from yalu.screening.store import open_store

    check_format(format, ALERT_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        found = read_alerts(store, open_only=open_only, subject_id=subject)
    if format == "json":
        typer.echo(json.dumps([a.to_json() for a in found], ensure_ascii=False, indent=1))
    elif format == "jsonl":
        for alert in found:
            typer.echo(json.dumps(alert.to_json(), ensure_ascii=False))
    elif not found:
        typer.echo("No open alerts." if open_only else "No alerts.", err=True)
    else:
        print_table(alerts_table(found))


def alerts_table(found: Sequence[Alert]) -> Table:
    """Return the `monitor alerts` table, one row per alert."""
    table = Table("alert", "subject", "kind", "list", "entry", "score", "version", "status")
    for alert in found:
        entry = f"{alert.entity_id} {alert.entity_name}"
        if alert.fields:
            entry += f"\n(changed: {', '.join(alert.fields)})"
        status: str = alert.status
        if alert.decision_id is not None:
            status += f" (decision {alert.decision_id})"
        table.add_row(
            str(alert.alert_id),
            Text(f"{alert.subject_id}: {alert.subject_name}"),
            Text(alert.kind, style="bold red" if alert.kind != "delisted" else "bold"),
            alert.list,
            Text(entry),
            f"{alert.score:.2f}",
            Text(alert.list_version),
            status,
        )
    return table


@app.command("run")
def run(ctx: typer.Context) -> None:
    """Re-screen the subjects against every list version not yet monitored, now.

    `yalu lists load` and `yalu lists update` do this themselves; run it after a list was
    made active another way, or after a re-screening failed.
    """
    from yalu.screening.store import open_store

    settings = load_settings()
    with open_store(settings.database_url) as store:
        report = _rescreen(ctx, store, settings)
    typer.echo(report.summary)


@app.command("deliver")
def deliver() -> None:
    """Post the alerts waiting for the webhook (alert_webhook_url), oldest first.

    Each alert is retried with backoff; one still refused stops the run, and it and the
    alerts after it stay pending for the next one (exit 1).
    """
    from yalu.screening.store import open_store
    from yalu.screening.webhook import deliver_alerts

    settings = load_settings()
    if not settings.alert_webhook_url:
        typer.echo("No webhook is set (alert_webhook_url): nothing to deliver.", err=True)
        return
    with open_store(settings.database_url) as store:
        report = deliver_alerts(
            store,
            settings.alert_webhook_url,
            attempts=settings.alert_webhook_attempts,
            backoff_s=settings.alert_webhook_backoff_s,
            timeout_s=settings.alert_webhook_timeout_s,
            secret=settings.alert_webhook_secret,
        )
    typer.echo(f"Delivered {report.delivered:,} alerts to the webhook.")
    if report.pending:
        from yalu.core.errors import NetworkError

        raise NetworkError(
            f"{report.error}; {report.pending:,} alerts stay pending",
            hint="`yalu monitor deliver` retries them",
        )


@app.command("decisions")
def decisions(
    subject: Annotated[
        str | None, typer.Option("--subject", metavar="ID", help="Only this subject's.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most decisions shown.")] = 1000,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or jsonl.")] = "table",
) -> None:
    """List reviewed decisions in the order recorded: who decided what, when and why."""
    from yalu.screening.decisions import read_decisions
    from yalu.screening.store import open_store

    check_format(format, LIST_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        found = read_decisions(store, subject_id=subject, limit=limit)
    if format == "json":
        typer.echo(json.dumps([d.to_json() for d in found], ensure_ascii=False, indent=1))
    elif format == "jsonl":
        for record in found:
            typer.echo(json.dumps(record.to_json(), ensure_ascii=False))
    elif not found:
        typer.echo("No decision has been recorded.", err=True)
    else:
        print_table(decisions_table(found))


def decisions_table(found: Sequence[DecisionRecord]) -> Table:
    """Return the `monitor decisions` table."""
    table = Table("decision", "subject", "list", "entry", "verdict", "reason", "by", "at (UTC)")
    for record in found:
        table.add_row(
            str(record.id),
            Text(f"{record.subject_id}: {record.subject_name}"),
            record.list,
            Text(f"{record.entity_id} {record.entity_name}".strip()),
            record.verdict,
            Text(record.reason),
            Text(record.by),
            record.at.replace("T", " ").removesuffix("+00:00"),
        )
    return table


def _rescreen(ctx: typer.Context, store: Store, settings: Settings) -> MonitorRun:
    """Re-screen the subjects against what changed, and start the webhook delivery."""
    from yalu.screening.monitor import rescreen
    from yalu.screening.subjects import count_subjects

    total = count_subjects(store)
    with progress_bar(ctx, "Re-screening monitored subjects", total) as done:
        report = rescreen(
            store,
            threshold=settings.match_threshold,
            created=utc_timestamp(),
            notify=bool(settings.alert_webhook_url),
            on_progress=done,
        )
    if report.alerts and settings.alert_webhook_url:
        start_delivery()
    return report


def after_lists_change(ctx: typer.Context, store: Store) -> None:
    """Re-screen the monitored subjects after `lists load|update`; warn if that fails.

    The lists are loaded whatever happens here: a failed re-screening is redone by the next
    load, update or `yalu monitor run`.
    """
    try:
        settings = load_settings()
        report = _rescreen(ctx, store, settings)
    except YaluError as error:
        warn(ctx, f"monitored subjects not re-screened: {error} Run `yalu monitor run`.")
        return
    if report.lists and report.subjects:
        typer.echo(report.summary)


def start_delivery() -> None:
    """Start `yalu monitor deliver` in the background, so the webhook never holds up a load."""
    subprocess.Popen(
        [sys.executable, "-m", "yalu", "--quiet", "monitor", "deliver"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=dict(os.environ),
    )
