"""`yalu config show`: effective settings and where each came from."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from yalu.core.config import Settings, describe_sources, load_settings

app = typer.Typer(help="Show yalu's settings.", no_args_is_help=True)


@app.command("show")
def show() -> None:
    """Print effective settings, their sources and descriptions."""
    settings = load_settings()
    sources = describe_sources(settings)
    table = Table("setting", "value", "source", "description")
    for name, info in Settings.model_fields.items():
        table.add_row(name, str(getattr(settings, name)), sources[name], info.description or "")
    Console().print(table)
