"""Compare two versions of a list by meaning: entries added, removed and changed.

Raw XML or CSV differs between two publications of a list for reasons that change nothing:
whitespace, the order of elements, version counters and update stamps. An entry here is what
the reader kept of it (`models.screening.Entity`), and two entries are compared field by
field after `entity_meaning` has made each field comparable: text with its runs of
whitespace collapsed, Unicode composed (NFC) and case folded; repeated fields (aliases,
dates, identifiers, programmes, addresses, ...) as sets, so their order is no change. The
primary name is the field `name`, the other strong names `aliases`. `id`, `source` and
`source_version` are never compared. A field a newer reader adds to `Entity` is compared
the same way, without a change here.

`entity_fingerprint` digests an entry's meaning: decisions and monitored matches store it,
so "the list entry changed" is a comparison of two digests.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from yalu.core.errors import InputError, NotFoundError
from yalu.models.audit import short_version
from yalu.models.screening import Entity, Identifier
from yalu.screening.store import ListVersion, Store

__all__ = [
    "EntityChange",
    "EntitySummary",
    "FieldChange",
    "ListDiff",
    "comparable_text",
    "diff_entities",
    "diff_list",
    "diff_versions",
    "entity_fingerprint",
    "entity_meaning",
    "resolve_version",
]

_NOT_COMPARED = frozenset({"id", "source", "source_version"})

Meaning = dict[str, tuple[str, ...]]
"""Each compared field as a sorted tuple of comparable texts (one item for a single value)."""


def comparable_text(text: str) -> str:
    """Return `text` with whitespace collapsed, composed (NFC) and case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _shown(text: str) -> str:
    """Return `text` with whitespace collapsed, for people."""
    return " ".join(text.split())


