"""Tests for yalu.screening.normalize: folding, punctuation, company words, CJK runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.screening.normalize import (
    country_code,
    legal_forms,
    normalize_name,
    script_parts,
    split_cjk_name,
    split_words,
    strip_company_words,
)
from yalu.screening.romanize import romanized_words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ryŏnbong", "ryonbong"),
        ("KIM Jong-Un", "kim jong un"),
        ("Ch'ŏllima", "chollima"),
        ("RI U’N SO’NG", "ri un song"),
        ("O'Brien, Patrick", "obrien patrick"),
        ("  Korea   Ryonbong  ", "korea ryonbong"),
        ("Ｋｉｍ", "kim"),
        ("Ким Чен Ын", "kim chen yn"),
        ("kim김정은", "kim 김정은"),
        ("I&S Holding", "i and s holding"),
        ("BANK-E TAT", "bank tat"),
        ("SAZMAN-E MOGHAVEMAT-E BASIJ", "sazman moghavemat basij"),
        ("JAISH-I-MOHAMMED", "jaish mohammed"),
        ("Kim Il-i", "kim il i"),
        ("Ri Ye-jin", "ri ye jin"),
    ],
)
def test_normalize_name_folds_case_accents_punctuation_and_scripts(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@given(st.text())
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(st.text())
def test_normalize_name_leaves_no_upper_case_or_punctuation(text: str) -> None:
    assert all(ch.isalnum() or ch == " " for ch in normalize_name(text))


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("김정은", ["김", "정은"]),
        ("리명수", ["리", "명수"]),
        ("남궁민수", ["남궁", "민수"]),
        ("王小明", ["王", "小明"]),
        ("欧阳修", ["欧阳", "修"]),
        ("朝鲜联合机械贸易会社", ["朝鲜联合机械贸易会社"]),
    ],
)
def test_cjk_personal_names_split_into_family_and_given_name(run: str, expected: list[str]) -> None:
    assert split_cjk_name(run) == expected


def test_split_words_splits_hangul_name_inside_a_sentence() -> None:
    assert split_words("mr 김정은") == ["mr", "김", "정은"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["korea", "ryonbong", "general", "corporation"], ["korea", "ryonbong"]),
        (["china", "telecom", "co", "ltd"], ["china", "telecom"]),
        (["general", "bureau"], ["general", "bureau"]),
        (["trading", "company"], ["trading", "company"]),
    ],
)
def test_company_words_are_dropped_but_never_first_or_all(
    words: list[str], expected: list[str]
) -> None:
    assert strip_company_words(words) == expected


def test_name_in_two_scripts_is_split_into_latin_and_cjk_parts() -> None:
    assert script_parts("Jin Tiesan (金铁三)") == ["Jin Tiesan", "金铁三"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("KP", "kp"), ("North Korea", "kp"), ("PRK", "kp"), ("China", "cn"), ("", None)],
)
def test_country_code_accepts_codes_and_names(text: str, expected: str | None) -> None:
    assert country_code(text) == expected


def test_country_code_of_unknown_country_is_none() -> None:
    assert country_code("Atlantis Republic") is None


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Obshchestvo S Ogranichennoi Otvetstvennostyu 'Gazprom Telekom'", ("gazprom", "telekom")),
        ("JOINT STOCK COMPANY SBERBANK LEASING", ("sberbank", "leasing")),
        ("AKTSIONERNOE OBSHCHESTVO GAZMASH", ("gazmash",)),
        ("General Kim", ("general", "kim")),  # one leading word may be a name
        ("JSC Techmash", ("techmash",)),
        ("Sa Kim", ("sa", "kim")),
        ("Company Limited", ("company", "limited")),  # never every word
    ],
)
def test_leading_legal_forms_of_two_words_or_more_are_dropped(
    name: str, words: tuple[str, ...]
) -> None:
    assert romanized_words(name) == words


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("OOO STROYTRANSGAZ", {"limited"}),
        ("Stroytransgaz LLC", {"limited"}),
        ("Almaz-Antey Closed Joint Stock Company", {"joint stock", "company"}),
        ("Al Kawthar Co.", {"company"}),
        ("Talleres S.A.", {"joint stock"}),
        ("Kim Chol", set()),
    ],
)
def test_legal_forms_are_read_as_kinds_of_body(name: str, kinds: set[str]) -> None:
    assert legal_forms(name) == kinds
