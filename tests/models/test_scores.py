from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.models.scores import (
    decimals_of,
    format_effect,
    format_score,
    format_threshold,
    keep_score,
    shown_decimals,
)

scores = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
thresholds = st.integers(min_value=0, max_value=100).map(lambda n: n / 100)
fine_thresholds = st.integers(min_value=0, max_value=10_000).map(lambda n: n / 10_000)


@pytest.mark.parametrize(
    ("score", "kept", "shown"),
    [
        (0.83776, 0.8377, "0.83"),  # rounding would show 0.84
        (0.29, 0.29, "0.29"),  # floor(0.29 * 100) / 100 would give 0.28
        (0.84, 0.84, "0.84"),
        (0.8399999999999999, 0.8399, "0.83"),
        (1.0, 1.0, "1.00"),
        (0.0, 0.0, "0.00"),
    ],
)
def test_scores_are_cut_never_rounded_up(score: float, kept: float, shown: str) -> None:
    assert keep_score(score) == kept
    assert format_score(score) == shown


@given(score=scores, threshold=thresholds)
def test_a_shown_score_at_or_above_a_two_decimal_threshold_is_a_match(
    score: float, threshold: float
) -> None:
    kept = keep_score(score)
    is_match = kept >= threshold  # how `Match.is_match` is decided
    for decimals in (2, 4):
        assert (Decimal(format_score(kept, decimals)) >= Decimal(format_threshold(threshold))) is (
            is_match
        )


@given(score=scores, threshold=fine_thresholds)
def test_shown_decimals_follow_a_finer_threshold(score: float, threshold: float) -> None:
    kept = keep_score(score)
    decimals = shown_decimals(threshold)
    shown = Decimal(format_score(kept, decimals))
    assert (shown >= Decimal(format_threshold(threshold))) is (kept >= threshold)


@pytest.mark.parametrize(
    ("threshold", "decimals", "text"),
    [(0.84, 2, "0.84"), (0.8, 2, "0.80"), (0.845, 3, "0.845"), (1.0, 2, "1.00")],
)
def test_thresholds_are_shown_exactly(threshold: float, decimals: int, text: str) -> None:
    assert shown_decimals(threshold) == decimals
    assert format_threshold(threshold) == text


def test_decimals_of_counts_what_the_number_needs() -> None:
    assert [decimals_of(x) for x in (1.0, 0.5, 0.84, 0.8451)] == [0, 1, 2, 4]


@pytest.mark.parametrize(
    ("effect", "text"),
    [(0.8377, "+0.83"), (-0.2, "-0.20"), (-0.0549, "-0.05"), (-0.001, "+0.00"), (0.06, "+0.06")],
)
def test_effects_are_cut_toward_zero(effect: float, text: str) -> None:
    assert format_effect(effect) == text
