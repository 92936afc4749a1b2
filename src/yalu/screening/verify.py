"""Verify the tamper-evident trail: recompute every link and every covered row's hash.

`verify_trail` walks the chain from its first link and reports, in chain order:

- a link whose stored hash does not match its own fields (the link was edited);
- a link that does not follow the one before it (links were removed or inserted);
- a covered row whose content no longer hashes as it did (the row was changed), or that is
  gone (removed); for a list version, also stored entities that were changed or removed;
- a row of a chained table that no link covers (inserted outside yalu, or its link removed).

A row retired on purpose (`Store.retire_chained`, before pruning) may be gone, and a retired
list version's entities too; the retirement is itself a chained row.

What it cannot see: someone able to write the database who rewrites the chain from the
changed row to the end (or drops the newest rows and links) leaves a chain that is
consistent but different. Compare the head printed here with one kept elsewhere (a ticket,
an e-mail, a second system): if the old head is no longer in the chain at its position, the
trail was rewritten.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from yalu.core.progress import ProgressCallback
from yalu.screening.chain import CHAINED_TABLES, GENESIS, ChainLink, check_identifier
from yalu.screening.chain import content_sha256 as hash_content
from yalu.screening.database import Row
from yalu.screening.store import Store

ProblemKind = Literal["changed", "removed", "inserted", "broken"]

_BATCH = 500
MAX_PROBLEMS = 100
"""Most problems one verification lists; the first is the one that matters."""


@dataclass(frozen=True, slots=True)
class TrailProblem:
    """One place where the trail is not as it was written.

    Attributes:
        kind: changed, removed or inserted (a row), or broken (a link).
        table: the row's table ("trail_chain" for a broken link).
        record_id: the row's id (the link's seq for a broken link).
        seq: the link that covers the row, None for a row no link covers.
        message: one line for people.
    """

    kind: ProblemKind
    table: str
    record_id: int
    seq: int | None
    message: str


@dataclass(frozen=True, slots=True)
class TrailReport:
    """What `verify_trail` found: rows checked per table, the head, and any problems."""

    rows_checked: int
    tables: tuple[tuple[str, int], ...]
    head: ChainLink | None
    problems: tuple[TrailProblem, ...]
    retired: int = 0
    """Rows retired on purpose and gone since, among `rows_checked`."""

    @property
    def is_intact(self) -> bool:
        """Return True when no problem was found."""
        return not self.problems


def _check_list_version(store: Store, row: Row) -> str | None:
    if store.entities_sha256(int(row["id"])) != row["entities_sha256"]:
        return "its stored entities were changed, removed or added"
    return None


DEEP_CHECKS: dict[str, Callable[[Store, Row], str | None]] = {
    "list_versions": _check_list_version,
}
"""Checks beyond a row's own columns, by table: a message when the row's contents differ."""


class _Walk:
    """The state of one walk along the chain."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.previous = GENESIS
        self.next_seq = 1
        self.counts: Counter[str] = Counter()
        self.problems: list[TrailProblem] = []
        self.retired = store.retired_rows()
        self.gone = 0

    def add(
        self, kind: ProblemKind, table: str, record_id: int, seq: int | None, text: str
    ) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(TrailProblem(kind, table, record_id, seq, text))

    def follow(self, link: ChainLink) -> bool:
        """Check the link itself and its place; return True when its row can be checked.

        An edited link's content hash proves nothing, so its row is counted, not checked.
        """
        is_sound = link.is_sound
        if not is_sound:
            self.add("broken", "trail_chain", link.seq, link.seq, _edited(link))
        elif link.previous_sha256 != self.previous:
            self.add("broken", "trail_chain", link.seq, link.seq, _out_of_place(link, self))
        self.previous = link.link_sha256
        self.next_seq = link.seq + 1
        try:
            check_identifier(link.table)
            for column in link.columns:
                check_identifier(column)
        except ValueError:
            if is_sound:
                self.add("broken", "trail_chain", link.seq, link.seq, _edited(link))
            return False
        if not is_sound:
            self.counts[link.table] += 1
        return is_sound

    def check_rows(self, table: str, links: Sequence[ChainLink]) -> None:
        rows = self.store.read_rows(table, [link.record_id for link in links])
        deep = DEEP_CHECKS.get(table)
        for link in links:
            self.counts[table] += 1
            row = rows.get(link.record_id)
            where = f"{table} row {link.record_id}"
            is_retired = (table, link.record_id) in self.retired
            if row is None:
                if is_retired:
                    self.gone += 1
                else:
                    self.add("removed", table, link.record_id, link.seq, f"{where} was removed")
                continue
            try:
                same = hash_content(row, link.columns) == link.content_sha256
            except (KeyError, IndexError, TypeError):
                same = False  # a covered column is gone or holds another kind of value
            if not same:
                text = f"{where} was changed after it was written (link {link.seq})"
                self.add("changed", table, link.record_id, link.seq, text)
            elif deep is not None and not is_retired and (why := deep(self.store, row)):
                self.add("changed", table, link.record_id, link.seq, f"{where}: {why}")


