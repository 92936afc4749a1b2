"""Tests for yalu.screening.wade_giles: Chinese names in Wade-Giles read as pinyin."""

from __future__ import annotations

import pytest

from yalu.screening.romanize import name_keys
from yalu.screening.wade_giles import pinyin_reading, wade_giles_table


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [
        ("Lin Jung-nan", "Lin Rongnan"),  # WG `j` is pinyin `r`
        ("Jung-Nan Lin", "Rongnan Lin"),  # the family name last, the order kept
        ("LIN, Jung-nan", "Lin Rongnan"),  # `Family, Given`
        ("Li Yu-min", "Li Youmin"),  # WG `yu` is pinyin `you`
        ("Yü Ta-wei", "Yu Dawei"),  # `yü` written with its umlaut is pinyin `yu`
        ("Ko Chia-hui", "Ge Jiahui"),  # a final `o` is `e` after `k`
        ("Kuo Kuei-fang", "Guo Guifang"),
        ("Hsü Chih-mo", "Xu Zhimo"),
        ("Chang Jung-fa", "Zhang Rongfa"),
        ("Shih Li-jung", "Shi Lirong"),
        ("Lin Jungnan", "Lin Rongnan"),  # run together, split where both halves are WG
        ("Huang Wan-ken", "Huang Wangen"),  # `ken` is `gen`
        ("Ch'en Ch'uan-kuo", "Chen Chuanguo"),
    ],
)
def test_a_wade_giles_name_reads_as_its_pinyin(wade_giles: str, pinyin: str) -> None:
    assert pinyin_reading(wade_giles) == pinyin


@pytest.mark.parametrize(
    "name",
    [
        "Mao Tse-tung",  # every syllable keys as its pinyin already (`Mao Zedong`)
        "Chiang Kai-shek",
        "Teng Hsiao-p'ing",
        "Chang Yu",  # `Zhang You` keys as `Chang Yu` does
        "Li Yumin",  # pinyin: WG would hyphenate the given name
        "Huang Wan-k'en",  # the apostrophe is read: `k'en` is `ken`, keyed as written
        "Li Juan",  # pinyin syllables only, though WG reads `Juan` as `Ruan`
        "Luo Hui-min",  # `Luo` is pinyin, not WG `lüo` with its umlaut left out
        "Han Soo",  # `Soo` is no `so`-`o`: a vowel does not start the second syllable
        "Lin Rongnan",  # pinyin: WG has no `r`
        "Kim Jong Un",  # `Kim` is no WG syllable
        "Ho Chi Minh",  # nor is `Minh`
        "John Smith",
        "Evergreen",  # one word is not a Chinese name
        "Ou-yang Chung-ho Lin Jung",  # five syllables are not one either
    ],
)
def test_a_name_that_reads_the_same_or_is_no_wade_giles_has_no_reading(name: str) -> None:
    assert pinyin_reading(name) == ""


def test_the_reading_keys_as_the_pinyin_name_does() -> None:
    assert name_keys(pinyin_reading("Lin Jung-nan")) == name_keys("LIN Rongnan")
    assert name_keys("Lin Jung-nan") != name_keys("LIN Rongnan")


def test_a_spelling_of_several_syllables_reads_as_the_unmarked_and_commoner_one() -> None:
    table = wade_giles_table()
    # `chu` is WG for `zhu`; `ch'u` (`chu`) and `chü` (`ju`) lose their marks to it.
    assert table["chu"] == "zhu"
    # `lo` is WG for `luo` and for the rare interjection `lo`: the commoner wins.
    assert table["lo"] == "luo"
    assert table["yv"] == "yu" and table["yu"] == "you"
    assert table["k'en"] == "ken" and table["ken"] == "gen"
