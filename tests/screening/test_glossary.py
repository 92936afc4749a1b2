"""Tests for yalu.screening.glossary: organisation words of other languages in English."""

from __future__ import annotations

import pytest

from yalu.models.screening import Entity, Query
from yalu.screening import ScreeningIndex
from yalu.screening.glossary import ORGANISATION_WORDS, translate_words
from yalu.screening.romanize import (
    family_name_keys,
    phonetic_key,
    romanized_words,
    syllable_keys,
)


def test_words_of_other_languages_become_english_and_others_stay() -> None:
    assert translate_words(["siman", "shargh", "sepahan"]) == ["cement", "east", "sepahan"]


def test_no_glossary_word_is_a_korean_or_chinese_syllable_or_family_name() -> None:
    # Such a word would turn part of a person's name into `bank` or `oil`.
    reserved = syllable_keys() | family_name_keys()
    assert not [w for w in ORGANISATION_WORDS if phonetic_key(w) in reserved]


def test_a_legal_form_without_its_vowels_is_dropped_like_the_legal_form() -> None:
    # `CMPNY` would stay an unmatched word of the query, and weigh as a rare one.
    assert romanized_words("IRNN ATLS CMPNY") == romanized_words("IRNN ATLS COMPANY")
    assert romanized_words("Sepahan Trdng Lmtd") == ("sepahan",)
    assert romanized_words("Gnrl Motors") == romanized_words("General Motors")


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("SHARQ CEMENT", "SIMAN-E SHARGH"),
        ("IRAN COMMUNICATION INDUSTRIES", "SANAYE MOKHABERAT IRAN"),
        ("SMART IMPORT EXPORT FOREIGN TRADE LIMITED COMPANY", "SMART ITHALAT IHRACAT TICARET"),
        ("TRANSNEFT FINANCE LIMITED", "TRANSNEFT FINANS, OOO"),
        ("WORLD DISTRIBUTION SYSTEM", "SISTEMA DE DISTRIBUCION MUNDIAL"),
        ("SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION", "SEMICONDUCTOR MFG INTL CORP"),
    ],
)
def test_a_name_in_another_language_finds_the_english_listing(listed: str, query: str) -> None:
    others = [
        Entity(f"o{i}", "Company", (f"{word} HOLDING",), "t")
        for i, word in enumerate(
            ["SMART", "IRAN", "SHARQ", "TRADE", "CEMENT", "TRANSNEFT", "WORLD", "SEMICONDUCTOR"]
        )
    ]
    index = ScreeningIndex.build([*others, Entity("x", "Company", (listed,), "t")])
    assert index.screen(Query(query))[0].entity_id == "x"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("華信船務(香港)有限公司", ["hua", "xin", "shipping", "hong", "kong"]),
        ("沈忠國際海運有限公司", ["shen", "zhong", "international", "shipping"]),
        ("王中国", ["wang", "zhongguo"]),  # a personal name, whatever its characters mean
        # Traditional characters read as their simplified phrase: 長安 is chang'an, not zhang
        ("長安海運技術有限公司", ["chang", "an", "shipping", "technology"]),
        ("长安海运技术有限公司", ["chang", "an", "shipping", "technology"]),
    ],
)
def test_hanzi_company_names_are_cut_into_english_and_pinyin_words(
    name: str, words: list[str]
) -> None:
    assert list(romanized_words(name)) == words


def test_a_company_typed_in_hanzi_finds_its_latin_listing() -> None:
    index = ScreeningIndex.build(
        [
            Entity("h1", "Company", ("HUAXIN SHIPPING HONGKONG LTD",), "t"),
            Entity("h2", "Company", ("HUAXIN TRADING CO",), "t"),
            Entity("h3", "Company", ("HONG KONG SHIPPING LTD",), "t"),
        ]
    )
    assert index.screen(Query("華信船務(香港)有限公司"))[0].entity_id == "h1"


def test_a_trade_name_in_hanzi_finds_its_listing_in_two_words() -> None:
    # The UN's own hanzi for CHANG AN SHIPPING & TECHNOLOGY, with 連 where 運 is meant.
    index = ScreeningIndex.build(
        [
            Entity("a1", "Company", ("XINHAI TECHNOLOGY CO",), "t"),
            Entity("a2", "Company", ("ANHUI TECHNOLOGY LIMITED",), "t"),
            Entity("c1", "Company", ("CHANG AN SHIPPING & TECHNOLOGY",), "t"),
        ]
    )
    best = index.screen(Query("長安海連技術有限公司"))[0]
    assert best.entity_id == "c1" and not best.is_match
