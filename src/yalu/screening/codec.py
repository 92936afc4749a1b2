"""Encode entities, queries and matches as JSON-ready dicts, and entities and matches back.

The store keeps one JSON document per entity and one per screening, so a stored row can be
read without the code that produced it. `decode_entity(encode_entity(e)) == e` holds, and
`decode_match(encode_match(m))` is `m` with its effects rounded to 4 places; its score is
written as kept (`yalu.models.scores.keep_score`, cut to 4 decimals), never rounded up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, cast

from yalu.formats.regimes import regimes_of
from yalu.models.scores import keep_score
from yalu.models.screening import (
    Decision,
    Entity,
    Feature,
    GroupEntry,
    Identifier,
    IdentifierKind,
    Match,
    MatchGroup,
    Query,
    Schema,
    Verdict,
)

_TUPLE_FIELDS = (
    "names",
    "weak_aliases",
    "birth_dates",
    "nationalities",
    "countries",
    "addresses",
    "programs",
    "same_as",
)


def encode_entity(entity: Entity) -> dict[str, Any]:
    """Return `entity` as a JSON-ready dict (tuples become lists)."""
    return asdict(entity)


def decode_entity(data: dict[str, Any]) -> Entity:
    """Rebuild an Entity from `encode_entity` output.

    Fields added since a list was stored take their defaults, except `regimes`: an entity
    stored before regimes were recorded gets them from its programme words
    (`formats.regimes.regimes_of`), as reading its file again would give.

    Raises:
        KeyError: a required field (id, schema, names, source) is missing.
    """
    identifiers = tuple(
        Identifier(
            kind=cast(IdentifierKind, item["kind"]),
            value=item["value"],
            country=item.get("country"),
        )
        for item in data.get("identifiers", ())
    )
    lists = {name: tuple(data.get(name, ())) for name in _TUPLE_FIELDS}
    regimes = data.get("regimes")
    if regimes is None:
        regimes = regimes_of(data["source"], lists["programs"])
    return Entity(
        id=data["id"],
        schema=cast(Schema, data["schema"]),
        source=data["source"],
        source_version=data.get("source_version", ""),
        identifiers=identifiers,
        listed_on=data.get("listed_on"),
        notes=data.get("notes", ""),
        regimes=tuple(regimes),
        **lists,
    )


def encode_query(query: Query) -> dict[str, Any]:
    """Return the facts of `query` that were set, as a JSON-ready dict."""
    data: dict[str, Any] = {"name": query.name}
    for key in ("id", "schema", "birth_date", "nationality", "country"):
        value = getattr(query, key)
        if value:
            data[key] = value
    for key in ("imo_number", "passport_number"):
        value = getattr(query, key)
        if value:
            data[key] = value
    if query.extra:
        data["extra"] = dict(query.extra)
    return data


def encode_match(match: Match) -> dict[str, Any]:
    """Return `match` with its score, verdict and every feature, for the audit trail.

    A candidate with a reviewed decision in force also has `"decision"`.
    """
    data = {
        "entity_id": match.entity_id,
        "list": match.list,
        "list_version": match.list_version,
        "schema": match.schema,
        "caption": match.caption or match.name,
        "name": match.name,
        "query_name": match.query_name,
        "score": keep_score(match.score),
        "match": match.is_match,
        "features": [
            {"name": f.name, "effect": round(f.effect, 4), "detail": f.detail}
            for f in match.features
        ],
        "explanation": match.explanation,
    }
    if match.decision is not None:
        data["decision"] = encode_decision(match.decision)
    return data


def encode_decision(decision: Decision) -> dict[str, str]:
    """Return a reviewed decision as `{"verdict", "reason", "by", "at"}`."""
    return {
        "verdict": decision.verdict,
        "reason": decision.reason,
        "by": decision.by,
        "at": decision.at,
    }


def decode_match(data: dict[str, Any]) -> Match:
    """Rebuild a Match from `encode_match` output (an audit row's candidate).

    Raises:
        KeyError: a required field (entity_id, list, schema, name, score, match) is missing.
    """
    return Match(
        entity_id=data["entity_id"],
        list=data["list"],
        schema=cast(Schema, data["schema"]),
        name=data["name"],
        query_name=data.get("query_name", ""),
        score=float(data["score"]),
        is_match=data["match"] is True,
        features=tuple(
            Feature(f["name"], float(f["effect"]), f["detail"]) for f in data.get("features", ())
        ),
        caption=data.get("caption", ""),
        list_version=data.get("list_version", ""),
        decision=_decode_decision(data.get("decision")),
    )


def _decode_decision(data: dict[str, str] | None) -> Decision | None:
    if not data:
        return None
    return Decision(cast(Verdict, data["verdict"]), data["reason"], data["by"], data["at"])


def encode_entry(entry: GroupEntry) -> dict[str, Any]:
    """Return one list's entry of a result row: its own id, list, programmes and score.

    `score`, `match` and `explanation` are None for an entry grouped with the others but
    not scored against the query.
    """
    match = entry.match
    return {
        "entity_id": entry.entity_id,
        "list": entry.list,
        "list_version": entry.list_version,
        "schema": entry.schema,
        "name": entry.caption,
        "score": keep_score(match.score) if match is not None else None,
        "match": match.is_match if match is not None else None,
        "explanation": match.explanation if match is not None else None,
        "regimes": list(entry.regimes),
        "programs": list(entry.programs),
    }


def grouping_sentence(group: MatchGroup) -> str:
    """Return why a row holds several lists' entries ("" for one entry)."""
    if len(group.entries) < 2:
        return ""
    return f"on {len(group.lists)} lists ({', '.join(group.lists)}): " + "; ".join(group.reasons)


def encode_group(group: MatchGroup) -> dict[str, Any]:
    """Return what a result row adds to its best entry's fields (CLI JSON and API alike).

    `lists` names every list that lists the party, `regimes` their programmes in the common
    vocabulary, `entries` each list's own entry (`encode_entry`) and `grouped_because` one
    sentence per link between them (empty for a single entry).
    """
    return {
        "lists": list(group.lists),
        "regimes": list(group.regimes),
        "entries": [encode_entry(entry) for entry in group.entries],
        "grouped_because": list(group.reasons),
    }


def encode_group_rows(groups: Sequence[MatchGroup]) -> list[dict[str, Any]]:
    """Return the audit trail's candidates of grouped rows: each scored entry, in row order.

    Each candidate is `encode_match` plus `row` (its row's rank, 1 first), `lists` (every
    list naming the row's party) and `grouped_because` (the row's reasons, on its first
    candidate only; empty on the others and for a party on one list).
    """
    encoded: list[dict[str, Any]] = []
    for rank, group in enumerate(groups, start=1):
        for number, match in enumerate(group.matches):
            reasons = list(group.reasons) if number == 0 else []
            encoded.append(
                {
                    **encode_match(match),
                    "row": rank,
                    "lists": list(group.lists),
                    "grouped_because": reasons,
                }
            )
    return encoded
