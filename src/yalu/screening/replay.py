"""Replay a recorded screening: screen its query again and compare with what was recorded.

Against the recorded list versions (kept in the store), the same query, threshold and limit
should give the same candidates, scores and verdicts; when they do not, the reasons say why:
the matching code changed since (each row records its digest), or, when neither it nor the
lists changed, the row or the stored entities were altered (`yalu audit verify` finds which).
Against the current lists, the differences show what today's lists would say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from yalu.core.errors import NotFoundError, StoreError
from yalu.core.progress import ProgressCallback
from yalu.models.audit import CandidateRow, ListUsed, ScreeningRecord
from yalu.models.screening import Match
from yalu.screening.audit import get_screening
from yalu.screening.codec import (
    candidate_rows,
    encode_candidates,
    encode_list_used,
    encode_match,
    rounded,
)
from yalu.screening.decisions import decision_reviewer
from yalu.screening.service import (
    LoadedIndex,
    lists_used,
    load_active_index,
    load_versions_index,
    matching_code_digest,
    screen_rows,
)
from yalu.screening.store import Store

Against = Literal["recorded", "current"]
ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class CandidateChange:
    """A candidate that differs between the record and the replay."""

    kind: ChangeKind
    before: Match | None
    after: Match | None

    @property
    def decision_changed(self) -> bool:
        """Return True when the reviewed decision in force differs between the two sides."""
        before = self.before.decision if self.before is not None else None
        after = self.after.decision if self.after is not None else None
        return before != after

    @property
    def description(self) -> str:
        """Return e.g. `un_sc KPe.002 'KOREA ...': score 0.91 → 0.88, MATCH → no`."""
        match = self.after or self.before
        assert match is not None  # a change has at least one side
        label = f"{match.list} {match.entity_id} '{match.caption or match.name}'"
        if self.before is None:
            return f"{label}: new candidate, {_verdict(match)}"
        if self.after is None:
            return f"{label}: no longer a candidate (was {_verdict(self.before)})"
        before, after = self.before, self.after
        parts = []
        if before.score != after.score:
            parts.append(f"score {before.score:.4f} → {after.score:.4f}")
        if before.is_match != after.is_match:
            parts.append(f"{_flag(before)} → {_flag(after)}")
        if before.name != after.name:
            parts.append(f"matched name '{before.name}' → '{after.name}'")
        if (before.caption or before.name) != (after.caption or after.name):
            parts.append(f"listed as '{before.caption or before.name}'")
        if before.features != after.features and not parts:
            parts.append(f"reasons '{before.explanation}' → '{after.explanation}'")
        if before.list_version != after.list_version:
            parts.append(f"list version {before.list_version} → {after.list_version}")
        if before.decision != after.decision:
            parts.append(f"decision {_decision(before)} → {_decision(after)}")
        return f"{label}: " + (", ".join(parts) or "same candidate, another rank")


def _flag(match: Match) -> str:
    return "MATCH" if match.is_match else "no match"


def _decision(match: Match) -> str:
    return match.decision.verdict if match.decision is not None else "none"


def _verdict(match: Match) -> str:
    return f"score {match.score:.4f}, {_flag(match)}"


@dataclass(frozen=True, slots=True)
class Replay:
    """A recorded screening, screened again, and how the two compare.

    Attributes:
        record: the audit row replayed.
        against: "recorded" (the list versions it used) or "current" (the active lists).
        lists: the list versions replayed against.
        results: the new candidates, best first, rounded as stored.
        changes: the candidates that differ.
        reasons: why they differ (or could), one sentence each.
        code_digest: the matching code's digest now.
        rows: where each new candidate is shown, when the record grouped its candidates
            into rows (as `ScreeningRecord.rows`).
    """

    record: ScreeningRecord
    against: Against
    lists: tuple[ListUsed, ...]
    results: tuple[Match, ...]
    changes: tuple[CandidateChange, ...]
    reasons: tuple[str, ...]
    code_digest: str
    rows: tuple[CandidateRow, ...] = ()

    @property
    def replayed(self) -> ScreeningRecord:
        """Return the replay as a record of the same query (for its JSON)."""
        return replace(self.record, results=self.results, rows=self.rows)

    @property
    def is_identical(self) -> bool:
        """Return True when the replay gives the recorded candidates, unchanged, in order.

        A screening recorded with rows must also give them in the same rows.
        """
        return encode_candidates(self.record) == encode_candidates(self.replayed)


def _key(match: Match) -> tuple[str, str]:
    return (match.list, match.entity_id)


def compare_candidates(
    before: Sequence[Match], after: Sequence[Match]
) -> tuple[CandidateChange, ...]:
    """Return the candidates added, removed or changed from `before` to `after`."""
    old = {_key(match): match for match in before}
    new = {_key(match): match for match in after}
    changes = [
        CandidateChange("removed", match, None) for key, match in old.items() if key not in new
    ]
    for key, match in new.items():
        if key not in old:
            changes.append(CandidateChange("added", None, match))
        elif encode_match(old[key]) != encode_match(match):
            changes.append(CandidateChange("changed", old[key], match))
    if not changes and [_key(m) for m in before] != [_key(m) for m in after]:
        changes = [CandidateChange("changed", old[_key(m)], m) for m in after]
    return tuple(changes)


def _recorded_index(
    store: Store, record: ScreeningRecord, on_progress: ProgressCallback | None
) -> LoadedIndex:
    """Return the index over exactly the list versions the record searched, in its order."""
    for item in record.list_versions:
        try:
            store.version(item.id)
        except StoreError as exc:
            raise NotFoundError(
                f"list version {item.id} ({item.source} {item.version}) that screening "
                f"{record.id} searched is no longer in the store",
                hint="Replay it against the current lists with `--against current`",
            ) from exc
    ids = [item.id for item in record.list_versions]
    return load_versions_index(store, ids, on_progress=on_progress)


def _list_reasons(recorded: Sequence[ListUsed], now: Sequence[ListUsed]) -> list[str]:
    before = {item.source: item for item in recorded}
    after = {item.source: item for item in now}
    reasons = []
    for source in sorted(before.keys() | after.keys()):
        old, new = before.get(source), after.get(source)
        if old is None and new is not None:
            reasons.append(f"{source} is searched now ({new.short}) but was not then")
        elif new is None and old is not None:
            reasons.append(f"{source} ({old.short}) is no longer loaded")
        elif old is not None and new is not None and old.id != new.id:
            reasons.append(
                f"{source} changed: version {old.id} ({old.version}) → "
                f"version {new.id} ({new.version})"
            )
    return reasons


def _code_reason(record: ScreeningRecord, digest: str) -> str | None:
    if not record.code_digest:
        return "the row predates code digests, so a change of matching code cannot be ruled out"
    if record.code_digest != digest:
        return (
            f"the matching code changed since (digest {record.code_digest[:12]} → "
            f"{digest[:12]}): normalisation, romanisation or scoring differ"
        )
    return None


def replay_screening(
    store: Store,
    record_id: int,
    *,
    against: Against = "recorded",
    on_progress: ProgressCallback | None = None,
) -> Replay:
    """Screen the query of audit row `record_id` again and compare with the record.

    Args:
        store: the open store.
        record_id: the audit row (`yalu audit list` shows the ids).
        against: "recorded" uses the list versions the row names, "current" the active ones.
        on_progress: called with entities indexed when an index is built.

    Raises:
        NotFoundError: no such row, a list version it used is gone, or (current) no list
            is loaded.
    """
    record = get_screening(store, record_id)
    if against == "recorded":
        loaded = _recorded_index(store, record, on_progress)
    else:
        loaded = load_active_index(store, on_progress=on_progress)
    results, rows = _screen_again(store, loaded, record)
    digest = matching_code_digest()
    changes = compare_candidates(record.results, results)
    lists = lists_used(loaded)
    reasons = _list_reasons(record.list_versions, lists)
    code = _code_reason(record, digest)
    if code is not None:
        reasons.insert(0, code)
    if any(change.decision_changed for change in changes):
        reasons.append(
            "a reviewed decision on a candidate was recorded since, or its entry changed "
            "(`yalu monitor decisions` lists them)"
        )
    regrouped = bool(record.rows) and rows != record.rows
    if (changes or regrouped) and not reasons:
        reasons.append(
            "neither the lists nor the matching code changed, so the stored row or the "
            "stored entities were altered: run `yalu audit verify`"
        )
    if regrouped and not changes:
        reasons.append("the same candidates are grouped into other rows")
    return Replay(record, against, lists, results, changes, tuple(reasons), digest, rows)


def _screen_again(
    store: Store, loaded: LoadedIndex, record: ScreeningRecord
) -> tuple[tuple[Match, ...], tuple[CandidateRow, ...]]:
    """Screen the record's query as it was screened, with the decisions in force now.

    A screening recorded with rows (`yalu screen`, the API, the page) is grouped into rows
    again (`service.screen_rows`); one recorded without (a goods check's party, rows written
    before grouping) is screened as before: the `limit` best candidates, ungrouped.
    """
    query = record.query
    review = decision_reviewer(store, loaded.index.entities, [query])
    if record.rows or not record.results:
        found = screen_rows(
            loaded, [query], threshold=record.threshold, limit=record.limit, review=review
        )
        result = next(iter(found))
        return tuple(rounded(m) for m in result.matches), candidate_rows(result.groups)
    matches = loaded.index.screen(query, threshold=record.threshold, limit=record.limit)
    return tuple(rounded(m) for m in review(query, matches)), ()


def replay_object(result: Replay) -> dict[str, Any]:
    """Return a replay as JSON, as `yalu audit replay --format json` and the API show it."""
    return {
        "id": result.record.id,
        "against": result.against,
        "identical": result.is_identical,
        "lists": [encode_list_used(item) for item in result.lists],
        "code_digest": {"recorded": result.record.code_digest, "now": result.code_digest},
        "changes": [
            {"kind": change.kind, "description": change.description} for change in result.changes
        ],
        "reasons": list(result.reasons),
        "results": encode_candidates(result.replayed),
    }
