import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.models.goods import hs_level, normalize_hs_code

hs_like = st.text(alphabet="0123456789. -", min_size=1, max_size=14)


@given(hs_like)
def test_normalize_hs_code_is_idempotent(text: str) -> None:
    try:
        once = normalize_hs_code(text)
    except ValueError:
        return
    assert normalize_hs_code(once) == once


@given(st.integers(1, 97).filter(lambda c: c != 77), st.integers(0, 99), st.integers(0, 99))
def test_dotted_and_bare_forms_normalize_alike(chapter: int, heading: int, sub: int) -> None:
    dotted = f"{chapter:02d}{heading:02d}.{sub:02d}"
    assert normalize_hs_code(dotted) == f"{chapter:02d}{heading:02d}{sub:02d}"
    assert hs_level(normalize_hs_code(dotted)) == "subheading"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("303.11", "5 digits"),
        ("27A0", "other than digits"),
        ("00", "chapter 00"),
        ("", "empty"),
        ("2710191234567", "13 digits"),
    ],
)
def test_bad_hs_codes_are_rejected_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalize_hs_code(text)


@pytest.mark.parametrize(
    ("code", "level"),
    [("27", "chapter"), ("2710", "heading"), ("271019", "subheading"), ("27101921", "national")],
)
def test_hs_levels(code: str, level: str) -> None:
    assert hs_level(code) == level
