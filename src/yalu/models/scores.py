"""How a score is kept and shown, so that what a reader sees is what was decided.

One rule everywhere (tables, CSV, JSON, the API, the web page, the audit trail, goods
reasons): a score is **cut**, never rounded up. Rounding would show 0.8377 as 0.84 beside
a threshold of 0.84 although the candidate is not a match; cut to two decimals it reads
0.83. Scores are kept with `SCORE_DECIMALS` decimals (`keep_score`), and the match
decision compares that kept score with the threshold, so a score written with four
decimals and compared by hand with the threshold gives the same verdict as yalu.

Shown with fewer decimals (`format_score`), a cut score stays on the right side of any
threshold that has no more decimals than are shown; `shown_decimals(threshold)` says how
many that is (two, or more for a threshold such as 0.845), and `format_threshold` prints
the threshold itself exactly.

Cutting works on the shortest decimal spelling of the float (`repr`), not on the binary
value: 0.29 is cut to 0.29, not to 0.28 as `math.floor(0.29 * 100) / 100` would.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal
from functools import lru_cache

SCORE_DECIMALS = 4
"""Decimals a score is kept, stored and written with (JSON, CSV, the audit trail)."""

SHOWN_DECIMALS = 2
"""Decimals of a score in a table or on the page, unless the threshold needs more."""


def _cut(value: float, decimals: int, rounding: str) -> Decimal:
    """Return `value` cut to `decimals` places of its shortest decimal spelling."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


@lru_cache(maxsize=1 << 16)
def keep_score(score: float, decimals: int = SCORE_DECIMALS) -> float:
    """Return `score` cut to `decimals` (default 4): 0.83996 -> 0.8399, never 0.84.

    This is the score a `Match` holds and its verdict is decided on. Cached: a screening
    cuts each candidate's score several times (engine, grouping, audit row, answer).
    """
    return float(_cut(score, decimals, ROUND_FLOOR))


def decimals_of(value: float) -> int:
    """Return how many decimals `value` needs to be written exactly (0.845 -> 3, 0.8 -> 1)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def shown_decimals(threshold: float | None = None, *, at_least: int = SHOWN_DECIMALS) -> int:
    """Return the decimals to show scores with beside `threshold`.

    `at_least` decimals, or as many as the threshold needs (0.845 -> 3), so that a shown
    score at or above the shown threshold is always a match.
    """
    if threshold is None:
        return at_least
    return max(at_least, decimals_of(threshold))


def format_score(score: float, decimals: int = SHOWN_DECIMALS) -> str:
    """Return `score` cut to `decimals` as text: 0.8377 -> "0.83", never "0.84"."""
    return f"{_cut(score, decimals, ROUND_FLOOR):.{decimals}f}"


def format_threshold(threshold: float, *, at_least: int = SHOWN_DECIMALS) -> str:
    """Return `threshold` exactly, with at least `at_least` decimals: 0.84, 0.845."""
    decimals = shown_decimals(threshold, at_least=at_least)
    return f"{Decimal(repr(float(threshold))):.{decimals}f}"


@lru_cache(maxsize=1 << 16)
def format_effect(effect: float, decimals: int = SHOWN_DECIMALS) -> str:
    """Return a signed score effect cut toward zero: +0.8377 -> "+0.83", -0.2 -> "-0.20".

    Cut toward zero, an effect never looks larger than it is, so a single name effect
    never reads higher than the score it makes. Cached: every candidate's explanation
    formats a few effects, most of them seen before (penalties, rounded similarities).
    """
    cut = _cut(effect, decimals, ROUND_DOWN)
    return f"{abs(cut) if cut.is_zero() else cut:+.{decimals}f}"