def _edited(link: ChainLink) -> str:
    return f"chain link {link.seq} was edited: its hash does not match its fields"


def _out_of_place(link: ChainLink, walk: _Walk) -> str:
    if link.seq > walk.next_seq:
        gone = (
            f"link {walk.next_seq}"
            if link.seq == walk.next_seq + 1
            else f"links {walk.next_seq} to {link.seq - 1}"
        )
        return f"chain {gone} removed: link {link.seq} does not follow the link before it"
    return f"chain link {link.seq} does not follow the link before it (a link was inserted)"


def verify_trail(
    store: Store,
    *,
    tables: Sequence[str] = CHAINED_TABLES,
    on_progress: ProgressCallback | None = None,
) -> TrailReport:
    """Recompute the chain and the hash of every row it covers; report what differs.

    Args:
        store: the open store.
        tables: the tables every row of which must be in the chain.
        on_progress: called with the number of rows checked so far.

    Returns:
        the count of rows checked, per table, the head link, and the problems found in
        chain order (then rows no link covers), at most `MAX_PROBLEMS`.

    Raises:
        StoreError: the database cannot be read.
    """
    walk = _Walk(store)
    after = 0
    while links := store.chain_links(after_seq=after, limit=_BATCH):
        by_table: dict[str, list[ChainLink]] = defaultdict(list)
        for link in links:
            if walk.follow(link):
                by_table[link.table].append(link)
        for table, group in by_table.items():
            walk.check_rows(table, group)
        after = links[-1].seq
        if on_progress is not None:
            on_progress(sum(walk.counts.values()))
    for table in tables:
        for row_id in store.unchained_ids(table, limit=MAX_PROBLEMS):
            text = (
                f"{table} row {row_id} is not in the chain: it was inserted outside yalu, "
                "or its link was removed"
            )
            walk.add("inserted", table, row_id, None, text)
    return TrailReport(
        rows_checked=sum(walk.counts.values()),
        tables=tuple(sorted(walk.counts.items())),
        head=store.chain_head(),
        problems=tuple(walk.problems),
        retired=walk.gone,
    )


def report_object(report: TrailReport) -> dict[str, Any]:
    """Return the report as JSON, as `yalu audit verify --format json` and the API show it."""
    head = report.head
    return {
        "intact": report.is_intact,
        "rows_checked": report.rows_checked,
        "retired": report.retired,
        "tables": dict(report.tables),
        "head": None if head is None else {"seq": head.seq, "sha256": head.link_sha256},
        "problems": [
            {
                "kind": problem.kind,
                "table": problem.table,
                "id": problem.record_id,
                "link": problem.seq,
                "message": problem.message,
            }
            for problem in report.problems
        ],
    }
