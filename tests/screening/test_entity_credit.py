"""`entity_credit.best_entities` chooses what the plain loop it replaced chose."""

import heapq
import math
import random

import pytest

from yalu.screening.entity_credit import (
    LEGAL_FORM_CREDIT,
    LENGTH_PENALTY,
    NameArrays,
    best_entities,
    legal_form_bits,
)
from yalu.screening.normalize import legal_forms
from yalu.screening.score import IndexedName
from yalu.screening.search import forms_agree

FORMS = ("Ltd", "Co", "JSC", "Co Ltd", "OJSC Co", "")
"""Legal forms a name may state: one kind, another, two, none."""


def names_of(
    entities: list[int], lengths: list[int], forms: list[str] | None = None
) -> list[IndexedName]:
    forms = forms or [""] * len(entities)
    return [
        IndexedName(entity, f"x {form}", ("k",) * length, (), (1.0,) * length, False)
        for entity, length, form in zip(entities, lengths, forms, strict=True)
    ]


def reference(  # type: ignore[no-untyped-def]
    found: dict[int, float], names: list[IndexedName], length: int, count: int, query: str = ""
):
    """The loop `ScreeningIndex._candidates` ran before: best credit per entity, nlargest."""
    best: dict[int, float] = {}
    for position, credit in found.items():
        name = names[position]
        credit -= LENGTH_PENALTY * abs(len(name.keys) - length)
        if forms_agree(legal_forms(query), legal_forms(name.text)) > 0:
            credit += LEGAL_FORM_CREDIT
        if credit > best.get(name.entity, -math.inf):
            best[name.entity] = credit
    return heapq.nlargest(count, best, key=best.__getitem__)


@pytest.mark.parametrize("seed", range(40))
def test_the_same_entities_in_the_same_order_ties_included(seed: int) -> None:
    draw = random.Random(seed)
    size = draw.randrange(1, 400)
    names = names_of(
        [draw.randrange(60) for _ in range(size)],
        [draw.randrange(1, 6) for _ in range(size)],
        [draw.choice(FORMS) for _ in range(size)],
    )
    positions = draw.sample(range(size), draw.randrange(1, size + 1))
    # Few distinct credits, so ties between entities are common.
    found = {p: draw.choice([0.5, 1.0, 1.5, 2.25, 3.0]) for p in positions}
    query_length = draw.randrange(1, 6)
    query = f"x {draw.choice(FORMS)}"
    expected = reference(found, names, query_length, 10, query)
    arrays = NameArrays.of(names)
    assert best_entities(found, arrays, query_length, 10, legal_form_bits(query)) == expected


def test_nothing_found_chooses_nothing() -> None:
    assert best_entities({}, NameArrays.of(names_of([0], [1])), 2, 10) == []
