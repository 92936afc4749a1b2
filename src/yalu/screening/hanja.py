"""Read a name written in Han characters the Korean way (Sino-Korean readings).

Chinese-language papers, customs declarations and media write North Korean names in Han
characters: 金正恩, 金与正 / 金與正, 崔龙海 / 崔龍海. Read as Mandarin they are `Jin
Zhengen`, `Jin Yuzheng`; read as Korean they are 김정은 (Kim Jong Un), 김여정 (Kim Yo
Jong), 최룡해 (Choe Ryong Hae), the names the lists print. `korean_readings` gives the
Korean readings of a run of Han characters in hangul, which `romanize.py` then compares
as it does any hangul; the matcher screens both readings and keeps the better one.

Readings come from `data/hanja_readings.csv` (libhangul's table, traditional and
simplified forms; source and licence in `data/HANJA_READINGS.md`), loaded once. Where a
character has a word-initial form under the South's initial-sound rule and a base form
(李 리/이, 林 림/임, 柳 류/유, 盧 로/노, 龍 룡/용), the base form is read: North Korea
does not apply the rule (the lists write `RI Pyong Chol`), and the phonetic keys of
`romanize.py` fold `Ri`, `Lee` and `Yi` alike, so the DPRK reading also meets names
listed the Southern way. A family name reads as a family name (`SURNAME_READINGS`: 金 is
김 Kim, not 금 Kum).
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from importlib import resources

from yalu.screening.normalize import split_cjk_name

MAX_READINGS = 4
"""At most this many readings of one name (characters with several readings multiply)."""

SURNAME_READINGS: dict[str, str] = {
    "金": "김",
    "車": "차",
    "车": "차",
    "朴": "박",
    "卜": "복",
    "宅": "택",
    "更": "경",
    "葛": "갈",
    "沈": "심",
    "諸": "제",
    "单": "단",
    "單": "단",
}
"""Characters whose reading as a family name is one of several (金 is 김 as a name)."""

_HANGUL_BASE = 0xAC00
_RIEUL, _NIEUN, _IEUNG = 5, 2, 11
_Y_OR_I_VOWELS = frozenset({2, 6, 7, 12, 17, 20})
"""Vowels ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ, before which an initial ㄹ or ㄴ is dropped in the South."""


@lru_cache(maxsize=1)
def reading_table() -> dict[str, tuple[str, ...]]:
    """Return every Han character's Korean readings, base forms only (loaded once)."""
    text = (
        resources.files("yalu.screening")
        .joinpath("data/hanja_readings.csv")
        .read_text(encoding="utf-8")
    )
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines()[1:]:
        character, _, readings = line.partition(",")
        found = readings.split()
        # 리 and 이 for 李: 이 is 리 at the start of a word in the South; keep the base form.
        dropped = {initial_sound_rule(r) for r in found if initial_sound_rule(r) != r}
        table[character] = tuple(r for r in found if r not in dropped)
    return table


def initial_sound_rule(syllable: str) -> str:
    """Return a hangul syllable as the South writes it at the start of a word.

    Initial ㄹ becomes ㅇ before ㅣ and the y-vowels and ㄴ elsewhere; initial ㄴ becomes ㅇ
    before ㅣ and the y-vowels (리 → 이, 로 → 노, 녀 → 여). Other syllables are unchanged.

    Args:
        syllable: one hangul syllable.
    """
    code = ord(syllable) - _HANGUL_BASE
    if not 0 <= code < 11172:
        return syllable
    initial, rest = divmod(code, 21 * 28)
    vowel = rest // 28
    if initial == _RIEUL:
        initial = _IEUNG if vowel in _Y_OR_I_VOWELS else _NIEUN
    elif initial == _NIEUN and vowel in _Y_OR_I_VOWELS:
        initial = _IEUNG
    return chr(_HANGUL_BASE + initial * 21 * 28 + rest)


def korean_readings(run: str) -> list[str]:
    """Return the Korean readings of a run of Han characters, in hangul, best first.

    A run of two to four characters is a personal name, family name first
    (`normalize.split_cjk_name`), and its family name reads as one. Characters with
    several readings give several readings of the name, at most `MAX_READINGS`.

    Args:
        run: Han characters without spaces, e.g. "金正恩" or "崔龙海".

    Returns:
        e.g. ["김정은"]; [] when a character has no Korean reading in the table.
    """
    table = reading_table()
    if not run or any(ch not in table for ch in run):
        return []
    parts = split_cjk_name(run)
    options: list[tuple[str, ...]] = []
    for position, character in enumerate(run):
        if position == 0 and len(parts) == 2 and character in SURNAME_READINGS:
            options.append((SURNAME_READINGS[character],))
        else:
            options.append(table[character])
    readings = ("".join(choice) for choice in itertools.product(*options))
    return list(itertools.islice(readings, MAX_READINGS))
