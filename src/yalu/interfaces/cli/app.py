"""The `yalu` command: global options, error mapping and the command groups."""

from __future__ import annotations

import gc
import io
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from yalu import __version__
from yalu.core.errors import (
    InputError,
    MissingExtraError,
    NetworkError,
    NotFoundError,
    StoreError,
    YaluError,
    code_for,
)
from yalu.core.logs import configure_logging
from yalu.screening.compiled import matcher_build

EXIT_CODES: dict[type[YaluError], int] = {
    InputError: 2,
    NotFoundError: 1,
    NetworkError: 1,
    StoreError: 1,
    MissingExtraError: 1,
    YaluError: 1,
}


def exit_code_for(error: YaluError) -> int:
    """Return the exit code of the closest mapped class of `error`."""
    return code_for(error, EXIT_CODES, 1)


class _YaluGroup(TyperGroup):
    """Root group: turns a YaluError anywhere below into `error: ...` and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except YaluError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            typer.echo(f"error: {error}", err=True)
            ctx.exit(exit_code_for(error))


app = typer.Typer(
    name="yalu",
    cls=_YaluGroup,
    help="Screen names and goods against DPRK sanctions; simulate displacement from the DPRK.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"yalu {__version__}, matcher {matcher_build()}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logs.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only; no bars.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks for yalu errors too.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Screen names and goods against DPRK sanctions; simulate displacement from the DPRK."""
    use_utf8_output()
    ctx.obj = {"debug": debug, "quiet": quiet or not sys.stderr.isatty(), "silent": quiet}
    configure_logging(-1 if quiet else verbose)


def use_utf8_output() -> None:
    r"""Write stdout and stderr as UTF-8, escaping what UTF-8 cannot hold (lone surrogates).

    Whatever the locale, a result can always be printed: a lone surrogate (a byte of the
    command line that was not UTF-8) is written as `\udcff` instead of raising
    UnicodeEncodeError half-way through the output.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _register() -> None:
    # Imported here so `yalu --help` stays fast and each group owns its module.
    from yalu.interfaces.cli import commands

    commands.register(app)


_register()


def run() -> None:
    """Console-script entry point.

    Whatever the command leaves for the interpreter to free at exit (a built index is a
    million objects) is frozen first: the interpreter's last collection would otherwise
    walk it all, half a second after a batch has written its last row (issue 17).
    """
    try:
        app()
    finally:
        gc.freeze()
