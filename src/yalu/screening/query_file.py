"""Stream a names file: checked whole first, then read lazily, so memory does not grow with it.

`open_query_file(path)` checks the file in two passes that keep nothing (its bytes are
UTF-8, then every row is a valid query) and returns a `QueryFile`: the number of names,
and the queries read afresh from the file each time it is iterated. A mistake is reported
exactly as `queries.read_query_file` reports it (file, line, fix), before any list is
loaded or any name screened, and the count makes "Screening N names" true from the start.
`open_query_text` does the same for text already read (stdin), which stays in memory.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from yalu.formats.input_file import open_file_bytes, read_file_bytes
from yalu.models.screening import Query
from yalu.screening.queries import MAX_NAME_CHARS, decode_query_bytes, iter_queries

_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class QueryFile:
    """A checked names file: `count` names, read one by one on each iteration.

    Attributes:
        where: the file name, for messages.
        count: names the file holds (blank rows aside).
        open_text: opens the file's text for `csv.reader` (newlines untranslated).
        max_name_chars: a longer name is refused (with its line).
    """

    where: str
    count: int
    open_text: Callable[[], IO[str]]
    max_name_chars: int = MAX_NAME_CHARS

    def __iter__(self) -> Iterator[Query]:
        """Yield the file's queries in file order, holding one at a time."""
        with self.open_text() as lines:
            yield from iter_queries(lines, self.where, max_name_chars=self.max_name_chars)


def open_query_file(path: Path, *, max_name_chars: int = MAX_NAME_CHARS) -> QueryFile:
    """Check a names CSV (UTF-8, BOM allowed) and return it for reading lazily.

    Raises:
        InputError: what `queries.read_query_file` raises for the same file, with the same
            message: missing or unreadable, not UTF-8 (naming the line and byte offset), or
            malformed (see `queries.read_queries`).
    """
    where = str(path)
    _check_utf8(path, where)

    def open_text() -> IO[str]:
        return io.TextIOWrapper(open_file_bytes(path), encoding="utf-8-sig", newline="")

    return _checked(where, open_text, max_name_chars)


def open_query_text(text: str, where: str, *, max_name_chars: int = MAX_NAME_CHARS) -> QueryFile:
    """Check names CSV text (stdin, decoded) and return it for reading lazily.

    Raises:
        InputError: what `queries.read_queries` raises for the same text.
    """
    return _checked(where, lambda: io.StringIO(text, newline=""), max_name_chars)


def _checked(where: str, open_text: Callable[[], IO[str]], max_name_chars: int) -> QueryFile:
    """Read every row once, keeping none, and return the file with its count of names."""
    with open_text() as lines:
        count = sum(1 for _ in iter_queries(lines, where, max_name_chars=max_name_chars))
    return QueryFile(where, count, open_text, max_name_chars)


def _check_utf8(path: Path, where: str) -> None:
    """Raise unless the file is UTF-8, reading it a megabyte at a time.

    Raises:
        InputError: as `queries.decode_query_bytes`, naming the line and byte offset.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open_file_bytes(path) as file:
            while chunk := file.read(_CHUNK_BYTES):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        decode_query_bytes(read_file_bytes(path), where)  # raises, naming the exact byte
        raise
