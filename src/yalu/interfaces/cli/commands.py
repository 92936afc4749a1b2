"""Attach every command group to the root app (one line per group)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command groups and single commands to `app`."""
    from yalu.interfaces.cli import config_cmd
    from yalu.interfaces.cli.dask_option import DaskCommand

    app.add_typer(config_cmd.app, name="config")
    from yalu.interfaces.cli import lists, screen  # screening: `yalu lists ...`, `yalu screen`

    app.add_typer(lists.app, name="lists")
    app.command("screen", cls=DaskCommand)(screen.screen)
    from yalu.interfaces.cli import audit  # screening: `yalu audit list|show`

    app.add_typer(audit.app, name="audit")
    from yalu.interfaces.cli import simulate  # displacement: `yalu simulate run|validate`

    app.add_typer(simulate.app, name="simulate")
    from yalu.interfaces.cli import scenarios  # DPRK: `simulate scenarios`, `simulate run NAME`

    scenarios.register(simulate.app)
    from yalu.interfaces.cli import goods  # goods: `yalu goods check`, `yalu supply check`

    goods.register(app)
    from yalu.interfaces.cli import serve  # `yalu serve`: the HTTP API and the web page

    app.command("serve")(serve.serve)
    from yalu.interfaces.cli import lists_diff, monitor, review  # monitoring (issue 14)

    lists.app.command("diff")(lists_diff.diff)
    app.add_typer(monitor.app, name="monitor")
    app.command("review")(review.review)
    from yalu.interfaces.cli import keys  # `yalu keys create|list|revoke`: API keys and roles

    app.add_typer(keys.app, name="keys")
