"""Attach every command group to the root app (one line per group)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command groups and single commands to `app`."""
    from yalu.interfaces.cli import config_cmd

    app.add_typer(config_cmd.app, name="config")
