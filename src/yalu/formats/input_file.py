"""Open list files safely: one-line errors for missing, unreadable or empty input.

Every reader goes through these functions, so a bad path never surfaces as a raw
`FileNotFoundError` traceback, and a reader never returns a half-parsed list.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from yalu.core.errors import InputError, ListFormatError
from yalu.models.screening import Entity, ListSnapshot

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


def content_digest(paths: Sequence[Path]) -> str:
    """Return the SHA-256 (hex) of the files' bytes, read in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(read_bytes(path))
    return digest.hexdigest()


def make_snapshot(
    *,
    source: str,
    entities: Sequence[Entity],
    path: Path,
    files: Sequence[Path] = (),
    published: str = "",
    newest_entry: str = "",
    format: str | None = None,
) -> ListSnapshot:
    """Return the snapshot of a parsed list, its version taken from the content alone.

    The version is the publisher's date where the file prints one (`published`), else
    `sha256 <first 12 hex digits>` of the content: never a file's modification time, which
    a copy or a clone sets to the day it was made. Entities that carry no version of their
    own get that one.

    Args:
        source: the list's short name.
        entities: the parsed entries (at least one).
        path: the file or folder read, for messages and the snapshot's `path`.
        files: the files whose bytes make the content, in a fixed order (default: `path`).
        published: the publisher's date or time printed in the file, "" if none.
        newest_entry: the latest listing or update date of any entry, "" if none.
        format: the reader's name (default: `source`).

    Raises:
        ListFormatError: there are no entities.
    """
    found = require_entities(entities, path)
    digest = content_digest(files or (path,))
    version = published or f"sha256 {digest[:12]}"
    return ListSnapshot(
        source=source,
        version=version,
        entities=tuple(
            entity if entity.source_version else replace(entity, source_version=version)
            for entity in found
        ),
        path=str(path),
        format=format or source,
        published=published,
        newest_entry=newest_entry,
        digest=digest,
    )


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
