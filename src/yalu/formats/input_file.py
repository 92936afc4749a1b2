"""Open list files safely: one-line errors for missing, unreadable, empty or undecodable input.

Every reader goes through these functions, so a bad path never surfaces as a raw
`FileNotFoundError` traceback, and a reader never returns a half-parsed list.

Text is decoded strictly, never guessed: UTF-8 (a byte-order mark dropped), and, for the
formats whose publishers also export an 8-bit encoding (OFAC and BIS legacy files), that
encoding when the whole file is not UTF-8. A byte that fits neither is refused in one line
naming the file, the line and the byte offset (`decode_text`, `check_utf8`).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, BinaryIO

from yalu.core.errors import InputError, ListFormatError
from yalu.models.screening import Entity, ListSnapshot

TRUNCATED_HINT = "The file may be truncated or not a list file; download it again"


TRUNCATED_DOWNLOAD = "The file may be truncated; download it again"
"""Hint for a row whose cell count is off in a published list."""


def read_file_bytes(path: Path, *, error: type[InputError] = InputError) -> bytes:
    """Return the bytes of `path` (which may be empty).

    Raises:
        InputError: (or `error`) the path does not exist, is a directory or cannot be read.
    """
    with open_file_bytes(path, error=error) as file:
        try:
            return file.read()
        except OSError as exc:
            raise error(f"cannot read the file ({exc.strerror})", path=path) from exc


def open_file_bytes(path: Path, *, error: type[InputError] = InputError) -> BinaryIO:
    """Return `path` opened for reading bytes, with `read_file_bytes`'s one-line errors.

    Raises:
        InputError: (or `error`) the path does not exist, is a directory or cannot be read.
    """
    if not path.exists():
        raise error("no such file", path=path, hint="Check the path and try again")
    if path.is_dir():
        raise error("is a directory, not a file", path=path, hint="Pass the file itself")
    try:
        return path.open("rb")
    except PermissionError as exc:
        raise error(
            "permission denied", path=path, hint="Make the file readable (chmod u+r)"
        ) from exc
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror})", path=path) from exc


Source = Path | str | IO[str] | IO[bytes]
"""Where a reader reads: a path, or an open text or binary stream (an HTTP upload)."""


def read_source(
    source: Source,
    *,
    name: str | None = None,
    error: type[InputError] = InputError,
    max_bytes: int | None = None,
) -> tuple[bytes, Path]:
    """Return the bytes of a file or stream, and the path its messages name.

    A stream is read as it is, never copied to a temporary file; `name` (or the stream's
    own `name`) is what messages call it.

    Raises:
        InputError: (or `error`) the path cannot be read, or the stream holds more than
            `max_bytes` bytes.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        return read_file_bytes(path, error=error), path
    path = Path(name or str(getattr(source, "name", "") or "<upload>"))
    raw = source.read() if max_bytes is None else source.read(max_bytes + 1)
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    if max_bytes is not None and len(data) > max_bytes:
        raise error(
            f"the file is larger than {max_bytes // (1024 * 1024)} MB",
            path=path,
            hint="Split it, or check it with the command line",
        )
    return data, path


def read_bytes(path: Path) -> bytes:
    """Return the bytes of a list file.

    Raises:
        InputError: the path does not exist, is a directory or cannot be read.
        ListFormatError: the file is empty.
    """
    if path.is_dir():
        raise InputError(
            "is a directory, not a list file", path=path, hint="Pass the list file itself"
        )
    data = read_file_bytes(path)
    if not data.strip(b" \t\r\n\x1a\x00"):
        raise ListFormatError("the file is empty (no entries)", path=path, hint=TRUNCATED_HINT)
    return data


UTF8_HINT = "Save the file as UTF-8 (a spreadsheet's 'CSV UTF-8'), or download it again"
"""Fix for a file that is not UTF-8 text."""

_BOM = b"\xef\xbb\xbf"
_CHECK_CHUNK_BYTES = 1 << 20
_LEGACY_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}


def decoding_error(
    data: bytes,
    offset: int,
    path: Path | str,
    *,
    encoding: str = "UTF-8",
    error: type[InputError] = ListFormatError,
    hint: str = UTF8_HINT,
) -> InputError:
    """Return the one-line error for the undecodable byte at `offset` of `data`.

    The message names the file, the line, the byte and its offset from the start of the
    file (0-based, as `cmp` and hex editors count), e.g.
    `names.csv:3: not UTF-8 text: byte 0xFF at byte offset 41 (column 7)`.
    """
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return error(
        f"not {encoding} text: byte 0x{data[offset]:02X} at byte offset {offset}",
        path=path,
        line=line,
        column=column,
        hint=hint,
    )


