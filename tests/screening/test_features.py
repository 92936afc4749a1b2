"""Tests for yalu.screening.features: the other-names, number and ordering features."""

from __future__ import annotations

import pytest

from yalu.screening.features import (
    NUMBER_CONFLICT,
    OTHER_NAMES_SHARE,
    RANK_CEILING,
    RANK_SHARE,
    compare_numbers,
    compare_other_names,
    compare_shared_legal_form,
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


@pytest.mark.parametrize(
    ("query", "listed", "orders"),
    [
        ("TRANS OOD", "TRANS NOVE OOD", True),
        ("PEGASUS LIMITED", "PEGASUS 88 LIMITED", True),
        ("Kalaye Company", "KALAYE ELECTRIC COMPANY", True),
        ("TRANS OOD", "TRANS MERITS CO. LTD.", False),  # another legal form
        ("TRANS OOD", "TRANS SCIENTIFIC CORP.", False),
        ("IRANIAN COMPANY", "IRANIAN OIL COMPANY (U.K.) LIMITED", False),  # one form more
        ("PEGASUS LIMITED", "SMART PEGASUS", False),  # no legal form
        ("NOVE TRADE OOD", "TRANS NOVE OOD", False),  # a query word it lacks
        ("Kim Sa", "Kim Chol Sa", False),  # syllabic: `Sa` is a name
    ],
)
def test_a_shared_legal_form_orders_names_holding_the_query(
    query: str, listed: str, orders: bool
) -> None:
    feature = compare_shared_legal_form(form(query), form(listed), 0.6)
    assert (feature is not None) is orders
    if feature is not None:
        assert feature.effect == pytest.approx(RANK_SHARE * (RANK_CEILING - 0.6))


def test_a_shared_legal_form_never_lifts_a_name_to_a_match() -> None:
    for similarity in (0.0, 0.5, RANK_CEILING - 0.02):
        feature = compare_shared_legal_form(
            form("Pegasus Ltd"), form("Pegasus Star Ltd"), similarity
        )
        assert feature is not None
        assert similarity < similarity + feature.effect < RANK_CEILING
    # Nothing for a name at the ceiling, or so near that it would print as +0.00.
    for similarity in (RANK_CEILING, RANK_CEILING - 0.005, 0.95):
        assert (
            compare_shared_legal_form(form("Pegasus Ltd"), form("Pegasus Star Ltd"), similarity)
            is None
        )
