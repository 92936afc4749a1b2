"""Symbols, emoji and invisible characters do not change a name (issue 16, item 7)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.screening.normalize import clean_name, normalize_name, read_homoglyphs
from yalu.screening.romanize import name_keys

NAMES = ["Kim Jong Un", "Korea Ryonbong General Corporation", "ABD AL-MAJID", "金正恩", "Ri"]
INVISIBLE = st.sampled_from(
    [
        *("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202c", "\u2066"),
        *("\u00ad", "\ufe0f", "\ufe0e", "\U000e0041", "\U000e0100"),
    ]
)
SYMBOLS = st.sampled_from(
    ["™", "✓", "😀", "👍🏽", "©", "®", "$", "€", "+", "→", "★", "🇰🇵", "♥\ufe0f"]
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.lists(st.tuples(st.integers(0, 40), INVISIBLE), max_size=4))
def test_invisible_characters_anywhere_change_nothing(
    name: str, inserts: list[tuple[int, str]]
) -> None:
    noisy = name
    for position, char in inserts:
        position %= len(noisy) + 1
        noisy = noisy[:position] + char + noisy[position:]
    assert normalize_name(noisy) == normalize_name(name)
    assert name_keys(noisy) == name_keys(name)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.lists(SYMBOLS, max_size=3), st.lists(SYMBOLS, max_size=3))
def test_symbols_and_emoji_around_words_change_nothing(
    name: str, before: list[str], after: list[str]
) -> None:
    words = name.split()
    noisy = " ".join(["".join(before), *words[:1], "".join(after), *words[1:], "".join(after)])
    assert normalize_name(noisy) == normalize_name(name)


def test_combining_marks_after_no_letter_are_dropped_and_accents_kept_as_letters() -> None:
    assert clean_name("\u0301Kim") == "Kim"
    assert normalize_name("Ryŏnbong") == "ryonbong"
    assert normalize_name("Jo´n") == "jon"


def test_ascii_names_pass_unchanged() -> None:
    assert clean_name("O'Brien & Sons") == "O'Brien & Sons"


def test_homoglyphs_in_latin_names_read_as_latin_and_cyrillic_names_stay() -> None:
    assert normalize_name("Моѕlеm Nаѕіrі") == "moslem nasiri"
    assert read_homoglyphs("Умаров Доку") == "Умаров Доку"
