"""Romanize hangul and hanzi, and fold every romanization of a word onto one phonetic key.

Korean names reach sanctions lists in McCune-Reischauer (MR: `Ch'oe Ryong-hae`), the DPRK's
own variant of it (`Choe Ryong Hae`), South Korean Revised Romanization (RR:
`Choe Ryong-hae`, `Joseon`), and idiosyncratic passport spellings (`Choi`, `Lee`, `Park`).
Chinese names arrive in pinyin or Wade-Giles. `phonetic_key` maps each word to a key that
is equal for these spellings. Rules, applied in this order to a lower-case ASCII word:

1. Surname table (`SURNAME_KEYS`): irregular spellings of common Korean family names
   (`lee rhee rhi yi li ri` → `ri`, kept apart from an initial `I.`; `park bak pak` →
   `pak`; `choi choe` → `choe`; `oh o` → `o`; `sung` → `song`, as in Kim Il Sung/Kim Il
   Song; ...). Only whole words are looked up, and only spellings that are not also the
   regular romanization of another common syllable (`Jung` is 중 as well as 정).
2. Vowels. RR `eo` = MR `ŏ` → `o`; RR `eu` = MR `ŭ` → `u` (diacritics are already gone);
   `oo` → `u` (`Moon`/`Mun`, `Yoon`/`Yun`); `ai` → `ae` (`Paik`/`Baek`); `oi` → `oe`
   (`Choi`/`Choe`); `oung` → `ong` (`Young`/`Yong`); `hyun` → `hyon`, `chul` → `chol`
   and `suk` → `sok` before a consonant but `w` (`Su-kwang`), the usual passport
   spellings of 현, 철 and 석, also inside a given name run together (`Sukchul` = `Sok
   Chol`); `ung` → `ong`, which is both Wade-Giles for pinyin `-ong` (`Chung` =
   `Zhong`) and the passport spelling of 정/경/명/형 (`Chung`, `Kyung`, `Myung`). This
   merges the rarer Korean 중/종 pairs, a price paid for the common spellings.
3. Aspiration and silent h: `rh` → `r` (`Rhee`); an `h` after a vowel and not before
   one is dropped (`Oh`→`o`, `Ahn`→`an`, `Sohn`→`son`).
4. Wade-Giles: a word's opening `hs` → `x` (WG `Hsi` = pinyin `Xi`, `Hsu` = `Xu`), kept
   apart from pinyin `s` and `sh` (`Xu` and `Su`, `Xi` and `Shi` are other family names);
   an inner `hs`, and an inner `x` before `i`/`u`, → `s`; any other `x` → `ks` (`Alexey` =
   `Aleksey`);
   `ien`/`yen` → `ian` (`T'ien` = `Tian`, `Yen` = `Yan`); WG syllables that only WG
   uses are first rewritten in pinyin (`WADE_GILES_WORDS`: `jih` → `ri`, `ssu` → `si`);
   `tz`/`ts` → `z` (`Tsao` = `Zao`) and pinyin `c` → `z` (`Ts'ai` = `Cai`);
   pinyin `zh`, and `q` before `i`/`u`, → `ch` (WG `Chou` = `Zhou`,
   WG `Ch'ing` = `Qing`, the apostrophe being gone). That `q` rule holds only in names
   whose every word reads as pinyin (`name_keys`); elsewhere `q` is the Arabic and
   Persian qaf, → `k` (`Quds` = `Qods`, `Yaqubi` = `Yaghoubi`). WG syllables whose
   letters are another sound in pinyin or Korean (`Jung` = pinyin `Rong` but also 정,
   `Yu` = `You`) are not folded: `wade_giles.py` reads a whole WG name as pinyin.
5. Korean plain/aspirated and voiced/unvoiced pairs, which MR and RR write differently:
   `j` → `ch` (`Joseon`/`Choson`, pinyin `Jiang` = WG `Chiang`), `g` → `k`, `d` → `t`,
   `b` → `p`; `sh` → `s` (`Shin`/`Sin`); `ph`/`th`/`kh` → `p`/`t`/`k` (the DPRK writes
   aspiration with an `h`: `Phil` = MR `P'il`, `Thaek` = `T'aek`); a final `y` → `i`
   (`Yury`/`Yuri`).
6. Word-initial liquids and nasals, which the DPRK writes and the South drops
   (the "initial sound law"): initial `ry`/`ly`/`ny` → `y` (`Ryonbong`/`Lyonbong`/
   `Yonbong`); initial `r`/`l`/`n` before `i` in a word of up to three letters → dropped
   (`Rim`/`Lim`/`Im`); other initial `r`/`l` in a word of up to four letters → `n`
   (`Ro`/`Noh`, `Ra`/`Na`, `Rang`/`Nang`). Inside a name run together these rules do not
   fire, so adjacent words are also compared run together before keying (`joined_keys`).
7. Doubled letters are collapsed (`Cheollima` → `cholima` = MR `Ch'ŏllima`); a doubled
   first letter is collapsed before any other rule (`Llenares` = `Lenares`), and `jj`
   becomes one `ch` (`Hajji` = `Haji`).

A number, or a word without vowels (initials), is its own key (`2655`, not `265`; `TMG`,
not `DMG`). Before keying, `romanized_words` writes ordinals in words (`1st` → `first`),
gives common Arabic names and particles one spelling (`arabic.canonical_words`:
`Mohammed` → `muhammad`, `Abdel` → `abdal`), reads organisation words of other languages
and common abbreviations in English (`glossary.translate_words`: `Siman` → `cement`,
`Mfg` → `manufacturing`) and drops legal forms (`normalize.strip_company_words`).

The key is only for comparison; it is applied to every word of every list, so Western names
are folded too (harmlessly, since both sides of a comparison are folded the same way).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache
from typing import Final

from opencc import OpenCC
from pypinyin import lazy_pinyin

from yalu.screening.arabic import ARABIC_SPELLINGS, canonical_words
from yalu.screening.glossary import ORGANISATION_WORDS, hanzi_company_words, translate_words
from yalu.screening.normalize import (
    ORDINALS,
    ROMAN_NUMERALS,
    company_words_kept,
    is_cjk_word,
    is_hangul,
    normalize_name,
    split_words,
)

SURNAME_KEYS: dict[str, str] = {
    **dict.fromkeys(["lee", "rhee", "rhi", "yi", "li", "ri", "yee", "reigh"], "ri"),
    **dict.fromkeys(["park", "pak", "bak", "bag", "pahk"], "pak"),
    **dict.fromkeys(["choi", "choe", "chey", "choy"], "choe"),
    **dict.fromkeys(["oh", "o"], "o"),
    **dict.fromkeys(["noh", "no", "roh", "ro"], "no"),
    **dict.fromkeys(["ryu", "ryoo", "yu", "yoo", "you", "lyu"], "yu"),
    **dict.fromkeys(["ahn", "an"], "an"),
    **dict.fromkeys(["ko", "go", "koh", "goh"], "ko"),
    **dict.fromkeys(["sung", "seong", "song"], "song"),
    **dict.fromkeys(["suh", "seo", "so"], "so"),
    **dict.fromkeys(["chul", "cheol", "chol"], "chol"),
    **dict.fromkeys(["suk", "seok", "sok"], "sok"),
    **dict.fromkeys(["cho", "jo", "joe"], "cho"),
    **dict.fromkeys(["heo", "hur", "huh", "ho"], "ho"),
    **dict.fromkeys(["yim", "im", "lim", "rim"], "im"),
}
"""Irregular spellings of Korean family names, to their key (rule 1)."""

WADE_GILES_WORDS: dict[str, str] = {
    "jih": "ri",
    "jui": "rui",
    "jen": "ren",
    "jeng": "reng",
    "jou": "rou",
    "jao": "rao",
    "juan": "ruan",
    "tzu": "zi",
    "tsu": "zi",
    "ssu": "si",
    "szu": "si",
}
"""Wade-Giles syllables that no Korean or Western spelling uses, rewritten in pinyin before
keying and joining (`Hung-jih` = `Hongri`, `Ssu-tung` = `Sidong`)."""

_RULES: tuple[tuple[str, re.Pattern[str] | None, str], ...] = tuple(
    (needs, None if pattern is None else re.compile(pattern), replacement)
    for needs, pattern, replacement in (
        # What a key must hold for the rule to apply, then the rule: a pattern, or None
        # to replace what it must hold. A rule whose letters are absent is skipped, not
        # tried: a word's key took 6 to 7 µs, now 0.7 to 2.7 µs (issue 17).
        ("eo", None, "o"),
        ("eu", None, "u"),
        ("oo", None, "u"),
        ("ai", None, "ae"),
        ("oi", None, "oe"),
        ("oung", None, "ong"),
        ("ung", None, "ong"),
        ("en", r"(?<=[iy])en", "an"),
        ("chul", None, "chol"),
        ("hyun", None, "hyon"),
        ("suk", r"suk(?![aeiouwy])", "sok"),
        ("rh", None, "r"),
        ("h", r"(?<=[aeiou])h(?![aeiouy])", ""),
        ("hs", r"^hs", "x"),
        ("hs", None, "s"),
        ("x", r"(?<=.)x(?=[iu])", "s"),
        ("x", r"x(?![iu])", "ks"),
        ("t", r"t[sz]", "z"),
        ("c", r"c(?!h)", "z"),
        ("zh", None, "ch"),
        ("q", r"q(?=[iu])", "ch"),
        ("q", None, "k"),
        ("j", r"j+", "ch"),
        ("g", r"(?<!n)g", "k"),
        ("d", None, "t"),
        ("b", None, "p"),
        ("sh", None, "s"),
        ("h", r"([ptk])h", r"\1"),
        ("y", r"y$", "i"),
        ("y", r"^[rln]y", "y"),
        ("i", r"^[rln](?=i[a-z]?$)", ""),
    )
)
"""The key's spelling rules, in order, between `apply_rules`' first and last ones. `needs`
is a part of every text the rule's pattern matches (`tests/screening/test_romanize.py`
checks that a skipped rule would have changed nothing)."""


def apply_rules(word: str) -> str:
    r"""Return `word` with the key's spelling rules applied in order.

    First a letter doubled at the start is written once (`^(.)\1`), then `_RULES`, then
    an `r` or `l` starting a word of up to four letters with a vowel second becomes `n`
    (`^[rl](?=[aeouw][a-z]{0,2}$)`: `Ro` keys as `No`), and letters written twice or
    more in a row are written once (`(.)\1+`).
    """
    key = word[1:] if len(word) > 1 and word[0] == word[1] else word
    for needs, pattern, replacement in _RULES:
        if needs in key:
            if pattern is None:
                key = key.replace(needs, replacement)
            else:
                key = pattern.sub(replacement, key)
    if 2 <= len(key) <= 4 and key[0] in "rl" and key[1] in "aeouw" and _is_az(key[2:]):
        key = "n" + key[1:]
    return _once(key)


def _once(text: str) -> str:
    """Return `text` with letters written twice or more in a row written once."""
    return "".join(ch for i, ch in enumerate(text) if i == 0 or ch != text[i - 1])


def _is_az(text: str) -> bool:
    """Return True when every character of `text` is a letter `a` to `z`."""
    return all("a" <= ch <= "z" for ch in text)


_HAS_VOWEL: Final = re.compile("[aeiouy]")


@lru_cache(maxsize=262144)
def phonetic_key(word: str, is_pinyin: bool = True) -> str:
    """Return the phonetic key of one lower-case ASCII word (see the module docstring).

    Args:
        word: a word from `normalize_name`, e.g. "ryeonbong".
        is_pinyin: False when the word's name is not Chinese, so `q` is not pinyin `q`.

    Returns:
        The key, e.g. "yonpong"; the word itself if folding would leave nothing.
    """
    if word in SURNAME_KEYS:
        return SURNAME_KEYS[word]
    if word.isdigit() or not _HAS_VOWEL.search(word):
        return word  # numbers and initials are not spelt: 2655 is not 265, TMG is not DMG
    key = apply_rules(word if is_pinyin else word.replace("q", "k"))
    return key or word


@lru_cache(maxsize=65536)
def consonant_key(word: str) -> str:
    """Return a word's consonants after the key's spelling rules, first letter kept.

    `Jng` and `Jong` both give `chng`, `Rynbng` and `Ryonbong` both `rynpng`: a word
    written without its vowels compares with the full word (`score.typo_similarity`).

    Args:
        word: a lower-case ASCII word, with or without vowels.
    """
    key = apply_rules(word) or word
    return key[0] + "".join(ch for ch in key[1:] if ch not in "aeiouy")


@lru_cache(maxsize=65536)
def inner_vowels_dropped(word: str) -> str:
    """Return a word as written without its inner vowels, doubled letters written once.

    `Gaviotas` gives `gvts`, `Security` `scrty`, `Muhammad` `mhmd`: the way a clerk
    shortens a word (`Intl`, `Trdng`), compared letter for letter, where `consonant_key`
    compares after the key's spelling rules. Words under four letters are kept.

    Args:
        word: a lower-case ASCII word.
    """
    if len(word) < 4:
        return word
    kept = word[0] + "".join(ch for ch in word[1:-1] if ch not in "aeiou") + word[-1]
    return _once(kept)


def _spellings_by_word() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for variant, canonical in ARABIC_SPELLINGS.items():
        grouped.setdefault(canonical, [canonical]).append(variant)
    return {canonical: tuple(spellings) for canonical, spellings in grouped.items()}


_SPELLINGS: Final = _spellings_by_word()


def spellings(word: str) -> tuple[str, ...]:
    """Return a word and the spellings `arabic.canonical_words` writes as it.

    `husayn` gives `husayn`, `hussein`, `hossein`, ...: a name's words are kept in one
    spelling, and a word written without its vowels (`Hssn`) may drop them from any.
    """
    return _SPELLINGS.get(word, (word,))


def romanize_hangul(text: str) -> str:
    """Return hangul in Revised Romanization (lower case); other characters pass through.

    Args:
        text: a word in hangul, e.g. "련봉".
    """
    from korean_romanizer.romanizer import Romanizer

    return str(Romanizer(text).romanize()).lower()


def romanize_hanzi(text: str) -> str:
    """Return hanzi in toneless pinyin, syllables run together (`王小明` → `wangxiaoming`).

    Traditional characters are read as their simplified forms first: pypinyin's phrase
    readings are written in simplified characters, so `長安` alone would read `zhang an`
    where `长安` reads `chang an`.

    Args:
        text: a word in hanzi.
    """
    return "".join(hanzi_syllables(text))


def hanzi_syllables(text: str) -> list[str]:
    """Return hanzi as toneless pinyin syllables (`長安` → `chang`, `an`); see `romanize_hanzi`."""
    return [syllable.lower() for syllable in lazy_pinyin(_simplified(text))]


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> OpenCC:
    """Return OpenCC's traditional-to-simplified converter (its tables load once)."""
    return OpenCC("t2s")


