"""The `--format` and `--output` options of every command that writes results, in one place.

`yalu screen`, `yalu goods check`, `yalu supply check` and `yalu audit list|show` declare
the same two options (`FormatOption`, `OutputOption`) and write through `write_output`, so
`-f/--format table|csv|json|jsonl` and `-o/--output FILE` mean the same everywhere, and an
unwritable output path is one line (`error: /nonexistent/x.csv: cannot write the output
(No such file or directory). ...`, exit 2) in every command. CSV cells are neutralised
against spreadsheet formulas by the writers (`yalu.formats.safe_csv`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from yalu.core.errors import InputError
from yalu.interfaces.cli.console import check_format

OUTPUT_FORMATS: tuple[str, ...] = ("table", "csv", "json", "jsonl")
"""What `--format` takes in every command that writes results."""

Write = Callable[[TextIO], object]
"""Writes one format of a command's results to an open text stream."""


def format_option(formats: Sequence[str] = OUTPUT_FORMATS) -> Any:
    """Return the `-f/--format` option declaration for a command writing `formats`."""
    choices = ", ".join(formats[:-1]) + f" or {formats[-1]}" if len(formats) > 1 else formats[0]
    return typer.Option("--format", "-f", metavar="FORMAT", help=f"{choices}.")


FormatOption = Annotated[str, format_option()]
"""`-f/--format table|csv|json|jsonl`, default table (a Rich table on a terminal)."""

TextOrJsonOption = Annotated[str, format_option(("table", "json"))]
"""`-f/--format table|json` for commands that print a short report (`simulate validate`)."""

OutputOption = Annotated[
    str,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write the results to FILE ('-' is stdout)."
    ),
]
"""`-o/--output FILE`, default `-` (stdout)."""


@contextmanager
def open_output(output: str) -> Iterator[TextIO]:
    """Yield stdout for `-`, else `output` opened for writing (UTF-8, line ends as written).

    A character UTF-8 cannot encode (a lone surrogate) is written as a backslash escape,
    never an encoding error after results were audited.

    Raises:
        InputError: the file cannot be created or written (missing folder, no permission,
            a directory), in one line naming the path.
    """
    if output == "-":
        yield sys.stdout
        return
    try:
        handle = Path(output).open(  # noqa: SIM115
            "w", encoding="utf-8", errors="backslashreplace", newline=""
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            f"cannot write the output ({reason})",
            path=output,
            hint="Check the folder exists and is writable, or leave out --output for stdout",
        ) from exc
    with handle:
        yield handle


def write_as(
    format: str, out: TextIO, *, table: Write, csv: Write, json: Write, jsonl: Write
) -> None:
    """Write results to `out` with the writer of `format` (one of `OUTPUT_FORMATS`)."""
    writers = {"table": table, "csv": csv, "json": json, "jsonl": jsonl}
    writers[format](out)


def write_output(
    format: str, output: str, *, table: Write, csv: Write, json: Write, jsonl: Write
) -> None:
    """Check `format`, open `output` (`-` is stdout) and write the results to it.

    Raises:
        InputError: an unknown format, or an output path that cannot be written.
    """
    check_format(format, OUTPUT_FORMATS)
    with open_output(output) as out:
        write_as(format, out, table=table, csv=csv, json=json, jsonl=jsonl)


def ensure_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) for files a command writes; return it.

    Raises:
        InputError: the folder cannot be created (a file in the way, no permission).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            f"cannot create the folder ({reason})",
            path=folder,
            hint="Choose a folder you can write to",
        ) from exc
    return folder
