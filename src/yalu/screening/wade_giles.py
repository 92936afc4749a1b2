"""Read a Chinese name written in Wade-Giles as pinyin, the way the lists mostly write it.

Taiwan, Hong Kong and older papers write Chinese names in Wade-Giles (WG): `Lin Jung-nan`,
`Li Yu-min`, `Ko Chia-hui`. The lists mostly print pinyin: `Lin Rongnan`, `LI Youmin`,
`Ge Jiahui`. The phonetic key (`romanize.py`) already folds most WG spellings onto pinyin
(`Ch'en` = `Chen`, `Hsu` = `Xu`, `Tsao` = `Cao`, `Chou` = `Zhou`). It cannot fold the
syllables whose letters spell another sound in pinyin or in Korean: WG `j` is pinyin `r`
(`Jung` = `Rong`, but `Jung` is also the Korean 정), WG `yu` is pinyin `you` (pinyin `yu`
is WG `yü`), a final `o` is `e` or `uo` (`Ko` = `Ge`, `Lo` = `Luo`), `kuei` is `gui` and
`erh` is `er`.

So a name written the WG way, every syllable a WG syllable and the given name hyphenated
or a syllable pinyin has not (`Shih`, `Jung`), is also screened as its pinyin reading
(`pinyin_reading`), and the better reading wins, named in the explanation, as a name in Han
characters is read both as Mandarin and as Korean. `Li Juan` and `Li Yumin` are pinyin and
read as written only. The table is pypinyin's own pinyin to WG table read backwards
(`Style.WADEGILES`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Final

from yalu.screening.romanize import phonetic_key, pinyin_readers, pinyin_syllables

NAME_SYLLABLES: Final = range(2, 5)
"""A Chinese name is a family name and one or two given syllables: two to four in all
(a compound family name such as `Ou-yang` makes four)."""

_APOSTROPHES: Final = re.compile("['’‘ʼ`´]")
"""WG marks aspiration with an apostrophe (`Ch'en`), written in any of these or left out;
any of them reads as `'`."""
_WORDS: Final = re.compile(r"[\s,]+")
"""What parts the words of a name (`LIN, Jung-nan`)."""
_SYLLABLES: Final = re.compile(r"[-‐‑–]")
_LETTERS: Final = re.compile("[a-z]+")
_VOWEL: Final = re.compile("[aeiouv]")


@lru_cache(maxsize=1)
def wade_giles_table() -> dict[str, str]:
    """Return every WG syllable with the pinyin it spells, also without its marks.

    `ü` is written `v`, as pypinyin writes it. A syllable is found as written (`k'en` is
    `ken`, `yv` is `yu`) and with its apostrophe or umlaut left out, as names are often
    typed. Where a spelling then stands for several pinyin syllables (`chu` is `zhu`,
    `ch'u` is `chu`, `chü` is `ju`), the one that needs fewer marks left out wins, then
    the one more characters are read as (`lo` is `luo`, not the rare `lo`).
    """
    from pypinyin import Style
    from pypinyin.style import convert

    readers = pinyin_readers()
    syllables = {p for p in readers if _LETTERS.fullmatch(p) and _VOWEL.search(p)}
    spellings: defaultdict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for pinyin in syllables:  # not `ê` nor the vowelless interjections `hm`, `ng`
        wade = convert(pinyin, Style.WADEGILES, True)
        for left_out in ("", "'", "v", "'v"):
            spelled = wade.replace("'", "" if "'" in left_out else "'")
            spelled = spelled.replace("v", "u" if "v" in left_out else "v")
            marks = sum(mark in wade for mark in left_out)
            spellings[spelled].append((marks, -readers[pinyin], pinyin))
    return {
        spelled: best[2]
        for spelled, options in spellings.items()
        # A pinyin syllable that is WG only once a mark is left out is pinyin (`Luo`
        # is not WG `lüo`): the name is screened as written anyway.
        if not ((best := min(options))[0] and spelled in syllables)
    }


def pinyin_reading(name: str) -> str:
    """Return a name in WG as pinyin, or "" when it is not one or reads the same.

    `Lin Jung-nan` gives `Lin Rongnan` and `Yu-min Li` gives `Youmin Li`: the words keep
    their order and a given name its syllables run together, as the lists write pinyin.
    `Chen Chu` gives "" (the key reads WG `chu` as pinyin `zhu` already), and so do
    `Kim Jong Un` (`Kim` is no WG syllable), `Lin Rongnan` (WG has no `r`) and `Li Juan`
    (pinyin: no hyphen, no syllable pinyin has not).

    Args:
        name: a query name as written.
    """
    text = _APOSTROPHES.sub("'", name).lower().replace("ü", "v")
    table, pinyin_spelled = wade_giles_table(), pinyin_syllables()
    read: list[str] = []
    syllables, changed, written_wade = 0, False, False
    for word in filter(None, _WORDS.split(text)):
        parts = _SYLLABLES.split(word)
        # A hyphen parts syllables (`Jung-nan`); a word without one may run two together.
        wade = _split(word, table) if len(parts) == 1 else parts
        if wade is None or any(syllable not in table for syllable in wade):
            return ""
        pinyin = "".join(table[syllable] for syllable in wade)
        # Keys compare the syllables of a word run together (`Youmin` is not `Yumin`).
        written = "".join(wade).replace("'", "")
        changed = changed or phonetic_key(pinyin) != phonetic_key(written)
        # WG hyphenates a given name, which pinyin runs together, and has syllables
        # pinyin has not (`Shih`, `Jung`, `Ch'en`): `Li Juan` is pinyin, `Li Yu-min` WG.
        written_wade = written_wade or len(parts) > 1 or any(s not in pinyin_spelled for s in wade)
        syllables += len(wade)
        read.append(pinyin.capitalize())
    if not (changed and written_wade) or syllables not in NAME_SYLLABLES:
        return ""
    return " ".join(read)


def _split(word: str, table: dict[str, str]) -> list[str] | None:
    """Return a word as WG syllables, the first as long as may be, or None if it is not.

    The second of two run together starts with a consonant: pinyin writes an apostrophe
    before a vowel there (`Chang'an`), and Korean spellings such as `Soo` and `Yoo` are
    no `so`-`o` or `yo`-`o`.
    """
    if word in table:
        return [word]
    for size in range(len(word) - 1, 0, -1):
        head, rest = word[:size], word[size:]
        if head in table and rest in table and not _VOWEL.match(rest):
            return [head, rest]
    return None
