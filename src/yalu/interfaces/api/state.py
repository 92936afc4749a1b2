"""The server's screening index: loaded once, reloaded when the active lists change.

Each request opens the store (a new SQLite or PostgreSQL connection; there is no pool),
compares the active list versions with those of the index in memory, and reloads through
`load_active_index` only when `yalu lists load|update` has changed them since.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from yalu.models.screening import Entity, Match, Query

if TYPE_CHECKING:
    from yalu.models.audit import ListUsed, ScreeningRecord
    from yalu.screening.entries import ListEntry
    from yalu.screening.list_summary import ListSummary
    from yalu.screening.scopes import Scope
    from yalu.screening.service import LoadedIndex, ScreeningResult
    from yalu.screening.store import ListVersion, Store
    from yalu.screening.verdict_audit import VerdictKind


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

    def entry(self, source: str, entity_id: str) -> ListEntry:
        """Return one entry of an active list, its list version and the same party elsewhere.

        Raises:
            NotFoundError: no list is loaded, or none is `source`, or it has no `entity_id`.
        """
        from yalu.screening.entries import find_entry

        with self.open_store() as store:
            loaded = self._current(store)
        return find_entry(loaded, source, entity_id)

    def list_summaries(self) -> list[ListSummary]:
        """Return each active list's version and its entries by type and programme.

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        from yalu.screening.list_summary import summarize_lists

        with self.open_store() as store:
            loaded = self._current(store)
        return summarize_lists(loaded)

    def entities(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Entity]:
        """Return the active lists' entries named by `(list, id)`; unknown keys are left out.

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        with self.open_store() as store:
            links = self._current(store).links
        found = ((key, links.position_of.get(key)) for key in keys)
        return {key: links.entities[at] for key, at in found if at is not None}

    def screen(
        self,
        queries: Sequence[Query],
        *,
        threshold: float,
        limit: int,
        actor: str,
        program: str | None = None,
        scope: Scope | None = None,
    ) -> list[ScreeningResult]:
        """Screen `queries` against the active lists and write one audit row per query.

        `actor` (the caller's key name) is recorded in each row; `scope` limits the entries
        searched (`screening.scopes.Scope`).

        Raises:
            NotFoundError: no list has been loaded yet, or none has an entry under `program`
                or in `scope`.
            StoreError: the database cannot be read or written.
        """
        from yalu.screening.service import screen_queries

        with self.open_store() as store:
            loaded = self._current(store)
            return list(
                screen_queries(
                    loaded,
                    queries,
                    threshold=threshold,
                    limit=limit,
                    store=store,
                    program=program,
                    actor=actor,
                    scope=scope,
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
        return self.goods_screener(threshold=threshold, limit=limit, actor=actor)[0]

    def goods_screener(
        self, *, threshold: float, limit: int, actor: str
    ) -> tuple[Callable[[Query], list[Match]], tuple[ListUsed, ...]]:
        """Return `party_screener`'s screener and the lists it screens against.

        Each screened party is written to the audit trail, recording `actor`.

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        from yalu.screening.audit import add_screenings
        from yalu.screening.service import lists_used, party_screener

        with self.open_store() as store:
            loaded = self._current(store)

        def audit(record: ScreeningRecord) -> None:
            with self.open_store() as store:
                add_screenings(store, [record])

        screener = party_screener(
            loaded, threshold=threshold, limit=limit, audit=audit, actor=actor
        )
        return screener, lists_used(loaded)

    def record_verdicts(
        self,
        verdicts: list[dict[str, Any]],
        *,
        kind: VerdictKind,
        file: str,
        list_versions: Sequence[ListUsed],
        rules_version: str,
        actor: str,
    ) -> None:
        """Write goods or supply verdicts to the audit trail, before they are sent.

        `actor` (the caller's key name) is recorded in each row.

        Raises:
            StoreError: the database cannot be written; nothing was.
        """
        from yalu.screening.verdict_audit import add_verdicts

        with self.open_store() as store:
            add_verdicts(
                store,
                verdicts,
                kind=kind,
                file=file,
                list_versions=list_versions,
                rules_version=rules_version,
                actor=actor,
            )
