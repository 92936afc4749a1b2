"""Tests for yalu.screening.score: word similarity, name scores and entity features."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.models.screening import Entity, Identifier, Query
from yalu.screening.features import (
    BIRTH_YEAR_CONFLICT,
    SCHEMA_CONFLICT,
    WEAK_ALIAS_PENALTY,
    compare_birth_dates,
    score_entity,
)
from yalu.screening.romanize import joined_keys, name_keys, phonetic_key, romanized_words
from yalu.screening.score import (
    DEFAULT_THRESHOLD,
    IndexedName,
    _is_misread,
    _joinable,
    _may_join,
    has_no_inner_vowel,
    is_syllabic,
    key_weight,
    may_be_one_typo,
    ocr_read,
    score_names,
    token_similarity,
    typo_similarity,
)


def form(name: str, *, is_weak: bool = False) -> IndexedName:
    """Return a name's keys with every word weighing 1."""
    keys = name_keys(name)
    return IndexedName(0, name, keys, joined_keys(name), (1.0,) * len(keys), is_weak)


def similarity(left: str, right: str) -> float:
    a, b = form(left), form(right)
    return score_names(
        a.keys, a.weights, b.keys, b.weights, query_joined=a.joined, candidate_joined=b.joined
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Kim Jong Un", "Kim Jong-un"),
        ("Kim Jong Un", "Kim Jongun"),
        ("Kim Jong Un", "Gim Jeong-eun"),
        ("Kim Jong Un", "Jong Un Kim"),
        ("Kim Jong Un", "김정은"),
        ("Ri Myong Su", "Lee Myeong-su"),
        ("Choe Ryong Hae", "Choi Ryong-hae"),
        ("Pak Pong Ju", "Park Bong-ju"),
        ("O Kuk Ryol", "Oh Guk-ryeol"),
        ("Xi Jinping", "Hsi Chin-p'ing"),
        ("Korea Ryonbong General Corporation", "Korea Ryeonbong General Corp"),
    ],
)
def test_mr_rr_hyphen_order_and_script_variants_of_same_name_match(left: str, right: str) -> None:
    assert similarity(left, right) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Kim Min Jun", "Kim Min Chol"),
        ("Kim Jong Un", "Kim Jong Chol"),
        ("Son Yu Na", "Yu Son"),
        ("Lu Xun", "Lu Chin Shun"),
        ("Ma Chao", "Mujao"),
        ("Peter Green", "Petrogreen"),
        ("Wang Wei", "Wang Wei Dong"),
    ],
)
def test_names_sharing_a_surname_or_syllable_stay_below_threshold(left: str, right: str) -> None:
    assert similarity(left, right) < DEFAULT_THRESHOLD


def test_name_contained_in_a_longer_name_beats_an_equal_partial_overlap() -> None:
    contained = similarity("Krasnov Igor", "Krasnov Igor Viktorovich")
    overlapping = similarity("Krasnov Igor Petrovich", "Krasnov Igor Viktorovich")
    assert contained > overlapping


@pytest.mark.parametrize(
    ("a", "b", "is_syllabic", "expected"),
    [
        ("chol", "chol", True, 1.0),
        ("chol", "chon", True, 0.0),
        ("choson", "chosun", False, 1 - 0.6 / 6),
        ("chianku", "chuanku", True, 0.0),
        ("keirpek", "kaerpek", False, 0.8),
    ],
)
def test_syllabic_words_must_be_equal_and_others_may_differ_by_an_edit_or_vowels(
    a: str, b: str, is_syllabic: bool, expected: float
) -> None:
    assert token_similarity(a, b, is_syllabic=is_syllabic) == pytest.approx(expected)


names = st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=5)
weights = st.floats(min_value=0.5, max_value=12)


@settings(deadline=None)  # the first call builds the syllable table
@given(names, names, st.data())
def test_name_score_is_symmetric_and_within_unit_interval(
    left: list[str], right: list[str], data: st.DataObject
) -> None:
    left_weights = data.draw(st.lists(weights, min_size=len(left), max_size=len(left)))
    right_weights = data.draw(st.lists(weights, min_size=len(right), max_size=len(right)))
    forward = score_names(left, left_weights, right, right_weights)
    backward = score_names(right, right_weights, left, left_weights)
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(backward)


@settings(deadline=None)
@given(names)
def test_a_name_scores_one_against_itself(words: list[str]) -> None:
    assert score_names(words, [1.0] * len(words), words, [1.0] * len(words)) == pytest.approx(1)


