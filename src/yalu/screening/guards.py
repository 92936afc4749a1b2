"""Refuse a suspicious new list version before it replaces the active one.

A reader refuses a file it cannot parse; these checks catch files that parse but are not
the whole list, by comparing the new version with the one in use:

- **duplicate ids**: two entities with one id (a repeated line or record);
- **shrink**: the entity count drops by more than `max_shrink` (a share, 0.10 = 10%);
- **cut short**: the new entities are the first entities of the active version, in the same
  order and unchanged (but the last, which a cut may have shortened), and nothing else:
  what a file cut at a record boundary looks like, whatever the share lost. A real update
  that drops the last entries also amends, adds or removes others, and passes.

Each refusal is one line saying what is wrong and how to load the file anyway
(`--allow-shrink`, `--allow-duplicates`). The checks read no settings and no database: the
caller passes the active version's entity ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from yalu.core.errors import ListFormatError
from yalu.models.screening import Entity, ListSnapshot

DEFAULT_MAX_SHRINK = 0.10
"""Largest share of entities a new version may lose without `--allow-shrink`."""


@dataclass(frozen=True, slots=True)
class LoadGuards:
    """Which checks a load runs, and their limit.

    Attributes:
        max_shrink: share (0..1) of the active version's entities a new version may lose.
        allow_shrink: load a version that shrinks more, or looks cut short.
        allow_duplicates: load a version whose entities repeat an id.
    """

    max_shrink: float = DEFAULT_MAX_SHRINK
    allow_shrink: bool = False
    allow_duplicates: bool = False


@dataclass(frozen=True, slots=True)
class ActiveList:
    """What the new version is compared with: the active version of the same list.

    Attributes:
        label: the version as people read it (`ListVersion.label`).
        entity_ids: its entity ids in load (file) order.
        entities: returns its entities in load order; read only when the new version's ids
            are the first ids of this one (None: compare ids alone).
    """

    label: str
    entity_ids: Sequence[str]
    entities: Callable[[], Iterable[Entity]] | None = None


DEFAULT_GUARDS = LoadGuards()
"""Every check on, shrink limit `DEFAULT_MAX_SHRINK`."""


def check_new_version(
    snapshot: ListSnapshot, active: ActiveList | None, guards: LoadGuards = DEFAULT_GUARDS
) -> None:
    """Raise unless `snapshot` may replace `active` (None for a list never loaded).

    Raises:
        ListFormatError: the snapshot repeats an id, shrinks by more than
            `guards.max_shrink`, or holds only the first entities of the active version.
    """
    where = snapshot.path or snapshot.source
    if not guards.allow_duplicates:
        _check_unique_ids(snapshot, where)
    if active is None or guards.allow_shrink:
        return
    before, after = len(active.entity_ids), len(snapshot.entities)
    if before and (before - after) / before > guards.max_shrink:
        raise ListFormatError(
            f"{snapshot.source} would drop from {before:,} to {after:,} entities "
            f"({100 * (after - before) / before:+.1f}%), more than the "
            f"{100 * guards.max_shrink:g}% allowed (list_max_shrink), so it was not loaded",
            path=where,
            hint=f"Check the file is complete. If the list really shrank, load it with "
            f"--allow-shrink. Version {active.label} stays active",
        )
    if after < before and _is_cut_short(snapshot, active):
        raise ListFormatError(
            f"{snapshot.source} holds only the first {after:,} of the {before:,} entities of "
            f"the active version, in the same order: the file looks cut short, so it was "
            f"not loaded",
            path=where,
            hint=f"Download it again. If the list really lost its last entries, load it "
            f"with --allow-shrink. Version {active.label} stays active",
        )


def _check_unique_ids(snapshot: ListSnapshot, where: str) -> None:
    counts = Counter(entity.id for entity in snapshot.entities)
    repeated = [(entity_id, n) for entity_id, n in counts.items() if n > 1]
    if not repeated:
        return
    entity_id, times = repeated[0]
    others = f" (and {len(repeated) - 1:,} more ids)" if len(repeated) > 1 else ""
    raise ListFormatError(
        f"entity id {entity_id!r} appears {times} times{others}: the file repeats records, "
        f"so it was not loaded",
        path=where,
        hint="Download it again. If the publisher really repeats ids, load it with "
        "--allow-duplicates",
    )


def _is_cut_short(snapshot: ListSnapshot, active: ActiveList) -> bool:
    """Return True when the snapshot is the start of the active version and nothing else."""
    pairs = zip(snapshot.entities, active.entity_ids, strict=False)
    if any(entity.id != active_id for entity, active_id in pairs):
        return False
    if active.entities is None:
        return True
    # The last new entity may have lost part of its record; every other must be unchanged.
    kept = snapshot.entities[:-1]
    return all(
        _content(new) == _content(old) for new, old in zip(kept, active.entities(), strict=False)
    )


def _content(entity: Entity) -> Entity:
    """Return the entity without the version label, which differs between versions."""
    return replace(entity, source_version="")
