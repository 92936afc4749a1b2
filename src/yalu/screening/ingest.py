"""Load a parsed list into the store as a new version, atomically.

A list becomes active only when every entity is written: the version, its entities and the
switch of the active flag share one transaction. An empty list is refused, and any error rolls
the whole load back, so the last good version stays in use.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from yalu.core.actor import cli_actor
from yalu.core.errors import ListFormatError
from yalu.core.progress import ProgressCallback
from yalu.models.screening import ListSnapshot
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
        line = (
            f"{self.loaded.source} {self.loaded.version or '(no version)'}: "
            f"{self.loaded.entity_count} entities from {self.loaded.path} "
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
    actor: str | None = None,
) -> IngestReport:
    """Write `snapshot` as a new version of its source and make it the active one.

    Args:
        snapshot: a list parsed by `yalu.formats.read_list` (readers raise on bad files).
        store: the open screening store.
        on_progress: called with the number of entities written so far.
        obtained: "loaded" from a file the user gave, or "retrieved" from the publisher.
        actor: who loads it, recorded with the version; None is the command line's user
            (`cli:<os user>`), the server passes the API key's name.

    Raises:
        ListFormatError: the snapshot holds no entities (an empty or truncated file).
        StoreError: the database failed; nothing was written.
    """
    where = snapshot.path or snapshot.source
    if not snapshot.entities:
        raise ListFormatError(
            "the list holds no entities, so it was not loaded",
            path=where,
            hint=f"Check the file is complete. {kept_version_note(store, snapshot.source)}",
        )
    started = time.perf_counter()
    with store.transaction():
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
            actor=actor if actor is not None else cli_actor(),
            on_progress=on_progress,
        )
        replaced = store.activate(new.id)
    loaded = store.version(new.id)
    report = IngestReport(loaded, replaced, time.perf_counter() - started)
    logger.info("loaded %s", report.summary)
    return report