@given(st.lists(weights, min_size=2, max_size=6, unique=True), st.randoms())
def test_names_that_agree_wholly_in_any_order_score_exactly_one(
    word_weights: list[float], draw: random.Random
) -> None:
    # Exactly, not about: 0.99999... is cut to 0.9999 and shown so (models/scores.py).
    words = [f"word{chr(97 + i)}" for i in range(len(word_weights))]
    order = list(range(len(words)))
    draw.shuffle(order)
    shuffled = [words[i] for i in order], [word_weights[i] for i in order]
    assert score_names(words, word_weights, *shuffled) == 1.0


PERSON = Entity(
    id="1",
    schema="Person",
    names=("KIM Jong Un",),
    weak_aliases=("KJU",),
    source="test",
    birth_dates=("1984-01-08",),
    nationalities=("kp",),
    identifiers=(Identifier("passport", "PS-123 456"),),
)


def entity_score(query: Query, name: str = "KIM Jong Un") -> tuple[float, dict[str, float]]:
    score, _, features = score_entity(query, form(query.name), PERSON, [form(name)])
    return score, {f.name: f.effect for f in features}


def test_two_words_split_elsewhere_score_as_equal_words() -> None:
    # `Abd al-Ghafur` keys the article with `Abd`; `Abd AlGhafur` with `Ghafur`.
    assert similarity("Sundus Abd AlGhafur", "Sundus 'Abd al-Ghafur") == 1.0
    assert similarity("Sundus 'Abd al-Ghafur", "Sundus Abd AlGhafur") == 1.0
    # In a syllabic name the split makes other syllables: `Jong Il` is not `Jon Gil`.
    assert similarity("Kim Jong Il", "Kim Jon Gil") < DEFAULT_THRESHOLD


def test_particle_run_together_with_its_article_is_the_two_words() -> None:
    # `Ibnal` is `Ibn al` (`bin al`) written as one word, as `Abdul` is `Abd al`.
    assert similarity("Khalid Ibnal Waleed", "Khalid Ibn al Waleed") == 1.0
    assert similarity("Khalid Binul Waleed", "KHALID BIN AL-WALEED") == 1.0


def test_conflicting_birth_year_counts_against_the_match() -> None:
    score, effects = entity_score(Query("Kim Jong Un", birth_date="1962"))
    assert effects["birth_date"] == BIRTH_YEAR_CONFLICT
    assert score == pytest.approx(1 + BIRTH_YEAR_CONFLICT)


def test_agreeing_partial_birth_date_is_reported_as_agreement() -> None:
    feature = compare_birth_dates("1984", ["1984-01-08"])
    assert feature is not None and feature.effect > 0


def test_person_query_against_vessel_schema_conflicts() -> None:
    vessel = Entity(id="v", schema="Vessel", names=("KIM JONG UN",), source="test")
    query = Query("Kim Jong Un", schema="Person")
    score, _, features = score_entity(query, form(query.name), vessel, [form("KIM JONG UN")])
    assert any(f.name == "schema" and f.effect == SCHEMA_CONFLICT for f in features)
    assert score < DEFAULT_THRESHOLD


def test_exact_passport_number_decides_the_match_whatever_the_name() -> None:
    score, effects = entity_score(Query("Somebody Else", passport_number="ps123456"))
    assert score == 1.0
    assert "identifier" in effects


def test_weak_alias_match_is_penalised() -> None:
    score, _, features = score_entity(
        Query("KJU"), form("KJU"), PERSON, [form("KJU", is_weak=True)]
    )
    assert score == pytest.approx(1 + WEAK_ALIAS_PENALTY)
    assert [f.name for f in features] == ["name", "weak_alias"]


def test_nationality_conflict_lowers_the_score() -> None:
    score, effects = entity_score(Query("Kim Jong Un", nationality="South Korea"))
    assert effects["nationality"] < 0
    assert score < 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kim Jong Un", True),
        ("Liu Xiuying", True),
        ("Choe Ryong Hae", True),
        ("Wahhab Wiam", False),
        ("Sandra Scott", False),
    ],
)
def test_korean_and_chinese_names_are_recognised_as_syllabic(name: str, expected: bool) -> None:
    assert is_syllabic(name_keys(name)) is expected


