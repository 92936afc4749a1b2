"""Open list files safely: one-line errors for missing, unreadable or empty input.

Every reader goes through these functions, so a bad path never surfaces as a raw
`FileNotFoundError` traceback, and a reader never returns a half-parsed list.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from yalu.core.errors import InputError, ListFormatError
from yalu.models.screening import Entity

TRUNCATED_HINT = "The file may be truncated or not a list file; download it again"


TRUNCATED_DOWNLOAD = "The file may be truncated; download it again"
"""Hint for a row whose cell count is off in a published list."""


def read_bytes(path: Path) -> bytes:
    """Return the bytes of `path`.

    Raises:
        InputError: the path does not exist, is a directory or cannot be read.
        ListFormatError: the file is empty.
    """
    if not path.exists():
        raise InputError("no such file", path=path, hint="Check the path and try again")
    if path.is_dir():
        raise InputError(
            "is a directory, not a list file", path=path, hint="Pass the list file itself"
        )
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(
            "permission denied", path=path, hint="Make the file readable (chmod u+r)"
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=path) from exc
    if not data.strip(b" \t\r\n\x1a\x00"):
        raise ListFormatError("the file is empty (no entries)", path=path, hint=TRUNCATED_HINT)
    return data


def read_text(path: Path) -> str:
    """Return the text of `path`: UTF-8 (BOM dropped), else Latin-1; DOS EOF marks removed.

    Raises:
        InputError: the path does not exist, is a directory or cannot be read.
        ListFormatError: the file is empty.
    """
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older OFAC and BIS exports are Latin-1; every byte decodes, so this never fails.
        text = data.decode("latin-1")
    return text.rstrip("\x1a\x00")


def iter_csv_rows(
    text: str, path: Path, *, columns: int | None = None, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """Yield `(line_number, cells)` for each non-blank CSV record of `text`.

    Args:
        text: the whole file.
        path: used in error messages.
        columns: when given, every record must have exactly this many cells.
        delimiter: the cell separator.

    Raises:
        ListFormatError: a record has the wrong number of cells or broken quoting.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for cells in reader:
            if cells and any(cell.strip() for cell in cells):
                if columns is not None and len(cells) != columns:
                    raise ListFormatError(
                        f"expected {columns} columns, found {len(cells)}",
                        path=path,
                        line=line,
                        hint=TRUNCATED_HINT,
                    )
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ListFormatError(
            f"broken CSV quoting ({exc})", path=path, line=reader.line_num, hint=TRUNCATED_HINT
        ) from exc


def require_entities(entities: Sequence[Entity], path: Path) -> tuple[Entity, ...]:
    """Return `entities` as a tuple, or raise if there are none.

    Raises:
        ListFormatError: no entries were found.
    """
    if not entities:
        raise ListFormatError("no entries found", path=path, hint=TRUNCATED_HINT)
    return tuple(entities)


def unique(values: Sequence[str] | Iterator[str]) -> tuple[str, ...]:
    """Return the non-empty values once each, in first-seen order."""
    return tuple(dict.fromkeys(value for value in values if value))


def modified_date(path: Path) -> str:
    """Return a version for a file that prints no date: its modification date and digest.

    The date alone would pass a copy's date off as the list's publication date, so the
    version says it is a file date and adds the start of the SHA-256 of the content, which
    tells two snapshots apart: `2020-09-13 (file date, sha256 1a2b3c4d5e6f)`.
    """
    day = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"{day} (file date, sha256 {digest})"


def read_header(
    rows: Iterator[tuple[int, list[str]]],
    path: Path,
    *,
    required: Sequence[str],
    hint: str,
    problem: str | None = None,
) -> list[str]:
    """Consume the header row of `rows`; return its lower-cased column names.

    Raises:
        ListFormatError: a required column is missing (naming the header's line and `hint`).
    """
    header_line, header = next(rows, (1, []))
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in required if name not in columns]
    if missing:
        raise ListFormatError(
            problem or f"missing column {', '.join(missing)}",
            path=path,
            line=header_line,
            hint=hint,
        )
    return columns


def iter_records(
    rows: Iterator[tuple[int, list[str]]],
    columns: Sequence[str],
    path: Path,
    *,
    hint: str,
    expected: str = "columns",
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, {column: stripped cell}) for each row after the header.

    Raises:
        ListFormatError: a row's cell count differs from the header's (naming its line).
    """
    for line, cells in rows:
        if len(cells) != len(columns):
            raise ListFormatError(
                f"expected {len(columns)} {expected}, found {len(cells)}",
                path=path,
                line=line,
                hint=hint,
            )
        yield line, {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}
