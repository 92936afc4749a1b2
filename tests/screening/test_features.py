"""Tests for yalu.screening.features: the other-names and number features."""

from __future__ import annotations

import pytest

from yalu.screening.features import (
    NUMBER_CONFLICT,
    OTHER_NAMES_SHARE,
    compare_numbers,
    compare_other_names,
)
from yalu.screening.romanize import joined_keys, name_keys
from yalu.screening.score import IndexedName


def form(text: str) -> IndexedName:
    keys = name_keys(text)
    return IndexedName(0, text, keys, joined_keys(text), tuple(1.0 for _ in keys), False)


@pytest.mark.parametrize(
    ("query", "best", "other", "share"),
    [
        ("Maulawi Haji Ibrahim Haqqani", "Ibrahim Haqqani", "Hajji Sahib", 1 / 4),
        ("National Iranian Tanker Sharjah", "National Iranian Tanker", "NITC Sharjah", 1 / 4),
        ("Sheikh Omar Abu Ubaidah", "Sheikh Omar", "Ahmed Umar Abu Ubaidah", 2 / 4),
    ],
)
def test_query_words_found_only_in_another_name_give_back_part_of_their_weight(
    query: str, best: str, other: str, share: float
) -> None:
    feature = compare_other_names(form(query), form(best), [form(best), form(other)])
    assert feature is not None
    assert feature.effect == pytest.approx(OTHER_NAMES_SHARE * share)


@pytest.mark.parametrize(
    ("query", "best", "other"),
    [
        ("Patricia Rodriguez", "Rodriguez Orejuela", "Patricia Lopez"),  # two words
        ("Kim Min Chol", "Kim Min Jun", "Ri Chol"),  # syllables of other people's names
        ("Maulawi Haji Ibrahim", "Maulawi Ibrahim", "Abdul Rahman"),  # found nowhere
        ("Ibrahim Haqqani Sahib", "Ibrahim Haqqani Sahib", "Hajji Sahib"),  # none missing
    ],
)
def test_no_other_names_credit_for_short_syllabic_or_unfound_queries(
    query: str, best: str, other: str
) -> None:
    assert compare_other_names(form(query), form(best), [form(best), form(other)]) is None


@pytest.mark.parametrize(
    ("query", "listed", "conflicts"),
    [
        ("YARD NO.2655 HYUNDAI", "YARD NO.2656 HYUNDAI", True),
        ("ORIENT 1", "ORIENT 2", True),
        ("YARD NO.2655 HYUNDAI", "HYUNDAI MIPO 2655", False),  # the number is shared
        ("ORIENT", "ORIENT 2", False),  # the query gives no number
        ("33rd Institute", "33rd Scientific Institute", False),  # ordinals are words
    ],
)
def test_names_holding_only_different_numbers_conflict(
    query: str, listed: str, conflicts: bool
) -> None:
    feature = compare_numbers(form(query), form(listed))
    assert (feature is not None and feature.effect == NUMBER_CONFLICT) is conflicts