def _items(value: object) -> list[str]:
    """Return the texts of one field value: a scalar gives one (or none), a tuple each item."""
    if value is None or value == "":
        return []
    if isinstance(value, tuple | list):
        return [text for item in value for text in _items(item)]
    if isinstance(value, Identifier):
        # Its kind, comparable value and country: `IMO 9066978` and `9066978` are one number.
        return [" ".join(part for part in (value.kind, value.normalized, value.country) if part)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [json.dumps(dataclasses.asdict(value), ensure_ascii=False, sort_keys=True)]
    return [str(value)]


def _fields(entity: Entity) -> dict[str, list[str]]:
    """Return every compared field of `entity` as display texts, in a fixed order."""
    found: dict[str, list[str]] = {
        "name": _items(entity.names[:1]),
        "aliases": _items(entity.names[1:]),
    }
    for field in dataclasses.fields(entity):
        if field.name in _NOT_COMPARED or field.name == "names":
            continue
        found[field.name] = _items(getattr(entity, field.name))
    return found


def entity_meaning(entity: Entity) -> Meaning:
    """Return what an entry says, field by field, in a form two versions can compare."""
    return {
        name: tuple(sorted({comparable_text(text) for text in texts}))
        for name, texts in _fields(entity).items()
    }


def entity_fingerprint(entity: Entity) -> str:
    """Return the SHA-256 (hex) of an entry's meaning: equal for entries that say the same."""
    canonical = json.dumps(entity_meaning(entity), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entry added or removed: its list id and primary name."""

    entity_id: str
    name: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """What changed in one field: the values it gained and those it lost."""

    field: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityChange:
    """An entry present in both versions whose meaning changed."""

    entity_id: str
    name: str
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Return the names of the fields that changed, in `Entity` order."""
        return tuple(change.field for change in self.changes)


@dataclass(frozen=True, slots=True)
class ListDiff:
    """The entries added, removed and changed between two versions of one list.

    Attributes:
        source: the list's short name.
        from_version: the older version, None when `to_version` is the first one.
        to_version: the newer version.
        added, removed, changed: by entity id.
        entities: the entries added or changed, as `to_version` has them (the monitor
            re-screens against these).
        removed_entities: the entries removed, as `from_version` had them.
    """

    source: str
    from_version: ListVersion | None
    to_version: ListVersion
    added: tuple[EntitySummary, ...]
    removed: tuple[EntitySummary, ...]
    changed: tuple[EntityChange, ...]
    entities: tuple[Entity, ...] = ()
    removed_entities: tuple[Entity, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Return True when the two versions say the same."""
        return not (self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        """Return the diff as `yalu lists diff --format json` and the API give it."""
        return {
            "source": self.source,
            "from": self.from_version.version if self.from_version is not None else None,
            "to": self.to_version.version,
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
            "added": [{"entity_id": e.entity_id, "name": e.name} for e in self.added],
            "removed": [{"entity_id": e.entity_id, "name": e.name} for e in self.removed],
            "changed": [
                {
                    "entity_id": change.entity_id,
                    "name": change.name,
                    "fields": list(change.fields),
                    "changes": {
                        item.field: {"added": list(item.added), "removed": list(item.removed)}
                        for item in change.changes
                    },
                }
                for change in self.changed
            ],
        }


def _field_change(name: str, old: list[str], new: list[str]) -> FieldChange | None:
    """Return how a field changed, or None when it means the same."""
    old_by_key = {comparable_text(text): _shown(text) for text in old}
    new_by_key = {comparable_text(text): _shown(text) for text in new}
    if old_by_key.keys() == new_by_key.keys():
        return None
    added = tuple(sorted(new_by_key[key] for key in new_by_key.keys() - old_by_key.keys()))
    removed = tuple(sorted(old_by_key[key] for key in old_by_key.keys() - new_by_key.keys()))
    return FieldChange(name, added, removed)


def compare_entities(old: Entity, new: Entity) -> tuple[FieldChange, ...]:
    """Return the fields whose meaning differs between two versions of one entry."""
    old_fields, new_fields = _fields(old), _fields(new)
    changes = []
    for name in dict.fromkeys([*new_fields, *old_fields]):
        change = _field_change(name, old_fields.get(name, []), new_fields.get(name, []))
        if change is not None:
            changes.append(change)
    return tuple(changes)


def _by_id(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Return entries by id; a repeated id keeps its first entry, as screening shows both."""
    found: dict[str, Entity] = {}
    for entity in entities:
        found.setdefault(entity.id, entity)
    return found


def diff_entities(
    old: Iterable[Entity],
    new: Iterable[Entity],
    *,
    source: str,
    from_version: ListVersion | None,
    to_version: ListVersion,
) -> ListDiff:
    """Return the entries of `new` added, removed or changed in meaning since `old`.

    Entries are paired by id; each list of the result is sorted by id.
    """
    before, after = _by_id(old), _by_id(new)
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed: list[EntityChange] = []
    for entity_id in sorted(after.keys() & before.keys()):
        changes = compare_entities(before[entity_id], after[entity_id])
        if changes:
            changed.append(EntityChange(entity_id, after[entity_id].caption, changes))
    return ListDiff(
        source=source,
        from_version=from_version,
        to_version=to_version,
        added=tuple(EntitySummary(i, after[i].caption) for i in added),
        removed=tuple(EntitySummary(i, before[i].caption) for i in removed),
        changed=tuple(changed),
        entities=tuple(after[i] for i in sorted([*added, *(c.entity_id for c in changed)])),
        removed_entities=tuple(before[i] for i in removed),
    )


def diff_versions(
    store: Store, from_version: ListVersion | None, to_version: ListVersion
) -> ListDiff:
    """Return what changed between two stored versions of one list (None: everything added).

    Raises:
        InputError: the two versions belong to different lists.
    """
    if from_version is not None and from_version.source != to_version.source:
        raise InputError(
            f"version {from_version.id} is of {from_version.source}, not {to_version.source}",
            hint="Compare two versions of the same list",
        )
    old = store.entities([from_version.id]) if from_version is not None else iter(())
    return diff_entities(
        old,
        store.entities([to_version.id]),
        source=to_version.source,
        from_version=from_version,
        to_version=to_version,
    )


def resolve_version(store: Store, source: str, text: str | None) -> ListVersion:
    """Return the version of `source` named by `text`; None or "" means the active one.

    `text` is the version as `yalu lists status --all` shows it (`2026-02-27T00:00:09.554Z`),
    its short form (`2026-02-27`, `sha256:2a08fac8`) or the stored version number (`12`).
    When one label was loaded twice (the same content), the newest load is taken.

    Raises:
        NotFoundError: `source` was never loaded, or has no such version.
    """
    versions = [version for version in store.versions() if version.source == source]
    if not versions:
        raise NotFoundError(
            f"the list {source} was never loaded",
            hint="`yalu lists status` shows the lists loaded",
        )
    if not text:
        active = next((version for version in versions if version.is_active), None)
        if active is None:  # pragma: no cover - a loaded list always has an active version
            raise NotFoundError(f"the list {source} has no active version")
        return active
    wanted = text.strip()
    for version in versions:  # newest first
        labels = {version.version, short_version(version.version), str(version.id)}
        if wanted in labels:
            return version
    raise NotFoundError(
        f"the list {source} has no version '{wanted}'",
        hint="`yalu lists status --all` shows every version loaded",
    )


def previous_version(store: Store, version: ListVersion) -> ListVersion | None:
    """Return the version of the same list loaded just before `version`, or None."""
    older = [
        other
        for other in store.versions()
        if other.source == version.source and other.id < version.id
    ]
    return older[0] if older else None


def diff_list(
    store: Store, source: str, *, from_text: str | None = None, to_text: str | None = None
) -> ListDiff:
    """Return what changed in `source`: by default its active version against the one before.

    Args:
        store: the open screening store.
        source: the list's short name (`un_sc`, `ofac_sdn`, ...).
        from_text: the older version (see `resolve_version`); by default the version loaded
            just before `to_text`, or none (everything added) for a first load.
        to_text: the newer version; by default the active one.

    Raises:
        NotFoundError: `source` was never loaded, or has no such version.
    """
    to_version = resolve_version(store, source, to_text)
    if from_text:
        from_version: ListVersion | None = resolve_version(store, source, from_text)
    else:
        from_version = previous_version(store, to_version)
    return diff_versions(store, from_version, to_version)
