"""The server's screening index: loaded once at start-up, rebuilt aside when lists change.

Each request uses its thread's store (one SQLite or PostgreSQL connection per thread) and
compares the active list versions with those of the index in memory (`IndexHolder`). When
`yalu lists load|update` has changed them, one background thread builds the new index while
requests go on with the old one, which is then swapped for the new in one assignment: a
reload never stalls a request. Only the very first index (no index in memory yet) is waited
for, by one thread, the others waiting on its lock; `yalu serve` builds it at start-up.
`POST /screen` scores in the event loop's thread (`ScreeningState.screen_here`), every
other route in worker threads.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

from yalu.interfaces.api.audit_writer import AuditWriter
from yalu.models.screening import Entity, Match, Query

if TYPE_CHECKING:
    from yalu.core.progress import ProgressCallback
    from yalu.models.audit import ListUsed, ScreeningRecord
    from yalu.screening.entries import ListEntry
    from yalu.screening.list_summary import ListSummary
    from yalu.screening.scopes import Scope
    from yalu.screening.service import LoadedIndex, ScreeningResult
    from yalu.screening.store import ListVersion, Store
    from yalu.screening.verdict_audit import VerdictKind

logger = logging.getLogger(__name__)

RETRY_RELOAD_S = 30.0
"""After a failed background rebuild, the next request tries again only this much later."""


class IndexHolder:
    """The index in memory, and at most one background rebuild of it.

    `build(use_cache=...)` returns the index over the store's active lists at the time.
    The first index is built in the caller's thread (from the store's cached index, the
    quickest way), others wait on the lock for it; later ones are built in one background
    thread from the entities (`use_cache=False`: rebuilding runs Python code that yields to
    request threads, where reading a cached index is one long call that would hold them all)
    and swapped in with one assignment.
    """

    def __init__(
        self,
        build: Callable[..., LoadedIndex],
        *,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """Hold no index yet; `build` makes one, `clock` (monotonic s) paces retries."""
        import time

        self._build = build
        self._clock = clock or time.monotonic
        self._first = threading.Lock()
        self._rebuild = threading.Lock()
        self.loaded: LoadedIndex | None = None
        self.rebuilding: threading.Thread | None = None
        self._failed_at: float | None = None

    def current(self, store: Store) -> LoadedIndex:
        """Return the index to screen with now, starting a rebuild if the lists changed.

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        from yalu.core.errors import NotFoundError

        ids = tuple(sorted(version.id for version in store.active_versions()))
        loaded = self.loaded
        if loaded is None:
            with self._first:
                if self.loaded is None:
                    self.loaded = self._build(use_cache=True)
                return self.loaded
        if not ids:
            raise NotFoundError(
                "no sanctions lists are loaded",
                hint="Run `yalu lists load PATH` with list files, or `yalu lists update` online",
            )
        if ids != _ids_of(loaded):
            self._start_rebuild()
        return loaded

    def _start_rebuild(self) -> None:
        with self._rebuild:
            if self.rebuilding is not None and self.rebuilding.is_alive():
                return
            if self._failed_at is not None and self._clock() - self._failed_at < RETRY_RELOAD_S:
                return
            self.rebuilding = threading.Thread(
                target=self._rebuild_aside, name="yalu-index-rebuild", daemon=True
            )
            self.rebuilding.start()

    def _rebuild_aside(self) -> None:
        from yalu.core.errors import YaluError

        try:
            fresh = self._build(use_cache=False)
        except YaluError as exc:
            self._failed_at = self._clock()
            logger.error("the screening index could not be rebuilt; the old one stays: %s", exc)
            return
        from yalu.screening.service import warm_up

        warm_up(fresh)
        self.loaded = fresh  # one assignment: a request sees the old index or the new
        self._failed_at = None
        logger.info("screening index rebuilt: %s", ", ".join(i.source for i in fresh.lists))


def _ids_of(loaded: LoadedIndex) -> tuple[int, ...]:
    return tuple(sorted(item.id for item in loaded.lists))


