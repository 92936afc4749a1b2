"""Score a query against one list entity, and explain the score feature by feature.

A score starts from name similarity (`score_names`, 0..1) and each other fact adds or
subtracts a documented amount (`Feature.effect`); the result is clipped to 0..1.

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

from rapidfuzz.distance import Levenshtein

from yalu.models.screening import Entity, Feature, Identifier, Query
from yalu.screening.normalize import country_code

FUZZY_MIN_LENGTH = 5
"""Keys shorter than this must be equal: Korean syllables one letter apart are other names
(`chon`, `chol`, `chun`)."""

JOINED_FUZZY_MIN_LENGTH = 8
"""Two words run together must be equal to the other side's word below this length."""
EDIT_COST = 0.6
"""Share of a word's similarity lost per edit, relative to its length."""
COVERAGE_SHARE = 0.3
"""Weight of the better-covered side: a name wholly contained in the other
(`Krasnov Igor` in `Krasnov Igor Viktorovich`) scores higher than an equal overlap."""

DEFAULT_THRESHOLD = 0.86
"""Scores at or above this are reported as matches (`Match.is_match`)."""

WEAK_ALIAS_PENALTY = -0.08
SCHEMA_CONFLICT = -0.25
SCHEMA_AGREEMENT = 0.02
BIRTH_DATE_AGREEMENT = 0.06
BIRTH_YEAR_CONFLICT = -0.20
BIRTH_DAY_CONFLICT = -0.05
COUNTRY_AGREEMENT = 0.03
COUNTRY_CONFLICT = -0.05
IDENTIFIER_CONFLICT = -0.30

_PERSON_LIKE = {"Person", "LegalEntity"}
_ORG_LIKE = {"Organization", "Company", "LegalEntity"}


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


def key_weight(frequency: int, name_count: int) -> float:
    """Return a word's weight: 1 plus its inverse document frequency among list names.

    Args:
        frequency: how many list names hold the key (0 for a key on no list).
        name_count: how many names the index holds.
    """
    return 1.0 + math.log((name_count + 1) / (frequency + 1))


def token_similarity(a: str, b: str, *, is_joined: bool = False) -> float:
    """Return the similarity of two phonetic keys, in 0..1.

    Equal keys score 1. Keys of up to four letters must be equal. Longer keys may differ
    by one edit (two when the longer key has nine letters or more); the score is then
    `1 - EDIT_COST * edits / len(longer)`. Anything further apart scores 0. Two words run
    together (`is_joined`) must be equal below eight letters and allow one edit above:
    joining makes accidental near-matches (`Ma Chao` ~ `Mujao`) much more likely.

    Args:
        a: a phonetic key.
        b: another phonetic key.
        is_joined: True when one side is two adjacent words run together.
    """
    if a == b:
        return 1.0
    shortest, longest = min(len(a), len(b)), max(len(a), len(b))
    if shortest < (JOINED_FUZZY_MIN_LENGTH if is_joined else FUZZY_MIN_LENGTH):
        return 0.0
    allowed = 1 if longest <= 8 or is_joined else 2
    if longest - shortest > allowed:
        return 0.0
    edits = Levenshtein.distance(a, b, score_cutoff=allowed)
    if edits > allowed:
        return 0.0
    return 1.0 - EDIT_COST * edits / longest


Pair = tuple[float, tuple[int, ...], tuple[int, ...]]
"""(similarity, query word positions, candidate word positions)."""


def _joined(
    words: Sequence[str], joined: Sequence[str] | None
) -> list[tuple[str, tuple[int, ...]]]:
    """Return each pair of adjacent words run together, with their positions."""
    if joined is None:
        joined = [words[i] + words[i + 1] for i in range(len(words) - 1)]
    return [(key, (i, i + 1)) for i, key in enumerate(joined)]


