"""`yalu keys create|list|revoke`: the API keys `yalu serve` accepts, and their roles."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from yalu.core.actor import cli_actor
from yalu.core.config import load_settings
from yalu.interfaces.cli.console import check_format
from yalu.interfaces.cli.render_screening import print_table
from yalu.models.access import ROLE_SUMMARIES

app = typer.Typer(
    help="Create, list and revoke the API keys of `yalu serve`.", no_args_is_help=True
)

ROLE_HELP = "; ".join(f"{role}: {summary}" for role, summary in ROLE_SUMMARIES.items())


@app.command("create")
def create(
    name: Annotated[
        str, typer.Argument(help="Who uses the key; recorded with everything done with it.")
    ],
    role: Annotated[str, typer.Option(help=ROLE_HELP + ".")],
) -> None:
    """Create a key and print it once, alone on the last line: only its hash is stored."""
    from yalu.screening.keys import create_key
    from yalu.screening.store import open_store

    settings = load_settings()
    with open_store(settings.database_url) as store:
        made = create_key(store, name, role, actor=cli_actor())
    typer.echo(f"Created key '{made.key.name}' ({made.key.role}), id {made.key.key_id}.")
    typer.echo("It is shown this once: keep it in a password manager or a secret store.")
    typer.echo(made.token)


@app.command("list")
def list_keys(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List every key: name, role, id, when and by whom it was created or revoked."""
    from yalu.screening.keys import list_keys
    from yalu.screening.store import open_store

    check_format(format, ("table", "json"))
    settings = load_settings()
    with open_store(settings.database_url) as store:
        keys = list_keys(store)
    if format == "json":
        rows = [
            {
                "name": key.name,
                "role": key.role,
                "key_id": key.key_id,
                "created_at": key.created_at,
                "created_by": key.created_by,
                "revoked_at": key.revoked_at or None,
                "revoked_by": key.revoked_by or None,
            }
            for key in keys
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not keys:
        typer.echo("No keys yet. Create one with `yalu keys create NAME --role ROLE`.", err=True)
        return
    table = Table("name", "role", "id", "created (UTC)", "by", "status")
    for key in keys:
        status = (
            "active" if key.is_active else f"revoked {_time(key.revoked_at)} by {key.revoked_by}"
        )
        cells = (key.name, key.role, key.key_id, _time(key.created_at), key.created_by, status)
        table.add_row(*(Text(cell) for cell in cells))
    print_table(table)


@app.command("revoke")
def revoke(
    name: Annotated[str, typer.Argument(help="The key's name, as `yalu keys list` shows it.")],
) -> None:
    """Revoke a key: the server refuses it from the next request on, without a restart."""
    from yalu.screening.keys import revoke_key
    from yalu.screening.store import open_store

    settings = load_settings()
    with open_store(settings.database_url) as store:
        key = revoke_key(store, name, actor=cli_actor())
    typer.echo(f"Revoked key '{key.name}' ({key.role}), id {key.key_id}.")


def _time(iso: str) -> str:
    return iso.replace("T", " ").removesuffix("+00:00")
