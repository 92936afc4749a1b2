"""`--list-file PATH`: screen against list files instead of the store's active lists.

`yalu screen`, `yalu goods check` and `yalu supply check` share this option. It was spelled
`--source` until 0.1; `--source` now only names a list (`yalu lists update --source un_sc`),
so the old spelling still works here, hidden from the help, with a warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yalu.core.config import Settings
from yalu.interfaces.cli.console import warn

ListFileOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--list-file",
        metavar="PATH",
        help="Screen against this list file (or OFAC folder) instead of the store's lists; "
        "repeatable. Nothing is written to the audit trail.",
    ),
]

OldSourceOption = Annotated[
    list[Path] | None,
    typer.Option("--source", metavar="PATH", hidden=True, help="Old spelling of --list-file."),
]


def list_files(
    ctx: typer.Context, list_file: list[Path] | None, old_source: list[Path] | None
) -> list[Path]:
    """Return the list files given with `--list-file` or the old `--source` (with a warning)."""
    if old_source:
        warn(ctx, "--source PATH is now --list-file PATH (--source names a list in lists update)")
    return [*(list_file or []), *(old_source or [])]


def index_cache_dir(settings: Settings) -> Path | None:
    """Return where the index built from list files is cached (None: `index_cache_dir` empty)."""
    return Path(settings.index_cache_dir) if settings.index_cache_dir else None
