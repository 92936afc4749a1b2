"""Monitoring: re-screen the monitored subjects against what a list update changed.

`add_subjects` screens new subjects once against every active list and records their matches,
raising no alert. `rescreen` brings the recorded matches up to the active list versions: for
each list whose active version differs from the one the matches were last brought up to
(its baseline, `monitor_baselines`), it compares the two versions (`diff.py`) and screens
every subject against the entries added or changed only, never the whole list. Each result
that differs from what was recorded is an alert:

- `new_match`: a match the subject did not have;
- `changed_match`: a match whose list entry changed (also a false positive an analyst had
  cleared, once its entry changes; and a match the change took away);
- `delisted`: a match whose entry was removed.

The entries are indexed on their own with the word weights of the index over every active
list (`ScreeningIndex.build(..., weigh_as=...)`), so each scores exactly as `yalu screen`
scores it. The baselines move only when the alerts and matches are written, in the same
transaction, so a run that fails or is killed is simply done again by the next one.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from yalu.core.errors import InputError, StoreError
from yalu.core.progress import ProgressCallback
from yalu.models.screening import Entity, Match, Query
from yalu.screening.alerts import ALERT_KINDS, Alert, AlertKind, NewAlert, add_alerts
from yalu.screening.decisions import (
    DecisionRecord,
    apply_decisions,
    entry_lookup,
    latest_decisions,
)
from yalu.screening.diff import ListDiff, diff_versions, entity_fingerprint
from yalu.screening.search import ScreeningIndex
from yalu.screening.service import LoadedIndex, load_active_index
from yalu.screening.store import ListVersion, Store
from yalu.screening.subjects import (
    RecordedMatch,
    count_subjects,
    delete_match,
    existing_ids,
    iter_subjects,
    move_baselines,
    read_baselines,
    read_matches,
    save_baselines,
    save_matches,
    save_subjects,
    subject_names,
)

logger = logging.getLogger(__name__)

CANDIDATES = 100
"""Candidates kept per subject: every one at or above the threshold counts, not the top 5."""

Key = tuple[str, str]
"""(list, entity id)."""


@dataclass(frozen=True, slots=True)
class AddReport:
    """What `add_subjects` did."""

    added: int
    replaced: int
    matching: int
    """Subjects that match at least one list entry now (recorded, no alert)."""
    screened: bool
    """False when no list is loaded yet: the first load will raise their matches."""


@dataclass(frozen=True, slots=True)
class ListChange:
    """One list brought up to date: its old and new versions and how many entries changed."""

    source: str
    from_version: ListVersion | None
    to_version: ListVersion
    added: int
    changed: int
    removed: int


@dataclass(frozen=True, slots=True)
class MonitorRun:
    """What one `rescreen` did: the lists it caught up with, the subjects and the alerts."""

    lists: tuple[ListChange, ...]
    subjects: int
    entries: int
    """Entries added or changed that the subjects were screened against."""
    alerts: tuple[Alert, ...]

    @property
    def summary(self) -> str:
        """Return one line: subjects, the entries they met, and the alerts by kind."""
        if not self.lists:
            return "Monitoring: the monitored subjects are up to date with the active lists"
        if not self.subjects:
            return "Monitoring: no subjects are monitored (`yalu monitor add FILE.csv`)"
        kinds = [alert.kind for alert in self.alerts]
        counted = ", ".join(f"{kinds.count(k)} {k}" for k in ALERT_KINDS if k in kinds)
        lists = "; ".join(
            f"{c.source}: {c.added:,} added, {c.changed:,} changed, {c.removed:,} removed"
            for c in self.lists
        )
        alerts = f"{len(self.alerts):,} alert{'' if len(self.alerts) == 1 else 's'}"
        return (
            f"Monitoring: {self.subjects:,} subjects re-screened against the {self.entries:,} "
            f"entries added or changed ({lists}): {alerts}" + (f" ({counted})" if counted else "")
        )


def add_subjects(
    store: Store,
    queries: Sequence[Query],
    *,
    threshold: float,
    at: str,
    by: str,
    loaded: LoadedIndex | None = None,
    on_progress: ProgressCallback | None = None,
) -> AddReport:
    """Add or replace monitored subjects, screen them once and record their matches.

    Args:
        store: the open screening store.
        queries: the subjects, each with its own id (`subjects.read_subjects_file`).
        threshold: score in 0..1 at or above which a candidate is a match.
        at: when (ISO time, UTC).
        by: who adds them (`cli:<os user>`, an API key's name).
        loaded: the index over the active lists, if the caller has it.
        on_progress: called with the number of subjects screened so far.

    Raises:
        InputError: no subjects, or two with one id.
        StoreError: the database failed; nothing was added.
    """
    if not queries:
        raise InputError("no subjects to add", hint="Give a CSV file with id and name columns")
    ids = [query.id for query in queries]
    if len(set(ids)) != len(ids):
        raise InputError("two subjects have the same id", hint="Give each subject its own id")
    replaced = len(existing_ids(store, ids))
    was_empty = count_subjects(store) == 0
    active = store.active_versions()
    recorded: list[RecordedMatch] = []
    if active:
        loaded = loaded or load_active_index(store)
        recorded = _screen_all(store, loaded, queries, threshold, on_progress)
    with store.transaction():
        save_subjects(store, queries, at=at, by=by)
        save_matches(store, recorded)
        if was_empty:
            save_baselines(store, {version.source: version.id for version in active})
    return AddReport(
        added=len(queries) - replaced,
        replaced=replaced,
        matching=len({match.subject_id for match in recorded}),
        screened=bool(active),
    )


def _screen_all(
    store: Store,
    loaded: LoadedIndex,
    queries: Sequence[Query],
    threshold: float,
    on_progress: ProgressCallback | None,
) -> list[RecordedMatch]:
    """Return the matches of each subject against every active list."""
    decisions = latest_decisions(store, subject_ids=[query.id for query in queries])
    find = entry_lookup(loaded.index.entities)
    recorded: list[RecordedMatch] = []
    for done, query in enumerate(queries, start=1):
        found = loaded.index.screen(query, threshold=threshold, limit=CANDIDATES)
        for match in apply_decisions(query, found, decisions, find):
            entity = find(match.list, match.entity_id)
            if match.is_match and entity is not None:
                recorded.append(_recorded(query.id, entity, match.score))
        if on_progress is not None:
            on_progress(done)
    return recorded


def _recorded(subject_id: str, entity: Entity, score: float) -> RecordedMatch:
    return RecordedMatch(
        subject_id, entity.source, entity.id, entity.caption, entity_fingerprint(entity), score
    )


def _baseline(store: Store, version_id: int | None) -> ListVersion | None:
    """Return the baseline version, or None when there is none or it was pruned."""
    if version_id is None:
        return None
    try:
        return store.version(version_id)
    except StoreError:
        logger.warning("list version %d is gone: re-screening against the whole list", version_id)
        return None


@dataclass
class _Pass:
    """The state of one `rescreen`: the deltas, what was recorded, and what it decides."""

    diffs: list[ListDiff]
    delta: dict[Key, Entity]
    removed: dict[Key, str]
    """Entries gone from their list, with their last name."""
    fields: dict[Key, tuple[str, ...]]
    recorded: dict[str, dict[Key, RecordedMatch]]
    decisions: dict[tuple[str, str, str], DecisionRecord]
    alerts: list[NewAlert]
    saved: list[RecordedMatch]
    dropped: list[tuple[str, str, str]]


def rescreen(
    store: Store,
    *,
    threshold: float,
    created: str,
    notify: bool = False,
    loaded: LoadedIndex | None = None,
    on_progress: ProgressCallback | None = None,
) -> MonitorRun:
    """Bring every subject's matches up to the active lists, raising an alert per change.

    Args:
        store: the open screening store.
        threshold: score in 0..1 at or above which a candidate is a match.
        created: when the alerts are raised (ISO time, UTC).
        notify: a webhook is set: mark new alerts for delivery.
        loaded: the index over the active lists, if the caller has it.
        on_progress: called with the number of subjects screened so far.

    Raises:
        StoreError: the database failed; nothing was written and the next run redoes it.
    """
    active = store.active_versions()
    baselines = read_baselines(store)
    stale = [version for version in active if baselines.get(version.source) != version.id]
    if not stale:
        return MonitorRun((), 0, 0, ())
    if count_subjects(store) == 0:
        with store.transaction():
            save_baselines(store, {version.source: version.id for version in stale})
        return MonitorRun(tuple(_change(None, v, 0, 0, 0) for v in stale), 0, 0, ())
    diffs = [diff_versions(store, _baseline(store, baselines.get(v.source)), v) for v in stale]
    work = _prepare(store, diffs)
    screened = 0
    if work.delta:
        loaded = loaded or load_active_index(store)
        index = ScreeningIndex.build(work.delta.values(), weigh_as=loaded.index)
        find = entry_lookup(work.delta.values())
        for subject in iter_subjects(store):
            found = index.screen(subject.query, threshold=threshold, limit=CANDIDATES)
            _judge(work, subject.query, apply_decisions(subject.query, found, work.decisions, find))
            screened += 1
            if on_progress is not None:
                on_progress(screened)
    else:
        screened = count_subjects(store)
    _delist(work, subject_names(store, work.recorded))
    moves = {d.source: (baselines.get(d.source), d.to_version.id) for d in work.diffs}
    try:
        with store.transaction():
            if not move_baselines(store, moves):
                raise _SupersededError
            alerts = add_alerts(store, work.alerts, created=created, notify=notify)
            for key in work.dropped:
                delete_match(store, key)
            save_matches(store, work.saved)
    except _SupersededError:
        logger.info("monitoring: another run brought the subjects up to date first")
        alerts = []
    changes = tuple(
        _change(d.from_version, d.to_version, len(d.added), len(d.changed), len(d.removed))
        for d in work.diffs
    )
    run = MonitorRun(changes, screened, len(work.delta), tuple(alerts))
    logger.info("%s", run.summary)
    return run


class _SupersededError(Exception):
    """Another re-screening moved a baseline while this one ran: roll this one back."""


def _change(
    old: ListVersion | None, new: ListVersion, added: int, changed: int, removed: int
) -> ListChange:
    return ListChange(new.source, old, new, added, changed, removed)


def _prepare(store: Store, diffs: list[ListDiff]) -> _Pass:
    """Gather the entries that changed, and the matches and decisions recorded on them."""
    delta = {(e.source, e.id): e for diff in diffs for e in diff.entities}
    removed = {(e.source, e.id): e.caption for diff in diffs for e in diff.removed_entities}
    for diff in diffs:
        if diff.from_version is None:  # no baseline to compare: every recorded entry gone
            removed.update(_gone(store, diff))
    fields = {(d.source, c.entity_id): c.fields for d in diffs for c in d.changed}
    keys = [*delta, *removed]
    recorded: dict[str, dict[Key, RecordedMatch]] = defaultdict(dict)
    for match in read_matches(store, entries=keys):
        recorded[match.subject_id][(match.list, match.entity_id)] = match
    return _Pass(
        diffs=diffs,
        delta=delta,
        removed=removed,
        fields=fields,
        recorded=recorded,
        decisions=latest_decisions(store, entries=keys),
        alerts=[],
        saved=[],
        dropped=[],
    )


def _gone(store: Store, diff: ListDiff) -> dict[Key, str]:
    """Return the recorded entries of a list that its new version no longer holds."""
    present = {(e.source, e.id) for e in diff.entities}
    return {
        (match.list, match.entity_id): match.entity_name
        for match in read_matches(store)
        if match.list == diff.source and (match.list, match.entity_id) not in present
    }


def _judge(work: _Pass, query: Query, found: list[Match]) -> None:
    """Compare one subject's matches among the changed entries with what was recorded."""
    current = {(m.list, m.entity_id): m for m in found if (m.list, m.entity_id) in work.delta}
    recorded = work.recorded.get(query.id, {})
    keys = {key for key, match in current.items() if match.is_match}
    keys.update(key for key in recorded if key in work.delta)
    for key in sorted(keys):
        entity = work.delta[key]
        digest = entity_fingerprint(entity)
        match = current.get(key)
        before = recorded.get(key)
        full_key = (query.id, *key)
        if match is not None and match.is_match:
            if before is None:
                decision = work.decisions.get(full_key)
                reopened = decision is not None and decision.entity_digest != digest
                kind: AlertKind = "changed_match" if reopened else "new_match"
                _raise(work, query, entity, kind, match.score)
            elif before.entity_digest != digest:
                _raise(work, query, entity, "changed_match", match.score)
            work.saved.append(_recorded(query.id, entity, match.score))
        elif before is not None:
            if before.entity_digest != digest:
                _raise(work, query, entity, "changed_match", match.score if match else 0.0)
            work.dropped.append(full_key)


def _raise(work: _Pass, query: Query, entity: Entity, kind: AlertKind, score: float) -> None:
    version = next(d.to_version for d in work.diffs if d.source == entity.source)
    work.alerts.append(
        NewAlert(
            subject_id=query.id,
            subject_name=query.name,
            kind=kind,
            list=entity.source,
            entity_id=entity.id,
            entity_name=entity.caption,
            score=score,
            list_version=version.version,
            version_id=version.id,
            fields=work.fields.get((entity.source, entity.id), ()),
        )
    )


def _delist(work: _Pass, names: dict[str, str]) -> None:
    """Raise `delisted` for every recorded match whose entry was removed."""
    versions = {diff.source: diff.to_version for diff in work.diffs}
    for subject_id, matches in sorted(work.recorded.items()):
        for key, match in sorted(matches.items()):
            if key not in work.removed:
                continue
            version = versions[key[0]]
            work.alerts.append(
                NewAlert(
                    subject_id=subject_id,
                    subject_name=names.get(subject_id, ""),
                    kind="delisted",
                    list=key[0],
                    entity_id=key[1],
                    entity_name=match.entity_name or work.removed[key],
                    score=match.score,
                    list_version=version.version,
                    version_id=version.id,
                )
            )
            work.dropped.append(match.key)
