"""Compare Arabic names across scripts and across Latin transliterations.

Latin spellings of one Arabic name differ by more than vowels (`Mohammed`, `Muhammad`,
`Mohamad`; `Hussein`, `Husayn`, `Hossein`; `Abdel Aziz`, `Abd al-Aziz`, `Abdul Aziz`).
`canonical_words` rewrites the common given names and particles to one spelling before
words are keyed (`ARABIC_SPELLINGS`), and joins `Abd` with its article (`Abd al` →
`abdal`).

Arabic and Persian script write consonants and long vowels but not short vowels, so
`سعد عبد المجيد الفيصل` carries no trace of the `a`, `i` and `ai` of `Sa'd Abd al-Majid
al-Faisal`, and a letter-by-letter transliteration (`s'd 'bd lmjyd lfysl`) shares no word
with the listed name. Both sides are therefore reduced to a *consonant skeleton*:

- Arabic: the article `ال` is dropped from the front of a word, and `عبدال` run together
  is `عبد` and a word (`عبدالغفار` = `Abdul Ghafar`); letters map to one Latin consonant
  each (`خ` → `k`, `ش` → `s`, `ق` → `k`, `ث` → `s`: Arabic `th`, Persian and Urdu `s`,
  `ذ` `ظ` → `z`, `غ` `ج` `گ` → `j`, `پ` → `b`); `ا و ي ی ى ع ء ة` and hamza seats are
  dropped.
- Latin: the articles `al`, `el` are dropped; `dj kh sh th dh gh ph` map as their Arabic
  letter (`j k s s d j f`: `Uthman` and `Saqib` both have a `ث`; `Djamel` is the French
  spelling of `Jamal`), `c` before `e i y` → `s` (`Lounici`), other `q c` → `k`, `g` →
  `j`, `p` → `b`, `v` → `f`; vowels and `w y '` are dropped.
- Then doubled letters collapse: `Muhammad` and `محمد` both give `mhmd`, `Hassan` and
  `حسن` `hsn`, `al-Tikriti` and `التكريتي` `tkrt`.

Short-vowel marks and the shadda are not letters (`مُحَمَّد` is `محمد`). Compounds one
script runs together and the other writes apart are split on both sides: `Abd` and its
article (`Abdelkader`, `عبدالحی`), a name and `Allah` or `al-Din` (`Hidayatullah`,
`نورالدین`). `ض`, `ذ` and `ظ` are `d` in Latin as Arabic says them and `z` as Persian, Urdu
and Pashto do (`Fadl` and `Fazl`, `Rida` and `Reza`): a query holding them is read both
ways as well (`skeleton_readings`).

Skeletons are lossy (`Hassan`, `Hussein` and `Hasan` are all `hsn`), so they are used only
when the query itself is written in Arabic script; word weights still make a rare
skeleton count more than a common one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from yalu.screening.normalize import clean_name, normalize_name, strip_company_words

_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_LETTERS = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "s", "ج": "j", "چ": "j", "ح": "h", "خ": "k",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "z", "س": "s", "ش": "s", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "غ": "j", "ف": "f", "ق": "k", "ك": "k", "ک": "k",
    "گ": "j", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ھ": "h",
}  # fmt: skip
"""Arabic and Persian consonants; every other letter (vowels, hamza, ayn) is dropped."""
_LATIN_DIGRAPHS = (
    ("dj", "j"),
    ("kh", "k"),
    ("sh", "s"),
    ("th", "s"),
    ("dh", "d"),
    ("gh", "j"),
    ("ph", "f"),
)
_SOFT_C = re.compile("c(?=[eiy])")
_TWO_WAY_LETTERS = "ضذظ"
_TWO_WAYS = (("د", "d, as in Arabic"), ("ز", "z, as in Persian, Urdu and Pashto"))
"""Letters Latin writes two ways: as `د` (`d`, `dh`: `Fadl`, `Dhahir`) and as `ز` (`z`:
`Fazl`, `Reza`, `Zahir`), with how each way is named in an explanation."""
_LATIN_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "j", "p": "b", "v": "f", "x": "ks"})
_LATIN_DROPPED = re.compile("[aeiouwy']")
_ARTICLES = frozenset({"al", "el", "ul"})
_ABD_ARTICLE = re.compile("^abd[aeiou]+l")
_DOUBLED = re.compile(r"(.)\1+")
_ABD_RUN = re.compile(r"(?<![^\W\d_])(عبد)(?=ال)")
_COMPOUND_END = re.compile(r"(?<=[^\W\d_]{2})(?=ال(?:له|دين|دین)(?![^\W\d_]))")
"""Where `الله` or `الدين` ends a word run together (`نورالدین` is `نور الدین`)."""
_LATIN_COMPOUND = re.compile(
    r"^(?:(abd)[aeiou]+(?:l|(?=([dnrstz])\2)))?(.*?)([aeiou]l+ah|[aeiou]d+(?:i|ee|ey)ne?)?$"
)
"""The parts of a Latin word Arabic writes as two: `Abd al` and a name (`Abdelkader`,
`Abdurrahman`), a name and `Allah` or `al-Din` (`Hidayatullah`, `Salahuddin`)."""
_LETTERS = re.compile(r"[^\W\d_]+")
_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
"""Short vowels, shadda, sukun and the tatweel: marks within a word, not letters."""


ARABIC_SPELLINGS: dict[str, str] = {
    variant: canonical
    for canonical, variants in {
        "muhammad": "mohammed mohammad mohamed mohamad muhammed muhamad muhamed mohd mhd",
        "ahmad": "ahmed ahmet",
        "mahmud": "mahmoud mahmood",
        "mustafa": "mostafa mustapha moustafa mostapha",
        "husayn": "hussein hussain husain husein hossein hosein housein",
        "hasan": "hassan",
        "yusuf": "youssef yousef yusef yousif yousuf youssouf",
        "umar": "omar omer",
        "uthman": "othman osman usman",
        "khalid": "khaled",
        "said": "saeed saied saeid saiid",
        "sayyid": "sayed sayyed syed seyed seyyed sayid",
        "ibrahim": "ebrahim ibraheem ibrahem",
        "ismail": "esmail ismael",
        "abdullah": "abdallah abdulla abdalla abdollah",
        "abu": "abou",
        "jafar": "jaafar jaffar jafer djafar",
        "yahya": "yahia yehia yahiya",
        "musa": "moussa mousa",
        "isa": "issa eisa",
        "ould": "wuld walad",
        "bin": "ibn",
        "binal": "ibnal ibnel ibnul binel binul",
        "abdal": "abdel abdul abdoul abdol abdil",
        "al": "el",
    }.items()
    for variant in variants.split()
}
"""Latin spellings of common Arabic and Persian given names and particles, to one
spelling. None is a Korean or pinyin syllable (`ben` is not mapped to `bin`: pinyin has
both). `Ibn` run together with its article (`Ibnal`) is `binal`, which keys as `Bin al`
run together does."""
_ABD_ARTICLES = frozenset({"al", "el", "ul", "ar", "ur", "as", "ash", "an", "az", "ad"})
CANONICAL_SPELLINGS: frozenset[str] = frozenset({*ARABIC_SPELLINGS.values(), "abdal"})
"""The spellings `canonical_words` writes: such a word is no longer as written."""


def canonical_words(words: Sequence[str]) -> list[str]:
    """Rewrite Arabic name spellings (`ARABIC_SPELLINGS`) and join `Abd` to its article.

    `["abd", "el", "aziz"]` and `["abdul", "aziz"]` both become `["abdal", "aziz"]`.

    Args:
        words: lower-case Latin words of a name.
    """
    result: list[str] = []
    for word in words:
        if word in _ABD_ARTICLES and result and result[-1] == "abd":
            result[-1] = "abdal"
            continue
        result.append(ARABIC_SPELLINGS.get(word, word))
    return result


def is_arabic(text: str) -> bool:
    """Return True when the text holds Arabic-script letters (Arabic, Persian, Urdu)."""
    return _ARABIC_RE.search(text) is not None


def _arabic_word(word: str) -> str:
    """Return the skeleton of one word in Arabic script."""
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return "".join(_ARABIC_LETTERS.get(ch, "") for ch in word)


def _compound_parts(word: str) -> list[str]:
    """Return a Latin word's parts Arabic writes apart (`_LATIN_COMPOUND`), or the word."""
    match = _LATIN_COMPOUND.match(word)
    if match is None or len(match.group(3)) < 3:
        return [word]
    abd, _, name, end = match.groups()
    return [part for part in (abd, name, end) if part]


