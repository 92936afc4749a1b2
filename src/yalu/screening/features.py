"""Score a query against one list entity, and explain the score feature by feature.

A score starts from name similarity (`score.score_names`, 0..1) and each other fact adds or
subtracts a documented amount (`Feature.effect`); the result is clipped to 0..1. An equal
IMO or passport number decides: its effect is +1.00, the score becomes 1.0 whatever the
other features say, and the feature says so. Details are written for an analyst: "all
words of the name match", "a weak alias on the list".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from yalu.models.screening import Entity, Feature, Identifier, IdentifierKind, Query
from yalu.screening.normalize import (
    LEGAL_FORM_CLASSES,
    country_code,
    legal_form_words,
    named_countries,
    normalize_name,
    split_words,
)
from yalu.screening.score import IndexedName, is_syllabic, score_indexed, score_names

WEAK_ALIAS_PENALTY: Final = -0.08
SCHEMA_CONFLICT: Final = -0.25
SCHEMA_AGREEMENT: Final = 0.02
BIRTH_DATE_AGREEMENT: Final = 0.06
BIRTH_YEAR_CONFLICT: Final = -0.20
BIRTH_DAY_CONFLICT: Final = -0.05
COUNTRY_AGREEMENT: Final = 0.03
COUNTRY_CONFLICT: Final = -0.05
IDENTIFIER_CONFLICT: Final = -0.30
DECISIVE_IDENTIFIER: Final = 1.0
"""Effect of an equal IMO or passport number: enough alone for a score of 1.0."""
_KIND_WORDS: Final = {"imo": "IMO number", "passport": "passport number"}
OTHER_NAMES_SHARE: Final = 0.5
"""Share of a query word's weight given back when the best name lacks it but another
name of the same entity holds it (`Maulawi Haji Ibrahim Haqqani` against `Ibrahim
Haqqani`, also listed as `Hajji Sahib`)."""
NUMBER_CONFLICT: Final = -0.20
"""Effect when both names hold numbers and share none (`YARD NO. 2655` vs `2656`)."""
PLACE_CONFLICT: Final = -0.40
"""Effect when the query's name names a country and the body on the list is of other
countries only (`Agricultural Bank of China` against `Agricultural Bank of Iran`, also
listed as `Bank Keshavarzi`): two bodies of one trade in two countries."""
"""Effect when both names hold numbers and share none (`YARD NO. 2655` vs `2656`)."""
OTHER_NAMES_MIN_WORDS: Final = 3
"""Queries of two words get no such credit: a first name in one alias and a family name
in another (`Patricia` ... `Rodriguez`) is how common Western names collide."""

RANK_CEILING: Final = 0.8
"""Evidence that orders names but makes no match by itself lifts a name's similarity at
most to here, under `DEFAULT_THRESHOLD` (0.84): a legal form both names state tells apart
names that all hold the query's words, but says too little for a match (`PEGASUS
LIMITED` is `PEGASUS 88 LIMITED` before `SMART PEGASUS`, and a match with neither)."""
RANK_SHARE: Final = 0.8
"""Share of the gap from a name's similarity to `RANK_CEILING` that such evidence closes:
names that all have it, or all lack it, keep their order. Chosen on seeds 1 to 3 of the
screening benchmark (0.5 before: `ORIENTAL COMPANY SPRL` now finds ORIENTAL IRON COMPANY
SPRL, not the ship ORIENTAL)."""
MIN_RANK_EFFECT: Final = 0.005
"""Such evidence is left out when it would add less (it would print as +0.00)."""

_PERSON_LIKE: Final = {"Person", "LegalEntity"}
_ORG_LIKE: Final = {"Organization", "Company", "LegalEntity"}


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
    kind: IdentifierKind, query_value: str | None, listed: Sequence[tuple[str, str]]
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
    wanted = Identifier(kind, query_value).normalized
    values = [value for k, value in listed if k == kind]
    if wanted in values:
        kind_words = _KIND_WORDS[kind]
        detail = f"{kind.upper()} {wanted} is on the list: an equal {kind_words} decides the match"
        return True, Feature("identifier", DECISIVE_IDENTIFIER, detail)
    if values:
        return False, Feature(
            "identifier",
            IDENTIFIER_CONFLICT,
            f"{kind.upper()} {wanted}, list has " + ", ".join(values),
        )
    return False, None


def describe_name_similarity(similarity: float, reading: str = "") -> str:
    """Return the name feature's detail in plain words.

    Args:
        similarity: the name similarity, 0..1.
        reading: how the query's name was read, when a name in Han characters or one in
            Arabic script can be read more than one way ("" for other names).
    """
    if round(similarity, 2) >= 1.0:
        text = "all words of the name match"
    elif similarity <= 0.0:
        text = "no word of the name matches"
    else:
        text = f"the names agree {similarity:.0%}, rarer words counting more"
    return f"{reading}: {text}" if reading else text


NameScores = dict[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], float]
"""Similarities already computed for one query, by the candidate's keys and joined keys."""


def best_name(
    query: IndexedName, names: Sequence[IndexedName], cache: NameScores | None = None
) -> tuple[float, IndexedName]:
    """Return the best name similarity among an entity's names, and that name.

    A strong name wins a tie with a weak alias. `cache`, kept by the caller for one
    query, saves scoring again a name that several entities (or lists) share.
    """
    cache = {} if cache is None else cache
    best, best_rank = names[0], (-1.0, False, 0)
    for i, n in enumerate(names):
        similarity = cache.get((n.keys, n.joined, n.words))
        if similarity is None:
            similarity = cache[n.keys, n.joined, n.words] = score_indexed(query, n)
        rank = (similarity, not n.is_weak, -i)
        if rank > best_rank:
            best, best_rank = n, rank
    return best_rank[0], best


def compare_numbers(query: IndexedName, name: IndexedName) -> Feature | None:
    """Return the number feature: both names hold numbers and none is shared.

    Vessels, hull numbers and numbered units differ by their number alone (`ORIENT 1`,
    `ORIENT 2`; `YARD NO.2655`, `YARD NO.2656`).
    """
    wanted = {key for key in query.keys if key.isdigit()}
    listed = {key for key in name.keys if key.isdigit()}
    if not wanted or not listed or wanted & listed:
        return None
    detail = f"{' '.join(sorted(wanted))}, list has {' '.join(sorted(listed))}"
    return Feature("number", NUMBER_CONFLICT, detail)


def compare_other_names(
    query: IndexedName, best: IndexedName, names: Sequence[IndexedName], similarity: float = 0.0
) -> Feature | None:
    """Return the other-names feature, for query words the best name lacks.

    It gives back part of their weight when another name of the entity holds them (by
    equal key), and at most `OTHER_NAMES_SHARE` of what the best name would gain if it
    held them itself: a name that holds them always scores above one that needs another
    name's help, whether it matches wholly (`Tehrik-e Taliban Pakistan` against the group
    of that name, not against the `Tehreek-i-Taliban Pakistan Geedar Group`, also listed
    as `Tehrik-e-Taliban ...`) or not (`AL-MAHMUD Khalod` is `AL-MAHMUD Khalid` before
    `MAHMUD Khalid`, whose other names say `al`).
    Only for queries of three words or more, and not for syllabic (Korean, Chinese)
    queries: given-name syllables spread over several aliases are different people's
    names, not one person's.
    """
    if len(query.keys) < OTHER_NAMES_MIN_WORDS or is_syllabic(query.keys):
        return None
    present = _held_keys(best)
    missing = [i for i, key in enumerate(query.keys) if key not in present]
    if not missing:
        return None
    elsewhere = {key for name in names if name is not best for key in name.keys}
    found = [i for i in missing if query.keys[i] in elsewhere]
    if not found:
        return None
    share = min(
        sum((query.weights[i] for i in found), 0.0) / sum(query.weights, 0.0),
        _similarity_if_held(query, best, found) - similarity,
    )
    if share <= 0:
        return None
    written = query.words if len(query.words) == len(query.keys) else query.keys
    words = " ".join(written[i] for i in found)
    detail = f"{words}: in another name of the same entry"
    return Feature("other_names", OTHER_NAMES_SHARE * share, detail)


def _similarity_if_held(query: IndexedName, best: IndexedName, found: list[int]) -> float:
    """Return the similarity of `best` with the query words at `found` added to its end."""
    aligned = len(query.words) == len(query.keys) and len(best.words) == len(best.keys)
    return score_names(
        query.keys,
        query.weights,
        (*best.keys, *(query.keys[i] for i in found)),
        (*best.weights, *(query.weights[i] for i in found)),
        query_joined=query.joined,
        query_words=query.words if aligned else (),
        candidate_words=(*best.words, *(query.words[i] for i in found)) if aligned else (),
        query_known=query.known,
    )


def compare_places(query: IndexedName, entity: Entity) -> Feature | None:
    """Return the place feature: the query's name names a country the body is not of.

    Only for bodies (not people: `Jordan`, `Georgia` are also given names). The body's
    countries are those its names name and those the list gives (addresses,
    nationalities); a body with none is given no feature, nor one whose countries include
    one the query names (`Korea` names both Koreas).
    """
    if entity.schema == "Person":
        return None
    wanted = named_countries(query.words)
    if not wanted:
        return None
    named = named_countries(
        word
        for name in (*entity.names, *entity.weak_aliases)
        for word in split_words(normalize_name(name))
    )
    listed = {code.lower() for code in (*entity.countries, *entity.nationalities)}
    places = named | listed
    if not places or places & wanted:
        return None
    words = " ".join(w.capitalize() for w in query.words if named_countries([w]))
    detail = f"the name says {words}; the list places this body in {', '.join(sorted(places))}"
    return Feature("place", PLACE_CONFLICT, detail)


def compare_legal_form(query: IndexedName, entity: Entity) -> Feature | None:
    """Return the schema feature of a name that states a legal form against a person or ship.

    `Naranjo S.A.` is a company, not `NARANJO Carlos`, and `Oriental Company SPRL` not the
    ship `ORIENTAL` (no ship's name on the lists states one). Only a legal form the name's
    keys left out counts (`Sa Myong Il` keeps `Sa` as a name), and not in a syllabic name
    (Korean, Chinese: `Kim Sa`).
    """
    if entity.schema not in ("Person", "Vessel") or is_syllabic(query.keys):
        return None
    forms = _left_out_legal_forms(query.text, query.words)
    if not forms:
        return None
    detail = f"the name states a legal form ({', '.join(forms)}); the list has a {entity.schema}"
    return Feature("schema", SCHEMA_CONFLICT, detail)


@lru_cache(maxsize=4096)
def _left_out_legal_forms(text: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """Return the kinds of legal form `text` states that its `words` leave out, sorted."""
    return tuple(sorted({LEGAL_FORM_CLASSES[w] for w in legal_form_words(text) if w not in words}))


def compare_shared_legal_form(
    query: IndexedName, name: IndexedName, similarity: float
) -> Feature | None:
    """Return the legal-form feature: a name holding every query word states its legal form.

    The same legal-form words, written the same (`OOD` and `OOD`, not `OOD` and `Ltd`:
    the kinds are too few to tell names apart), close `RANK_SHARE` of the gap to
    `RANK_CEILING`: `TRANS OOD` is `TRANS NOVE OOD` before `TRANS SCIENTIFIC CORP.`. Not
    in syllabic names (Korean, Chinese), where `Sa` is a family name.
    """
    effect = RANK_SHARE * (RANK_CEILING - similarity)
    stated = legal_form_words(query.text) if effect >= MIN_RANK_EFFECT else frozenset()
    if not stated or stated != legal_form_words(name.text):
        return None
    if is_syllabic(query.keys) or not set(query.keys) <= _held_keys(name):
        return None
    detail = f"both names state {' '.join(sorted(stated)).upper()}; ranks, no match by itself"
    return Feature("legal_form", effect, detail)


def _held_keys(name: IndexedName) -> set[str]:
    """Return the keys `name` holds: its words' keys, and those of two words run together."""
    return set(name.keys) | set(name.joined)


def score_entity(
    query: Query,
    query_form: IndexedName,
    entity: Entity,
    names: Sequence[IndexedName],
    cache: NameScores | None = None,
    reading: str = "",
) -> tuple[float, IndexedName, tuple[Feature, ...]]:
    """Score one entity for a query: best name similarity plus every other feature.

    Args:
        query: what is screened.
        query_form: the query name's keys, joined keys and weights.
        entity: the list entity.
        names: the entity's indexed names to consider (at least one).
        cache: name similarities already computed for this query (see `best_name`).
        reading: how a name in Han characters or Arabic script was read, named in the
            explanation ("Korean reading 김정은 (Gim Jeongeun)", "ض read as z, as in
            Persian, Urdu and Pashto"); "" for other names.

    Returns:
        (score in 0..1, the list name that matched best, the features that made the score).
    """
    similarity, name = best_name(query_form, names, cache)
    features = [Feature("name", similarity, describe_name_similarity(similarity, reading))]
    if similarity > 0:
        for feature in (
            compare_other_names(query_form, name, names, similarity),
            compare_numbers(query_form, name),
            compare_places(query_form, entity),
            # A schema the query gives is compared instead (`score_facts`).
            compare_legal_form(query_form, entity) if query.schema is None else None,
        ):
            if feature is not None:
                features.append(feature)
        # Evidence that orders names without making a match.
        shared_form = compare_shared_legal_form(query_form, name, similarity)
        if shared_form is not None:
            features.append(shared_form)
    if name.is_weak:
        detail = "a weak alias on the list (a nickname, short form or acronym)"
        features.append(Feature("weak_alias", WEAK_ALIAS_PENALTY, detail))
    elif query_form.is_weak:
        detail = "only the name's bracketed part matched (a short form or alias)"
        features.append(Feature("weak_alias", WEAK_ALIAS_PENALTY, detail))
    score, all_features = score_facts(query, entity, features)
    return score, name, all_features


def score_facts(
    query: Query, entity: Entity, name_features: Sequence[Feature]
) -> tuple[float, tuple[Feature, ...]]:
    """Add the features of the query's other facts to its name features, and score them.

    Args:
        query: what is screened.
        entity: the list entity.
        name_features: how the names compare (`name` first, then any others).

    Returns:
        (score in 0..1, every feature): the effects summed and clipped, or 1.0 when an
        IMO or passport number decides.
    """
    features = list(name_features)
    if query.schema is None and not (
        query.birth_date
        or query.nationality
        or query.country
        or query.imo_number
        or query.passport_number
    ):  # a name alone (most of a batch): no fact to compare
        return min(1.0, max(0.0, sum((f.effect for f in features), 0.0))), tuple(features)
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
    score = min(1.0, max(0.0, sum((f.effect for f in features), 0.0)))
    if any(decides for decides, _ in decisive):
        score = 1.0
    return score, tuple(features)