def _simplified(text: str) -> str:
    """Return hanzi with traditional characters and phrases in simplified form."""
    return str(_traditional_to_simplified().convert(text))


HANGUL_SURNAMES: dict[str, str] = {"이": "yi"}
"""Family names whose Revised Romanization is no spelling of them in use: 이 (李, the
DPRK's 리 Ri) is `I` in RR but `Yi`, `Lee` or `Ri` on passports and lists."""


def romanize_word(word: str) -> str:
    """Return a word with any hangul or hanzi romanized; Latin words pass through."""
    if not is_cjk_word(word):
        return word
    if word in HANGUL_SURNAMES:
        return HANGUL_SURNAMES[word]
    return romanize_hangul(word) if is_hangul(word) else romanize_hanzi(word)


def romanized_words(name: str) -> tuple[str, ...]:
    """Return the words of a name in Latin letters, CJK romanized, legal forms dropped.

    Organisation words of other languages are in English (`glossary.translate_words`).

    Args:
        name: a name in any script, e.g. "김정은" or "Korea Ryonbong General Corp".

    Returns:
        Lower-case words, e.g. ("gim", "jeongeun") or ("korea", "ryonbong").
    """
    return _readings(name)[0]


def written_words(name: str) -> tuple[str, ...]:
    """Return `romanized_words` as written: organisation words left in their language.

    One per word of `romanized_words`, for comparing words as written (`Kompaniay` is
    `Kompaniya` with two letters swapped, `Invrsns` is `Inversiones` without its vowels),
    where the keys compare their English (`company`, `investment`).
    """
    return _readings(name)[1]


