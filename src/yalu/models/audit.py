"""Plain typed data for the audit trail: one screening as it was recorded.

The store keeps each screening as one row (`screening/audit.py` writes and reads it, and
`screening/codec.py` turns it into JSON); this module says what the row holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yalu.models.scores import format_score, shown_decimals
from yalu.models.screening import Match, Query

_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:\d{2})?$")


def short_version(version: str) -> str:
    """Return '2026-02-27' for '2026-02-27T00:00:09.554Z', 'sha256:2a08fac8' for a digest."""
    if version.startswith("sha256 "):
        return "sha256:" + version.removeprefix("sha256 ")[:8]
    first = version.split(" ", 1)[0]
    iso = _ISO_TIME.match(first)
    return iso.group(1) if iso else first


@dataclass(frozen=True, slots=True)
class ListUsed:
    """A list version a screening searched.

    Attributes:
        id: the stored version (`yalu lists status --all`), 0 for a list file read directly.
        source: the list's short name (`un_sc`).
        version: the content's label (publication date, or `sha256 <digest>`).
        published: the publisher's date, "" when the file prints none.
    """

    id: int
    source: str
    version: str
    published: str = ""

    @property
    def short(self) -> str:
        """Return `source@date` (`un_sc@2026-02-27`)."""
        return f"{self.source}@{short_version(self.version)}"


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """Where a recorded candidate was shown: its result row and that row's grouping.

    A screening shows one row per real-world party, holding the entries of every list that
    names it (`screening/same_entity.py`); each scored entry is one recorded candidate.

    Attributes:
        row: the rank of its row, 1 first.
        lists: every list naming the row's party.
        grouped_because: why the row's entries were grouped, one sentence per link; on the
            row's first candidate only (empty on the others and for a party on one list).
    """

    row: int
    lists: tuple[str, ...] = ()
    grouped_because: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """One audit row: who screened what, when, against which lists, and what was found.

    Attributes:
        id: the row's number in the trail (0 until it is written).
        screened_at: ISO time, UTC (`2026-11-23T01:49:47+00:00`).
        actor: who screened: an API key's name, or `cli:<os user>`; "" in rows written
            before yalu recorded it.
        query: the name and facts screened, as validated.
        list_versions: the list versions searched.
        threshold: the score at or above which a candidate was a match.
        limit: the most candidates kept.
        results: the candidates, best first, with their scores, verdicts, features and the
            reviewed decision in force on each, if any.
        code_digest: SHA-256 of the matching code that scored them ("" in older rows).
        rows: where each of `results` was shown, one per result in the same order; empty
            when the screening did not group its candidates into rows (goods checks, rows
            recorded before grouping).
    """

    id: int
    screened_at: str
    actor: str
    query: Query
    list_versions: tuple[ListUsed, ...]
    threshold: float
    limit: int
    results: tuple[Match, ...]
    code_digest: str = ""
    rows: tuple[CandidateRow, ...] = ()

    def __post_init__(self) -> None:
        if self.rows and len(self.rows) != len(self.results):
            raise ValueError(
                f"{len(self.rows)} candidate rows for {len(self.results)} results: "
                "give one per result, or none"
            )

    @property
    def candidates(self) -> list[tuple[Match, CandidateRow | None]]:
        """Return each result with where it was shown (None when rows were not recorded)."""
        rows: tuple[CandidateRow | None, ...] = self.rows or (None,) * len(self.results)
        return list(zip(self.results, rows, strict=True))

    @property
    def has_match(self) -> bool:
        """Return True when any candidate scored at or above the threshold."""
        return any(result.is_match for result in self.results)

    @property
    def verdict(self) -> str:
        """Return `MATCH (n of m candidates at or above the threshold)` or `clear (...)`."""
        found = sum(1 for result in self.results if result.is_match)
        if not found:
            return "clear (no candidate at or above the threshold)"
        shown = len(self.results)
        plural = "s" if shown != 1 else ""
        return f"MATCH ({found} of {shown} candidate{plural} at or above the threshold)"

    @property
    def top_candidate(self) -> str:
        """Return the best candidate as `CAPTION (list)`, or "" when there was none."""
        if not self.results:
            return ""
        top = self.results[0]
        return f"{top.caption or top.name} ({top.list})"

    @property
    def top_score(self) -> str:
        """Return the best candidate's score, or "" when there was none.

        The score is cut (never rounded up) to two decimals, or as many as the threshold
        needs (`models.scores.shown_decimals`), so it reads on the right side of it.
        """
        if not self.results:
            return ""
        return format_score(self.results[0].score, shown_decimals(self.threshold))

    @property
    def screened_at_text(self) -> str:
        """Return the UTC time as read: `2026-11-23 01:49:47` for `2026-11-23T01:49:47+00:00`."""
        return self.screened_at.replace("T", " ").removesuffix("+00:00")

    @property
    def actor_text(self) -> str:
        """Return who screened, or `unknown (before yalu recorded it)` for older rows."""
        return self.actor or "unknown (before yalu recorded it)"

    @property
    def lists_short(self) -> list[str]:
        """Return each list searched as `source@date` (`un_sc@2026-02-27`)."""
        return [item.short for item in self.list_versions]

    @property
    def facts(self) -> list[tuple[str, str]]:
        """Return the query's facts other than its name, then its carried columns."""
        found = [
            (key, str(value))
            for key in ("id", "schema", "birth_date", "nationality", "country")
            if (value := getattr(self.query, key))
        ]
        found += [
            (key, value)
            for key in ("imo_number", "passport_number")
            if (value := getattr(self.query, key))
        ]
        return found + list(self.query.extra)