def check_utf8(
    data: bytes,
    path: Path | str,
    *,
    error: type[InputError] = ListFormatError,
    hint: str = UTF8_HINT,
) -> None:
    """Raise unless `data` is UTF-8, reading it a megabyte at a time (memory stays bounded).

    Raises:
        InputError: (or `error`) naming the file, line and byte offset of the first
            invalid byte.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _CHECK_CHUNK_BYTES):
            decoder.decode(view[start : start + _CHECK_CHUNK_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        decode_text(data, path, error=error, hint=hint)  # raises, naming the exact byte


def decode_text(
    data: bytes,
    path: Path | str,
    *,
    legacy: str | None = None,
    error: type[InputError] = ListFormatError,
    hint: str = UTF8_HINT,
) -> str:
    """Return `data` decoded strictly: UTF-8 (a BOM dropped), else `legacy` when given.

    Args:
        data: the file's bytes.
        path: used in messages.
        legacy: an 8-bit encoding the format's publisher also uses ("cp1252" for OFAC and
            BIS legacy exports), tried only when the whole file is not UTF-8; None accepts
            UTF-8 only.
        error: the exception class to raise (`ShipmentFormatError` for shipment files).
        hint: the fix to suggest.

    Raises:
        InputError: (or `error`) the bytes are not text in these encodings; the message
            names the file, line and byte offset.
    """
    skip = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = skip + exc.start
    if legacy is None:
        raise decoding_error(data, first_bad, path, error=error, hint=hint)
    try:
        return data.decode(legacy)
    except UnicodeDecodeError as exc:
        encoding = f"UTF-8 or {_LEGACY_NAMES.get(legacy, legacy)}"
        raise decoding_error(
            data, exc.start, path, encoding=encoding, error=error, hint=hint
        ) from exc


_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def check_xml_text(data: bytes, path: Path | str) -> None:
    """Refuse an XML file declared (or defaulting to) UTF-8 whose bytes are not UTF-8.

    The XML parser would stop at the same byte, but name only a line and column; this
    names the byte offset too. Files declaring another encoding (or starting with a UTF-16
    byte-order mark) are left to the parser, which decodes them by their declaration.

    Raises:
        ListFormatError: naming the file, line and byte offset of the first invalid byte.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    declared = _XML_ENCODING.match(data.removeprefix(_BOM)[:256])
    if declared is None or declared.group(1).decode().lower() in ("utf-8", "utf8", "utf_8"):
        check_utf8(data, path)


def read_xml(path: Path) -> bytes:
    """Return the bytes of an XML list file, refusing bytes its encoding cannot hold.

    Raises:
        InputError: the path does not exist, is a directory or cannot be read.
        ListFormatError: the file is empty, or not text in its declared encoding (naming the
            line and byte offset).
    """
    data = read_bytes(path)
    check_xml_text(data, path)
    return data


def parse_xml(path: Path) -> ET.Element:
    """Return the root element of an XML list file (`read_xml`), whole in memory.

    Raises:
        InputError: the path does not exist, is a directory or cannot be read.
        ListFormatError: the file is empty, not text in its declared encoding, or not
            well-formed XML (naming the line and column; a cut-off file ends early).
    """
    try:
        return ET.fromstring(read_xml(path))
    except ET.ParseError as exc:
        line, column = exc.position
        raise ListFormatError(
            f"malformed XML ({str(exc).split(':')[0]})",
            path=path,
            line=line,
            column=column + 1,
            hint=TRUNCATED_HINT,
        ) from exc


def read_text(path: Path, *, legacy: str | None = None) -> str:
    """Return the text of `path`, decoded strictly (see `decode_text`); DOS EOF marks removed.

    Args:
        path: the file.
        legacy: the 8-bit encoding to accept when the file is not UTF-8 (OFAC and BIS
            legacy exports: "cp1252"); None accepts UTF-8 only.

    Raises:
        InputError: the path does not exist, is a directory or cannot be read.
        ListFormatError: the file is empty, or not text in the accepted encodings.
    """
    return decode_text(read_bytes(path), path, legacy=legacy).rstrip("\x1a\x00")


def read_utf8(path: Path, *, error: type[InputError] = InputError) -> str:
    """Return a UTF-8 file's text (a BOM dropped), decoded strictly.

    For files other than lists (FLEE cases, scenarios, rulebooks): `error` is the family's
    exception (`CaseFormatError`, `ScenarioError`, ...).

    Raises:
        InputError: (or `error`) the file is missing or unreadable, or a byte is not UTF-8
            (naming the line and byte offset).
    """
    data = read_file_bytes(path, error=error)
    return decode_text(data, path, error=error, hint="Save the file as UTF-8")


def open_utf8(path: Path, *, error: type[InputError] = InputError) -> io.StringIO:
    """Return a UTF-8 file's text as a stream for `csv.reader` (see `read_utf8`)."""
    return io.StringIO(read_utf8(path, error=error), newline="")


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
