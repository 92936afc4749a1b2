"""Score how similar two names are, from the phonetic keys of their words.

Name similarity aligns the words of both names by their phonetic keys (see `romanize.py`),
in any order. Each word carries a weight (rarer words weigh more, see
`ScreeningIndex`), and the score is the weight of the aligned words (times their
similarity) over the weight of all words on both sides, so an unmatched word always costs.
Two adjacent words may align with one word on the other side (`Jong Un` ~ `Jongun`).
Words may differ by an edit or in their vowels under the rules of `token_similarity`.
A name wholly or largely contained in the other (`Krasnov Igor` in `Krasnov Igor
Viktorovich`) gets `COVERAGE_SHARE` of its score from that containment.

`DEFAULT_THRESHOLD` (0.84) was chosen with `benchmarks/screening_bench.py` on sets drawn
with seeds 1 and 2 (the published figures use another seed): it keeps the false-positive
rate on common Korean, Chinese and Western names that are on no list under 1% while
recovering romanization variants and held-out aliases. One unmatched given-name syllable
of three ("Kim Min Jun" ~ "Kim Min Chol") scores well below it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA

from yalu.screening.arabic import CANONICAL_SPELLINGS
from yalu.screening.normalize import GENERIC_WORDS
from yalu.screening.romanize import (
    consonant_key,
    family_name_keys,
    inner_vowels_dropped,
    is_syllabic_word,
    phonetic_key,
    spellings,
    syllable_keys,
)

_osa_distance: Final = OSA.distance
_fsum: Final = math.fsum
"""Bound once: compiled code calls a module attribute by looking it up on every call."""

FUZZY_MIN_LENGTH: Final = 5
"""Keys shorter than this must be equal: Korean syllables one letter apart are other names
(`chon`, `chol`, `chun`)."""

STRICT_FUZZY_MIN_LENGTH: Final = 8
"""Words of syllabic names, and two words run together, must be equal below this length."""
VOWEL_FREE_MIN_LENGTH: Final = 6
"""Words this long that differ only in vowels score `VOWEL_SIMILARITY`."""
VOWEL_SIMILARITY: Final = 0.8
SHORT_VOWEL_SIMILARITY: Final = 0.7
"""The same for shorter words (`Ahmed`/`Ahmad`: keys `amet`/`amat`)."""
_VOWELS: Final = str.maketrans("", "", "aeiouy")
STEM_MIN_LENGTH: Final = 7
STEM_SHARE: Final = 0.75
STEM_SIMILARITY: Final = 0.8
"""Long words of other names that share three quarters of the shorter one as a prefix
are one stem with other endings (`Transporting`/`Transportation`,
`Agricultural`/`Agriculture`)."""
INITIAL_SIMILARITY: Final = 0.5
"""A letter alone is the initial of a word it starts (`Raed M Hijazi` ~ `Raed Muhammad
Hijazi`, `A. Voronkevitch` ~ `Aleksandr Voronkevitch`; not `y`, Spanish for "and"); so
are two or three initials run together, of as many adjacent words (`N. P. Patrushev` ~
`Nikolai Platonovich Patrushev`). In a syllabic name only a consonant alone is one (`W
Zhiqing` ~ `WANG Zhiqing`): a vowel may be a syllable (`O`, `U`, `E` are surnames)."""
SYLLABLE_LETTERS: Final = frozenset("aeiou")
"""Letters that may stand alone as a syllable of a Korean or Chinese name, not an initial."""
NAME_PARTICLES: Final = frozenset(
    {"al", "el", "ul", "ad", "an", "ar", "as", "az", "ur", "ash", "abu", "abd", "bin", "ibn"}
    | {"ben", "de", "da", "di", "do", "du", "del", "des", "dos", "das", "la", "le", "lo"}
    | {"los", "las", "van", "von", "der", "den", "and", "the", "of"}
)
"""Short words that join a name, not initials run together (`al`, `bin`, `de`, `van`)."""
EDIT_COST: Final = 0.6
"""Share of a word's similarity lost per edit, relative to its length."""
WRITTEN_EDITS_CAPPED: Final = 3
"""Two words whose keys are near but that are this many edits apart as written score no
more than as written (`_as_written`): one typo is one or two edits (`Shanti` and `Sindhi`
key one edit apart, `santi` and `sinti`, but are four apart)."""
LONG_COVERAGE_SHARE: Final = 0.5
"""The same once three or more words aligned: a three-word name wholly found in a longer
one (`Khedri Jahan Darya` in `Khedri Jahan Darya Shipping Port Commercial`) is strong."""
SYLLABIC_WORD_LENGTH: Final = 5
"""A name whose words are all this short is treated as syllabic (Korean, Chinese)."""
COVERAGE_SHARE: Final = 0.4
"""Weight of the better-covered side: a name wholly contained in the other
(`Krasnov Igor` in `Krasnov Igor Viktorovich`) scores higher than an equal overlap."""

