"""Refuse a suspicious new list version before it replaces the active one.

A reader refuses a file it cannot parse; these checks catch files that parse but are not
the whole list, by comparing the new version with the one in use:

- **duplicate ids**: two entities with one id (a repeated line or record);
- **shrink**: the entity count drops by more than `max_shrink` (a share, 0.10 = 10%);
- **cut short**: the new entities are the first entities of the active version, in the same
  order and unchanged, but the last, which may have lost data (values dropped or cut at
  their end), and nothing else: what a file cut at a record boundary, or inside its last
  record, looks like, whatever the share lost. A real update also amends, adds or removes
  other entries, and passes.

Each refusal is one line saying what is wrong and how to load the file anyway
(`--allow-shrink`, `--allow-duplicates`). The checks read no settings and no database: the
caller passes the active version's entity ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from itertools import islice

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
            `guards.max_shrink`, or is the active version cut short.
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
    cut = _cut_short(snapshot, active)
    if cut is not None:
        raise ListFormatError(
            f"{snapshot.source} {cut}: the file looks cut short, so it was not loaded",
            path=where,
            hint=f"Download it again. If the list really lost these entries or data, load "
            f"it with --allow-shrink. Version {active.label} stays active",
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


def _cut_short(snapshot: ListSnapshot, active: ActiveList) -> str | None:
    """Return how the snapshot looks like the active version cut short, or None.

    Cut short: its ids are the first ids of the active version, in order; every entity but
    the last is unchanged; the last is unchanged or only lost data (a cut inside its
    record); and it is not the whole active version, unchanged.
    """
    new, before = snapshot.entities, len(active.entity_ids)
    if not new or len(new) > before:
        return None
    if any(e.id != active_id for e, active_id in zip(new, active.entity_ids, strict=False)):
        return None
    shorter = (
        f"holds only the first {len(new):,} of the {before:,} entities of the active "
        f"version, in the same order"
    )
    if active.entities is None:  # ids alone: only a shorter list can be told
        return shorter if len(new) < before else None
    old = list(islice(active.entities(), len(new)))
    if any(_content(n) != _content(o) for n, o in zip(new[:-1], old[:-1], strict=True)):
        return None
    last, was = new[-1], old[-1]
    if not _only_lost(_content(last), _content(was)):
        return None
    if len(new) < before:
        return shorter
    if _content(last) == _content(was):
        return None  # the same list again
    return f"differs from the active version only by data missing from its last entity ({last.id})"


def _only_lost(new: object, old: object) -> bool:
    """Return True when `new` is `old`, or `old` with values dropped or cut at their end."""
    if isinstance(new, str) and isinstance(old, str):
        return old.startswith(new)
    if isinstance(new, tuple) and isinstance(old, tuple):
        return all(any(_only_lost(item, was) for was in old) for item in new)
    if is_dataclass(new) and type(new) is type(old):
        return all(
            _only_lost(getattr(new, field.name), getattr(old, field.name)) for field in fields(new)
        )
    return new is None or new == old


def _content(entity: Entity) -> Entity:
    """Return the entity without the version label, which differs between versions."""
    return replace(entity, source_version="")