def _latin_word(word: str) -> str:
    """Return the skeleton of one normalized Latin word (`Abdul` and `Abd-al` are `bd`)."""
    word = _SOFT_C.sub("s", _ABD_ARTICLE.sub("abd", word))
    for digraph, letter in _LATIN_DIGRAPHS:
        word = word.replace(digraph, letter)
    return _LATIN_DROPPED.sub("", word.translate(_LATIN_LETTERS))


@lru_cache(maxsize=1 << 16)
def skeleton_keys(name: str) -> tuple[str, ...]:
    """Return the consonant skeletons of a name's words, in order (empty ones left out).

    Args:
        name: a name in Arabic or Latin script.

    Returns:
        e.g. `("sd", "bd", "mjd", "fsl", "tkrt")` for `سعد عبد المجيد الفيصل التكريتي` and
        for `SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI`.
    """
    if is_arabic(name):
        name = clean_name(_MARKS.sub("", name))
        name = _COMPOUND_END.sub(" ", _ABD_RUN.sub(r"\1 ", name))
        words = [_arabic_word(w) for w in _LETTERS.findall(name)]
    else:
        latin = [w for w in normalize_name(name).split() if w not in _ARTICLES]
        words = [
            _latin_word(part)
            for w in strip_company_words(latin)
            if w.isascii()
            for part in _compound_parts(w)
        ]
    return tuple(key for key in (_DOUBLED.sub(r"\1", w) for w in words) if key)


def skeleton_readings(name: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Return `(skeleton_keys(name), "")`, then other readings of a name in Arabic script.

    `ض`, `ذ` and `ظ` are written `d` in Latin as Arabic says them and `z` as Persian,
    Urdu and Pashto do (`فضل` is `Fadl` or `Fazl`, `رضا` `Rida` or `Reza`): a name holding
    any of them is also read with all of them `d`, and with all of them `z`, each with
    how it was read ("ض read as z, as in Persian, Urdu and Pashto").
    """
    readings = [(skeleton_keys(name), "")]
    held = "".join(letter for letter in _TWO_WAY_LETTERS if letter in name)
    if held and is_arabic(name):
        for letter, how in _TWO_WAYS:
            keys = skeleton_keys(name.translate({ord(other): letter for other in held}))
            if all(keys != other for other, _ in readings):
                readings.append((keys, f"{' '.join(held)} read as {how}"))
    return tuple(readings)