TYPO_MIN_LENGTH: Final = 3
"""Words this long may hold one typo (a letter changed, added, dropped or two swapped)."""
SYLLABLE_DROP_MIN_LENGTH: Final = 2
"""In a syllabic name, a word this long may be a three-letter syllable with one letter
dropped (`Pm` for `Pom`, `Wo` for `Won`), a two-letter one with a letter changed (`En` for
`Un`) or a syllable without its vowel (`Jn` for `Chin`): `OTHER_SYLLABLE_SIMILARITY`, so
it ranks."""
TYPO_SIMILARITY: Final = 0.8
"""Similarity of two words one typo apart, as typed (`Jnog`/`Jong`, `Hea`/`Hae`), that
no other rule relates. In a syllabic name the pair counts only when every other word of
both names aligned (`score_names`), and a damaged word that is itself a syllable is
another name rather than a typo (`Jang` for `Jong`): it scores `OTHER_SYLLABLE_SIMILARITY`,
which keeps the name under the threshold while it still ranks the entity first."""
SHORT_TYPO_SIMILARITY: Final = 0.6
"""The same for words of three letters outside syllabic names (`Kin`/`Kim`)."""
OTHER_SYLLABLE_SIMILARITY: Final = 0.3
OCR_CONFUSIONS: Final = (("rn", "m"), ("cl", "d"), ("vv", "w"))
"""Letters that document capture reads as one other letter (`Kirn` for `Kim`), from the
published OCR confusion sets; digits read as letters are `forms.ocr_reading`'s."""
KNOWN_WORD_TYPO_SIMILARITY: Final = 0.5
"""The same outside syllabic names when the query's word is itself a word of some list
name: one letter from a listed word, a listed word is another name more often than a
typo (`Young`/`Wong`, `Jan`/`Jon`), so the pair ranks the entity without making a match.
A word no list holds (`Jnog`, `Pakiztan`) keeps `TYPO_SIMILARITY`."""
VOWEL_DROP_SIMILARITY: Final = 0.7
"""A word written without its inner vowels (`Rynbng`, `Jng`) against a word with the same
consonants (`Ryonbong`, `Jong`)."""
TRUNCATED_MIN_LENGTH: Final = 5
TRUNCATED_SIMILARITY: Final = 0.6
"""The last word of a name, `TRUNCATED_MIN_LENGTH` letters or more, that starts a word of
the other name two letters longer or more: a name cut by a fixed-width field (`Anna
Yurievna TODORO` for `TODOROVA`, `Aleksander Vladimiro`), outside syllabic names."""

GENERIC_WEIGHT: Final = 0.25
"""Weight factor of generic words such as `Korea` and `International`."""
GENERIC_KEYS: Final = frozenset(phonetic_key(word) for word in GENERIC_WORDS)

