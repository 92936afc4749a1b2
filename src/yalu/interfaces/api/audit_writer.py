"""Group commit of audit rows: one writer thread, one transaction for the rows of many requests.

Each request hands its screenings' audit rows to `AuditWriter.write` and waits; the writer
thread takes every request waiting at that moment and commits all their rows in one
transaction (`audit.add_screenings`, hash chain included), then wakes each of them. A
request is answered only after that commit: an answer is never sent without its audit row.
Under load, eight waiting requests cost one commit instead of eight, and nobody waits for
more than the commit in progress plus their own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yalu.models.audit import ScreeningRecord
    from yalu.screening.store import Store

logger = logging.getLogger(__name__)

MAX_ROWS_PER_COMMIT = 5000
"""Most rows one transaction takes; requests beyond wait for the next."""


class AuditWriter:
    """Commits the audit rows of concurrent requests together (see the module docstring)."""

    def __init__(self, open_store: Callable[[], AbstractContextManager[Store]]) -> None:
        """Write through stores from `open_store`; the thread starts with the first write."""
        self._open_store = open_store
        self._ready = threading.Condition()
        self._pending: list[tuple[list[ScreeningRecord], Future[None]]] = []
        self._thread: threading.Thread | None = None

    def write(self, records: list[ScreeningRecord]) -> None:
        """Return once `records` are committed.

        Raises:
            StoreError: their transaction failed; none of its rows was written.
        """
        self.submit(records).result()

    def submit(self, records: list[ScreeningRecord]) -> Future[None]:
        """Queue `records`; return the future of their commit (its exception: `write`'s).

        The future cannot be cancelled: the rows are committed whether or not anyone still
        waits (a client gone, a request over its budget), and the writer then completes
        the futures of every request in the same transaction.
        """
        done: Future[None] = Future()
        done.set_running_or_notify_cancel()
        with self._ready:
            self._pending.append((records, done))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="yalu-audit-writer", daemon=True
                )
                self._thread.start()
            self._ready.notify()
        return done

    def _take(self) -> list[tuple[list[ScreeningRecord], Future[None]]]:
        """Wait for requests; return those waiting now (up to `MAX_ROWS_PER_COMMIT` rows)."""
        with self._ready:
            while not self._pending:
                self._ready.wait()
            taken: list[tuple[list[ScreeningRecord], Future[None]]] = []
            rows = 0
            while self._pending and (
                not taken or rows + len(self._pending[0][0]) <= MAX_ROWS_PER_COMMIT
            ):
                item = self._pending.pop(0)
                taken.append(item)
                rows += len(item[0])
            return taken

    def _run(self) -> None:
        from yalu.screening.audit import add_screenings

        while True:
            batch = self._take()
            try:
                with self._open_store() as store:
                    add_screenings(store, [record for records, _ in batch for record in records])
            except BaseException as exc:  # each waiting request re-raises it
                for _, done in batch:
                    done.set_exception(exc)
            else:
                for _, done in batch:
                    done.set_result(None)
