"""Screen shipment parties and vessels once per distinct name, through an injected screener.

The goods engine does not import the screening engine (engines stay independent): callers
pass `screen_party`, any callable from a `Query` to a list of `Match`es, such as
`ScreeningIndex.screen` bound to a threshold. Parties and vessels repeat across lines, so
each distinct name (or vessel name and IMO number) is screened once. A hit cites the
measure of the list it was found on (`RuleBook.list_rule`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from yalu.core.progress import ProgressCallback
from yalu.models.goods import Codes, ListHit, Reason, Rule, ShipmentBatch, Verdict
from yalu.models.scores import format_score, keep_score
from yalu.models.screening import Match, Query

ScreenParty = Callable[[Query], list[Match]]
"""Screens one query against the sanctions lists and returns candidate matches.

A screener that also has `screen_many(queries, *, on_progress=None) -> list[list[Match]]`
(the screening engine's `PartyScreener`) is given every distinct name at once, so it can
score them on every core; `screen_all` picks the way.
"""

CiteHit = Callable[[str, tuple[str, ...], Literal["party", "vessel"]], Rule]
"""Returns the rule a hit on a list cites, from the list, the entry's programs and kind."""


def to_hit(match: Match, role: str, query: str) -> ListHit:
    """Turn a screening `Match` into the goods engine's `ListHit`."""
    return ListHit(
        entity_id=match.entity_id,
        list=match.list,
        name=match.name,
        score=keep_score(float(match.score)),
        is_match=bool(match.is_match),
        explanation=match.explanation,
        role=role,
        query=query,
        programs=tuple(match.programs),
    )


def screen_all(
    screen_party: ScreenParty,
    queries: Sequence[Query],
    on_progress: ProgressCallback | None = None,
) -> list[list[Match]]:
    """Return each query's matches, in order: in one batch when the screener takes batches."""
    many = getattr(screen_party, "screen_many", None)
    if many is not None:
        return list(many(queries, on_progress=on_progress))
    results = []
    for done, query in enumerate(queries, start=1):
        results.append(screen_party(query))
        if on_progress is not None:
            on_progress(done)
    return results


def screen_names(
    names: tuple[str, ...],
    screen_party: ScreenParty,
    *,
    role: str = "party",
    on_progress: ProgressCallback | None = None,
) -> list[tuple[ListHit, ...]]:
    """Screen each distinct party name; blank names get no hits.

    Returns:
        Hits aligned with `names`, best first.
    """
    queries = [Query(name=name, id=name) for name in names if name]
    found = iter(screen_all(screen_party, queries, on_progress=on_progress))
    results = [tuple(to_hit(m, role, name) for m in next(found)) if name else () for name in names]
    if on_progress is not None:
        on_progress(len(names))
    return results


def screen_vessels(
    vessels: tuple[tuple[str, str], ...],
    screen_party: ScreenParty,
    *,
    on_progress: ProgressCallback | None = None,
) -> list[tuple[ListHit, ...]]:
    """Screen each distinct (vessel name, IMO number) pair as a `Vessel` query."""
    queries = [
        Query(
            name=name or f"IMO {imo}",
            id=f"{name} (IMO {imo})" if imo else name,
            schema="Vessel",
            imo_number=imo or None,
        )
        for name, imo in vessels
        if name or imo
    ]
    found = iter(screen_all(screen_party, queries, on_progress=on_progress))
    results: list[tuple[ListHit, ...]] = []
    for name, imo in vessels:
        label = f"{name} (IMO {imo})" if imo else name
        hits = tuple(to_hit(m, "vessel", label) for m in next(found)) if name or imo else ()
        results.append(hits)
    if on_progress is not None:
        on_progress(len(vessels))
    return results


def list_reasons(
    batch: ShipmentBatch,
    screen_party: ScreenParty,
    cite: CiteHit,
    on_progress: ProgressCallback | None = None,
) -> Iterator[tuple[npt.NDArray[np.intp], Reason]]:
    """Screen a batch's distinct parties and vessels; yield (lines, reason) per hit.

    A list match (`is_match`) makes the lines `prohibited`; a lower-scoring candidate makes
    them `review`. Each hit cites what `cite` returns for its list and programs (the UN
    measure for a UN 1718 entry, the OFAC program for an OFAC entry).
    """
    offset = len(batch.parties)

    def vessel_progress(done: int) -> None:
        if on_progress is not None:
            on_progress(offset + done)

    party_hits = screen_names(batch.parties, screen_party, on_progress=on_progress)
    vessel_hits = screen_vessels(batch.vessels, screen_party, on_progress=vessel_progress)
    for role, codes in (("exporter", batch.exporter), ("importer", batch.importer)):
        yield from _hit_reasons(codes, party_hits, role, cite, "party")
    yield from _hit_reasons(batch.vessel, vessel_hits, "vessel", cite, "vessel")


def _hit_reasons(
    codes: Codes,
    hits: list[tuple[ListHit, ...]],
    role: str,
    cite: CiteHit,
    kind: Literal["party", "vessel"],
) -> Iterator[tuple[npt.NDArray[np.intp], Reason]]:
    has_hits = np.array([bool(h) for h in hits], dtype=bool)
    if not has_hits.any():
        return
    rows = np.flatnonzero(has_hits[codes])
    for code in np.unique(codes[rows]).tolist():
        for hit in hits[code]:
            message = (
                f"{role} '{hit.query}' {'matches' if hit.is_match else 'resembles'} {hit.list}"
                f" entry {hit.entity_id} '{hit.name}' (score {format_score(hit.score)})"
            )
            effect: Verdict = "prohibited" if hit.is_match else "review"
            rule = cite(hit.list, hit.programs, kind)
            reason = Reason(kind, effect, message, rule=rule, hit=replace(hit, role=role))
            yield rows[codes[rows] == code], reason
