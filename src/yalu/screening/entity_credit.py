"""Choose the entities worth scoring from the names retrieval found, with numpy.

Retrieval credits a few hundred names per query (`retrieval.KeyIndex.retrieve`); each
entity counts with its best name's credit, less `LENGTH_PENALTY` per word its name has
more or fewer than the query, plus `LEGAL_FORM_CREDIT` when its name states the query's
kind of legal form, and the `count` best entities are scored. This was the
hottest Python loop of a screening (profiled on `benchmarks/screening_bench.py`); the
arrays give the same entities, ties kept in the order retrieval first reached them, as
`heapq.nlargest` over a dictionary filled in that order would.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from yalu.screening.normalize import legal_forms
from yalu.screening.score import IndexedName

LENGTH_PENALTY: Final = 0.05
"""Credit lost per word of difference between a name's length and the query's: among
equal credits, names as long as the query come first."""
LEGAL_FORM_CREDIT: Final = 0.25
"""Credit gained by a name that states the query's kind of legal form (`TRANS NOVE OOD`
for `Trans OOD` before the other names holding `Trans`): small, it orders names that
share the query's words rather than outweighing a word."""
_FORM_BITS: Final = {"company": 1, "limited": 2, "joint stock": 4}
"""One bit per kind of legal form (`normalize.LEGAL_FORM_CLASSES`)."""
_NOT_COMPANY: Final = 6
"""The bits of the kinds a company may be: any company goes with either."""


def legal_form_bits(name: str) -> int:
    """Return the kinds of legal form a name states as bits of `_FORM_BITS`."""
    bits = 0
    for kind in legal_forms(name):
        bits |= _FORM_BITS[kind]
    return bits


@dataclass(frozen=True, slots=True)
class NameArrays:
    """Per name position: its entity, its number of keys and its kinds of legal form."""

    entities: np.ndarray
    lengths: np.ndarray
    forms: np.ndarray

    def __reduce__(
        self,
    ) -> tuple[type[NameArrays], tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Pickle by the fields: a class compiled by mypyc has no `__setstate__`."""
        return NameArrays, (self.entities, self.lengths, self.forms)

    @classmethod
    def of(cls, names: Sequence[IndexedName]) -> NameArrays:
        """Return the arrays of `names` (list names, or their consonant skeletons)."""
        return cls(
            np.fromiter((n.entity for n in names), np.int64, len(names)),
            np.fromiter((len(n.keys) for n in names), np.int64, len(names)),
            np.fromiter((legal_form_bits(n.text) for n in names), np.uint8, len(names)),
        )


def best_entities(
    found: Mapping[int, float],
    arrays: NameArrays,
    query_length: int,
    count: int,
    query_forms: int = 0,
) -> list[int]:
    """Return the `count` entities with the best credited name, best first.

    Args:
        found: name position -> retrieval credit, in the order retrieval reached them.
        arrays: the entity and length of every name position (`NameArrays.of`).
        query_length: the number of keys of the query form.
        count: how many entities to return at most.
        query_forms: the kinds of legal form the query states (`legal_form_bits`).
    """
    if not found:
        return []
    positions = np.fromiter(found.keys(), np.int64, len(found))
    credits = np.fromiter(found.values(), np.float64, len(found))
    credits -= LENGTH_PENALTY * np.abs(arrays.lengths[positions] - query_length)
    if query_forms:
        credits += LEGAL_FORM_CREDIT * _agree(query_forms, arrays.forms[positions])
    entities = arrays.entities[positions]
    # Best credit per entity: sort by entity, then by credit, best first; keep the first.
    order = np.lexsort((-credits, entities))
    leads = np.ones(len(order), dtype=bool)
    leads[1:] = entities[order][1:] != entities[order][:-1]
    best = order[leads]
    # First reach of each entity: its smallest position in `found`.
    first = np.minimum.reduceat(order, np.flatnonzero(leads))
    ranked = np.lexsort((first, -credits[best]))[:count]
    return [int(entities[best[i]]) for i in ranked]


def _agree(query_forms: int, listed: np.ndarray) -> np.ndarray:
    """Return where names state the query's kind of legal form, as `search.forms_agree`.

    A company goes with any kind; `limited` and `joint stock` differ.
    """
    query_kinds = query_forms & _NOT_COMPANY
    listed_kinds = listed & _NOT_COMPANY
    agree: np.ndarray = (listed != 0) & (
        (query_kinds == 0) | (listed_kinds == 0) | ((listed_kinds & query_kinds) != 0)
    )
    return agree
