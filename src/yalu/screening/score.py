"""Score how similar two names are, from the phonetic keys of their words.

Name similarity aligns the words of both names by their phonetic keys (see `romanize.py`),
in any order. Each word carries a weight (rarer words weigh more, see
`ScreeningIndex`), and the score is the weight of the aligned words (times their
similarity) over the weight of all words on both sides, so an unmatched word always costs.
Two adjacent words may align with one word on the other side (`Jong Un` ~ `Jongun`).
Words of four letters or fewer must be equal; longer words may differ by one edit
(two from nine letters), at a cost proportional to the edit.

`DEFAULT_THRESHOLD` (0.86) was set with `benchmarks/screening_bench.py`: it keeps the
false-positive rate on common Korean, Chinese and Western names that are on no list under
1% while recovering romanization variants and held-out aliases. One unmatched given-name
syllable of three ("Kim Min Jun" ~ "Kim Min Chol") scores well below it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from yalu.screening.normalize import GENERIC_WORDS
from yalu.screening.romanize import phonetic_key

FUZZY_MIN_LENGTH = 5
"""Keys shorter than this must be equal: Korean syllables one letter apart are other names
(`chon`, `chol`, `chun`)."""

JOINED_FUZZY_MIN_LENGTH = 8
"""Two words run together must be equal to the other side's word below this length."""
VOWEL_FREE_MIN_LENGTH = 6
"""Words this long that differ only in vowels are similar (Arabic transliteration)."""
VOWEL_SIMILARITY = 0.8
SHORT_VOWEL_SIMILARITY = 0.7
"""The same for four-letter words of non-syllabic names (`Ahmed`/`Ahmad`)."""
_VOWELS = str.maketrans("", "", "aeiouy")
EDIT_COST = 0.6
"""Share of a word's similarity lost per edit, relative to its length."""
SYLLABIC_WORD_LENGTH = 5
"""A name whose words are all this short is treated as syllabic (Korean, Chinese)."""
COVERAGE_SHARE = 0.4
"""Weight of the better-covered side: a name wholly contained in the other
(`Krasnov Igor` in `Krasnov Igor Viktorovich`) scores higher than an equal overlap."""

GENERIC_WEIGHT = 0.25
"""Weight factor of generic words such as `Korea` and `International`."""
GENERIC_KEYS = frozenset(phonetic_key(word) for word in GENERIC_WORDS)

