"""`yalu review SUBJECT_ID ENTITY_ID`: record a reviewed decision on one candidate."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from yalu.core.clock import utc_timestamp
from yalu.core.config import load_settings

VERDICT_HELP = "false_positive (not that entry) or true_match (that entry)."


def review(
    subject_id: Annotated[
        str, typer.Argument(metavar="SUBJECT_ID", help="The subject's id (its `id` column).")
    ],
    entity_id: Annotated[
        str, typer.Argument(metavar="ENTITY_ID", help="The list entry's id, e.g. KPi.033.")
    ],
    verdict: Annotated[str, typer.Option(help=VERDICT_HELP)],
    reason: Annotated[str, typer.Option(help="Why, in your words (kept in the trail).")],
    list_name: Annotated[
        str | None,
        typer.Option("--list", metavar="SOURCE", help="The list, when the id is on several."),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Record a decision on a candidate of a monitored subject or a screened row.

    From then on, screening the same subject (same id and name) shows the candidate with the
    decision; a false positive is no match and raises no alert until the list entry
    changes. The subject's open alerts on that entry are acknowledged.
    """
    from yalu.core.actor import cli_actor
    from yalu.interfaces.cli.console import check_format
    from yalu.screening.decisions import check_verdict, record_decision
    from yalu.screening.store import open_store

    check_format(format, ("text", "json"))
    check_verdict(verdict)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        record = record_decision(
            store,
            subject_id=subject_id,
            entity_id=entity_id,
            verdict=verdict,
            reason=reason,
            by=cli_actor(),
            at=utc_timestamp(),
            list_name=list_name,
        )
    if format == "json":
        typer.echo(json.dumps(record.to_json(), ensure_ascii=False, indent=1))
        return
    typer.echo(
        f"Decision {record.id}: {record.subject_id} ({record.subject_name}) vs "
        f"{record.list} {record.entity_id} is {record.verdict}, by {record.by} at {record.at}."
    )
    if record.acknowledged:
        typer.echo(f"Acknowledged {record.acknowledged} open alert(s).")