DEFAULT_THRESHOLD: Final = 0.84
"""Scores at or above this are reported as matches (`Match.is_match`)."""


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name of one entity, as indexed.

    Attributes:
        entity: position of the entity in the index.
        text: the name as published.
        keys: phonetic keys of its words.
        joined: phonetic keys of each pair of adjacent words run together.
        weights: one weight per key (rarer keys weigh more).
        is_weak: True for a weak (low-quality) alias.
        words: the words as written (romanized, lower case), one per key, for typos;
            empty when the keys are not of words (consonant skeletons).
        known: for a query, one flag per key: True when some list name holds the key
            (`KNOWN_WORD_TYPO_SIMILARITY`); empty for list names.
    """

    entity: int
    text: str
    keys: tuple[str, ...]
    joined: tuple[str, ...]
    weights: tuple[float, ...]
    is_weak: bool
    words: tuple[str, ...] = ()
    known: tuple[bool, ...] = ()

    def __reduce__(self) -> tuple[type[IndexedName], tuple[object, ...]]:
        """Pickle by the fields: a class compiled by mypyc has no `__setstate__`."""
        return IndexedName, (
            self.entity,
            self.text,
            self.keys,
            self.joined,
            self.weights,
            self.is_weak,
            self.words,
            self.known,
        )


def key_weight(frequency: int, name_count: int, key: str = "") -> float:
    """Return a word's weight: 1 plus its inverse document frequency among list names.

    Generic words (`normalize.GENERIC_WORDS`: `Korea`, `International`, `of`) weigh
    `GENERIC_WEIGHT` times as much.

    Args:
        frequency: how many list names hold the key (0 for a key on no list).
        name_count: how many names the index holds.
        key: the key itself.
    """
    weight = 1.0 + math.log((name_count + 1) / (frequency + 1))
    return weight * GENERIC_WEIGHT if key in GENERIC_KEYS else weight


def token_similarity(a: str, b: str, is_joined: bool = False, is_syllabic: bool = True) -> float:
    """Return the similarity of two phonetic keys, in 0..1.

    Equal keys score 1. Keys of five letters or more may differ by one edit (two when the
    longer has nine letters or more), scoring `1 - EDIT_COST * edits / len(longer)`.
    Between syllabic names (Korean, Chinese) and for two words run together (`Ma Chao`
    ~ `Mujao`) that needs eight letters: one letter changes one syllable, and a syllable
    makes another name (`Jing`/`Zhong`, `Jianguo`/`Quanguo`). In other names, words of
    four letters or more that differ only in vowels are similar (`Kheirbek`/`Khairbek`,
    `Ahmed`/`Ahmad`: transliterations of Arabic and Persian disagree on vowels), and
    words of seven letters or more sharing three quarters of the shorter as a prefix are
    one stem (`Transporting`/`Transportation`).
    Anything further apart scores 0.

    Args:
        a: a phonetic key.
        b: another phonetic key.
        is_joined: True when one side is two adjacent words run together.
        is_syllabic: True when either name is syllabic (see `is_syllabic`).
    """
    if a == b:
        return 1.0
    strict = is_joined or is_syllabic
    shortest, longest = min(len(a), len(b)), max(len(a), len(b))
    allowed = 1 if longest <= 8 or is_joined else 2
    if shortest >= (STRICT_FUZZY_MIN_LENGTH if strict else FUZZY_MIN_LENGTH) and (
        longest - shortest <= allowed
    ):
        edits = _osa_distance(a, b, score_cutoff=allowed)
        if edits <= allowed:
            return 1.0 - EDIT_COST * edits / longest
    # An initial, a stem and the same consonants all keep the first letter.
    if strict or shortest == 0 or a[0] != b[0]:
        return 0.0
    if shortest == 1:
        return INITIAL_SIMILARITY if a[0] != "y" else 0.0
    if shortest < 4:
        return 0.0
    stem = math.ceil(STEM_SHARE * shortest)
    if shortest >= STEM_MIN_LENGTH and a[:stem] == b[:stem]:
        return STEM_SIMILARITY
    if consonants(a) != consonants(b):
        return 0.0
    return VOWEL_SIMILARITY if shortest >= VOWEL_FREE_MIN_LENGTH else SHORT_VOWEL_SIMILARITY


def may_be_one_typo(word: str, other: str, key: str, other_key: str) -> bool:
    """Return False when two words of `TYPO_MIN_LENGTH` letters or more are not one typo apart.

    One letter changed, added or dropped, or two adjacent letters swapped, keeps the
    first letter, the second, or one of them moved by one place; so it does as written
    or as keys. Tested before `typo_similarity` of words outside syllabic
    names that are not a word without vowels and one with: most pairs stop here.
    """
    return _near_start(word, other) or (
        min(len(key), len(other_key)) >= TYPO_MIN_LENGTH and _near_start(key, other_key)
    )


def _near_start(a: str, b: str) -> bool:
    """Return True when two strings of two letters or more share one of their first two."""
    return a[0] == b[0] or a[1] == b[1] or a[0] == b[1] or a[1] == b[0]


def typo_similarity(word: str, other: str, key: str, other_key: str, is_syllabic: bool) -> float:
    """Return the similarity of two words one typo or their inner vowels apart, else 0.

    One typo: the words as written, or their keys, are one letter changed, added,
    dropped, or two adjacent letters swapped apart (optimal string alignment distance 1),
    both `TYPO_MIN_LENGTH` letters or more, or in a syllabic name one word swapped back
    keys as the other (`swapped_keys`), or the words read alike once the letters OCR
    confuses are read as one (`ocr_read`): `TYPO_SIMILARITY` (`SHORT_TYPO_SIMILARITY`
    for a three-letter word of a name that is not syllabic). In a syllabic name, a typo
    that makes another syllable is another name: `OTHER_SYLLABLE_SIMILARITY`, as is a
    two-letter word one letter from the other or without its vowel (`_short_syllable_typo`).
    Dropped vowels: one word has no inner vowel and the other (or one of the spellings it
    stands for, `romanize.spellings`) the same consonants, after the key's spelling rules
    (`consonant_key`) or as written (`inner_vowels_dropped`): `VOWEL_DROP_SIMILARITY`.

    Args:
        word: a word as written (romanized, lower case).
        other: the other word.
        key: `word`'s phonetic key.
        other_key: `other`'s phonetic key.
        is_syllabic: True when either name is syllabic (see `is_syllabic`).
    """
    if word.isdigit() or other.isdigit():
        return 0.0
    if min(len(word), len(other)) < TYPO_MIN_LENGTH:
        return (
            OTHER_SYLLABLE_SIMILARITY
            if is_syllabic and _short_syllable_typo(word, other, key, other_key)
            else 0.0
        )
    one_typo = (
        _osa_distance(word, other, score_cutoff=1) <= 1
        or (
            min(len(key), len(other_key)) >= TYPO_MIN_LENGTH
            and _osa_distance(key, other_key, score_cutoff=1) <= 1
        )
        or (is_syllabic and (other_key in swapped_keys(word) or key in swapped_keys(other)))
        or ((_is_misread(word) or _is_misread(other)) and ocr_read(word) == ocr_read(other))
    )
    if one_typo:
        if is_syllabic:
            both_syllables = is_syllabic_word(key) and is_syllabic_word(other_key)
            return OTHER_SYLLABLE_SIMILARITY if both_syllables else TYPO_SIMILARITY
        return SHORT_TYPO_SIMILARITY if min(len(word), len(other)) < 4 else TYPO_SIMILARITY
    short, long_ = (word, other) if len(word) < len(other) else (other, word)
    if has_no_inner_vowel(short) and not has_no_inner_vowel(long_):
        skeleton = consonant_key(short)
        dropped = inner_vowels_dropped(short)
        # The longer word may be kept in one spelling of several (`Hssn` is `Hossein`,
        # which names hold as `husayn`).
        for spelled in spellings(long_):
            if len(skeleton) >= 2 and skeleton == consonant_key(spelled):
                return VOWEL_DROP_SIMILARITY
            if _may_drop_to(short, spelled) and dropped == inner_vowels_dropped(spelled):
                return VOWEL_DROP_SIMILARITY
    return 0.0


def ocr_read(word: str) -> str:
    """Return a word with the letters OCR confuses read as the one letter (`kirn` → `kim`)."""
    for misread, letter in OCR_CONFUSIONS:
        if misread in word:
            word = word.replace(misread, letter)
    return word


_MISREADS: Final = tuple(misread for misread, _ in OCR_CONFUSIONS)


def _is_misread(word: str) -> bool:
    """Return True when a word holds letters OCR confuses with one (`ocr_read` changes it).

    Only such a word reads as another: the scoring loop asks this of most word pairs,
    and it is cheaper than reading both (profiled).
    """
    return any(misread in word for misread in _MISREADS)


@lru_cache(maxsize=1 << 14)
def swapped_keys(word: str) -> frozenset[str]:
    """Return the keys of a word with each pair of adjacent letters swapped back.

    `Jnog` → `chong` (`Jong`); in a word spelt in another romanization than the list's,
    `Guy` → `kyu`, the list's `Kyu` (McCune-Reischauer) for `Gyu` (Revised Romanization).
    """
    return frozenset(
        phonetic_key(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    )


def _short_syllable_typo(word: str, other: str, key: str, other_key: str) -> bool:
    """Return True when a syllable under three letters may be the other one mistyped.

    As written or as keys: one letter short of a three-letter syllable (`Wo` for `Won`),
    one letter changed in a two-letter one (`En` for `Un`, `Hl` for `Ho`); or, without
    its vowel, the other's consonants after the key's spelling rules (`Jn` for `Chin`,
    the McCune-Reischauer spelling of `Jin`).
    """
    if _one_letter_off(word, other) or _one_letter_off(key, other_key):
        return True
    short, long_ = sorted((word, other), key=len)
    return (
        len(short) >= SYLLABLE_DROP_MIN_LENGTH
        and _is_vowel_less(short)
        and consonant_key(short) == consonant_key(long_)
    )


def _one_letter_off(word: str, other: str) -> bool:
    """Return True when a short word (or key) is the other one letter apart.

    Two letters or more, and the other either three letters, one more (`Wo`, `Won`), or
    as many, one changed (`En`, `Un`).
    """
    short, long_ = sorted((word, other), key=len)
    return (
        len(short) >= SYLLABLE_DROP_MIN_LENGTH
        and (len(long_) == TYPO_MIN_LENGTH or len(long_) == len(short))
        and _osa_distance(short, long_, score_cutoff=1) <= 1
    )


def _may_drop_to(short: str, long_: str) -> bool:
    """Return True when `short` may be `long_` written without its inner vowels.

    Four letters or more; or three consonants for a word of four or more (`Slh` for
    `Saleh`, `Jvr` for `Javier`), where a vowel at either end would make a word of its own.
    """
    if len(short) >= 4:
        return True
    return len(short) == 3 and len(long_) >= 4 and not any(ch in "aeiou" for ch in short)


def _is_bare(word: str, syllabic: bool) -> bool:
    """Return True for a word written without its vowels.

    Without its inner ones, or in a syllabic name without any (`Jn`, see
    `_short_syllable_typo`).
    """
    return has_no_inner_vowel(word) or (syllabic and _is_vowel_less(word))


def _is_vowel_less(word: str) -> bool:
    """Return True for a word with no vowel at all (`y` counts as one): `Jn`, `Hl`."""
    return word.translate(_VOWELS) == word


def has_no_inner_vowel(word: str) -> bool:
    """Return True when a word of three letters or more has no vowel but at its ends.

    Over the inner letters in place, not a slice of them: the scoring loop asks this of
    most word pairs (profiled).
    """
    if len(word) < 3:
        return False
    return all(word[position] not in "aeiou" for position in range(1, len(word) - 1))


def consonants(key: str) -> str:
    """Return a key without its vowels, except a leading one (`keirpek` → `krpk`)."""
    return key[0] + key[1:].translate(_VOWELS)


Positions = tuple[int, ...]
Pair = tuple[float, int, str, str, float, Positions, Positions, Positions, Positions]
"""(value, -words used, smaller key, larger key, similarity, smaller positions, larger
positions, query positions, candidate positions): sorting on the first seven picks the same
pairs whichever side is the query, ties between equal words included."""


def _pair(
    similarity: float, weight: float, a: str, b: str, ia: tuple[int, ...], ib: tuple[int, ...]
) -> Pair:
    """Return one alignable pair with its sort key."""
    low, high = (a, b) if a <= b else (b, a)
    first, second = (ia, ib) if ia <= ib else (ib, ia)
    return similarity * weight, -len(ia) - len(ib), low, high, similarity, first, second, ia, ib


def _joined(
    words: tuple[str, ...], joined: tuple[str, ...] | None, is_syllabic: bool
) -> list[tuple[str, tuple[int, int]]]:
    """Return each pair of adjacent words run together, with their positions.

    A syllabic two-word name is not run together whole: that would join family name and
    given name (`He Na` ~ `Henna`).
    """
    if is_syllabic and len(words) == 2:
        return []
    if joined is None:
        joined = tuple(words[i] + words[i + 1] for i in range(len(words) - 1))
    # A join that keys as one of its words (`Arquitectos S` → `arkuiteztos`, doubled
    # letters collapsed) adds nothing, and would tie with that word's own pair.
    return [
        (key, (i, i + 1)) for i, key in enumerate(joined) if key not in (words[i], words[i + 1])
    ]


def _typo_pairs(
    query: tuple[str, ...],
    query_weights: tuple[float, ...],
    candidate: tuple[str, ...],
    candidate_weights: tuple[float, ...],
    words: tuple[tuple[str, ...], tuple[str, ...]],
    syllabic: bool,
    skip: set[tuple[int, int]],
    known: tuple[tuple[bool, ...], tuple[bool, ...]],
    open_words: tuple[list[int], list[int]],
) -> list[Pair]:
    """Return the pairs of words one typo, their inner vowels or a cut apart.

    One typo or dropped inner vowels: `typo_similarity`; the last word of a name cut
    short: `_is_truncated`. Only the positions in `open_words` (query, candidate) are
    tried: words that already have an equal partner are taken by alignment first, and in
    a syllabic name only the one word left on each side counts. `known` flags the words
    of either side that some list name holds (one side's flags are empty): outside
    syllabic names, such a word's typo pair scores at most `KNOWN_WORD_TYPO_SIMILARITY`;
    in a syllabic name, such a word that is one syllable, against a word no syllables
    make (`Cao` and the Burmese `Zaw`), scores at most `OTHER_SYLLABLE_SIMILARITY`.
    """
    query_words, candidate_words = words
    shortest = SYLLABLE_DROP_MIN_LENGTH if syllabic else TYPO_MIN_LENGTH
    open_query = [i for i in open_words[0] if len(query_words[i]) >= shortest]
    open_candidate = [j for j in open_words[1] if len(candidate_words[j]) >= shortest]
    if not open_query or not open_candidate:
        return []
    # A name of one word is not cut short; nor, on the query's side, at a word lists hold.
    last_query = len(query_words) - 1 if len(query_words) > 1 and not _flag(known[0], -1) else -1
    last_candidate = (
        len(candidate_words) - 1 if len(candidate_words) > 1 and not _flag(known[1], -1) else -1
    )
    # Cheap tests first: one typo keeps the lengths of the words or of their keys within
    # one letter, and dropped vowels need one word without (inner) vowels and one with.
    pairs = []
    for i in open_query:
        a, word = query[i], query_words[i]
        bare = _is_bare(word, syllabic)
        for j in open_candidate:
            b, other = candidate[j], candidate_words[j]
            if (i, j) in skip:
                continue
            last_i, last_j = i == last_query, j == last_candidate
            if (last_i or last_j) and not syllabic and _is_truncated(word, other, last_i, last_j):
                weight = query_weights[i] + candidate_weights[j]
                pairs.append(_pair(TRUNCATED_SIMILARITY, weight, a, b, (i,), (j,)))
                continue
            same_bareness = bare == _is_bare(other, syllabic)
            if abs(len(word) - len(other)) > 1 and abs(len(a) - len(b)) > 1 and same_bareness:
                continue
            if not syllabic and same_bareness and not may_be_one_typo(word, other, a, b):
                continue
            similarity = typo_similarity(word, other, a, b, syllabic)
            if similarity:
                similarity = _as_written(similarity, word, other)
            if similarity and not syllabic and (_flag(known[0], i) or _flag(known[1], j)):
                similarity = min(similarity, KNOWN_WORD_TYPO_SIMILARITY)
            if (
                similarity
                and syllabic
                and (
                    (_flag(known[0], i) and _is_other_syllable(a, b))
                    or (_flag(known[1], j) and _is_other_syllable(b, a))
                )
            ):
                similarity = min(similarity, OTHER_SYLLABLE_SIMILARITY)
            if similarity:
                weight = query_weights[i] + candidate_weights[j]
                pairs.append(_pair(similarity, weight, a, b, (i,), (j,)))
    return pairs


def _is_other_syllable(key: str, other: str) -> bool:
    """Return True for a syllable against a word that no syllables make (`Cao`, `Zaw`)."""
    return key in syllable_keys() and not is_syllabic_word(other)


def _vowel_less_pairs(
    query: tuple[str, ...],
    query_weights: tuple[float, ...],
    candidate: tuple[str, ...],
    candidate_weights: tuple[float, ...],
    words: tuple[tuple[str, ...], tuple[str, ...]],
    found: set[tuple[int, int]],
) -> list[Pair]:
    """Return, in a syllabic name, the pairs of a word written without a vowel and its word.

    Every Korean or Chinese syllable holds a vowel, so a word with none (`Kwng`, `Myng`
    for `Kwang Myong`) is a syllable written short, never another name's syllable: it
    pairs as `typo_similarity` says, as in any name, and the one mistyped word that
    `score_names` allows a syllabic name still counts besides. `found` (the pairs already
    made) gains those returned.
    """
    query_words, candidate_words = words
    bare_query = [_lacks_vowels(word) for word in query_words]
    bare_candidate = [_lacks_vowels(word) for word in candidate_words]
    pairs: list[Pair] = []
    if not any(bare_query) and not any(bare_candidate):
        return pairs
    for i, word in enumerate(query_words):
        for j, other in enumerate(candidate_words):
            if (i, j) in found or not (bare_query[i] or bare_candidate[j]):
                continue
            similarity = typo_similarity(word, other, query[i], candidate[j], True)
            if similarity:
                weight = query_weights[i] + candidate_weights[j]
                pairs.append(_pair(similarity, weight, query[i], candidate[j], (i,), (j,)))
                found.add((i, j))
    return pairs


def _lacks_vowels(word: str) -> bool:
    """Return True for a word of letters without a, e, i, o or u (`y` is no vowel here)."""
    return word.isalpha() and not any(ch in "aeiou" for ch in word)


def _is_truncated(word: str, other: str, word_is_last: bool, other_is_last: bool) -> bool:
    """Return True when the shorter word, the last of its name, starts the longer one.

    Such a pair scores `TRUNCATED_SIMILARITY`.
    """
    if len(word) > len(other):
        word, other, word_is_last = other, word, other_is_last
    return (
        word_is_last
        and len(word) >= TRUNCATED_MIN_LENGTH
        and len(other) >= len(word) + 2
        and other.startswith(word)
    )


def _written_pairs(
    query: tuple[str, ...],
    query_weights: tuple[float, ...],
    candidate: tuple[str, ...],
    candidate_weights: tuple[float, ...],
    words: tuple[tuple[str, ...], tuple[str, ...]],
    found: set[tuple[int, int]],
) -> list[Pair]:
    """Return the pairs of words equal as written whose keys differ, as equal words.

    The keys read a syllable by its neighbours: `Qu` keys as `chu` after the family name
    `Chen` and as `ku` after `Cehn`, a typo of it. `found` (the pairs already made) gains
    those returned.
    """
    query_words, candidate_words = words
    pairs = []
    for i, word in enumerate(query_words):
        if word not in candidate_words:
            continue
        for j, other in enumerate(candidate_words):
            if other == word and (i, j) not in found:
                weight = query_weights[i] + candidate_weights[j]
                pairs.append(_pair(1.0, weight, query[i], candidate[j], (i,), (j,)))
                found.add((i, j))
    return pairs


def _initials_pairs(
    query_weights: tuple[float, ...],
    candidate_weights: tuple[float, ...],
    words: tuple[tuple[str, ...], tuple[str, ...]],
    syllabic: bool,
) -> list[Pair]:
    """Return the pairs of a run of initials and the adjacent words it starts, either way.

    `np` (`N. P.`, which `split_words` runs together) and `Nikolai Platonovich`:
    `INITIAL_SIMILARITY`. A run is as `_initials_runs` says: `Al` (an article) and `Lvo`
    (a name cut short) are words; in a syllabic name only a consonant alone is an initial
    (`SYLLABLE_LETTERS`), as two or three letters are syllables there. The words it starts,
    as written, have two letters or more.
    """
    pairs = []
    for side in (0, 1):
        others = words[1 - side]
        for i in _initials_runs(words[side]):
            run = words[side][i]
            if syllabic and not is_initial(run, syllabic):
                continue
            size = len(run)
            for j in range(len(others) - size + 1):
                started = others[j : j + size]
                if all(len(w) > 1 for w in started) and "".join(w[0] for w in started) == run:
                    ia: Positions = (i,)
                    ib: Positions = tuple(range(j, j + size))
                    if side:
                        ia, ib = ib, ia
                    weight = sum((query_weights[q] for q in ia), 0.0)
                    weight += sum((candidate_weights[c] for c in ib), 0.0)
                    pairs.append(_pair(INITIAL_SIMILARITY, weight, run, "".join(started), ia, ib))
    return pairs


@lru_cache(maxsize=1 << 16)
def _initials_runs(words: tuple[str, ...]) -> tuple[int, ...]:
    """Return the positions of the words that may be initials run together (`np`).

    One letter (not `y`, Spanish for "and"), or two or three letters: without a vowel
    anywhere (`np`), with one before the name's last word unless a name particle (`ei`
    from `E. I. RODRIGUEZ-JASSO`; not `al`, nor `Lvo` cut short; see `_initials_pairs`).
    Cached per name, as the scoring loop asks for every pair of names (profiled).
    """
    last = len(words) - 1
    return tuple(
        i
        for i, word in enumerate(words)
        if is_initial(word)
        or (
            2 <= len(word) <= 3
            and word.isalpha()
            and (_is_vowel_less(word) or (i < last and word not in NAME_PARTICLES))
        )
    )


def _has_letter_alone(words: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Return True when either name has a word of one letter."""
    return any(len(w) == 1 for w in words[0]) or any(len(w) == 1 for w in words[1])


