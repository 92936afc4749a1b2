"""Shared terminal plumbing for CLI commands: stderr console and progress bars."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from yalu.core.errors import InputError
from yalu.core.progress import ProgressCallback

stderr_console = Console(stderr=True)


def is_quiet(ctx: typer.Context) -> bool:
    """Return True when bars and chatter must stay off (--quiet or not a terminal)."""
    root = ctx.find_root()
    return bool(root.obj and root.obj.get("quiet"))


@contextmanager
def progress_bar(
    ctx: typer.Context, description: str, total: int | None = None
) -> Iterator[ProgressCallback]:
    """Show one transient bar on stderr; yield the callback engines report to."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr_console,
        transient=True,
        disable=is_quiet(ctx),
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda done: progress.update(task, completed=done)


def warn(ctx: typer.Context, message: str) -> None:
    """Print `warning: message` on stderr, unless the user asked for --quiet."""
    root = ctx.find_root()
    if not (root.obj and root.obj.get("silent")):
        stderr_console.print(f"warning: {message}", markup=False, highlight=False, soft_wrap=True)


def check_format(format: str, allowed: Sequence[str]) -> None:
    """Refuse an output format a command does not write, in one line naming the choices.

    Raises:
        InputError: `format` is not one of `allowed`.
    """
    if format not in allowed:
        raise InputError(f"unknown format '{format}'", hint="Use one of " + ", ".join(allowed))