class ScreeningState:
    """The store location and the index over its active lists, shared by all requests."""

    def __init__(self, database_url: str) -> None:
        """Remember where the store is; nothing is opened until `warm` or the first request."""
        self.database_url = database_url
        self.holder = IndexHolder(self._build)
        self._local = threading.local()
        self.audit_writer = AuditWriter(self.open_store)

    def _build(self, *, use_cache: bool) -> LoadedIndex:
        from yalu.screening.service import load_active_index

        with self.open_store() as store:
            return load_active_index(store, use_cache=use_cache)

    def warm(self) -> None:
        """Load the index and compute the matcher's tables now, before any request needs them.

        A store with no list loaded is not an error here: `GET /ready` says so.
        """
        from yalu.core.errors import NotFoundError, StoreError
        from yalu.screening.service import warm_up

        try:
            with self.open_store() as store:
                warm_up(self.holder.current(store))
        except (NotFoundError, StoreError) as exc:
            logger.warning("the screening index is not loaded yet: %s", exc)

    def is_warm(self) -> bool:
        """Return True when an index is in memory (`GET /ready`)."""
        return self.holder.loaded is not None

    @contextmanager
    def open_store(self) -> Iterator[Store]:
        """Yield this thread's open store, opened on first use and kept for the next request.

        Opening a store costs a connection and the schema check; each worker thread keeps
        one (both databases run in autocommit mode, so no snapshot outlives a statement).
        A store whose use failed in the database is closed and opened afresh next time.

        Raises:
            ConfigError: database_url is not a supported URL.
            StoreError: the database cannot be opened.
        """
        from yalu.core.errors import YaluError
        from yalu.screening.store import open_store

        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.database_url)
            self._local.store = store
        try:
            yield store
        except YaluError as exc:
            from yalu.core.errors import StoreError

            if isinstance(exc, StoreError):
                self._drop_store(store)
            raise
        except BaseException:
            self._drop_store(store)
            raise

    def _drop_store(self, store: Store) -> None:
        self._local.store = None
        try:
            store.close()
        except Exception:  # closing a broken connection may fail too
            logger.debug("closing a failed store failed", exc_info=True)

    def active_lists(self) -> list[ListVersion]:
        """Return the active version of every loaded list (empty when none is loaded)."""
        with self.open_store() as store:
            return store.active_versions()

    def _current(self, store: Store) -> LoadedIndex:
        """Return the index in memory (see `IndexHolder.current`).

        Raises:
            NotFoundError: no list has been loaded yet.
        """
        return self.holder.current(store)

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
        on_progress: ProgressCallback | None = None,
    ) -> list[ScreeningResult]:
        """Screen `queries` against the active lists and write one audit row per query.

        `actor` (the caller's key name) is recorded in each row; `scope` limits the entries
        searched (`screening.scopes.Scope`); `on_progress` is called with the number of
        queries screened so far.

        Raises:
            NotFoundError: no list has been loaded yet, or none has an entry under `program`
                or in `scope`.
            StoreError: the database cannot be read or written.
        """
        return self._screen(
            queries,
            threshold=threshold,
            limit=limit,
            actor=actor,
            program=program,
            scope=scope,
            on_progress=on_progress,
            write_audit=self.audit_writer.write,
        )

    async def screen_here(
        self,
        query: Query,
        *,
        threshold: float,
        limit: int,
        actor: str,
        program: str | None = None,
    ) -> ScreeningResult:
        """Screen one query in the calling event loop's thread; await its audit commit.

        For `POST /screen`: one name (at most `max_name_chars`) is scored in about a
        millisecond, less than handing it to a worker thread and back costs under load.
        The loop is free while the audit row is committed, and the result is returned only
        once it is. Until the first index is in memory (`is_warm`), the query goes to a
        worker thread instead: building the index here would hold every request.

        Raises:
            NotFoundError: no list is loaded, or none has an entry under `program`.
            StoreError: the database cannot be read or written.
        """
        options: dict[str, Any] = {
            "threshold": threshold,
            "limit": limit,
            "actor": actor,
            "program": program,
        }
        if not self.is_warm():
            from anyio.to_thread import run_sync

            (cold,) = await run_sync(partial(self.screen, [query], **options))
            return cold
        commits: list[Future[None]] = []
        (result,) = self._screen(
            [query],
            write_audit=lambda records: commits.append(self.audit_writer.submit(records)),
            **options,
        )
        for commit in commits:
            await asyncio.wrap_future(commit)
        return result

    def _screen(
        self,
        queries: Sequence[Query],
        *,
        write_audit: Callable[[list[ScreeningRecord]], None],
        **options: Any,
    ) -> list[ScreeningResult]:
        from yalu.screening.service import screen_queries

        with self.open_store() as store:
            loaded = self._current(store)
            return list(
                screen_queries(loaded, queries, store=store, write_audit=write_audit, **options)
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