@lru_cache(maxsize=131072)
def _readings(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (`romanized_words`, `written_words`) of a name."""
    normalized = normalize_name(name)
    words = hanzi_company_words(normalized, hanzi_syllables) or [
        romanize_word(word) for word in split_words(normalized)
    ]
    # A numeral is written as one word: letters standing alone, which `split_words` runs
    # together, are initials (`I. V. KYVA` is not `4 KYVA`; `SEA STAR III` is `Sea Star 3`).
    written = set(normalized.split())
    romanized = [
        ORDINALS.get(w)
        or (ROMAN_NUMERALS.get(w) if w in written else None)
        or WADE_GILES_WORDS.get(w, w)
        for w in words
    ]
    written_as = canonical_words(romanized)
    translated = translate_words(written_as)
    kept = company_words_kept(translated)
    return tuple(translated[i] for i in kept), tuple(written_as[i] for i in kept)


def name_keys(name: str) -> tuple[str, ...]:
    """Return the phonetic keys of a name's words, in order.

    Args:
        name: a name in any script.

    Returns:
        e.g. ("kim", "chong", "un") for "Kim Jong-un", "Gim Jeong Eun" and "김정은"'s
        ("kim", "chongun").
    """
    words = romanized_words(name)
    is_pinyin = reads_as_pinyin(words)
    return tuple(phonetic_key(w, is_pinyin) for w in words)


def joined_keys(name: str) -> tuple[str, ...]:
    """Return the phonetic keys of each pair of adjacent words run together.

    The key of the run-together words, not the two keys end to end, so word-initial rules
    do not fire inside a given name: `Hai-lun` gives `hailun`, like `Hailun`. A run that
    spells a common Arabic name is keyed as that name is (`Hos sein` gives `husayn`, like
    `Hossein`: `arabic.ARABIC_SPELLINGS`), and one that spells an organisation word of
    another language as its English (`Shar q` gives `east`, like `Sharq`:
    `glossary.ORGANISATION_WORDS`).

    Args:
        name: a name in any script.
    """
    words = romanized_words(name)
    is_pinyin = reads_as_pinyin(words)
    runs = (words[i] + words[i + 1] for i in range(len(words) - 1))
    spelled = (ARABIC_SPELLINGS.get(run) or ORGANISATION_WORDS.get(run, run) for run in runs)
    return tuple(phonetic_key(run, is_pinyin) for run in spelled)


def reads_as_pinyin(words: tuple[str, ...]) -> bool:
    """Return True unless a word with a `q` is in a name that cannot be pinyin.

    Pinyin `q` is Wade-Giles `ch'` (`Qing` = `Ch'ing`); in other names `q` is a `k`
    sound. A name is pinyin when each word is one to three pinyin syllables run together.

    Args:
        words: a name's words from `romanized_words`, e.g. ("yaqubi", "hosein").
    """
    if not any("q" in word for word in words):
        return True
    syllables = pinyin_syllables()
    return all(_splits(word, syllables, 3) for word in words)


FAMILY_NAMES: Final = """
    kim ri lee yi pak park choe choi chong jong jung jeong kang cho jo yun yoon chang jang
    rim lim im han o oh so seo suh sin shin kwon hwang an ahn song sung ryu yu yoo hong chon
    jon jeon chun ko koh mun moon yang ryang son sohn pae bae paek baek ho heo hur nam sim
    shim no ro noh roh ha kwak ku koo min na ra chin jin om eom chae cha chu ju joo u woo
    won pyon byun kye kil hyon hyun tong ri
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie tang feng deng cao peng zeng xiao tian dong yuan pan cai jiang du ye cheng wei
    su lu ding ren shen yao cui zhong tan wan qian qiu hou shi xue fan fu lei long duan hao
    kong shao meng bai mao qin gu yin xiong jia wen fang lai tsai hsu hsieh kuo chou chao
    teng tsao chiang yeh
"""
"""Common Korean and Chinese family names, in the spellings lists and passports use."""


@lru_cache(maxsize=1)
def family_name_keys() -> frozenset[str]:
    """Return the phonetic keys of `FAMILY_NAMES`."""
    return frozenset(phonetic_key(name) for name in FAMILY_NAMES.split())


_TABLE_LOCK: Final = threading.Lock()
"""Held while `syllable_keys` is first computed, so concurrent callers wait for one
computation instead of each making their own (a server's first requests, all at once)."""


def syllable_keys() -> frozenset[str]:
    """Return the phonetic keys of every hangul syllable (RR) and every pinyin syllable.

    Computed once per process (about a second) by the first caller; others wait for it.
    """
    with _TABLE_LOCK:
        return _syllable_keys()


@lru_cache(maxsize=1)
def _syllable_keys() -> frozenset[str]:
    from korean_romanizer.romanizer import Romanizer

    hangul = {str(Romanizer(chr(code)).romanize()) for code in range(0xAC00, 0xD7A4)}
    return frozenset(phonetic_key(s.lower()) for s in hangul | pinyin_syllables() if s.isascii())


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Return every toneless pinyin syllable as written (`qing`, `xiu`), from pypinyin."""
    return frozenset(pinyin_readers())


@lru_cache(maxsize=1)
def pinyin_readers() -> dict[str, int]:
    """Return how many characters read as each toneless pinyin syllable, from pypinyin."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    # Each toned spelling once (about 1,500 of them for 50,000 characters): read at start-up.
    toned = Counter(p for value in pinyin_dict.values() for p in value.split(","))
    readers: dict[str, int] = {}
    for spelled, count in toned.items():
        syllable = to_normal(spelled)
        readers[syllable] = readers.get(syllable, 0) + count
    return readers


@lru_cache(maxsize=65536)
def is_syllabic_word(key: str) -> bool:
    """Return True when a key is one to three Korean or Chinese syllables run together.

    Args:
        key: a phonetic key, e.g. "chongun" (Jong-un) or "xiuying" (Xiuying).
    """
    return _splits(key, syllable_keys(), 3)


def _splits(rest: str, syllables: frozenset[str], left: int) -> bool:
    """Return True when `rest` is at most `left` of `syllables` run together."""
    if not rest:
        return True
    if left == 0:
        return False
    return any(
        rest[:size] in syllables and _splits(rest[size:], syllables, left - 1)
        for size in range(min(6, len(rest)), 0, -1)
    )


def display_romanized(name: str) -> str:
    """Return a name as it is compared, title-cased, for explanations ("Gim Jeongeun")."""
    return " ".join(w.capitalize() for w in romanized_words(name))