DEFAULT_THRESHOLD = 0.86
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
    """

    entity: int
    text: str
    keys: tuple[str, ...]
    joined: tuple[str, ...]
    weights: tuple[float, ...]
    is_weak: bool


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


@lru_cache(maxsize=1 << 18)
def token_similarity(a: str, b: str, *, is_joined: bool = False, is_syllabic: bool = True) -> float:
    """Return the similarity of two phonetic keys, in 0..1.

    Equal keys score 1. Keys of up to four letters must be equal. Longer keys may differ
    by one edit (two when the longer key has nine letters or more); the score is then
    `1 - EDIT_COST * edits / len(longer)`. Words of six letters or more that differ only
    in their vowels (`Kheirbek`/`Khairbek`, `Shehadeh`/`Shihadah`: transliterations of
    Arabic and Persian disagree on vowels) score `VOWEL_SIMILARITY`. Anything further
    apart scores 0. Two words run
    together (`is_joined`) must be equal below eight letters and allow one edit above:
    joining makes accidental near-matches (`Ma Chao` ~ `Mujao`) much more likely.

    Args:
        a: a phonetic key.
        b: another phonetic key.
        is_joined: True when one side is two adjacent words run together.
        is_syllabic: True when either name is syllabic (Korean, Chinese: see
            `is_syllabic`); otherwise words of four letters that differ only in vowels
            are similar too (`Ahmed`/`Ahmad`).
    """
    if a == b:
        return 1.0
    shortest, longest = min(len(a), len(b)), max(len(a), len(b))
    if shortest < (JOINED_FUZZY_MIN_LENGTH if is_joined else FUZZY_MIN_LENGTH):
        if is_syllabic or is_joined or shortest < 4 or _skeleton(a) != _skeleton(b):
            return 0.0
        return SHORT_VOWEL_SIMILARITY
    allowed = 1 if longest <= 8 or is_joined else 2
    edits = Levenshtein.distance(a, b, score_cutoff=allowed)
    if edits <= allowed:
        return 1.0 - EDIT_COST * edits / longest
    vowel_free_min = VOWEL_FREE_MIN_LENGTH if is_syllabic else 4
    if not is_joined and shortest >= vowel_free_min and _skeleton(a) == _skeleton(b):
        return VOWEL_SIMILARITY
    return 0.0


def _skeleton(key: str) -> str:
    """Return a key without its vowels, except a leading one (`keirpek` → `krpk`)."""
    return key[0] + key[1:].translate(_VOWELS)


Pair = tuple[float, int, str, str, float, tuple[int, ...], tuple[int, ...]]
"""(value, -words used, smaller key, larger key, similarity, query positions, candidate
positions): sorting on the first four picks the same pairs whichever side is the query."""


def _pair(
    similarity: float, weight: float, a: str, b: str, ia: tuple[int, ...], ib: tuple[int, ...]
) -> Pair:
    """Return one alignable pair with its sort key."""
    low, high = (a, b) if a <= b else (b, a)
    return similarity * weight, -len(ia) - len(ib), low, high, similarity, ia, ib


def _joined(
    words: Sequence[str], joined: Sequence[str] | None
) -> list[tuple[str, tuple[int, int]]]:
    """Return each pair of adjacent words run together, with their positions."""
    if joined is None:
        joined = [words[i] + words[i + 1] for i in range(len(words) - 1)]
    return [(key, (i, i + 1)) for i, key in enumerate(joined)]


def _unit_pairs(
    query: Sequence[str],
    query_weights: Sequence[float],
    candidate: Sequence[str],
    candidate_weights: Sequence[float],
    joins: tuple[Sequence[str] | None, Sequence[str] | None] | None,
) -> list[Pair]:
    """Return every alignable pair of words (or of two joined words and one word)."""
    pairs = []
    syllabic = is_syllabic(query) or is_syllabic(candidate)
    for i, a in enumerate(query):
        for j, b in enumerate(candidate):
            similarity = 1.0 if a == b else token_similarity(a, b, is_syllabic=syllabic)
            if similarity:
                weight = query_weights[i] + candidate_weights[j]
                pairs.append(_pair(similarity, weight, a, b, (i,), (j,)))
    if joins is None:
        return pairs
    for joined, (i, k) in _joined(query, joins[0]):
        for j, b in enumerate(candidate):
            similarity = token_similarity(joined, b, is_joined=True)
            if similarity:
                weight = query_weights[i] + query_weights[k] + candidate_weights[j]
                pairs.append(_pair(similarity, weight, joined, b, (i, k), (j,)))
    for joined, (j, k) in _joined(candidate, joins[1]):
        for i, a in enumerate(query):
            similarity = token_similarity(a, joined, is_joined=True)
            if similarity:
                weight = query_weights[i] + candidate_weights[j] + candidate_weights[k]
                pairs.append(_pair(similarity, weight, a, joined, (i,), (j, k)))
    return pairs


def is_syllabic(words: Sequence[str]) -> bool:
    """Return True for a name whose words are all short, as Korean and Chinese names are.

    Args:
        words: phonetic keys of the name's words.
    """
    return all(len(w) <= SYLLABIC_WORD_LENGTH for w in words)


def _coverage(
    words: Sequence[str],
    weights: Sequence[float],
    matched: float,
    used: set[int],
    other: Sequence[str],
    other_used: set[int],
    aligned_pairs: int,
) -> float:
    """Return how well one side is contained in the other, in 0..1.

    The side's matched weight share, once at least two alignments were made (one shared
    word, `Ana` in `Anna Wilson`, or `Li Na` run together as `Lina`, is no containment).
    When the other side is a syllabic name (every word of five letters or fewer, as Korean
    and Chinese names are) and a word of it is left over, that word is a syllable of a
    different given name, so `Son Yu Na`
    does not contain `Yu Son`: 0 then. A syllabic side must be wholly aligned.
    """
    if aligned_pairs < 2:
        return 0.0
    if is_syllabic(other) and len(other_used) < len(other):
        return 0.0
    if is_syllabic(words) and len(used) < len(words):
        return 0.0
    return matched / sum(weights)


def score_names(
    query: Sequence[str],
    query_weights: Sequence[float],
    candidate: Sequence[str],
    candidate_weights: Sequence[float],
    *,
    query_joined: Sequence[str] | None = None,
    candidate_joined: Sequence[str] | None = None,
) -> float:
    """Return how similar two names are, from their phonetic keys and word weights, in 0..1.

    Words are aligned greedily, best pair first, in any order; each word is used once.
    The score is `(1 - COVERAGE_SHARE) * aligned + COVERAGE_SHARE * coverage`: `aligned`
    is the matched weight of both sides over their total weight, `coverage` the better
    matched share of either side. Symmetric: swapping query and candidate gives the same
    score.

    Args:
        query: phonetic keys of the query's words.
        query_weights: one positive weight per query word.
        candidate: phonetic keys of the list name's words.
        candidate_weights: one positive weight per candidate word.
        query_joined: keys of adjacent query words run together (`joined_keys`);
            by default the two keys end to end.
        candidate_joined: the same for the candidate.
    """
    total = sum(query_weights) + sum(candidate_weights)
    if not query or not candidate or total <= 0:
        return 0.0
    if query == candidate:
        return 1.0
    joins = (query_joined, candidate_joined) if len(query) != len(candidate) else None
    pairs = _unit_pairs(query, query_weights, candidate, candidate_weights, joins)
    if not pairs:
        return 0.0
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    matched_q = matched_c = 0.0
    aligned_pairs = 0
    for _, _, _, _, similarity, ia, ib in pairs:
        if used_q.isdisjoint(ia) and used_c.isdisjoint(ib):
            aligned_pairs += 1
            used_q.update(ia)
            used_c.update(ib)
            matched_q += similarity * sum(query_weights[i] for i in ia)
            matched_c += similarity * sum(candidate_weights[j] for j in ib)
    aligned = (matched_q + matched_c) / total
    coverage = max(
        _coverage(query, query_weights, matched_q, used_q, candidate, used_c, aligned_pairs),
        _coverage(candidate, candidate_weights, matched_c, used_c, query, used_q, aligned_pairs),
    )
    return min(1.0, (1 - COVERAGE_SHARE) * aligned + COVERAGE_SHARE * coverage)
