"""The server's screening index: loaded once, reloaded when the active lists change.

Each request opens the store (a new SQLite or PostgreSQL connection; there is no pool),
compares the active list versions with those of the index in memory, and reloads through
`load_active_index` only when `yalu lists load|update` has changed them since.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from yalu.models.screening import Match, Query

if TYPE_CHECKING:
    from yalu.models.audit import ScreeningRecord
    from yalu.screening.service import LoadedIndex, ScreeningResult
    from yalu.screening.store import ListVersion, Store


class ScreeningState:
    """The store location and the index over its active lists, shared by all requests."""

    def __init__(self, database_url: str) -> None:
        """Remember where the store is; nothing is opened until the first request."""
        self.database_url = database_url
        self._lock = threading.Lock()
        self._loaded: LoadedIndex | None = None
        self._version_ids: tuple[int, ...] = ()

    @contextmanager
    def open_store(self) -> Iterator[Store]:
        """Yield an open store, closed afterwards.

        Raises:
            ConfigError: database_url is not a supported URL.
            StoreError: the database cannot be opened.
        """
        from yalu.screening.store import open_store

        with open_store(self.database_url) as store:
            yield store

    def active_lists(self) -> list[ListVersion]:
        """Return the active version of every loaded list (empty when none is loaded)."""
        with self.open_store() as store:
            return store.active_versions()

    def _current(self, store: Store) -> LoadedIndex:
        """Return the index over the store's active lists, reloading it if they changed.

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        from yalu.screening.service import load_active_index

        ids = tuple(sorted(version.id for version in store.active_versions()))
        with self._lock:
            if self._loaded is None or ids != self._version_ids or not ids:
                self._loaded = load_active_index(store)
                self._version_ids = ids
            return self._loaded

    def screen(
        self, queries: Sequence[Query], *, threshold: float, limit: int, actor: str
    ) -> list[ScreeningResult]:
        """Screen `queries` against the active lists and write one audit row per query.

        `actor` (the caller's key name) is recorded in each row.

        Raises:
            NotFoundError: no list has been loaded yet.
            StoreError: the database cannot be read or written.
        """
        from yalu.screening.service import screen_queries

        with self.open_store() as store:
            loaded = self._current(store)
            return list(
                screen_queries(
                    loaded, queries, threshold=threshold, limit=limit, store=store, actor=actor
                )
            )

    def party_screener(
        self, *, threshold: float, limit: int, actor: str
    ) -> Callable[[Query], list[Match]]:
        """Return the goods engine's screener (matches and near misses), as `goods check` does.

        Each screened party is written to the audit trail, recording `actor`.

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        from yalu.screening.audit import add_screenings
        from yalu.screening.service import party_screener

        with self.open_store() as store:
            loaded = self._current(store)

        def audit(record: ScreeningRecord) -> None:
            with self.open_store() as store:
                add_screenings(store, [record])

        return party_screener(loaded, threshold=threshold, limit=limit, audit=audit, actor=actor)
