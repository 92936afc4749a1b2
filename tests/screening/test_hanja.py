"""Sino-Korean readings of names in Han characters (yalu.screening.hanja)."""

import pytest

from yalu.screening.forms import korean_reading_forms
from yalu.screening.glossary import is_hanzi_company
from yalu.screening.hanja import initial_sound_rule, korean_readings, reading_table
from yalu.screening.romanize import name_keys


@pytest.mark.parametrize(
    ("hanzi", "hangul"),
    [
        ("金正恩", "김정은"),  # 金 as a family name is 김 (Kim), not 금
        ("金與正", "김여정"),  # traditional
        ("金与正", "김여정"),  # simplified
        ("崔龍海", "최룡해"),
        ("崔龙海", "최룡해"),
        ("李炳哲", "리병철"),  # the DPRK keeps the initial ㄹ: RI Pyong Chol
    ],
)
def test_names_read_the_korean_way(hanzi: str, hangul: str) -> None:
    assert korean_readings(hanzi)[0] == hangul


def test_family_names_get_the_dprk_reading_that_also_keys_like_the_rok_one() -> None:
    for hanzi, dprk, rok in (("林", "림", "임"), ("柳", "류", "유"), ("盧", "로", "노")):
        assert reading_table()[hanzi] == (dprk,)
        assert initial_sound_rule(dprk) == rok
    assert name_keys("리병철")[0] == name_keys("Lee")[0] == name_keys("Yi")[0] == "ri"
    assert name_keys("이병철") == name_keys("리병철")


def test_initial_sound_rule_leaves_other_syllables_alone() -> None:
    assert [initial_sound_rule(s) for s in "리로녀김"] == ["이", "노", "여", "김"]
    assert initial_sound_rule("a") == "a"


def test_unknown_characters_give_no_reading() -> None:
    assert korean_readings("金X") == []
    assert korean_readings("") == []


def test_only_forms_in_han_characters_get_a_korean_reading() -> None:
    assert korean_reading_forms(["金正恩", "김정은", "Kim Jong Un"]) == [("김정은", "金正恩")]


def test_a_company_name_keeps_its_business_words_in_english_in_its_korean_reading() -> None:
    # Read whole, `朝鲜大成银行` would be one word (`joseondaeseongeunhaeng`) that no list
    # writes; KOREA DAESONG BANK is `korea 대성 bank`.
    assert korean_reading_forms(["朝鲜大成银行"]) == [("korea 대 성 bank", "朝鲜大成银行")]
    assert name_keys("korea 대 성 bank") == ("korea", "tae", "song", "pank")


def test_a_company_name_of_business_words_only_reads_as_in_mandarin() -> None:
    assert korean_reading_forms(["朝鲜联合机械贸易会社"]) == []


def test_four_hanzi_ending_with_a_company_word_are_a_company_name() -> None:
    # Chinese writes DAESONG BANK `大成银行` and AIR KORYO `高丽航空`, without `朝鲜`.
    assert korean_reading_forms(["大成银行"]) == [("대 성 bank", "大成银行")]
    assert korean_reading_forms(["高丽航空"]) == [("고 려 air", "高丽航空")]
    assert not is_hanzi_company(["银行大成"])  # four that do not end with one: a name