@pytest.mark.parametrize(
    ("left", "right"),
    [("He Na", "Henna"), ("Ren Na", "Lena"), ("Anna Lee", "Ana I"), ("Shen Jing", "Shen Zhong")],
)
def test_folding_does_not_make_different_names_match(left: str, right: str) -> None:
    assert similarity(left, right) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("transporting", "transportation"),
        ("manufacturing", "manufacturers"),
        ("technologies", "technological"),
    ],
)
def test_long_words_sharing_a_stem_are_similar_outside_syllabic_names(
    left: str, right: str
) -> None:
    a, b = name_keys(left)[0], name_keys(right)[0]
    assert token_similarity(a, b, is_syllabic=False) >= 0.8
    assert token_similarity(a, b, is_syllabic=True) == 0.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("medical", "medicine"),  # stem shorter than three quarters of the word
        ("interest", "international"),
        ("kimberly", "kimchi"),
    ],
)
def test_words_sharing_only_a_short_prefix_are_not_one_stem(left: str, right: str) -> None:
    a, b = name_keys(left)[0], name_keys(right)[0]
    assert token_similarity(a, b, is_syllabic=False) < 0.8


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("1ST ARMORED DIVISION", "FIRST ARMORED DIVISION"),
        ("7th Sense Creation", "Seventh Sense Creation"),
        ("Open Joint Stock Company Investcapitalbank", "INVESTCAPITALBANK"),
        ("NORINCO Group", "NORINCO GROUP"),
        ("SEA STAR III", "Sea Star 3"),  # Roman numerals of vessels
        ("BICENTENARIO XIV", "Bicentenario 14"),
    ],
)
def test_ordinals_and_translated_legal_forms_do_not_change_the_keys(left: str, right: str) -> None:
    assert name_keys(left) == name_keys(right)


def test_suk_is_sok_inside_a_given_name_run_together_but_not_before_w() -> None:
    # 석 is `Sok` (McCune-Reischauer), `Seok` (Revised) or `Suk` (passports).
    assert joined_keys("KIM Sok Chol")[1] == name_keys("Sukchul Gim")[0] == "sokchol"
    assert name_keys("Seokmin")[0] == name_keys("Sukmin")[0]
    # `Sukwang` is `Su-kwang` (수광), not 석.
    assert name_keys("Sukwang")[0] == name_keys("Sugwang")[0] == "sukwang"


def test_letters_standing_alone_are_initials_not_a_numeral() -> None:
    # `I. V.` is run together as `iv`, which as a word is the numeral 4 (`SEA STAR IV`).
    assert romanized_words("I. V. KYVA") == ("iv", "kyva")
    assert romanized_words("SEA STAR IV") == ("sea", "star", "4")


@pytest.mark.parametrize("word", ["group", "holding", "holdings"])
def test_group_and_holding_weigh_like_generic_words(word: str) -> None:
    key = name_keys(word)[0]
    assert key_weight(10, 1000, key) == pytest.approx(0.25 * key_weight(10, 1000))


def test_an_initial_counts_towards_the_word_it_starts_outside_syllabic_names() -> None:
    query = "HIJAZI Raed M"
    assert similarity(query, "HIJAZI Raed Muhammad") > similarity(query, "HIJAZI Raed Khalid")
    # A vowel is an initial too (`A. Voronkevitch`), but not `y`, Spanish for "and".
    assert similarity("HIJAZI Raed A", "HIJAZI Raed Ali") > similarity(query, "HIJAZI Raed Ali")
    assert token_similarity("y", "yusuf", is_syllabic=False) == 0.0
    assert token_similarity("m", "muhamat", is_syllabic=True) == 0.0


def test_two_words_may_run_together_when_both_names_have_as_many_words() -> None:
    assert similarity("Stephen Subin", "Su Bin Stephen") > similarity("Stephen Subin", "Su Bin")
    assert similarity("Tsor Security", "Zorsecurity Center") > 0


KEY_LETTERS = "abcdeghiklmnoprstuy"


