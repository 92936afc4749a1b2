"""`yalu lists diff SOURCE`: what changed between two versions of a list, by meaning."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from yalu.core.config import load_settings
from yalu.interfaces.cli.console import check_format
from yalu.interfaces.cli.render_screening import print_table

if TYPE_CHECKING:  # the engine is imported by the command, not at `yalu --help`
    from yalu.screening.diff import ListDiff

DIFF_FORMATS = ("table", "json")
_SHOWN_VALUES = 3
"""Values of a changed field the table shows before `(+N more)`."""


def diff(
    source: Annotated[str, typer.Argument(help="The list: un_sc, ofac_sdn, ofac_cons, ...")],
    from_version: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="VERSION",
            help="Older version (as `lists status --all` shows it, or its date); default: "
            "the version loaded before --to.",
        ),
    ] = None,
    to_version: Annotated[
        str | None,
        typer.Option("--to", metavar="VERSION", help="Newer version; default: the active one."),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Show the entries added, removed and changed between two versions of a list.

    Entries are compared by what they say (names, aliases, dates, identifiers, programmes,
    addresses, remarks), not by their raw text: whitespace, element order and version
    counters are no change.
    """
    from yalu.screening.diff import diff_list
    from yalu.screening.store import open_store

    check_format(format, DIFF_FORMATS)
    settings = load_settings()
    with open_store(settings.database_url) as store:
        found = diff_list(store, source, from_text=from_version, to_text=to_version)
    if format == "json":
        typer.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=1))
        return
    typer.echo(diff_title(found))
    if found.is_empty:
        typer.echo("No entry was added, removed or changed.")
        return
    print_table(diff_table(found))


def diff_title(found: ListDiff) -> str:
    """Return the line above the table: versions compared and the three counts."""
    older = found.from_version.version if found.from_version is not None else "nothing"
    return (
        f"{found.source}: {older} -> {found.to_version.version}: {len(found.added)} added, "
        f"{len(found.removed)} removed, {len(found.changed)} changed"
    )


def diff_table(found: ListDiff) -> Table:
    """Return one row per entry added, removed or changed, with what changed."""
    table = Table("change", "id", "name", "what changed")
    for entry in found.added:
        table.add_row("added", Text(entry.entity_id), Text(entry.name), "")
    for entry in found.removed:
        table.add_row("removed", Text(entry.entity_id), Text(entry.name), "")
    for change in found.changed:
        lines = [
            f"{item.field}: {_values('+', item.added)}{_values('-', item.removed)}".rstrip()
            for item in change.changes
        ]
        table.add_row("changed", Text(change.entity_id), Text(change.name), Text("\n".join(lines)))
    return table


def _values(sign: str, values: tuple[str, ...]) -> str:
    if not values:
        return ""
    shown = [f"{sign}{_short(value)}" for value in values[:_SHOWN_VALUES]]
    more = len(values) - _SHOWN_VALUES
    return " ".join(shown) + (f" (+{more} more)" if more > 0 else "") + " "


def _short(value: str, most: int = 60) -> str:
    return value if len(value) <= most else value[: most - 1] + "…"