def is_initial(word: str, syllabic: bool = False) -> bool:
    """Return True for one letter that stands for a word it starts (not `y`, Spanish for "and").

    In a syllabic (Korean, Chinese) name, not a vowel either (`SYLLABLE_LETTERS`: `O`, `U`).
    """
    return (
        len(word) == 1
        and word.isalpha()
        and word != "y"
        and not (syllabic and word in SYLLABLE_LETTERS)
    )


def _flag(flags: tuple[bool, ...], position: int) -> bool:
    """Return the flag at a position (negative from the end), False where there are none."""
    return -len(flags) <= position < len(flags) and flags[position]


def _unit_pairs(
    query: tuple[str, ...],
    query_weights: tuple[float, ...],
    candidate: tuple[str, ...],
    candidate_weights: tuple[float, ...],
    joins: tuple[tuple[str, ...] | None, tuple[str, ...] | None] | None,
    syllabic: bool,
    skip: set[tuple[int, int]] | None = None,
    words: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> list[Pair]:
    """Return every alignable pair of words (or of two joined words and one word).

    `syllabic` says whether either name is syllabic (`is_syllabic`). `skip`, when given,
    collects the single-word pairs found at `TYPO_SIMILARITY` or above, so typos need not
    be tried: `Sonw` differs from `Snow` in its vowels (`SHORT_VOWEL_SIMILARITY`) and is
    also two letters swapped (`TYPO_SIMILARITY`); the better pair aligns. `words`, the words
    as written (one per key, or none), keep a key of one letter from standing as an
    initial of a word it does not start as written (`_starts_as_written`).
    """
    pairs = []
    for i, a in enumerate(query):
        for j, b in enumerate(candidate):
            similarity = token_similarity(a, b, False, syllabic)
            if similarity and min(len(a), len(b)) == 1 and a != b:
                side = 0 if len(a) == 1 else 1
                if not _starts_as_written(words, side, i, j):
                    continue
            if 0.0 < similarity < 1.0 and len(words[0]) > i and len(words[1]) > j:
                similarity = _as_written(similarity, words[0][i], words[1][j])
            if similarity:
                weight = query_weights[i] + candidate_weights[j]
                pairs.append(_pair(similarity, weight, a, b, (i,), (j,)))
                if skip is not None and similarity >= TYPO_SIMILARITY:
                    skip.add((i, j))
    if joins is None:
        return pairs
    query_joins = _joined(query, joins[0], syllabic)
    candidate_joins = _joined(candidate, joins[1], syllabic)
    # A word matches two words run together only when it is neither of them: `Patrushev`
    # is one edit from `N Patrushev` run together, and that is no credit for the `N`.
    for joined, (i, k) in query_joins:
        for j in _joinable(joined, candidate):
            b = candidate[j]
            if b == query[i] or b == query[k]:
                continue
            similarity = token_similarity(joined, b, True)
            if similarity:
                weight = query_weights[i] + query_weights[k] + candidate_weights[j]
                pairs.append(_pair(similarity, weight, joined, b, (i, k), (j,)))
    for joined, (j, k) in candidate_joins:
        for i in _joinable(joined, query):
            a = query[i]
            if a == candidate[j] or a == candidate[k]:
                continue
            similarity = token_similarity(a, joined, True)
            if similarity:
                weight = query_weights[i] + candidate_weights[j] + candidate_weights[k]
                pairs.append(_pair(similarity, weight, a, joined, (i,), (j, k)))
    if not syllabic:
        pairs.extend(
            _split_elsewhere_pairs(
                query, query_weights, candidate, candidate_weights, query_joins, candidate_joins
            )
        )
    return pairs


def _starts_as_written(
    words: tuple[tuple[str, ...], tuple[str, ...]], side: int, i: int, j: int
) -> bool:
    """Return True when the one-letter key on `side` is an initial of the other word as written.

    A key of one letter from a longer word is no initial (`Ni` keys as `i`: no initial of
    `Ivanov`), nor is a letter that keys as another (`Y.` keys as `i`: no initial of `Iran`).
    """
    query_words, candidate_words = words
    if len(query_words) <= i or len(candidate_words) <= j:
        return True  # nothing written to compare
    letter, other = (
        (query_words[i], candidate_words[j]) if side == 0 else (candidate_words[j], query_words[i])
    )
    return len(letter) == 1 and other[:1] == letter


def _as_written(similarity: float, word: str, other: str) -> float:
    """Return a key or typo similarity, at most the words' own when they are far apart.

    Far apart is `WRITTEN_EDITS_CAPPED` edits or more, scored as `token_similarity` scores
    edits. Words that differ only in vowels (`Mohammed`, `Muhammad`; `Orgnztn` with its
    vowels dropped) are not far apart, and a spelling `canonical_words` made (`Hossein` is
    compared as `husayn`) is no longer as written: their keys decide alone.
    """
    if word in CANONICAL_SPELLINGS or other in CANONICAL_SPELLINGS:
        return similarity
    if consonants(word) == consonants(other):
        return similarity
    edits = _osa_distance(word, other)
    if edits < WRITTEN_EDITS_CAPPED:
        return similarity
    return min(similarity, max(0.0, 1.0 - EDIT_COST * edits / max(len(word), len(other))))


def _split_elsewhere_pairs(
    query: tuple[str, ...],
    query_weights: tuple[float, ...],
    candidate: tuple[str, ...],
    candidate_weights: tuple[float, ...],
    query_joins: list[tuple[str, tuple[int, int]]],
    candidate_joins: list[tuple[str, tuple[int, int]]],
) -> list[Pair]:
    """Return the pairs of two adjacent words that run together as two words of the other do.

    The same letters split elsewhere: `Abd AlGhafur` and `Abd al-Ghafur`, which keys the
    article with `Abd` (`abdal ghafur`), score as equal words. Not in syllabic names (the
    caller's test), where `Jong Il` and `Jon Gil` are two names.
    """
    pairs = []
    for joined, (i, k) in query_joins:
        for other, (j, m) in candidate_joins:
            if joined == other and query[i] != candidate[j]:
                weight = query_weights[i] + query_weights[k]
                weight += candidate_weights[j] + candidate_weights[m]
                pairs.append(_pair(1.0, weight, joined, other, (i, k), (j, m)))
    return pairs


def _joinable(joined: str, words: tuple[str, ...]) -> list[int]:
    """Return, in order, the positions of `words` for which `_may_join(joined, word)` holds.

    The same test as `_may_join`, run over all words at once: the scoring loop's hottest
    call (profiled on `benchmarks/batch_scale.py`'s book).
    """
    size = len(joined)
    if size < STRICT_FUZZY_MIN_LENGTH:
        return [j for j, word in enumerate(words) if word == joined]
    return [
        j
        for j, word in enumerate(words)
        if -1 <= size - len(word) <= 1 and (len(word) >= STRICT_FUZZY_MIN_LENGTH or word == joined)
    ]


def _may_join(joined: str, word: str) -> bool:
    """Return False when `token_similarity(joined, word, is_joined=True)` must be 0.

    Two words run together match a word only when equal, or one edit apart with both
    `STRICT_FUZZY_MIN_LENGTH` letters long: a cheap test that skips most pairs.
    """
    if joined == word:
        return True
    size, other = len(joined), len(word)
    return min(size, other) >= STRICT_FUZZY_MIN_LENGTH and -1 <= size - other <= 1


def is_syllabic(words: Sequence[str]) -> bool:
    """Return True for a name that looks Korean or Chinese: made of syllables.

    One word is a common Korean or Chinese family name (`romanize.FAMILY_NAMES`) and every
    word is short (`SYLLABIC_WORD_LENGTH`) or one to three syllables run together
    (`romanize.is_syllabic_word`: `Xiuying`, `Jongun`). `Wahhab Wiam` is not syllabic.

    Args:
        words: phonetic keys of the name's words.
    """
    return _is_syllabic(tuple(words))


@lru_cache(maxsize=1 << 16)
def _is_syllabic(words: tuple[str, ...]) -> bool:
    """Return `is_syllabic(words)`, cached."""
    family_names = family_name_keys()
    return any(w in family_names for w in words) and all(
        len(w) <= SYLLABIC_WORD_LENGTH or is_syllabic_word(w) for w in words
    )


def _coverage(
    words: tuple[str, ...],
    weights: tuple[float, ...],
    matched: float,
    used: set[int],
    other: tuple[str, ...],
    other_used: set[int],
    aligned_pairs: int,
    syllabic: tuple[bool, bool],
) -> float:
    """Return how well one side is contained in the other, in 0..1.

    The side's matched weight share, with three exceptions that return 0. Unless all that
    is left over on the other side is generic (`Ryonbong` in `Korea Ryonbong`): one
    alignment is no containment (`Ana` in `Anna Wilson`, `Li Na` run together as `Lina`),
    and a word left over in a syllabic name (`is_syllabic`) is a syllable of a different
    given name (`Son Yu Na` does not contain `Yu Son`). And a syllabic side must be
    wholly aligned. `syllabic` says whether each side is (`is_syllabic`): the side, then
    the other.
    """
    leftover = [w for i, w in enumerate(other) if i not in other_used and w not in GENERIC_KEYS]
    if aligned_pairs < 2 and leftover:
        return 0.0
    if syllabic[1] and leftover:
        return 0.0
    if syllabic[0] and len(used) < len(words):
        return 0.0
    return matched / _fsum(weights)


def _align(
    pairs: list[Pair], query_weights: tuple[float, ...], candidate_weights: tuple[float, ...]
) -> tuple[set[int], set[int], list[float], list[float], int]:
    """Align greedily, best pair first, each word once.

    Returns:
        (query words used, candidate words used, the matched weight of each used query
        word, the same for the candidate, number of alignments). The weights are summed
        by the caller with `math.fsum`, exactly: names that agree wholly score 1.0, not
        0.99999... by the order of the additions.
    """
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    matched_q: list[float] = []
    matched_c: list[float] = []
    aligned_pairs = 0
    for _, _, _, _, similarity, _, _, ia, ib in pairs:
        if used_q.isdisjoint(ia) and used_c.isdisjoint(ib):
            aligned_pairs += 1
            used_q.update(ia)
            used_c.update(ib)
            matched_q.extend(similarity * query_weights[i] for i in ia)
            matched_c.extend(similarity * candidate_weights[j] for j in ib)
    return used_q, used_c, matched_q, matched_c, aligned_pairs


def score_names(
    query: Sequence[str],
    query_weights: Sequence[float],
    candidate: Sequence[str],
    candidate_weights: Sequence[float],
    *,
    query_joined: Sequence[str] | None = None,
    candidate_joined: Sequence[str] | None = None,
    query_words: Sequence[str] = (),
    candidate_words: Sequence[str] = (),
    query_known: Sequence[bool] = (),
) -> float:
    """Return how similar two names are, from their phonetic keys and word weights, in 0..1.

    Words are aligned greedily, best pair first, in any order; each word is used once.
    The score is `(1 - share) * aligned + share * coverage`: `aligned` is the matched
    weight of both sides over their total weight, `coverage` the better matched share of
    either side (see `_coverage`), and `share` is `COVERAGE_SHARE`, or
    `LONG_COVERAGE_SHARE` once three words aligned. Symmetric: swapping query and
    candidate gives the same score.

    Args:
        query: phonetic keys of the query's words.
        query_weights: one positive weight per query word.
        candidate: phonetic keys of the list name's words.
        candidate_weights: one positive weight per candidate word.
        query_joined: keys of adjacent query words run together (`joined_keys`);
            by default the two keys end to end.
        candidate_joined: the same for the candidate.
        query_words: the query's words as written, one per key, to credit typos
            (`typo_similarity`); none are credited without them.
        candidate_words: the same for the candidate.
        query_known: one flag per query word: True when some list name holds its key
            (see `_typo_pairs`).

    Typo pairs align like any other in a name that is not syllabic. In a syllabic name
    (Korean, Chinese) one typo pair counts only when every other word of both names
    aligned without it: the rest of the name must agree.
    """
    return _score_names(
        tuple(query),
        tuple(query_weights),
        tuple(candidate),
        tuple(candidate_weights),
        None if query_joined is None else tuple(query_joined),
        None if candidate_joined is None else tuple(candidate_joined),
        tuple(query_words),
        tuple(candidate_words),
        tuple(query_known),
    )


def score_indexed(query: IndexedName, candidate: IndexedName) -> float:
    """Return `score_names` of two indexed names (a query's and a list name)."""
    return _score_names(
        query.keys,
        query.weights,
        candidate.keys,
        candidate.weights,
        query.joined,
        candidate.joined,
        query.words,
        candidate.words,
        query.known,
    )


def _score_names(
    query: tuple[str, ...],
    query_weights: tuple[float, ...],
    candidate: tuple[str, ...],
    candidate_weights: tuple[float, ...],
    query_joined: tuple[str, ...] | None,
    candidate_joined: tuple[str, ...] | None,
    query_words: tuple[str, ...],
    candidate_words: tuple[str, ...],
    query_known: tuple[bool, ...],
) -> float:
    """`score_names` of names given as tuples: native sequences to the compiled code."""
    total = _fsum((*query_weights, *candidate_weights))
    if not query or not candidate or total <= 0:
        return 0.0
    if query == candidate:
        return 1.0
    if (candidate, candidate_weights) < (query, query_weights):
        # Greedy alignment may break a tie between mirror-image pairs either way; scoring
        # the two names in one order keeps the score symmetric.
        query, candidate = candidate, query
        query_weights, candidate_weights = candidate_weights, query_weights
        query_joined, candidate_joined = candidate_joined, query_joined
        query_words, candidate_words = candidate_words, query_words
        known: tuple[tuple[bool, ...], tuple[bool, ...]] = ((), query_known)
    else:
        known = (query_known, ())
    joins = (query_joined, candidate_joined)
    found: set[tuple[int, int]] = set()
    sides = (_is_syllabic(query), _is_syllabic(candidate))
    syllabic = sides[0] or sides[1]
    has_words = (
        bool(query_words)
        and len(query_words) == len(query)
        and len(candidate_words) == len(candidate)
    )
    words = (query_words, candidate_words)
    pairs = _unit_pairs(
        query,
        query_weights,
        candidate,
        candidate_weights,
        joins,
        syllabic,
        found,
        words if has_words else ((), ()),
    )
    if has_words:
        written = _written_pairs(query, query_weights, candidate, candidate_weights, words, found)
        pairs.extend(written)
    if has_words and syllabic:
        pairs.extend(
            _vowel_less_pairs(query, query_weights, candidate, candidate_weights, words, found)
        )
    # In a syllabic name only a letter alone may be an initial: most have none.
    if has_words and (not syllabic or _has_letter_alone(words)):
        pairs.extend(_initials_pairs(query_weights, candidate_weights, words, syllabic))
    if has_words and not syllabic:
        settled: tuple[set[int], set[int]] = (set(), set())
        for pair in pairs:
            if pair[4] == 1.0:
                settled[0].update(pair[7])
                settled[1].update(pair[8])
        open_words = (
            [i for i in range(len(query)) if i not in settled[0]],
            [j for j in range(len(candidate)) if j not in settled[1]],
        )
        pairs.extend(
            _typo_pairs(
                query,
                query_weights,
                candidate,
                candidate_weights,
                words,
                syllabic,
                found,
                known,
                open_words,
            )
        )
    if not pairs and not (has_words and syllabic and len(query) == len(candidate) == 1):
        return 0.0
    used_q, used_c, matched_q, matched_c, aligned_pairs = _align(
        pairs, query_weights, candidate_weights
    )
    if (
        has_words
        and syllabic
        and len(query) - len(used_q) == 1
        and len(candidate) - len(used_c) == 1
    ):
        # One typo counts in a syllabic name only when every other word aligned.
        left = (
            [i for i in range(len(query)) if i not in used_q],
            [j for j in range(len(candidate)) if j not in used_c],
        )
        typos = _typo_pairs(
            query, query_weights, candidate, candidate_weights, words, syllabic, found, known, left
        )
        for _, _, _, _, similarity, _, _, ia, ib in sorted(typos, reverse=True)[:1]:
            used_q.update(ia)
            used_c.update(ib)
            matched_q.append(similarity * query_weights[ia[0]])
            matched_c.append(similarity * candidate_weights[ib[0]])
            aligned_pairs += 1
    aligned = _fsum((*matched_q, *matched_c)) / total
    weight_q, weight_c = _fsum(matched_q), _fsum(matched_c)
    coverage = max(
        _coverage(query, query_weights, weight_q, used_q, candidate, used_c, aligned_pairs, sides),
        _coverage(
            candidate,
            candidate_weights,
            weight_c,
            used_c,
            query,
            used_q,
            aligned_pairs,
            (sides[1], sides[0]),
        ),
    )
    share = COVERAGE_SHARE if aligned_pairs < 3 else LONG_COVERAGE_SHARE
    return min(1.0, (1 - share) * aligned + share * coverage)