def _unit_pairs(
    query: Sequence[str],
    candidate: Sequence[str],
    joins: tuple[Sequence[str] | None, Sequence[str] | None] | None,
) -> list[Pair]:
    """Return every alignable pair of words (or of two joined words and one word)."""
    pairs = []
    for i, a in enumerate(query):
        for j, b in enumerate(candidate):
            similarity = token_similarity(a, b)
            if similarity:
                pairs.append((similarity, (i,), (j,)))
    if joins is not None:
        for joined, ia in _joined(query, joins[0]):
            for j, b in enumerate(candidate):
                similarity = token_similarity(joined, b, is_joined=True)
                if similarity:
                    pairs.append((similarity, ia, (j,)))
        for joined, ib in _joined(candidate, joins[1]):
            for i, a in enumerate(query):
                similarity = token_similarity(a, joined, is_joined=True)
                if similarity:
                    pairs.append((similarity, (i,), ib))
    return pairs


def _coverage(
    weights: Sequence[float], matched: float, other: Sequence[str], other_used: set[int]
) -> float:
    """Return the matched share of one side's weight, if the other side's rest is long.

    A word of four letters or fewer left over on the other side is usually a syllable of a
    Korean or Chinese given name, so `Son Yu Na` does not "contain" `Yu Son`: 0 then.
    """
    if any(len(w) <= 4 for i, w in enumerate(other) if i not in other_used):
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
    joins = (query_joined, candidate_joined) if len(query) != len(candidate) else None
    pairs = _unit_pairs(query, candidate, joins)
    if not pairs:
        return 0.0

    def value(pair: Pair) -> tuple[float, int, tuple[str, ...]]:
        similarity, ia, ib = pair
        weight = sum(query_weights[i] for i in ia) + sum(candidate_weights[j] for j in ib)
        words = sorted(("".join(query[i] for i in ia), "".join(candidate[j] for j in ib)))
        return similarity * weight, -len(ia) - len(ib), tuple(words)

    used_q: set[int] = set()
    used_c: set[int] = set()
    matched_q = matched_c = 0.0
    for similarity, ia, ib in sorted(pairs, key=value, reverse=True):
        if used_q.isdisjoint(ia) and used_c.isdisjoint(ib):
            used_q.update(ia)
            used_c.update(ib)
            matched_q += similarity * sum(query_weights[i] for i in ia)
            matched_c += similarity * sum(candidate_weights[j] for j in ib)
    aligned = (matched_q + matched_c) / total
    coverage = max(
        _coverage(query_weights, matched_q, candidate, used_c),
        _coverage(candidate_weights, matched_c, query, used_q),
    )
    return min(1.0, (1 - COVERAGE_SHARE) * aligned + COVERAGE_SHARE * coverage)


def compare_schemas(query_schema: str | None, schema: str) -> Feature | None:
    """Return the schema feature: agreement, conflict (person vs. vessel), or None."""
    if query_schema is None:
        return None
    if query_schema == schema:
        return Feature("schema", SCHEMA_AGREEMENT, f"both {schema}")
    pair = {query_schema, schema}
    if pair <= _ORG_LIKE or pair <= _PERSON_LIKE:
        return None
    return Feature("schema", SCHEMA_CONFLICT, f"query is {query_schema}, list has {schema}")


def compare_birth_dates(query_date: str | None, dates: Sequence[str]) -> Feature | None:
    """Return the birth-date feature; a different birth year counts against the match.

    Dates are ISO strings, possibly partial ("1984", "1984-01"); they agree when one is a
    prefix of the other, conflict on the day when only the year agrees, and conflict on the
    year otherwise.
    """
    if not query_date or not dates:
        return None
    query_date = query_date.strip()
    for date in dates:
        if date.startswith(query_date) or query_date.startswith(date):
            return Feature("birth_date", BIRTH_DATE_AGREEMENT, f"{query_date} ~ {date}")
    years = {date[:4] for date in dates}
    if query_date[:4] in years:
        listed = ", ".join(dates)
        return Feature("birth_date", BIRTH_DAY_CONFLICT, f"{query_date} vs {listed}")
    return Feature(
        "birth_date",
        BIRTH_YEAR_CONFLICT,
        f"born {query_date[:4]}, list has " + ", ".join(sorted(years)),
    )


