"""Apply reviewed decisions to a stream of queries, reading them from the store a chunk at a time.

`decisions.decision_reviewer` reads the decisions on a list of queries known up front; a
file of a million names is screened as a stream instead (`service.screen_queries`), so
`ChunkedReviews.read` passes the queries through and reads the decisions on each chunk of
`CHUNK_QUERIES` as it is reached, and the object, called as a `decisions.Reviewer` on each
query's candidates in the same order, applies that chunk's decisions. Memory holds one
chunk's queries and decisions (and the chunk ahead when the scoring reads past a boundary),
whatever the length of the stream; the result is what `decision_reviewer` gives.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from yalu.models.screening import Entity, Match, Query
from yalu.screening.decisions import DecisionRecord, apply_decisions, entry_lookup, latest_decisions
from yalu.screening.store import Store

CHUNK_QUERIES = 10_000
"""Queries whose reviewed decisions are read from the store in one go."""


@dataclass(slots=True)
class _Chunk:
    """The decisions on one chunk of queries, and how many of its queries are not reviewed."""

    unreviewed: int
    decisions: dict[tuple[str, str, str], DecisionRecord]


class ChunkedReviews:
    """Reads the decisions on a stream of queries chunk by chunk, and applies them in order.

    Iterate `read(queries)` and call the object on each query's candidates, in the order
    the queries were read, each query once.
    """

    def __init__(
        self, store: Store | None, entities: Sequence[Entity], *, chunk_size: int = CHUNK_QUERIES
    ) -> None:
        """Prepare to review queries screened against `entities`.

        Args:
            store: where decisions are; None (list files, no store) applies none.
            entities: the entries screened against, to tell whether a reviewed one changed.
            chunk_size: queries whose decisions are read at once (at least 1).
        """
        self._store = store
        self._find = entry_lookup(entities)
        self._chunk_size = max(1, chunk_size)
        self._chunks: deque[_Chunk] = deque()

    def read(self, queries: Iterable[Query]) -> Iterator[Query]:
        """Yield `queries` unchanged, reading the decisions on each chunk as it starts."""
        source = iter(queries)
        while chunk := list(islice(source, self._chunk_size)):
            decisions = (
                {}
                if self._store is None
                else latest_decisions(self._store, subject_ids=[q.id for q in chunk if q.id])
            )
            self._chunks.append(_Chunk(len(chunk), decisions))
            yield from chunk

    def __call__(self, query: Query, matches: Sequence[Match]) -> list[Match]:
        """Return `matches` with the decisions in force on `query` applied (the next query read)."""
        chunk = self._chunks[0]
        chunk.unreviewed -= 1
        if not chunk.unreviewed:
            self._chunks.popleft()
        return apply_decisions(query, matches, chunk.decisions, self._find)
