"""Roll a list back to an earlier stored version, and prune the versions no longer needed.

Every load keeps the versions it replaces, inactive, so a bad list can be rolled back in
one transaction. Old versions take space (a daily OFAC update adds ~9,000 entity rows), so
`prune` keeps `keep` versions of each list, the active one and the newest others, and
deletes the rest, except those an audit row cites: a screening must stay reviewable
against the exact list it was screened with, so those are kept unless `force`.

Audit rows cite versions by id in a JSON column: each `(table, column)` of
`VERSION_CITATIONS` holds a JSON array of `{"id": ...}` objects. A module that adds a table
citing versions appends it there.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass

from yalu.core.errors import InputError, NotFoundError
from yalu.models.audit import short_version
from yalu.screening.store import ListVersion, Store

logger = logging.getLogger(__name__)

VERSION_CITATIONS: tuple[tuple[str, str], ...] = (
    ("screenings", "list_versions"),
    ("goods_verdicts", "list_versions"),
)
"""(table, JSON column) pairs whose rows cite list versions by id."""


@dataclass(frozen=True, slots=True)
class RollbackReport:
    """A rollback: the version now active and the one it replaced (kept, inactive)."""

    active: ListVersion
    replaced: ListVersion

    @property
    def summary(self) -> str:
        """Return one line for people."""
        return (
            f"{self.active.source} is back to version {self.active.version} "
            f"(id {self.active.id}, {self.active.entity_count:,} entities, loaded "
            f"{self.active.loaded_at}); version {self.replaced.version} "
            f"(id {self.replaced.id}) stays stored, inactive"
        )


@dataclass(frozen=True, slots=True)
class PruneReport:
    """What a prune deleted, and the old versions it kept because audit rows cite them."""

    deleted: tuple[ListVersion, ...]
    kept_cited: tuple[ListVersion, ...]
    size_before: int | None = None
    size_after: int | None = None

    @property
    def entity_count(self) -> int:
        """Return how many entity rows were deleted."""
        return sum(version.entity_count for version in self.deleted)


def rollback(store: Store, source: str, version: str | None = None) -> RollbackReport:
    """Make an earlier version of `source` the active one again, in one transaction.

    Args:
        store: the open screening store.
        source: the list's short name (`ofac_sdn`).
        version: the version to make active: its id (`lists status --all` shows them),
            its version text, or a unique start of it (`2026-02-27`, `sha256 2a08`).
            None: the version loaded just before the active one.

    Raises:
        NotFoundError: `source` has no active version, no earlier version, or no version
            matching `version`.
        InputError: `version` matches several versions, or is the active one.
    """
    active = store.active_version(source)
    if active is None:
        known = ", ".join(sorted({v.source for v in store.versions()})) or "none"
        raise NotFoundError(
            f"no version of {source!r} is active",
            hint=f"Lists with versions: {known}. `yalu lists status --all` shows them",
        )
    versions = [v for v in store.versions() if v.source == source]
    target = _pick(versions, active, version)
    with store.transaction():
        store.activate(target.id)
    report = RollbackReport(store.version(target.id), store.version(active.id))
    logger.info("rolled back: %s", report.summary)
    return report


def _pick(versions: list[ListVersion], active: ListVersion, wanted: str | None) -> ListVersion:
    """Return the version `wanted` names, or the one before `active`."""
    hint = "`yalu lists status --all` lists every version with its id"
    if wanted is None:
        earlier = [v for v in versions if v.id < active.id]
        if not earlier:
            raise NotFoundError(
                f"{active.source} has no version older than the active one "
                f"({active.version}, id {active.id})",
                hint=hint,
            )
        return max(earlier, key=lambda v: v.id)
    text = wanted.strip()
    found = [v for v in versions if str(v.id) == text]
    found = found or [v for v in versions if text in (v.version, short_version(v.version))]
    found = found or [v for v in versions if v.version.startswith(text)]
    if not found:
        raise NotFoundError(f"{active.source} has no version {text!r}", hint=hint)
    if len(found) > 1:
        ids = ", ".join(str(v.id) for v in found)
        raise InputError(
            f"{text!r} matches {len(found)} versions of {active.source} (ids {ids})",
            hint="Give the version's id instead",
        )
    if found[0].id == active.id:
        raise InputError(
            f"version {found[0].version} (id {active.id}) of {active.source} is already active",
            hint=hint,
        )
    return found[0]


def cited_version_ids(store: Store) -> set[int]:
    """Return the ids of the list versions that audit rows cite."""
    cited: set[int] = set()
    for table, column in VERSION_CITATIONS:
        rows = store.connection.execute(f"SELECT DISTINCT {column} AS used FROM {table}")
        for row in rows:
            for item in json.loads(row["used"]):
                if isinstance(item, dict) and isinstance(item.get("id"), int):
                    cited.add(item["id"])
    return cited


def prune(store: Store, keep: int, *, actor: str, force: bool = False) -> PruneReport:
    """Delete old list versions: keep `keep` per list, the active one and the newest others.

    Versions that audit rows cite are kept unless `force`. Each deleted version is first
    retired from the audit chain (so `yalu audit verify` accepts its absence), all in one
    transaction; afterwards SQLite gives the space back to the file system (VACUUM).

    Args:
        store: the open screening store.
        keep: versions kept per list (at least 1): the active version, then the newest
            others (after a rollback the active version is not the newest).
        actor: who prunes (`cli:<os user>`), recorded with each retirement.
        force: delete cited versions too (their audit rows keep the version's id, source
            and label, but the entities can no longer be shown).

    Raises:
        InputError: `keep` is below 1.
        StoreError: the database failed; nothing was deleted.
    """
    if keep < 1:
        raise InputError(
            f"--keep {keep} would delete every version", hint="Keep at least 1 per list"
        )
    by_source: defaultdict[str, list[ListVersion]] = defaultdict(list)
    for version in store.versions():  # newest first
        by_source[version.source].append(version)
    old: list[ListVersion] = []
    for versions in by_source.values():
        room = keep - any(version.is_active for version in versions)
        old += [version for version in versions if not version.is_active][room:]
    cited = set() if force else cited_version_ids(store)
    deleted = tuple(version for version in old if version.id not in cited)
    kept_cited = tuple(version for version in old if version.id in cited)
    size_before = store.connection.size_bytes()
    if deleted:
        with store.transaction():
            for version in deleted:
                store.retire_chained(
                    "list_versions", version.id, actor=actor, reason=f"pruned: keep {keep}"
                )
            store.delete_versions([version.id for version in deleted])
        store.connection.compact()
    report = PruneReport(deleted, kept_cited, size_before, store.connection.size_bytes())
    logger.info("pruned %d versions, kept %d cited ones", len(deleted), len(kept_cited))
    return report