def compare_countries(name: str, query_code: str | None, codes: Sequence[str]) -> Feature | None:
    """Return a nationality/country feature from ISO alpha-2 codes (lower case)."""
    if not query_code or not codes:
        return None
    if query_code in codes:
        return Feature(name, COUNTRY_AGREEMENT, f"{query_code} on the list")
    return Feature(name, COUNTRY_CONFLICT, f"{query_code}, list has {', '.join(codes)}")


def compare_identifier(
    kind: str, query_value: str | None, listed: Sequence[tuple[str, str]]
) -> tuple[bool, Feature | None]:
    """Return (decides, feature) for an IMO or passport number given with the query.

    An equal number decides the match; a different number of the same kind counts against.

    Args:
        kind: "imo" or "passport".
        query_value: the number as typed.
        listed: (kind, normalized value) pairs of the entity.
    """
    if not query_value:
        return False, None
    wanted = Identifier(kind, query_value).normalized  # type: ignore[arg-type]
    values = [value for k, value in listed if k == kind]
    if wanted in values:
        return True, Feature("identifier", 0.0, f"{kind.upper()} {wanted} on the list")
    if values:
        return False, Feature(
            "identifier",
            IDENTIFIER_CONFLICT,
            f"{kind.upper()} {wanted}, list has " + ", ".join(values),
        )
    return False, None


def best_name(query: IndexedName, names: Sequence[IndexedName]) -> tuple[float, IndexedName]:
    """Return the best name similarity among an entity's names, and that name.

    A strong name wins a tie with a weak alias.
    """
    scored = [
        (
            score_names(
                query.keys,
                query.weights,
                n.keys,
                n.weights,
                query_joined=query.joined,
                candidate_joined=n.joined,
            ),
            not n.is_weak,
            -i,
            n,
        )
        for i, n in enumerate(names)
    ]
    similarity, _, _, name = max(scored, key=lambda item: item[:3])
    return similarity, name


def score_entity(
    query: Query,
    query_form: IndexedName,
    entity: Entity,
    names: Sequence[IndexedName],
) -> tuple[float, IndexedName, tuple[Feature, ...]]:
    """Score one entity for a query: best name similarity plus every other feature.

    Args:
        query: what is screened.
        query_form: the query name's keys, joined keys and weights.
        entity: the list entity.
        names: the entity's indexed names to consider (at least one).

    Returns:
        (score in 0..1, the list name that matched best, the features that made the score).
    """
    similarity, name = best_name(query_form, names)
    features = [Feature("name", similarity, f"{similarity:.0%} of word weight aligned")]
    if name.is_weak:
        features.append(Feature("weak_alias", WEAK_ALIAS_PENALTY, "a low-quality alias"))
    nationalities = tuple(code.lower() for code in entity.nationalities)
    places = tuple(code.lower() for code in entity.countries) + nationalities
    listed_ids = [(i.kind, i.normalized) for i in entity.identifiers]
    decisive = [
        compare_identifier("imo", query.imo_number, listed_ids),
        compare_identifier("passport", query.passport_number, listed_ids),
    ]
    optional = [
        compare_schemas(query.schema, entity.schema),
        compare_birth_dates(query.birth_date, entity.birth_dates),
        compare_countries("nationality", country_code(query.nationality), nationalities),
        compare_countries("country", country_code(query.country), places),
        *(feature for _, feature in decisive),
    ]
    features.extend(f for f in optional if f is not None)
    score = min(1.0, max(0.0, sum(f.effect for f in features)))
    for decides, feature in decisive:
        if decides and feature is not None:
            features.remove(feature)
            features.append(Feature(feature.name, 1.0 - score, feature.detail))
            score = 1.0
            break
    return score, name, tuple(features)
