"""Matches pickle as constructor calls (issue 17: workers send every candidate back)."""

from __future__ import annotations

import pickle
from dataclasses import fields

from yalu.models.screening import Decision, Feature, Match

MATCH = Match(
    entity_id="KPi.033",
    list="un_sc",
    schema="Person",
    name="CHOE Ryong Hae",
    query_name="Choe Ryong Hea",
    score=0.9012,
    is_match=True,
    features=(Feature("name", 0.8812, "the names agree 88%"), Feature("kind", 0.02, "both")),
    caption="CHOE RYONG HAE",
    list_version="2026-02-27",
    decision=Decision("true_match", "same birth date", "analyst", "2026-12-01T10:00:00Z"),
    programs=("1718",),
)


def test_a_match_with_every_field_set_comes_back_equal_from_a_pickle() -> None:
    defaults = Match("x", "l", "Vessel", "n", "q", 0.0, False)
    # Every field differs from its default, so a field the pickle dropped would show.
    assert all(getattr(MATCH, f.name) != getattr(defaults, f.name) for f in fields(Match))
    assert pickle.loads(pickle.dumps(MATCH)) == MATCH


def test_a_match_pickles_as_one_call_of_its_constructor() -> None:
    constructor, values = MATCH.__reduce__()
    assert constructor is Match
    assert values == tuple(getattr(MATCH, f.name) for f in fields(Match))
    feature = MATCH.features[0]
    assert feature.__reduce__() == (Feature, ("name", 0.8812, "the names agree 88%"))
