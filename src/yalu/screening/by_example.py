"""Match by example: a FollowTheMoney entity (schema and properties) screened as yalu queries.

This is what OpenSanctions' matching API (yente's `POST /match/{dataset}`) accepts: an
example entity such as `{"schema": "Person", "properties": {"name": ["..."], "birthDate":
["1951"]}}`. `example_queries` reads it into one `Query` per name (several names, in
several scripts, are common), keeping the facts yalu scores (birth date, nationality,
country, passport, IMO number) and dropping values it cannot read, as yente does: the
properties it understood are returned, so a caller sees what was used. `best_groups` then
merges the results of those queries into one ranked list, one row per party.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yalu.core.errors import InputError
from yalu.models.screening import SCHEMAS, MatchGroup, Query
from yalu.screening.queries import make_query

MAX_NAMES = 10
"""Names of one example screened; more are ignored (and not echoed as understood)."""
MAX_VALUE_LENGTH = 500

_SCHEMAS = {"PublicBody": "Organization", "Airplane": "Aircraft"}
"""FtM schemas yalu names differently; the others of `SCHEMAS` are the same."""
_NAMES = ("name", "alias", "previousName", "weakAlias")
_FACTS = {
    "birthDate": "birth_date",
    "nationality": "nationality",
    "citizenship": "nationality",
    "country": "country",
    "jurisdiction": "country",
    "mainCountry": "country",
    "passportNumber": "passport_number",
    "idNumber": "passport_number",
    "imoNumber": "imo_number",
}
"""FtM property -> the `Query` fact it fills (the first readable value is used)."""


@dataclass(frozen=True, slots=True)
class Example:
    """An example entity as understood: its queries (one per name) and the properties used."""

    queries: tuple[Query, ...]
    schema: str
    understood: Mapping[str, tuple[str, ...]]


def example_queries(
    schema: str, properties: Mapping[str, Sequence[object]], *, id: str, where: str
) -> Example:
    """Return the queries of one example entity, and the properties they use.

    Args:
        schema: the FtM schema (`Person`, `Company`, `Vessel`, `LegalEntity`, ...).
        properties: FtM property -> values; values that are not text are ignored.
        id: the caller's key for this example, the queries' id.
        where: the example's place in the request (`queries.q1`), for messages.

    Raises:
        InputError: the schema is not one yalu screens, or no name is given.
    """
    kind = _SCHEMAS.get(schema, schema)
    if kind not in SCHEMAS:
        raise InputError(
            f"schema '{schema}' cannot be screened",
            path=where,
            hint=f"Use one of {', '.join(sorted({*SCHEMAS, *_SCHEMAS}))}",
        )
    values = {key: _texts(properties.get(key, ())) for key in (*_NAMES, *_FACTS)}
    names = [name for key in _NAMES for name in values[key]][:MAX_NAMES]
    names = list(dict.fromkeys(name for name in names if any(c.isalnum() for c in name)))
    if not names:
        raise InputError(
            "the example has no name", path=where, hint='Give properties.name, e.g. ["Kim Chol"]'
        )
    understood: dict[str, tuple[str, ...]] = {}
    facts: dict[str, str] = {}
    for prop, fact in _FACTS.items():
        for value in values[prop]:
            if fact not in facts and _readable(fact, value):
                facts[fact] = value
                understood[prop] = (value,)
    name_props = {key: tuple(v for v in values[key] if v in names) for key in _NAMES}
    understood = {**{k: v for k, v in name_props.items() if v}, **understood}
    queries = tuple(_query(name, id, kind, facts) for name in names)
    return Example(queries=queries, schema=kind, understood=understood)


def _texts(values: object) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return []
    return [
        v.strip() for v in values if isinstance(v, str) and 0 < len(v.strip()) <= MAX_VALUE_LENGTH
    ]


def _query(name: str, id: str, schema: str, facts: Mapping[str, str]) -> Query:
    return make_query(
        name,
        id=id,
        schema=schema,
        birth_date=facts.get("birth_date"),
        nationality=facts.get("nationality"),
        country=facts.get("country"),
        imo_number=facts.get("imo_number"),
        passport_number=facts.get("passport_number"),
    )


def _readable(fact: str, value: str) -> bool:
    """Return True when `make_query` accepts `value` as `fact`."""
    try:
        _query("x", "", "Person", {fact: value})
    except InputError:
        return False
    return True


def best_groups(results: Sequence[Sequence[MatchGroup]], *, limit: int) -> tuple[MatchGroup, ...]:
    """Merge the rows of several queries of one example: each party once, at its best score.

    A party is known by its best entry (list and id); rows are ranked by score, best first,
    ties in the order first seen, and at most `limit` are kept.
    """
    best: dict[tuple[str, str], MatchGroup] = {}
    for groups in results:
        for group in groups:
            first = group.entries[0]
            key = (first.list, first.entity_id)
            if key not in best or group.best.score > best[key].best.score:
                best[key] = group
    ranked = sorted(best.values(), key=lambda group: -group.best.score)
    return tuple(ranked[:limit])
