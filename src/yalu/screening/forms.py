"""Derive extra searchable forms of a list name: bracketed parts and acronyms.

Lists often write an entity's short name inside its long one (`NAFTIRAN INTERTRADE CO.
(NICO) SARL`), and people screen the initials of a long name (`ZMDC` for `Zimbabwe Mining
Development Corporation`, `KRGC` for `Korea Ryonbong General Corporation`). These forms
are indexed as extra (weak) names of the entity, so a query reaches them by the same keys
and scoring as any other name:

- `bracket_parts`: the text outside brackets and each bracketed text, as separate names.
- `run_together`: a name of three syllables or more written as separate words, as one
  word (`TAE DONG GANG` → `TAEDONGGANG`, `KUM UN SAN 3` → `KUMUNSAN 3`): DPRK ship and
  company names are written both ways, and two words run together are already compared.
- `acronyms`: the initials of a name of three words or more, in the few ways such
  initials are formed: every word (`KRGC`), without joining words such as `of`, `and`,
  `the` (`AFGS`), also without legal forms (`SPM` for `Sina Port and Marine Company`),
  with a final `Company` as `CO` (`SEDCO`); and the first word kept whole before the
  initials of the rest (`LAREDO DTO` for `Laredo Drug Trafficking Organization`).

A query is screened in the same forms, acronyms aside, and read as text recognition
misreads it when it writes digits for letters (`ocr_reading`; `query_forms`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Final

from yalu.models.screening import Entity
from yalu.screening.glossary import hanzi_company_parts, is_hanzi_company
from yalu.screening.hanja import MAX_READINGS, korean_readings
from yalu.screening.normalize import (
    COMPANY_WORDS,
    LEGAL_FORM_CLASSES,
    clean_name,
    is_cjk,
    is_hangul,
    normalize_name,
    script_parts,
    split_words,
)
from yalu.screening.romanize import (
    is_syllabic_word,
    joined_keys,
    name_keys,
    phonetic_key,
    written_words,
)

RawName = tuple[int, str, tuple[str, ...], tuple[str, ...], bool, str, tuple[str, ...]]
"""(entity position, name, keys, joined keys, is_weak, exact key, words), before weighing.
A form with an exact key is scored only when a query word equals that key (see
`entity_names`); `words` are the words as written, for typos (none for such forms)."""

ACRONYM_MIN_WORDS: Final = 3
"""Names with fewer words get no acronym: two initials name nothing in particular."""
ACRONYM_MAX_WORDS: Final = 8
"""Initials of longer names are not used: nobody abbreviates them whole."""
JOINING_WORDS: frozenset[str] = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "de",
        "del",
        "la",
        "el",
        "y",
        "in",
        "on",
        "at",
        "to",
        "da",
        "di",
        "du",
        "des",
        "van",
        "von",
    ]
)
"""Words an acronym usually skips (`Armed Forces of ...`, `Industria de Pesca`)."""
ACRONYM_MARK: Final = "="
"""Starts the exact key of an acronym form: the letters a query word must equal (`=krgc`),
where other exact keys are phonetic keys (`search.ScreeningIndex._candidates`)."""
LETTERS_MARK: Final = "≡"
"""Starts the exact key of the acronym of a name that is under `ACRONYM_MIN_WORDS` words
once a legal form written with dots is one word (`isa` of `IPI S.A.`, where `PDVSA` of
`Petroleos de Venezuela S.A.` is an acronym): only a query written as initials (`I. S.
A.`, `written_as_initials`) meets it, since `Isa` is a given name, not such initials."""
_VOWELS: Final = frozenset("aeiouy")
_COMPANY_SUFFIXES: Final = {"company": "co", "corporation": "co", "corp": "co"}
_BRACKETS: Final = re.compile(r"[(\[（]([^()\[\]（）]*)[)\]）]")


def bracket_parts(name: str) -> list[str]:
    """Return the text outside brackets and each bracketed text, when there are brackets.

    `NAFTIRAN INTERTRADE CO. (NICO) SARL` → `["NAFTIRAN INTERTRADE CO. SARL", "NICO"]`.
    A name without brackets (or with nothing outside them) gives an empty list.

    Args:
        name: a name as published.
    """
    inside = [part.strip() for part in _BRACKETS.findall(name)]
    outside = " ".join(_BRACKETS.sub(" ", name).split())
    if not inside or not re.search(r"\w", outside):
        return []
    return [outside, *(part for part in inside if re.search(r"\w", part))]


RUN_MIN_WORDS: Final = 3
"""Two words run together are compared without a form of their own (`score.py`)."""
RUN_MAX_WORD_LENGTH: Final = 4
"""Only words this short are single syllables (`Tae`, `Dong`, `Gang`); `Star` is not one."""


def run_together(name: str) -> str | None:
    """Return a name of Korean or Chinese syllables written as one word, else None.

    `TAE DONG GANG` → `taedonggang`; a trailing number stays apart (`KUM UN SAN 3` →
    `kumunsan 3`). Only names of `RUN_MIN_WORDS` syllable words or more, each at most
    `RUN_MAX_WORD_LENGTH` letters long, in Latin letters.

    Args:
        name: a name as published or typed.
    """
    words = normalize_name(name).split()
    numbers: list[str] = []
    while words and words[-1].isdigit():
        numbers.insert(0, words.pop())
    if len(words) < RUN_MIN_WORDS or not all(
        w.isascii() and w.isalpha() and len(w) <= RUN_MAX_WORD_LENGTH for w in words
    ):
        return None
    if not all(is_syllabic_word(phonetic_key(w)) for w in words):
        return None
    return " ".join(["".join(words), *numbers])


def acronyms(name: str) -> list[tuple[str, ...]]:
    """Return the acronym forms of a name, each as a sequence of words (`acronym_forms`)."""
    return [words for words, _ in acronym_forms(name)]


def acronym_forms(name: str) -> list[tuple[tuple[str, ...], int]]:
    """Return the acronym forms of a name, each with the position of its initials word.

    The initials of every word, of all but joining words, of all but legal forms, of
    all but both, of all but the legal form that ends the name (`N. M. A. T. Company`
    for `Nordstrand Maritime and Trading Company`: `Trading` is a legal-form word, but
    no kind of body), and of all but joining words save the first (`Korea` `RGC`); and, for
    names of four words or more, none a letter alone, the initials of all words but the
    last, which stays whole: a name abbreviated as `J. R. Smith` (`S. E. R. Center` for
    `Shahid Eslami Research Center`, `I. A. O. Aden` for `Islamic Army of Aden`).

    Args:
        name: a name in Latin letters, e.g. `Korea Ryonbong General Corporation`.

    Returns:
        e.g. `[(("krgc",), 0), (("krgco",), 0), (("korea", "rgc"), 1)]`;
        empty for names of fewer than three words, more than eight, or holding digits.
    """
    words = normalize_name(name).split()
    if not ACRONYM_MIN_WORDS <= len(words) <= ACRONYM_MAX_WORDS:
        return []
    if not all(word.isalpha() and word.isascii() for word in words):
        return []
    content = [w for w in words if w not in JOINING_WORDS]
    core = [w for w in content if w not in COMPANY_WORDS]
    named = [w for w in words if w not in COMPANY_WORDS]
    trimmed = list(words)
    while trimmed and trimmed[-1] in LEGAL_FORM_CLASSES:
        trimmed.pop()
    found: list[tuple[tuple[str, ...], int]] = []
    for chosen in (words, content, core, named, trimmed):
        initials = initials_of(chosen)
        if len(chosen) >= ACRONYM_MIN_WORDS:
            found.append(((initials,), 0))
        suffix = _COMPANY_SUFFIXES.get(chosen[-1]) if chosen else None
        if suffix and len(chosen) >= ACRONYM_MIN_WORDS:
            found.append(((initials[:-1] + suffix,), 0))
        if len(chosen) >= ACRONYM_MIN_WORDS + 1:
            found.append(((chosen[0], initials[1:]), 1))
    if (
        len(words) > ACRONYM_MIN_WORDS
        and words[-1] not in COMPANY_WORDS
        and all(len(w) > 1 for w in words)
    ):
        found.append(((initials_of(words)[:-1], words[-1]), 0))
    return list(dict.fromkeys(found))


def written_as_initials(name: str) -> bool:
    """Return True when a query name is written as initials, legal forms aside.

    That is letters standing alone (`I. R. G. C.`), or one word without vowels (`CSC`,
    `KRGC`): such a word is no name, where `ISA` may be one (`Isa`).
    """
    words = [w for w in normalize_name(name).split() if w not in COMPANY_WORDS]
    if len(words) > 1:
        return all(len(w) == 1 and w.isalpha() for w in words)
    return bool(words) and words[0].isascii() and words[0].isalpha() and not _VOWELS & set(words[0])


def initials_of(words: list[str]) -> str:
    """Return the first letters of `words`, run together."""
    return "".join(w[0] for w in words)


def entity_names(position: int, entity: Entity) -> Iterator[RawName]:
    """Yield (entity, name, keys, joined keys, is_weak, exact key) for each form of a name.

    A name written in two scripts (`Jin Tiesan (金铁三)`) is indexed as each part; a name
    with brackets also as its parts (`bracket_parts`, the bracketed ones weak); a name of
    three syllables or more also run together (`run_together`); and a non-person's name of
    three words or more also by its acronyms (`acronyms`, weak). Every form is indexed
    under the name's own text. Acronyms and run-together syllables match few queries, and
    one letter apart they are another name (`Kimjongil` is not `Kimjongun`), so the index
    scores them only when a query word equals their exact key: the phonetic key of
    run-together syllables, the very letters of an acronym (`ACRONYM_MARK`), and of a
    one-word name that is the initials of another (`entity_initials`).
    """
    seen: set[tuple[str, ...]] = set()

    def form(
        text: str,
        keys: tuple[str, ...],
        joined: tuple[str, ...],
        weak: bool,
        exact: str = "",
        words: tuple[str, ...] = (),
    ) -> Iterator[RawName]:
        if keys and keys not in seen:
            seen.add(keys)
            yield position, text, keys, joined, weak, exact, words

    initials = entity_initials(entity)
    for names, is_weak in ((entity.names, False), (entity.weak_aliases, True)):
        for name in names:
            for part in script_parts(name):
                words = written_words(part)
                if len(words) == 1 and words[0] in initials:
                    # `GIA` beside `Groupe Islamique Armé`: initials, matched letter for letter.
                    yield from form(part, name_keys(part), (), is_weak, ACRONYM_MARK + words[0])
                    continue
                yield from form(part, name_keys(part), joined_keys(part), is_weak, "", words)
    for names, is_weak in ((entity.names, False), (entity.weak_aliases, True)):
        for name in names:
            if is_cjk(name):
                continue
            parts = bracket_parts(name)
            for rank, part in enumerate(parts):
                weak = is_weak or rank > 0
                words = written_words(part)
                yield from form(name, name_keys(part), joined_keys(part), weak, "", words)
            for part in parts or [name]:
                if run := run_together(part):
                    keys = name_keys(run)
                    yield from form(name, keys, joined_keys(run), is_weak, keys[0])
            if entity.schema == "Person":
                continue
            for part in parts or [name]:
                # `IPI S.A.` is two words once `S.A.` is one: too short to abbreviate.
                short = len(split_words(normalize_name(part))) < ACRONYM_MIN_WORDS
                mark = LETTERS_MARK if short else ACRONYM_MARK
                for words, at in acronym_forms(part):
                    text = " ".join(words)
                    keys = name_keys(text)
                    yield from form(name, keys, joined_keys(text), True, mark + words[at])


def entity_initials(entity: Entity) -> frozenset[str]:
    """Return the initials of an organisation's names (`acronyms`), as lower-case letters.

    A one-word name of the entity found here (`GIA`, also listed as `Groupe Islamique
    Armé`) is its initials, not a word: it is matched letter for letter, since `Kia` sounds
    like `Gia` but abbreviates nothing of it. People get none.
    """
    if entity.schema == "Person":
        return frozenset()
    found: set[str] = set()
    for name in (*entity.names, *entity.weak_aliases):
        for part in bracket_parts(name) or [name]:
            found.update(words[-1] for words in acronyms(part) if len(words) == 1)
    return frozenset(found)


def query_forms(name: str) -> list[str]:
    """Return the forms of a query name to screen: the name, then its parts.

    A name typed in two scripts (`Jin Tiesan (金铁三)`) or with a bracketed short name or
    alias (`Libyan Foreign Investment Company (LFIC)`) is also screened part by part, as
    list names are indexed (`entity_names`); each entity keeps its best form's match.
    """
    return [form for form, _ in screened_forms(name)]


def screened_forms(name: str) -> list[tuple[str, bool]]:
    """Return `query_forms(name)`, each with True when it is only a short bracketed part.

    A bracketed part of one word is a short form or nickname, weak as a list's weak alias
    is (`features.score_entity`): `TSS` of `Tadbir Sanaat Sharif Technology Development
    Center (TSS)` is not that centre, and `TSS Co.` matching it wholly does not match the
    query wholly. A bracketed name of several words (`Jonas Exemplar (Harry Example
    Jones)`) is another name of the party, as strong as the first.
    """
    name = clean_name(name)
    forms = [(name, False)]
    for part in script_parts(name):
        forms.append((part, False))
        for rank, text in enumerate(bracket_parts(part)):
            forms.append((text, rank > 0 and len(split_words(normalize_name(text))) == 1))
    forms.extend(
        (read_form, weak) for form, weak in forms if (read_form := ocr_reading(form)) != form
    )
    weak_only: dict[str, bool] = {}
    for form, weak in forms:
        if form.strip():
            weak_only[form] = weak_only.get(form, True) and weak
    return list(weak_only.items())


_OCR_UPPER: Final = str.maketrans("0158", "OISB")
"""Digits that text recognition writes for the letters they look like."""
_OCR_LOWER: Final = str.maketrans("0158", "olsb")
"""The same among lower-case letters, where a `1` is an `l`."""
_OCR_WORD: Final = re.compile(r"\b(?=(?:\w*[A-Za-z]){3})(?=\w*[0158])[A-Za-z0158]+\b")


def ocr_reading(name: str) -> str:
    """Return a name with the digits read as letters in words of letters (`RA5HED` → `RASHED`).

    Scanned documents give `0 1 5 8` for `O I S B` (`1` for `l` among lower-case
    letters). Only a word of three letters or more whose every digit is one of these is
    read so: `A320`, `MV8`, `T-72` and `ORIENT 1` are kept. And they give `l` for `I`:
    in a name in capitals whose only lower-case letter is `l`, each `l` is an `I`
    (`ARGO l`, `lSLAMIC STATE`).
    """

    def read(word: re.Match[str]) -> str:
        text = word.group()
        lower = sum(ch.islower() for ch in text) > sum(ch.isupper() for ch in text)
        return text.translate(_OCR_LOWER if lower else _OCR_UPPER)

    read_name = _OCR_WORD.sub(read, name)
    if _is_l_among_capitals(read_name):
        return read_name.replace("l", "I")
    return read_name


def _is_l_among_capitals(name: str) -> bool:
    """Return True for a name in capitals (two or more) whose only lower-case letter is `l`."""
    if "l" not in name:
        return False
    capitals = 0
    for ch in name:
        if ch.islower() and ch != "l":
            return False
        capitals += ch.isupper()
    return capitals >= 2


def korean_reading_forms(forms: list[str]) -> list[tuple[str, str]]:
    """Return the Korean readings (hangul) of the forms written in Han characters only.

    `金正恩` gives `[("김정은", "金正恩")]`: each reading with the form it reads, so the
    name is screened as Korean beside its Mandarin reading (`hanja.korean_readings`). A
    company name keeps its business words in English, as its Mandarin reading does
    (`glossary.hanzi_company_parts`), and the Korean reading of the rest apart:
    `朝鲜大成银行` gives `korea 대 성 bank` (KOREA DAESONG BANK; in Mandarin `Korea Da
    Cheng Bank`), not one word run together.

    Args:
        forms: the query's forms (`query_forms`).
    """
    found: list[tuple[str, str]] = []
    for form in forms:
        runs = form.split()
        if not runs or not is_cjk(form) or is_hangul(form) or re.search("[A-Za-z0-9]", form):
            continue
        company = is_hanzi_company(runs)
        options = [[*_company_readings(run)] if company else korean_readings(run) for run in runs]
        if not all(options):
            continue
        readings = itertools.islice(itertools.product(*options), MAX_READINGS)
        found.extend((" ".join(words), form) for words in readings)
    return list(dict.fromkeys(found))


def _company_readings(run: str) -> Iterator[str]:
    """Yield the Korean readings of a run of a company name, business words in English.

    The rest is read one syllable per word, as in the Mandarin reading: lists write a
    trade name run together or not (`RYONBONG`, `DAE-DONG`), and two words match one run
    together, not the other way round (`score.score_names`). None for a run of business
    words only: it reads as in Mandarin.
    """
    parts = hanzi_company_parts(run)
    if all(is_english for _, is_english in parts):
        return
    options = [
        [text] if is_english else [" ".join(reading) for reading in korean_readings(text)]
        for text, is_english in parts
    ]
    for words in itertools.islice(itertools.product(*options), MAX_READINGS):
        yield " ".join(words)
