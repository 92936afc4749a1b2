"""Tests for yalu.screening.romanize: hangul/hanzi romanization and phonetic keys."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.screening.romanize import (
    _RULES,
    apply_rules,
    display_romanized,
    joined_keys,
    name_keys,
    phonetic_key,
    romanize_hangul,
    romanize_hanzi,
    romanized_words,
    written_words,
)

SAME_WORD = [
    # McCune-Reischauer / DPRK vs Revised Romanization and initial r/l/n
    ("Hajji", "Haji"),
    ("Ryonbong", "Ryeonbong"),
    ("Ryonbong", "Yonbong"),
    ("Ryonbong", "Lyonbong"),
    ("Choson", "Joseon"),
    ("Paektu", "Baekdu"),
    ("Kwangmyong", "Gwangmyeong"),
    ("Chollima", "Cheollima"),
    ("Pyongyang", "Pyeongyang"),
    ("Jong", "Jeong"),
    ("Un", "Eun"),
    ("Chol", "Cheol"),
    ("Chol", "Chul"),
    ("Song", "Sung"),
    ("Kyong", "Kyung"),
    # family names
    ("Ri", "Lee"),
    ("Ri", "Yi"),
    ("Ri", "Rhee"),
    ("Ri", "Rhi"),
    ("Ri", "Li"),
    ("Pak", "Park"),
    ("Pak", "Bak"),
    ("Choe", "Choi"),
    ("O", "Oh"),
    ("Rim", "Lim"),
    ("Ro", "Noh"),
    ("Yun", "Yoon"),
    ("Sin", "Shin"),
    ("Mun", "Moon"),
    ("Paek", "Baek"),
    ("Paek", "Paik"),
    # Wade-Giles vs pinyin
    ("Hsi", "Xi"),
    ("Hsu", "Xu"),
    ("Hsieh", "Xie"),
    ("Hsiung", "Xiong"),
    ("Ch'ing", "Qing"),
    ("Chou", "Zhou"),
    ("Tsao", "Zao"),
    ("Ts'ai", "Cai"),
    ("T'ien", "Tian"),
    ("Chung", "Zhong"),
]


@pytest.mark.parametrize(("left", "right"), SAME_WORD)
def test_romanizations_of_the_same_word_share_a_key(left: str, right: str) -> None:
    assert name_keys(left) == name_keys(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Chol", "Chon"),
        ("Kim", "Kin"),
        ("Min", "Jun"),
        ("Pak", "Paek"),
        ("Wang", "Wong"),
        # Pinyin `x`, `s` and `sh` are three initials: 徐 Xu and 苏 Su, 习 Xi and 石 Shi.
        ("Xu", "Su"),
        ("Xi", "Shi"),
        ("Hsu", "Su"),
    ],
)
def test_different_syllables_keep_different_keys(left: str, right: str) -> None:
    assert name_keys(left) != name_keys(right)


def test_hangul_is_romanized_in_revised_romanization() -> None:
    assert romanize_hangul("련봉") == "ryeonbong"


def test_hanzi_is_romanized_in_pinyin_without_tones() -> None:
    assert romanize_hanzi("习近平") == "xijinping"


def test_hangul_name_gets_the_keys_of_its_mr_spelling_run_together() -> None:
    keys = name_keys("김정은")
    assert keys[0] == name_keys("Kim")[0]
    assert keys[1] == joined_keys("Jong Un")[0]


def test_hanzi_name_gets_the_keys_of_its_pinyin() -> None:
    assert name_keys("习近平") == name_keys("Xi Jinping")


def test_company_words_do_not_reach_the_keys() -> None:
    assert name_keys("Korea Ryonbong General Corporation") == name_keys("Korea Ryonbong")


def test_joined_keys_do_not_apply_initial_rules_inside_a_name() -> None:
    assert joined_keys("Hai-lun") == name_keys("Hailun")


def test_a_common_arabic_name_split_in_two_is_keyed_as_the_name() -> None:
    assert joined_keys("Hos sein") == name_keys("Hossein") == name_keys("Husayn")
    assert joined_keys("Moham mad Ali")[0] == name_keys("Muhammad")[0]


def test_an_organisation_word_split_in_two_is_keyed_as_its_english() -> None:
    # `Sharq` (Arabic: east) keys as `east`, so a name that splits it must too.
    assert name_keys("Sharq Coalmines")[0] == "east"
    assert joined_keys("Shar q Coalmines")[0] == "east"


def test_written_words_keep_organisation_words_in_their_language() -> None:
    # One per word of `romanized_words`, legal forms dropped from both alike.
    assert romanized_words("MEDAL INVERSIONES, S.A.") == ("medal", "investment")
    assert written_words("MEDAL INVERSIONES, S.A.") == ("medal", "inversiones")
    assert written_words("OOO Kompaniya Gaz-Alyans") == ("gaz", "alyans")
    assert written_words("Abdel Aziz Mohamed") == romanized_words("Abd al-Aziz Muhammad")


def test_display_of_hangul_query_is_its_romanization() -> None:
    assert display_romanized("김정은") == "Gim Jeongeun"


@given(st.from_regex(r"[a-z]{1,12}", fullmatch=True))
def test_phonetic_key_is_lower_case_ascii_and_never_empty(word: str) -> None:
    key = phonetic_key(word)
    assert key
    assert key.isascii()
    assert key == key.lower()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mohammed Hussein", "Muhammad Husayn"),
        ("Mohamad Hossein", "Muhammad Husayn"),
        ("Youssef Omar", "Yusuf Umar"),
        ("Abdel Aziz", "Abd al-Aziz"),
        ("Abdul Aziz", "Abd el Aziz"),
        ("Othman ibn Khaled", "Uthman bin Khalid"),
        ("Ahmed Ould Mahmoud", "Ahmad Walad Mahmud"),
    ],
)
def test_arabic_name_spellings_share_keys(one: str, other: str) -> None:
    assert name_keys(one) == name_keys(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hassan", "Hussein"),  # two names, not two spellings
        ("Ben Li", "Bin Li"),  # pinyin ben and bin stay apart
        ("Said", "Sayyid"),  # a given name and a title
    ],
)
def test_different_arabic_names_and_pinyin_syllables_stay_apart(one: str, other: str) -> None:
    assert name_keys(one) != name_keys(other)


@pytest.mark.parametrize(("initials", "other"), [("TMG", "DMG"), ("M.T.T.", "MMT"), ("KBG", "KPK")])
def test_initials_are_letters_not_sounds(initials: str, other: str) -> None:
    assert name_keys(initials) != name_keys(other)


@pytest.mark.parametrize(("number", "other"), [("2655", "265"), ("1100", "110"), ("77", "7")])
def test_numbers_keep_every_digit(number: str, other: str) -> None:
    assert phonetic_key(number) == number
    assert phonetic_key(number) != phonetic_key(other)


@pytest.mark.parametrize(
    ("pinyin", "wade_giles"), [("Wang Qiang", "Wang Ch'iang"), ("Qian Qichen", "Ch'ien Ch'ich'en")]
)
def test_pinyin_q_is_wade_giles_ch(pinyin: str, wade_giles: str) -> None:
    assert name_keys(pinyin) == name_keys(wade_giles)


@pytest.mark.parametrize(
    ("one", "other"), [("Quds", "Kuds"), ("YAQUBI Hosein", "YAKUBI Hossein"), ("Iraqi", "Iraki")]
)
def test_q_outside_pinyin_names_is_k(one: str, other: str) -> None:
    assert name_keys(one) == name_keys(other)


RULE_PARTS = [*"abcdeghijklmnopqrstuvwxyz1", "eo", "oung", "yen", "chul", "hyun", "suku", "rh"]
RULE_PARTS += ["ah", "hs", "xi", "ts", "tz", "ch", "zh", "qu", "jj", "ng", "sh", "ph", "ll", "ry"]
RULE_PARTS += ["ri", "li", "ra", "lo", "nu"]
"""Letters, and what the key's spelling rules look for."""


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(RULE_PARTS), min_size=1, max_size=5).map("".join))
def test_the_spelling_rules_are_applied_as_their_patterns_say(word: str) -> None:
    """`apply_rules` skips a rule where its pattern would change nothing, and no more."""
    key = re.sub(r"^(.)\1", r"\1", word)
    for needs, pattern, replacement in _RULES:
        regex = pattern or re.compile(re.escape(needs))
        if needs not in key:
            assert regex.search(key) is None, (needs, regex.pattern, key)
        key = regex.sub(replacement, key)
    key = re.sub(r"^[rl](?=[aeouw][a-z]{0,2}$)", "n", key)
    assert apply_rules(word) == re.sub(r"(.)\1+", r"\1", key)
