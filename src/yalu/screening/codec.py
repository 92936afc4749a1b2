"""Encode entities, queries, matches and audit records as JSON-ready dicts, and back.

The store keeps one JSON document per entity and one per screening, so a stored row can be
read without the code that produced it. `decode_entity(encode_entity(e)) == e` and
`decode_query(encode_query(q)) == q` hold, and `decode_match(encode_match(m))` is `m` with
its score and effects rounded to 4 places.

This is the one place a match becomes JSON: `encode_match` for the audit trail (every
feature) and `summarize_match` for `yalu screen --format json` and `POST /screen`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, cast

from yalu.models.audit import ListUsed, ScreeningRecord
from yalu.models.screening import (
    Entity,
    Feature,
    Identifier,
    IdentifierKind,
    Match,
    Query,
    Schema,
)

_TUPLE_FIELDS = (
    "names",
    "weak_aliases",
    "birth_dates",
    "nationalities",
    "countries",
    "addresses",
    "programs",
)


def encode_entity(entity: Entity) -> dict[str, Any]:
    """Return `entity` as a JSON-ready dict (tuples become lists)."""
    return asdict(entity)


def decode_entity(data: dict[str, Any]) -> Entity:
    """Rebuild an Entity from `encode_entity` output.

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
    return Entity(
        id=data["id"],
        schema=cast(Schema, data["schema"]),
        source=data["source"],
        source_version=data.get("source_version", ""),
        identifiers=identifiers,
        listed_on=data.get("listed_on"),
        notes=data.get("notes", ""),
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


def decode_query(data: dict[str, Any]) -> Query:
    """Rebuild a Query from `encode_query` output (an audit row's query).

    Raises:
        KeyError: the name is missing.
    """
    return Query(
        name=data["name"],
        id=data.get("id", ""),
        schema=cast(Schema | None, data.get("schema")),
        birth_date=data.get("birth_date"),
        nationality=data.get("nationality"),
        country=data.get("country"),
        imo_number=data.get("imo_number"),
        passport_number=data.get("passport_number"),
        extra=tuple((str(key), str(value)) for key, value in (data.get("extra") or {}).items()),
    )


def rounded(match: Match) -> Match:
    """Return `match` with its score and feature effects rounded to 4 places, as stored."""
    return Match(
        entity_id=match.entity_id,
        list=match.list,
        schema=match.schema,
        name=match.name,
        query_name=match.query_name,
        score=round(match.score, 4),
        is_match=match.is_match,
        features=tuple(Feature(f.name, round(f.effect, 4), f.detail) for f in match.features),
        caption=match.caption,
        list_version=match.list_version,
    )


def encode_match(match: Match) -> dict[str, Any]:
    """Return `match` with its score, verdict and every feature, for the audit trail.

    Scores and effects are rounded to 4 places first, and the explanation is written from
    the rounded values, so a stored candidate decodes to the same explanation.
    """
    match = rounded(match)
    return {
        "entity_id": match.entity_id,
        "list": match.list,
        "list_version": match.list_version,
        "schema": match.schema,
        "caption": match.caption or match.name,
        "name": match.name,
        "query_name": match.query_name,
        "score": match.score,
        "match": match.is_match,
        "features": [
            {"name": f.name, "effect": f.effect, "detail": f.detail} for f in match.features
        ],
        "explanation": match.explanation,
    }


SUMMARY_FIELDS = ("entity_id", "list", "schema", "name", "score", "match", "explanation")
"""The fields of a candidate in `yalu screen --format json` and the API's screening answers."""


def summarize_match(match: Match) -> dict[str, Any]:
    """Return the short form of `match`: `encode_match` with `name` the entity's caption."""
    full = encode_match(match)
    full["name"] = full["caption"]
    return {field: full[field] for field in SUMMARY_FIELDS}


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
    )


def encode_list_used(item: ListUsed) -> dict[str, Any]:
    """Return a searched list version as `{"id", "source", "version", "published"}`."""
    return {
        "id": item.id,
        "source": item.source,
        "version": item.version,
        "published": item.published,
    }


def decode_list_used(data: dict[str, Any]) -> ListUsed:
    """Rebuild a ListUsed from `encode_list_used` output (`published` may be missing)."""
    return ListUsed(
        id=int(data.get("id", 0)),
        source=str(data.get("source", "")),
        version=str(data.get("version", "")),
        published=str(data.get("published", "")),
    )


def encode_record(record: ScreeningRecord) -> dict[str, Any]:
    """Return an audit row as JSON, as `yalu audit show --format json` and the API show it."""
    return {
        "id": record.id,
        "screened_at": record.screened_at,
        "actor": record.actor,
        "query": encode_query(record.query),
        "list_versions": [encode_list_used(item) for item in record.list_versions],
        "threshold": record.threshold,
        "limit": record.limit,
        "results": [encode_match(match) for match in record.results],
        "code_digest": record.code_digest,
    }
