"""What each list in use holds: its version and age, and its entries by type and programme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from yalu.screening.service import ListInUse, LoadedIndex


@dataclass(frozen=True, slots=True)
class ListSummary:
    """One list in use: its version, and how many entries of each type and programme.

    Attributes:
        version: the list's active version.
        by_schema: (type, entries), most first, then by name.
        by_program: (programme in the list's own words, entries), most first, then by name;
            an entry under several programmes counts under each.
        by_regime: the same in yalu's vocabulary (`dprk/1718`).
    """

    version: ListInUse
    by_schema: tuple[tuple[str, int], ...]
    by_program: tuple[tuple[str, int], ...]
    by_regime: tuple[tuple[str, int], ...]


def summarize_lists(loaded: LoadedIndex) -> list[ListSummary]:
    """Return a summary of every list of `loaded`, in the order of its lists."""
    schemas: dict[str, Counter[str]] = {item.source: Counter() for item in loaded.lists}
    programs: dict[str, Counter[str]] = {item.source: Counter() for item in loaded.lists}
    regimes: dict[str, Counter[str]] = {item.source: Counter() for item in loaded.lists}
    for entity in loaded.index.entities:
        if entity.source not in schemas:
            continue
        schemas[entity.source][entity.schema] += 1
        programs[entity.source].update(set(entity.programs) or {"(none given)"})
        regimes[entity.source].update(set(entity.regimes) or {"(none)"})
    return [
        ListSummary(
            version=item,
            by_schema=_ranked(schemas[item.source]),
            by_program=_ranked(programs[item.source]),
            by_regime=_ranked(regimes[item.source]),
        )
        for item in loaded.lists
    ]


def _ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
