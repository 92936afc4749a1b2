"""The hashes of the tamper-evident trail: a row's canonical content, and the chain links.

Every audited row (a screening, a list load, a decision...) gets one link in the append-only
`trail_chain` table. A link names the row (table and id), the columns it covers and the
SHA-256 of their canonical content, and the hash of the link before it:

    link_sha256 = SHA-256(canonical [seq, table, row id, columns, content_sha256, previous])

so changing a covered column of any row, deleting a row or a link, or inserting a row
without a link breaks the chain at that point (`verify.verify_trail` finds where). Someone
who can write the database can still rewrite the whole chain from the changed row onwards;
that is why `yalu audit verify` prints the head hash, to be published or kept elsewhere.

A row's canonical content is its covered columns in name order, each as its name, its kind
and the exact value the database returns (text as stored in UTF-8, integers, floats as Python
writes them, bytes), length-prefixed; SQLite and PostgreSQL give the same hash for the same
row. A link's hash is over canonical JSON of its fields.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

GENESIS = "0" * 64
"""The `previous_sha256` of the first link."""

CHAINED_TABLES: tuple[str, ...] = (
    "list_versions",
    "screenings",
    "trail_retirements",
    "decisions",
    "goods_verdicts",
)
"""Tables whose every row must have a link; `verify_trail` reports a row without one.

A table joins the chain by writing its rows with `Store.append_chained` (or calling
`Store.chain_row` after its own insert) and by adding its name here. A chained row that
must go (old list versions pruned) is first retired with `Store.retire_chained`.
"""

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

Value = str | int | float | bytes | None
"""A column value as the database returns it."""


class Columns(Protocol):
    """A row read by column name (a database row, or a dict)."""

    def __getitem__(self, key: str, /) -> Any: ...


def check_identifier(name: str) -> str:
    """Return `name` if it is a plain lower-case SQL identifier, for table and column names.

    Raises:
        ValueError: anything else (names are written into SQL, so nothing else is allowed).
    """
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a plain table or column name")
    return name


def _encoded(value: object) -> tuple[str, bytes]:
    """Return a value's kind letter and bytes: text as UTF-8, numbers as Python writes them."""
    if isinstance(value, str):
        return "s", value.encode("utf-8")
    if isinstance(value, bool | int):
        return "i", str(int(value)).encode("ascii")
    if isinstance(value, float):
        return "f", repr(value).encode("ascii")
    if isinstance(value, bytes | bytearray | memoryview):
        return "b", bytes(value)
    if value is None:
        return "n", b""
    raise TypeError(f"cannot hash a {type(value).__name__} column value")


def _digest(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_sha256(row: Columns, columns: Sequence[str]) -> str:
    """Return the SHA-256 (hex) of the canonical content of `columns` of `row`.

    Each column, in name order, adds `name NUL kind length NUL bytes` (kind: s text,
    i integer, f float, b bytes, n NULL), so no two different rows share an encoding.

    Raises:
        KeyError: a column is missing from `row`.
        TypeError: a value is not text, a number, bytes or NULL.
    """
    digest = hashlib.sha256()
    for name in sorted(columns):
        kind, data = _encoded(row[name])
        digest.update(f"{name}\0{kind}{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One link of the chain: which row it covers, that row's hash, and the link before.

    Attributes:
        seq: position in the chain, from 1.
        table: the table of the covered row.
        record_id: the covered row's `id`.
        columns: the columns whose content is hashed, in name order.
        content_sha256: SHA-256 of their canonical content when the row was written.
        previous_sha256: `link_sha256` of link `seq - 1` (`GENESIS` for the first).
        link_sha256: SHA-256 of all of the above.
    """

    seq: int
    table: str
    record_id: int
    columns: tuple[str, ...]
    content_sha256: str
    previous_sha256: str
    link_sha256: str

    @classmethod
    def make(
        cls,
        *,
        seq: int,
        table: str,
        record_id: int,
        columns: Sequence[str],
        content_sha256: str,
        previous_sha256: str,
    ) -> ChainLink:
        """Return the link with these fields and its computed `link_sha256`."""
        ordered = tuple(sorted(columns))
        fields = (seq, table, record_id, ordered, content_sha256, previous_sha256)
        return cls(*fields, link_sha256=link_sha256(*fields))

    @property
    def is_sound(self) -> bool:
        """Return True when `link_sha256` is the hash of the link's own fields."""
        fields = (
            self.seq,
            self.table,
            self.record_id,
            self.columns,
            self.content_sha256,
            self.previous_sha256,
        )
        return link_sha256(*fields) == self.link_sha256


def link_sha256(
    seq: int,
    table: str,
    record_id: int,
    columns: Sequence[str],
    content_sha256: str,
    previous_sha256: str,
) -> str:
    """Return the SHA-256 (hex) of a link's fields, in canonical JSON."""
    return _digest([seq, table, record_id, list(columns), content_sha256, previous_sha256])
