"""Load parsed lists into the store as new versions, atomically.

A list becomes active only when every entity is written: the versions, their entities and
the switch of the active flags share one transaction, also when several lists are loaded
together (`ingest_many`). An empty list, or one the guards find suspicious (repeated ids, a
large shrink, a file cut short: `yalu.screening.guards`), is refused before anything is
written, and any error rolls the whole load back, so the last good versions stay in use.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from yalu.core.actor import cli_actor
from yalu.core.errors import ListFormatError
from yalu.core.progress import ProgressCallback
from yalu.models.screening import ListSnapshot
from yalu.screening.guards import DEFAULT_GUARDS, ActiveList, LoadGuards, check_new_version
from yalu.screening.store import ListVersion, Obtained, Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: the new active version and the one it replaced."""

    loaded: ListVersion
    replaced: ListVersion | None
    duration_s: float

    @property
    def summary(self) -> str:
        """Return one line for humans: source, version, count and what it replaced."""
        return self.summary_from(self.loaded.path)

    def summary_from(self, path: str) -> str:
        """Return the summary naming the file as `path` (as the user typed it, say)."""
        line = (
            f"{self.loaded.source} {self.loaded.version or '(no version)'}: "
            f"{self.loaded.entity_count} entities from {path} "
            f"in {self.duration_s:.1f}s"
        )
        if self.replaced is not None:
            line += f" (replaces version {self.replaced.version or self.replaced.id})"
        return line


def kept_version_note(store: Store, source: str | None) -> str:
    """Return a sentence saying which version of `source` (or which lists) stay in use."""
    if source is not None:
        active = store.active_version(source)
        if active is not None:
            return (
                f"The previous version of {source} ({active.version or active.id}, "
                f"loaded {active.loaded_at}) stays active"
            )
        return f"No version of {source} was loaded"
    return "The lists already loaded stay active"


def ingest(
    snapshot: ListSnapshot,
    store: Store,
    on_progress: ProgressCallback | None = None,
    *,
    obtained: Obtained = "loaded",
    guards: LoadGuards = DEFAULT_GUARDS,
    actor: str | None = None,
) -> IngestReport:
    """Write `snapshot` as a new version of its source and make it the active one.

    Args:
        snapshot: a list parsed by `yalu.formats.read_list` (readers raise on bad files).
        store: the open screening store.
        on_progress: called with the number of entities written so far.
        obtained: "loaded" from a file the user gave, or "retrieved" from the publisher.
        guards: the checks against the active version (`yalu.screening.guards`).
        actor: who loads it, recorded with the version; None is the command line's user
            (`cli:<os user>`), the server passes the API key's name.

    Raises:
        ListFormatError: the snapshot holds no entities (an empty or truncated file), or
            fails a guard (repeated ids, a shrink beyond `guards.max_shrink`, cut short).
        StoreError: the database failed; nothing was written.
    """
    return ingest_many(
        [snapshot], store, on_progress, obtained=obtained, guards=guards, actor=actor
    )[0]


def ingest_many(
    snapshots: Sequence[ListSnapshot],
    store: Store,
    on_progress: ProgressCallback | None = None,
    *,
    obtained: Obtained = "loaded",
    guards: LoadGuards = DEFAULT_GUARDS,
    actor: str | None = None,
) -> list[IngestReport]:
    """Load several lists as new active versions in one transaction: all of them, or none.

    The versions are checked, written and switched in a single transaction, so a refusal,
    a failure, or a process killed half-way leaves every list as it was: the store never
    holds lists of two different loads. Each snapshot is checked against the version of its
    list active at that point: two versions of one list load in the order given, the
    second checked against the first.

    Args:
        snapshots: lists parsed by `yalu.formats.read_list`, in the order to load them.
        store: the open screening store.
        on_progress: called with the number of entities written so far, over all lists.
        obtained: "loaded" from files the user gave, or "retrieved" from the publisher.
        guards: the checks against the active versions (`yalu.screening.guards`).
        actor: who loads them, recorded with each version; None is the command line's user
            (`cli:<os user>`), the server passes the API key's name.

    Returns:
        One report per snapshot, in the order given.

    Raises:
        ListFormatError: a snapshot holds no entities or fails a guard; nothing is written.
        StoreError: the database failed; nothing was written.
    """
    written = 0

    def report_progress(done: int) -> None:
        if on_progress is not None:
            on_progress(written + done)

    who = actor if actor is not None else cli_actor()
    reports: list[tuple[int, ListVersion | None, float]] = []
    with store.transaction():
        for number, snapshot in enumerate(snapshots, start=1):
            started = time.perf_counter()
            _check_snapshot(snapshot, store, guards)  # against the version active now
            new = store.add_version(
                source=snapshot.source,
                version=snapshot.version,
                format=snapshot.format,
                path=snapshot.path,
                entities=snapshot.entities,
                published=snapshot.published,
                newest_entry=snapshot.newest_entry,
                digest=snapshot.digest,
                obtained=obtained,
                actor=who,
                on_progress=report_progress,
            )
            replaced = store.activate(new.id)
            written += len(snapshot.entities)
            reports.append((new.id, replaced, time.perf_counter() - started))
            logger.info(
                "wrote %s (%d entities); %d more lists to write before the commit",
                snapshot.source,
                len(snapshot.entities),
                len(snapshots) - number,
            )
    done = [IngestReport(store.version(i), replaced, s) for i, replaced, s in reports]
    for report in done:
        logger.info("loaded %s", report.summary)
    return done


def _check_snapshot(snapshot: ListSnapshot, store: Store, guards: LoadGuards) -> None:
    """Refuse an empty snapshot, or one that fails a guard against the active version."""
    where = snapshot.path or snapshot.source
    if not snapshot.entities:
        raise ListFormatError(
            "the list holds no entities, so it was not loaded",
            path=where,
            hint=f"Check the file is complete. {kept_version_note(store, snapshot.source)}",
        )
    active = store.active_version(snapshot.source)
    compared = None
    if active is not None:
        version_id = active.id
        compared = ActiveList(
            label=active.version or str(active.id),
            entity_ids=store.entity_ids(version_id),
            entities=lambda: store.entities([version_id]),
        )
    check_new_version(snapshot, compared, guards)
