"""Fold names to comparable text: unicode, case, punctuation, company words, CJK runs.

`normalize_name` is the single entry point for free text. It keeps hangul and hanzi
(romanized later by `romanize.py`) and reduces everything else to lower-case ASCII words:

- `clean_name` first removes what is not part of a name and cannot be seen or is not a
  letter: invisible characters (zero-width spaces and joiners, bidi controls, soft hyphens,
  variation selectors, tags), combining marks that follow no letter, and symbols (`™`,
  `✓`, emoji, currency and math signs), which become a space. `Kim Jong Un ™`,
  `😀 Kim Jong Un 😀` and `Kim Jo\u200bng Un` are `Kim Jong Un`.
- NFKC, then case folding; Latin diacritics are dropped (`Ryŏnbong` → `ryonbong`).
- Apostrophes and their look-alikes vanish without a space: McCune-Reischauer marks
  aspiration with them (`Ch'ŏllima`), and `O'Brien` stays one word.
- Hyphens and every other punctuation mark become a space, so `Jong-un` is two words; the
  matcher re-joins adjacent words when the other side writes them as one (`Jongun`).
  `&` is the word `and` (`I&S Holding` = `I and S Holding`), and the Persian and Urdu
  ezafe ("of") is dropped (`Bank-e Tat` = `Bank Tat`, `Jaish-i-Mohammed` = `Jaish-e-Mohammed`
  = `Jaish Mohammed`).
- Other scripts (Cyrillic, Arabic, ...) are transliterated with `anyascii`.

`split_cjk_name` cuts a run of hangul or hanzi (written without spaces) into a family name
and a given name, and `strip_company_words` drops legal-form words (`Co Ltd`, `Corporation`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from anyascii import anyascii

APOSTROPHES: Final = "'’‘`´ʼʻʹ′\"“”"
COMPANY_WORDS: frozenset[str] = frozenset(
    str.split(
        """
        ag bhd bv cjsc co company companies corp corporation cv ent enterprise
        enterprises fze fzc fzco fzllc gmbh general inc incorporated jsc jv kg llc llp
        lp ltd limited nv oao ojsc ooo pjsc plc pte pty pvt private sa sarl sas sal akb
        pjs ltda sirketi anonim liability joint stock obshchestvo ogranichennoi
        ogranichennoy otvetstvennostyu aktsionernoe otkrytoe zakrytoe publichnoe bsc psc
        wll sapi sprl anstalt doo ao cv sdn spa srl tov trading zao njsc ood eood
        aktsionernaya kompaniya
        """
    )
)
"""Legal-form words dropped from names, in English and as transliterated (Russian `OOO`
spelled out as `Obshchestvo s Ogranichennoi Otvetstvennostyu`, Turkish `Limited Sirketi`):
they say what an entity is, not which one."""

_LEGAL_FORM_CLASSES: dict[str, str] = {
    "company": "co company companies corp corporation inc incorporated kompaniya kompania",
    "limited": "ltd limited ltda llc llp ooo tov bv gmbh sarl srl sdn bhd pte pty pvt doo ood "
    "eood sro ogranichennoi ogranichennoy otvetstvennostyu liability",
    "joint stock": "jsc ojsc cjsc pjsc njsc zao oao ao pao pjs ag sa spa nv plc aktsionernoe "
    "aktsionernaya joint stock anonim",
}
LEGAL_FORM_CLASSES: dict[str, str] = {
    word: kind for kind, words in _LEGAL_FORM_CLASSES.items() for word in words.split()
}
"""Legal-form word → the kind of body it says (`OOO` and `LLC` are both `limited`): two
names equal but for the legal form are told apart by it (`legal_forms`)."""


ORDINALS: dict[str, str] = {
    "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
    "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth",
    "11th": "eleventh", "12th": "twelfth",
}  # fmt: skip
"""Ordinals written in digits, to words: `1st Armored Division` = `First Armored Division`."""

ROMAN_NUMERALS: dict[str, str] = {
    "ii": "2", "iii": "3", "iv": "4", "vii": "7", "viii": "8", "ix": "9", "xii": "12",
    "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16", "xvii": "17", "xviii": "18",
    "xix": "19", "xx": "20",
}  # fmt: skip
"""Roman numerals of two letters or more, to digits (`SEA STAR III` = `Sea Star 3`). Left out:
`i`, `v` and `x` (initials, the Korean family name `I`), `vi` (a Vietnamese given name) and
`xi` (a pinyin syllable)."""

LEADING_LEGAL_FORMS: frozenset[str] = frozenset(
    ["cjsc", "jsc", "njsc", "ojsc", "pjsc", "llc", "ooo", "oao", "zao", "tov", "fze"]
)
"""Legal-form abbreviations dropped even as the first word (`JSC Tekhnopromexport`): none
is also a name, unlike `General` or `Sa`."""

LEGAL_QUALIFIERS: frozenset[str] = frozenset(["open", "closed", "public"])
"""Words that open a legal form in translation (`Open Joint Stock Company`)."""

GENERIC_WORDS: frozenset[str] = frozenset(
    {"korea", "korean", "dprk", "democratic", "peoples", "republic", "north", "china"}
    | {"chinese", "of", "the", "and", "for", "de", "international", "al", "el"}
    | {"group", "holding", "holdings"}
)
"""Words that place or join rather than name: they weigh little (`Korea` is often
dropped from DPRK company names: `Korea Ryonbong` = `Ryonbong`)."""

KOREAN_COMPOUND_SURNAMES: frozenset[str] = frozenset(
    [
        "남궁",
        "제갈",
        "선우",
        "독고",
        "황보",
        "사공",
        "서문",
        "동방",
        "망절",
    ]
)
CHINESE_COMPOUND_SURNAMES: frozenset[str] = frozenset(
    [
        "欧阳",
        "歐陽",
        "司马",
        "司馬",
        "诸葛",
        "諸葛",
        "上官",
        "东方",
        "東方",
        "皇甫",
        "令狐",
        "夏侯",
        "慕容",
        "尉迟",
        "公孙",
    ]
)

_HANGUL: Final = "\uac00-\ud7a3"
_HANZI: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN: Final = re.compile(f"[{_HANGUL}]+|[{_HANZI}]+")
_APOSTROPHE_RE: Final = re.compile(f"[{re.escape(APOSTROPHES)}]")
_SEPARATOR_RE: Final = re.compile(f"[^a-z0-9{_HANGUL}{_HANZI}]+")
_EXTRA_SPACE_RE: Final = re.compile(r"\s+")
_EZAFE_RE: Final = re.compile(r"(?<=[a-z]{2})-(?:e\b|i-(?=[a-z]))")


_INVISIBLE_RANGES: Final = (
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),
    (0x180B, 0x180F),
    (0x034F, 0x034F),
)
"""Variation selectors, Mongolian free variation selectors and the combining grapheme
joiner: marks (category Mn) that never change a letter."""


def _is_invisible(ch: str, category: str) -> bool:
    """Return True for a character that renders as nothing (format, private, selectors)."""
    if category in ("Cf", "Co", "Cs", "Cn"):
        return True
    code = ord(ch)
    return any(low <= code <= high for low, high in _INVISIBLE_RANGES)


def clean_name(name: str) -> str:
    """Return a name without invisible characters, stray combining marks and symbols.

    Invisible characters (Unicode format characters such as zero-width spaces, joiners and
    bidi controls; variation selectors; private-use code points) and combining marks that
    follow no letter are removed; symbols (Unicode categories Sm, Sc, Sk, So: `™`, `✓`,
    emoji, `$`, `+`) become a space, so `Kim Jong Un ™` and `😀 Kim Jong Un 😀` are
    `Kim Jong Un`. Apostrophe look-alikes (`´`, `` ` ``) are kept for `normalize_name`,
    which drops them without a space. Pure-ASCII text is returned unchanged.

    Args:
        name: a name as published or typed.
    """
    if name.isascii():
        return name
    kept: list[str] = []
    after_letter = False
    for ch in name:
        category = unicodedata.category(ch)
        if _is_invisible(ch, category):
            continue
        if category in ("Mn", "Me", "Mc"):
            if after_letter:
                kept.append(ch)
            continue
        if ch in APOSTROPHES:
            kept.append("'")  # NFKC would write `´` as a space and a combining accent
            after_letter = False
            continue
        if category[0] == "S":
            kept.append(" ")
            after_letter = False
            continue
        kept.append(ch)
        after_letter = category[0] == "L" or ch.isalnum()
    return "".join(kept)


HOMOGLYPHS: Final = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеіјорсѕхуԁԛԝΑΒΕΗΙΚΜΝΟΡΤΧΥΖοικνρτυχ",
    "ABCEHIJKMOPSTXYaeijopcsxydqwABEHIKMNOPTXYZoikvptux",
)
"""Cyrillic and Greek letters drawn like Latin ones (Cyrillic `А`, `В`, `Н`, `Р`, `ѕ`),
read as the Latin letter they look like in a word that also holds Latin letters: such a
word is a Latin word disguised (`Моѕlеm`), not a Cyrillic one."""
_LATIN_LETTER: Final = re.compile("[A-Za-z]")
_CYRILLIC_OR_GREEK: Final = re.compile("[\u0370-\u03ff\u0400-\u052f]")
_WORD_RE: Final = re.compile(r"\w+")


def read_homoglyphs(text: str) -> str:
    """Return text whose mixed Latin/Cyrillic/Greek words are read as Latin (`HOMOGLYPHS`).

    A text in one script is left alone (`Умаров Доку` stays Cyrillic); in a text that
    also holds Latin letters, every look-alike letter is read as Latin.
    """
    if not _CYRILLIC_OR_GREEK.search(text) or not _LATIN_LETTER.search(text):
        return text
    return _WORD_RE.sub(lambda word: word.group(0).translate(HOMOGLYPHS), text)


def is_hangul(text: str) -> bool:
    """Return True when `text` contains at least one hangul syllable."""
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def is_cjk_word(word: str) -> bool:
    """Return True when `word` is entirely hangul or entirely hanzi."""
    return _CJK_RUN.fullmatch(word) is not None


def is_cjk(text: str) -> bool:
    """Return True when `text` contains hangul or hanzi."""
    return _CJK_RUN.search(text) is not None


def _fold_char(ch: str) -> str:
    """Return one character as lower-case ASCII, leaving hangul and hanzi untouched."""
    if ch.isascii() or _CJK_RUN.match(ch):
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base.isascii():
        return base
    return anyascii(base)


def fold_text(text: str) -> str:
    """Return `text` case-folded, with diacritics dropped and foreign scripts in ASCII.

    Hangul and hanzi are kept as they are. The result is not yet tokenised.
    """
    text = unicodedata.normalize("NFKC", read_homoglyphs(clean_name(text))).casefold()
    if not text.isascii():
        text = "".join(_fold_char(ch) for ch in text).casefold()
    return text


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Return a name as space-separated lower-case words (hangul and hanzi kept).

    Idempotent: `normalize_name(normalize_name(x)) == normalize_name(x)`.

    Args:
        name: a name as published or typed, in any script.

    Returns:
        The folded name; an empty string if nothing comparable is left.
    """
    text = _APOSTROPHE_RE.sub("", fold_text(name))
    text = _EZAFE_RE.sub(" ", text.replace("&", " and "))
    text = _SEPARATOR_RE.sub(" ", text)
    if not text.isascii():  # the CJK ranges hold unassigned code points: no letters
        text = "".join(ch if ch.isalnum() else " " for ch in text)
    # Put a space between a CJK run and adjacent Latin letters ("kim김" -> "kim 김").
    text = _CJK_RUN.sub(lambda m: f" {m.group(0)} ", text)
    return _EXTRA_SPACE_RE.sub(" ", text).strip()


def script_parts(name: str) -> list[str]:
    """Return a name written in two scripts as its Latin part and its CJK part.

    `Jin Tiesan (金铁三)` → `["Jin Tiesan", "金铁三"]`; a name in one script is returned
    alone.
    """
    runs = _CJK_RUN.findall(name)
    if not runs or not re.search("[A-Za-z]", name):
        return [name]
    latin = re.sub(r"[(\[（]\s*[)\]）]", " ", _CJK_RUN.sub(" ", name))
    return [" ".join(latin.split()), " ".join(runs)]


def split_cjk_name(run: str) -> list[str]:
    """Split a run of hangul or hanzi into family name and given name.

    Korean and Chinese personal names are written without spaces, family name first, and
    are two to four characters long. Longer runs (company names) are returned whole.

    Args:
        run: hangul only, or hanzi only, without spaces.

    Returns:
        `[family, given]` for a two-to-four character run, else `[run]`.
    """
    if not 2 <= len(run) <= 4:
        return [run]
    compounds = KOREAN_COMPOUND_SURNAMES if is_hangul(run) else CHINESE_COMPOUND_SURNAMES
    cut = 2 if run[:2] in compounds and len(run) > 2 else 1
    return [run[:cut], run[cut:]]


def split_words(normalized: str) -> list[str]:
    """Return the words of a normalized name, CJK personal names split in two.

    Runs of single letters are joined into one word (`s a l` → `sal`), so initialisms
    written with and without dots compare equal.

    Args:
        normalized: output of `normalize_name`.
    """
    words: list[str] = []
    in_initialism = False
    for word in normalized.split():
        is_letter = len(word) == 1 and word.isalpha()
        if _CJK_RUN.fullmatch(word):
            words.extend(split_cjk_name(word))
        elif is_letter and in_initialism:
            words[-1] += word
        else:
            words.append(word)
        in_initialism = is_letter
    return words


def strip_company_words(words: list[str]) -> list[str]:
    """Drop legal-form words, but never all of them (see `company_words_kept`)."""
    return [words[i] for i in company_words_kept(words)]


def company_words_kept(words: list[str]) -> list[int]:
    """Return the positions of the words `strip_company_words` keeps: legal forms dropped.

    The first word is kept unless it opens a legal form that something else follows:
    one of two words or more (`Obshchestvo s Ogranichennoi Otvetstvennostyu 'Gazprom
    Telekom'`, `Joint Stock Company Sberbank Leasing`) or an abbreviation in
    `LEADING_LEGAL_FORMS` (`JSC Techmash`). A single other first word may be a name
    (`General Kim`). The `s` ("with") of the Russian form goes with it, and so does an
    opening `Open`, `Closed` or `Public` (`Open Joint Stock Company Investcapitalbank`).

    Args:
        words: the words of a normalized name.
    """
    lead = 1 if len(words) > 1 and words[0] in LEGAL_QUALIFIERS else 0
    while lead < len(words) and (
        words[lead] in COMPANY_WORDS
        or (words[lead] == "s" and lead and words[lead - 1] in COMPANY_WORDS)
    ):
        lead += 1
    if lead == 1 and words[0] not in LEADING_LEGAL_FORMS:
        lead = 0
    start = lead if lead < len(words) else 0
    kept = [i for i, w in enumerate(words) if i == start or (i > start and w not in COMPANY_WORDS)]
    if len(kept) == 1 and len(words) > 1 and words[kept[0]] in COMPANY_WORDS:
        return list(range(len(words)))
    return kept


@lru_cache(maxsize=1024)
def country_code(text: str | None) -> str | None:
    """Return the lower-case ISO 3166-1 alpha-2 code for a code or country name.

    Args:
        text: "KP", "PRK", "North Korea", "Korea, Democratic People's Republic of", ...

    Returns:
        e.g. "kp"; None when `text` is empty or names no country.
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        return text.lower()
    import pycountry

    aliases = {"north korea": "kp", "dprk": "kp", "south korea": "kr", "russia": "ru"}
    if text.lower() in aliases:
        return aliases[text.lower()]
    try:
        return str(pycountry.countries.lookup(text).alpha_2).lower()
    except LookupError:
        return None


COUNTRY_WORD_EXTRAS: dict[str, frozenset[str]] = {
    "china": frozenset({"cn", "hk", "mo"}),
    "russia": frozenset({"ru"}),
    "turkey": frozenset({"tr"}),
    "macau": frozenset({"mo"}),
    "dprk": frozenset({"kp"}),
}
"""Country words pycountry does not give as one word (`Russian Federation`), or that
cover more than one code (China's companies are often listed at Hong Kong addresses)."""


@lru_cache(maxsize=1)
def country_words() -> dict[str, frozenset[str]]:
    """Return the one-word country names (lower case) with the ISO codes they name.

    From pycountry's names and common names, the part before a comma (`Korea, Republic
    of` gives `korea`: both Koreas), plus `COUNTRY_WORD_EXTRAS`.
    """
    import pycountry

    found: defaultdict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        for value in (country.name, getattr(country, "common_name", None)):
            head = str(value or "").split(",")[0].strip().lower()
            if head.isalpha() and head.isascii():
                found[head].add(str(country.alpha_2).lower())
    for word, codes in COUNTRY_WORD_EXTRAS.items():
        found[word].update(codes)
    return {word: frozenset(codes) for word, codes in found.items()}


def named_countries(words: Iterable[str]) -> frozenset[str]:
    """Return the ISO codes (lower case) of the countries that words name (`country_words`).

    Args:
        words: lower-case words, e.g. the romanized words of a name.
    """
    table = country_words()
    return frozenset(code for word in words for code in table.get(word, ()))


@lru_cache(maxsize=1 << 16)
def legal_form_words(name: str) -> frozenset[str]:
    """Return the legal-form words a name states, as written (`ood`, `ltd`, `company`)."""
    return frozenset(w for w in split_words(normalize_name(name)) if w in LEGAL_FORM_CLASSES)


def legal_forms(name: str) -> frozenset[str]:
    """Return the kinds of legal form a name states (`LEGAL_FORM_CLASSES`), e.g. {"limited"}."""
    return frozenset(LEGAL_FORM_CLASSES[w] for w in legal_form_words(name))