@st.composite
def near_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Draw a key and the same key after zero to two random edits."""
    a = draw(st.text(KEY_LETTERS, max_size=12))
    b = a
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(b)))
        letter = draw(st.sampled_from(KEY_LETTERS))
        b = draw(
            st.sampled_from(
                [b[:at] + letter + b[at:], b[:at] + b[at + 1 :], b[:at] + letter + b[at + 1 :]]
            )
        )
    return a, b


@given(near_pairs())
def test_the_quick_test_for_words_run_together_never_skips_a_similar_pair(
    pair: tuple[str, str],
) -> None:
    a, b = pair
    if not _may_join(a, b):
        assert token_similarity(a, b, is_joined=True) == 0.0


@given(
    st.text(alphabet="abcde", max_size=9),
    st.lists(st.text(alphabet="abcde", max_size=9), max_size=6),
)
def test_the_batch_join_test_keeps_the_words_the_single_test_keeps(
    joined: str, words: list[str]
) -> None:
    assert _joinable(joined, tuple(words)) == [
        j for j, w in enumerate(words) if _may_join(joined, w)
    ]


@pytest.mark.parametrize("name", ["Xi Jinping", "Nguyen Van Vi", "I Kyong Hwa", "Raed M V Hijazi"])
def test_letters_that_are_also_names_or_initials_stay_letters(name: str) -> None:
    assert not any(key.isdigit() for key in name_keys(name))


def test_a_word_is_not_two_words_run_together_when_it_is_one_of_them() -> None:
    # `N Patrushev` run together is one edit from `Patrushev`: no credit for the `N`.
    assert similarity("N Patrushev", "Patrushev") == similarity("Nikolaev Patrushev", "Patrushev")
    assert similarity("Patrushev", "N Patrushev") == similarity("N Patrushev", "Patrushev")


_KEY_LETTERS = st.text(alphabet="abcdehiklmnorstuy", min_size=1, max_size=10)


@given(_KEY_LETTERS, _KEY_LETTERS, st.booleans(), st.booleans())
@settings(max_examples=3000, deadline=None)
def test_word_similarity_is_symmetric(a: str, b: str, joined: bool, syllabic: bool) -> None:
    assert token_similarity(a, b, joined, syllabic) == token_similarity(b, a, joined, syllabic)


@pytest.mark.parametrize(
    ("a", "b", "syllabic"),
    [
        ("bakhtiar", "pakhtiar", False),  # one edit, at the first letter
        ("kheirbek", "khairbek", False),  # other vowels
        ("transporting", "transportation", False),  # one stem
        ("m", "muhammad", False),  # an initial
        ("kimjongun", "kimjongan", True),  # eight letters or more, one edit
    ],
)
def test_similar_words_score_above_zero_either_way(a: str, b: str, syllabic: bool) -> None:
    assert token_similarity(a, b, False, syllabic) > 0
    assert token_similarity(b, a, False, syllabic) > 0


_LETTERS = "abcdeghijklmnorstuy"
_WORDS = st.text(alphabet=_LETTERS, min_size=3, max_size=9)


@st.composite
def _word_and_typo(draw: st.DrawFn) -> tuple[str, str]:
    """Return a word and the word with one letter changed, added, dropped or swapped."""
    word = draw(_WORDS)
    at = draw(st.integers(0, len(word) - 2))
    letter = draw(st.sampled_from(_LETTERS))
    edited = draw(
        st.sampled_from(
            [
                word[:at] + letter + word[at + 1 :],
                word[:at] + letter + word[at:],
                word[:at] + word[at + 1 :],
                word[:at] + word[at + 1] + word[at] + word[at + 2 :],
            ]
        )
    )
    return word, edited


@given(_word_and_typo() | st.tuples(_WORDS, _WORDS))
@settings(max_examples=3000, deadline=None)
def test_words_the_cheap_typo_test_tells_apart_are_no_typo(pair: tuple[str, str]) -> None:
    word, other = pair
    # The test applies outside syllabic names, to two words alike with or without vowels.
    if len(other) < 3 or has_no_inner_vowel(word) != has_no_inner_vowel(other):
        return
    key, other_key = phonetic_key(word), phonetic_key(other)
    if not may_be_one_typo(word, other, key, other_key):
        assert typo_similarity(word, other, key, other_key, False) == 0.0


@given(
    st.text(alphabet="aeiournmclvwdk", max_size=8), st.text(alphabet="aeiournmclvwdk", max_size=8)
)
@settings(max_examples=3000, deadline=None)
def test_only_a_word_ocr_may_have_misread_reads_as_another(word: str, other: str) -> None:
    # `typo_similarity` reads the words only when one of them holds a misread (profiled).
    if word != other and ocr_read(word) == ocr_read(other):
        assert _is_misread(word) or _is_misread(other)
    inner = word[1:-1]
    assert has_no_inner_vowel(word) == (len(word) >= 3 and not any(c in "aeiou" for c in inner))


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("bakhtiar", "pakhtiar"),  # a letter changed, the first
        ("abkhtiar", "bakhtiar"),  # the first two swapped
        ("akhtiar", "bakhtiar"),  # the first dropped
        ("gavriil", "gavril"),  # a letter dropped inside
        ("chol", "chlo"),  # the last two swapped
    ],
)
def test_the_cheap_typo_test_lets_one_typo_through(word: str, other: str) -> None:
    key, other_key = phonetic_key(word), phonetic_key(other)
    assert typo_similarity(word, other, key, other_key, False) > 0
    assert may_be_one_typo(word, other, key, other_key)
