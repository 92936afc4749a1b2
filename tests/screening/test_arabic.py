"""Tests for yalu.screening.arabic: consonant skeletons of Arabic-script and Latin names."""

from __future__ import annotations

import pytest

from yalu.screening.arabic import is_arabic, skeleton_keys, skeleton_readings


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("سعد عبد المجيد الفيصل التكريتي", "SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI"),
        ("گل احمد حكيمى", "GUL AHMAD HAKIMI"),
        ("إياد نظمي صالح خليل", "IYAD NAZMI SALIH KHALIL"),
        ("محمد بلكلام", "Mohamed BELKALEM"),
        ("حبیب الله رشاد", "HABIB ALLAH RESHAD"),
        ("عبد الجليل", "Abdul Jalil"),
        ("سبعاوي إبراهيم حسن التكريتي", "SAB'AWI IBRAHIM HASSAN AL-TIKRITI"),
        ("عبدالغفار شینواری", "ABDUL GHAFAR SHINWARI"),
        ("نور محمد ثاقب", "NOOR MOHAMMAD SAQIB"),
        ("عثمان", "Uthman"),
        # French spelling of a Maghrebi name: `Dj` is ج, `c` before `i` or `e` is س.
        ("جمال لونيسي", "Djamel LOUNICI"),
        # Compounds Latin runs together and Arabic writes apart, or the other way round.
        ("هدايت الله", "Hidayatullah"),
        ("عبد القادر", "Abdelkader"),
        ("عبد الرحمن", "Abdurrahman"),
        ("صلاح الدين", "Salahuddin"),
        ("نورالدین", "Noor Uddin"),
        # Short vowels and shadda written over the letters are marks, not letters.
        ("مُحَمَّد الضيف", "Mohammed Deif"),
    ],
)
def test_arabic_script_and_its_transliteration_share_a_skeleton(arabic: str, latin: str) -> None:
    assert skeleton_keys(arabic) == skeleton_keys(latin)


@pytest.mark.parametrize("latin", ["Hassan", "Hasan", "Hussein", "Husayn"])
def test_skeleton_is_deliberately_lossy_on_vowels(latin: str) -> None:
    # Arabic script does not write short vowels, so these all read as حسن.
    assert skeleton_keys(latin) == skeleton_keys("حسن") == ("hsn",)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("حسن", "Karim"),
        ("سعد", "Saleh"),
        ("خليل", "Jalil"),
    ],
)
def test_different_consonants_give_different_skeletons(one: str, other: str) -> None:
    assert skeleton_keys(one) != skeleton_keys(other)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("محمد", True), ("حبیب الله", True), ("Muhammad", False), ("김정은", False)],
)
def test_is_arabic_detects_arabic_and_persian_script(text: str, expected: bool) -> None:
    assert is_arabic(text) is expected


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("فضل رحيم", "Fazal RAHIM"),  # Pashto and Urdu write ض as z
        ("فضل رحيم", "Fadl Rahim"),  # Arabic as d
        ("رضا", "Reza"),
        ("حسن ظاهر", "Hassan Dahir"),
        ("حسن ظاهر", "Hassan Zahir"),
    ],
)
def test_letters_latin_writes_as_d_or_z_are_read_both_ways(arabic: str, latin: str) -> None:
    assert skeleton_keys(latin) in [keys for keys, _ in skeleton_readings(arabic)]


@pytest.mark.parametrize("name", ["محمد", "Fazal Rahim", "Reza"])
def test_a_name_without_such_letters_has_one_reading(name: str) -> None:
    assert skeleton_readings(name) == ((skeleton_keys(name), ""),)


def test_french_c_before_a_hard_vowel_stays_k() -> None:
    assert skeleton_keys("Cassim") == skeleton_keys("قاسم")
