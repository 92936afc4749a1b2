"""Encode entities, queries, matches and audit records as JSON-ready dicts, and back.

The store keeps one JSON document per entity and one per screening, so a stored row can be
read without the code that produced it. `decode_entity(encode_entity(e)) == e` and
`decode_query(encode_query(q)) == q` hold, and `decode_match(encode_match(m))` is `m` with
its effects rounded to 4 places; its score is written as kept
(`yalu.models.scores.keep_score`, cut to 4 decimals), never rounded up.

This is the one place a match becomes JSON: `encode_match` for the audit trail (every
feature, and the reviewed decision in force), `summarize_match` for `yalu screen --format
json`, `POST /screen` and the page, and `encode_candidates` for an audit row's candidates
with the result row each was shown in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, cast

from yalu.formats.regimes import regimes_of
from yalu.models.audit import CandidateRow, ListUsed, ScreeningRecord
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
    """Return `entity` as a JSON-ready dict (tuples become lists), `asdict`'s dict.

    Built field by field: `dataclasses.asdict` copies every value deeply, a sixth of the
    time a list file's index takes to build and cache (profiled, issue 17).
    """
    data = {name: getattr(entity, name) for name in _ENTITY_FIELDS}
    data["identifiers"] = tuple(
        {"kind": i.kind, "value": i.value, "country": i.country} for i in entity.identifiers
    )
    return data


_ENTITY_FIELDS = tuple(field.name for field in fields(Entity))


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
    """Return `match` as stored: score kept, feature effects rounded to 4 places.

    The score is cut to 4 decimals (`keep_score`), never rounded up. Built field by field,
    not by `dataclasses.replace`, which costs several times more (profiled on a batch).
    """
    return Match(
        entity_id=match.entity_id,
        list=match.list,
        schema=match.schema,
        name=match.name,
        query_name=match.query_name,
        score=keep_score(match.score),
        is_match=match.is_match,
        features=tuple(Feature(f.name, round(f.effect, 4), f.detail) for f in match.features),
        caption=match.caption,
        list_version=match.list_version,
        decision=match.decision,
        programs=match.programs,
    )


def _stored(match: Match) -> tuple[Match, str]:
    """Return `rounded(match)` and its explanation.

    Those of the last match asked for are kept: a result row encodes its best match twice
    in a row, as the row (`summarize_match`) and as its list's entry (`encode_entry`).
    The cache holds the match itself, so `is` cannot mistake a new match for a freed one;
    a match is immutable, so threads sharing the cache get the same answer either way. It
    is not an `lru_cache`, which would hash every field of every match (profiled).
    """
    global _last_stored
    last = _last_stored
    if last is not None and last[0] is match:
        return last[1]
    kept = rounded(match)
    stored = kept, kept.explanation
    _last_stored = match, stored
    return stored


_last_stored: tuple[Match, tuple[Match, str]] | None = None


def encode_match(match: Match) -> dict[str, Any]:
    """Return `match` with its score, verdict and every feature, for the audit trail.

    The score is kept as `keep_score` cuts it and effects are rounded to 4 places first
    (`rounded`), and the explanation is written from those values, so a stored candidate
    decodes to the same explanation. A candidate with a reviewed decision in force also
    has `"decision"`.
    """
    match, explanation = _stored(match)
    data = {
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
        "explanation": explanation,
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


def summarize_match(match: Match) -> dict[str, Any]:
    """Return the short form of `match`, for `yalu screen --format json` and the API.

    `encode_match`'s `entity_id`, `list`, `schema`, `score`, `match` and `explanation`,
    with `name` the entity's caption. A candidate with a reviewed decision in force also
    has `"decision"`.
    """
    match, explanation = _stored(match)
    short = {
        "entity_id": match.entity_id,
        "list": match.list,
        "schema": match.schema,
        "name": match.caption or match.name,
        "score": match.score,
        "match": match.is_match,
        "explanation": explanation,
    }
    if match.decision is not None:
        short["decision"] = encode_decision(match.decision)
    return short


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
    match, explanation = _stored(entry.match) if entry.match is not None else (None, None)
    return {
        "entity_id": entry.entity_id,
        "list": entry.list,
        "list_version": entry.list_version,
        "schema": entry.schema,
        "name": entry.caption,
        "score": match.score if match is not None else None,
        "match": match.is_match if match is not None else None,
        "explanation": explanation,
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


def candidate_rows(groups: Sequence[MatchGroup]) -> tuple[CandidateRow, ...]:
    """Return where each scored entry of `groups` was shown, in row order.

    One `CandidateRow` per match of `group.matches`, row after row: the row's rank (1
    first), every list naming its party, and the row's reasons on its first candidate only.
    """
    return tuple(
        CandidateRow(rank, group.lists, group.reasons if number == 0 else ())
        for rank, group in enumerate(groups, start=1)
        for number, _ in enumerate(group.matches)
    )


def encode_candidates(record: ScreeningRecord) -> list[dict[str, Any]]:
    """Return an audit row's candidates: each `encode_match`, plus where it was shown.

    A candidate of a grouped screening adds `row` (its row's rank, 1 first), `lists` (every
    list naming the row's party) and `grouped_because` (the row's reasons, on its first
    candidate only).
    """
    encoded = []
    for match, shown in record.candidates:
        data = encode_match(match)
        if shown is not None:
            data["row"] = shown.row
            data["lists"] = list(shown.lists)
            data["grouped_because"] = list(shown.grouped_because)
        encoded.append(data)
    return encoded


def decode_candidates(
    items: Sequence[dict[str, Any]],
) -> tuple[tuple[Match, ...], tuple[CandidateRow, ...]]:
    """Rebuild an audit row's candidates and, when every one has it, where each was shown.

    Raises:
        KeyError: a candidate lacks a required field (`decode_match`).
    """
    matches = tuple(decode_match(item) for item in items)
    if not items or any("row" not in item for item in items):
        return matches, ()
    rows = tuple(
        CandidateRow(
            int(item["row"]),
            tuple(str(name) for name in item.get("lists", ())),
            tuple(str(reason) for reason in item.get("grouped_because", ())),
        )
        for item in items
    )
    return matches, rows


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
        "results": encode_candidates(record),
        "code_digest": record.code_digest,
    }
