"""Read a Chinese name written in Wade-Giles as pinyin, the way the lists mostly write it.

Taiwan, Hong Kong and older papers write Chinese names in Wade-Giles (WG): `Lin Jung-nan`,
`Li Yu-min`, `Ko Chia-hui`. The lists mostly print pinyin: `Lin Rongnan`, `LI Youmin`,
`Ge Jiahui`. The phonetic key (`romanize.py`) already folds most WG spellings onto pinyin
(`Ch'en` = `Chen`, `Hsu` = `Xu`, `Tsao` = `Cao`, `Chou` = `Zhou`). It cannot fold the
syllables whose letters spell another sound in pinyin or in Korean: WG `j` is pinyin `r`
(`Jung` = `Rong`, but `Jung` is also the Korean 정), WG `yu` is pinyin `you` (pinyin `yu`
is WG `yü`), a final `o` is `e` or `uo` (`Ko` = `Ge`, `Lo` = `Luo`), `kuei` is `gui` and
`erh` is `er`.

So a name whose every syllable is a WG syllable is also screened as its pinyin reading
(`pinyin_reading`), and the better reading wins, named in the explanation, as a name in Han
characters is read both as Mandarin and as Korean. The table is pypinyin's own pinyin to WG
table read backwards (`Style.WADEGILES`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Final

from yalu.screening.romanize import phonetic_key, pinyin_syllables

NAME_SYLLABLES: Final = range(2, 5)
"""A Chinese name is a family name and one or two given syllables: two to four in all
(a compound family name such as `Ou-yang` makes four)."""

_APOSTROPHES: Final = re.compile("['’‘ʼ`´]")
"""WG marks aspiration with an apostrophe (`Ch'en`), written in any of these or left out."""
_WORDS: Final = re.compile(r"[\s,]+")
"""What parts the words of a name (`LIN, Jung-nan`)."""
_SYLLABLES: Final = re.compile(r"[-‐‑–]")
_LETTERS: Final = re.compile("[a-z]+")


@lru_cache(maxsize=1)
def wade_giles_table() -> dict[str, str]:
    """Return every WG syllable, apostrophes left out, with the pinyin it spells.

    `ü` is written `v`, as pypinyin writes it, and also left out (`yü` is also `yu`).

    Where a spelling stands for several pinyin syllables once its marks are left out
    (`chu` is `zhu`, `ch'u` is `chu`, `chü` is `ju`), the one written without marks wins,
    then the one more characters are read as (`lo` is `luo`, not the rare `lo`).
    """
    from pypinyin import Style
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    readers = Counter(to_normal(p) for value in pinyin_dict.values() for p in value.split(","))
    spellings: defaultdict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for pinyin in pinyin_syllables():
        if not _LETTERS.fullmatch(pinyin) or not re.search("[aeiouv]", pinyin):
            continue  # `ê` and the vowelless interjections `hm`, `ng`
        wade = convert(pinyin, Style.WADEGILES, True)
        marks = wade.count("'") + wade.count("v")
        option = (marks, -readers[pinyin], pinyin)
        spellings[wade.replace("'", "").replace("v", "u")].append(option)
        if "v" in wade:  # `yü` written with its umlaut is `yu`, not `you`
            spellings[wade.replace("'", "")].append(option)
    return {spelled: min(options)[2] for spelled, options in spellings.items()}


def pinyin_reading(name: str) -> str:
    """Return a name in WG as pinyin, or "" when it is not one or reads the same.

    `Lin Jung-nan` gives `Lin Rongnan` and `Yu-min Li` gives `Youmin Li`: the words keep
    their order and a given name its syllables run together, as the lists write pinyin.
    `Chen Chu` gives "" (the key reads WG `chu` as pinyin `zhu` already), and so do
    `Kim Jong Un` (`Kim` is no WG syllable) and `Lin Rongnan` (WG has no `r`).

    Args:
        name: a query name as written.
    """
    text = _APOSTROPHES.sub("", name).lower().replace("ü", "v")
    table = wade_giles_table()
    read: list[str] = []
    syllables, changed = 0, False
    for word in filter(None, _WORDS.split(text)):
        parts = _SYLLABLES.split(word)
        # A hyphen parts syllables (`Jung-nan`); a word without one may run two together.
        wade = _split(word, table) if len(parts) == 1 else parts
        if wade is None or any(syllable not in table for syllable in wade):
            return ""
        pinyin = "".join(table[syllable] for syllable in wade)
        # Keys compare the syllables of a word run together (`Youmin` is not `Yumin`).
        changed = changed or phonetic_key(pinyin) != phonetic_key("".join(wade))
        syllables += len(wade)
        read.append(pinyin.capitalize())
    if not changed or syllables not in NAME_SYLLABLES:
        return ""
    return " ".join(read)


def _split(word: str, table: dict[str, str]) -> list[str] | None:
    """Return a word as WG syllables, the first as long as may be, or None if it is not."""
    if word in table:
        return [word]
    for size in range(len(word) - 1, 0, -1):
        if word[:size] in table and word[size:] in table:
            return [word[:size], word[size:]]
    return None
