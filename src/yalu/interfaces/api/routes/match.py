"""`POST /match/{dataset}`: OpenSanctions' matching API (yente), answered by yalu.

Tools written for `https://api.opensanctions.org/match/sanctions` can point at a yalu server:
the request and response shapes are yente's (`match_schemas.py`), the key may be sent as
`Authorization: ApiKey KEY` as they send it (or `Bearer KEY`), and yente's query parameters
are read: `limit`, `threshold` (and the deprecated `cutoff`), `include_dataset`,
`exclude_dataset`, `exclude_schema`, `exclude_entity_ids`; `algorithm`, `fuzzy`, `topics`
and `changed_since` are accepted and ignored (yalu has one scorer; every list is sanctions).

`dataset` is `default` or `sanctions` (every list in use) or one list (`un_sc`). Each name of
each example is screened as `POST /screen` would and audited under the caller's key.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Request
from fastapi import Query as QueryParam

from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.access import Caller, require
from yalu.interfaces.api.match_schemas import (
    ExampleOut,
    FeatureOut,
    MatchesOut,
    MatchRequest,
    MatchResponse,
    ScoredEntity,
    TotalOut,
)
from yalu.interfaces.api.routes.screening import ERRORS
from yalu.interfaces.api.state import ScreeningState
from yalu.models.access import Permission
from yalu.models.screening import Entity, MatchGroup

router = APIRouter(tags=["matching (yente-compatible)"])

ALL_LISTS = frozenset({"default", "sanctions", "all"})
"""Dataset names meaning every list in use."""
DEFAULT_LIMIT = 5
MAX_LIMIT = 100

Texts = Annotated[list[str], QueryParam(max_length=50)]


@router.post(
    "/match/{dataset}",
    response_model=MatchResponse,
    response_model_by_alias=True,
    responses={**ERRORS, 404: {"description": "No list is loaded, or no dataset so named."}},
)
def match(
    body: MatchRequest,
    dataset: str,
    request: Request,
    caller: Annotated[Caller, Depends(require(Permission.SCREEN))],
    limit: Annotated[int, QueryParam(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    threshold: Annotated[float | None, QueryParam(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float | None, QueryParam(ge=0.0, le=1.0, deprecated=True)] = None,
    algorithm: Annotated[str, QueryParam(max_length=64)] = "best",
    fuzzy: Annotated[str | None, QueryParam(max_length=10)] = None,
    include_dataset: Texts = [],  # noqa: B006 - FastAPI copies defaults
    exclude_dataset: Texts = [],  # noqa: B006
    exclude_schema: Texts = [],  # noqa: B006
    exclude_entity_ids: Texts = [],  # noqa: B006
    topics: Texts = [],  # noqa: B006
    changed_since: Annotated[str | None, QueryParam(max_length=40)] = None,
) -> MatchResponse:
    """Match example entities (FtM schema and properties) against the lists, as yente does.

    Each example's names are screened with its birth date, nationality, country, passport and
    IMO number; `results` holds one entry per party, best first, with `score`, `match` (at or
    above `threshold`, default `match_threshold`) and `explanations`. `query` echoes the
    properties used: a value yalu cannot read (a country it does not know) is left out.
    """
    from yalu.screening.by_example import best_groups, example_queries
    from yalu.screening.scopes import Scope

    state: ScreeningState = request.app.state.screening
    cut = request.app.state.settings.match_threshold if threshold is None else threshold
    if not body.queries:
        raise InputError("no queries were given", hint='Send {"queries": {"q1": {...}}}')
    lists = _lists(dataset, state, include_dataset, exclude_dataset)
    examples = {
        key: example_queries(
            item.schema_, item.properties, id=item.id or key, where=f"queries.{key}"
        )
        for key, item in body.queries.items()
    }
    flat = [query for example in examples.values() for query in example.queries]
    wide = min(MAX_LIMIT, limit + len(exclude_entity_ids))
    results = iter(
        state.screen(flat, threshold=cut, limit=wide, actor=caller.name, scope=Scope(lists=lists))
    )
    excluded = set(exclude_entity_ids)
    responses: dict[str, MatchesOut] = {}
    chosen: dict[str, tuple[MatchGroup, ...]] = {}
    for key, example in examples.items():
        groups = best_groups([next(results).groups for _ in example.queries], limit=wide)
        kept = [g for g in groups if _kept(g, excluded, exclude_schema)][:limit]
        chosen[key] = tuple(kept)
    entities = state.entities(
        [(g.entries[0].list, g.entries[0].entity_id) for gs in chosen.values() for g in gs]
    )
    for key, example in examples.items():
        item = body.queries[key]
        out = [_scored(group, entities) for group in chosen[key]]
        responses[key] = MatchesOut(
            results=out,
            total=TotalOut(value=len(out)),
            query=ExampleOut(
                id=item.id,
                schema=item.schema_,
                properties={k: list(v) for k, v in example.understood.items()},
            ),
        )
    return MatchResponse(responses=responses, limit=limit)


def _lists(
    dataset: str, state: ScreeningState, include: list[str], exclude: list[str]
) -> tuple[str, ...]:
    """Return the lists to search (empty for every list), from the dataset and filters.

    Raises:
        NotFoundError: `dataset` is neither a list in use nor a name for all of them.
    """
    known = sorted(version.source for version in state.active_lists())
    if dataset in ALL_LISTS:
        chosen = set(known)
    elif dataset in known:
        chosen = {dataset}
    else:
        raise NotFoundError(
            f"no dataset '{dataset}'",
            hint=f"Use default, sanctions, or one list in use: {', '.join(known) or 'none'}",
        )
    if include:
        chosen &= set(include)
    chosen -= set(exclude)
    if not chosen:
        raise InputError(
            "the dataset filters leave no list to search",
            hint=f"include_dataset and exclude_dataset name lists of {', '.join(known)}",
        )
    return () if chosen == set(known) else tuple(sorted(chosen))


def _kept(group: MatchGroup, excluded: set[str], schemas: list[str]) -> bool:
    first = group.entries[0]
    if first.schema in schemas:
        return False
    ids = {f"{e.list}:{e.entity_id}" for e in group.entries} | {e.entity_id for e in group.entries}
    return not ids & excluded


def _scored(group: MatchGroup, entities: dict[tuple[str, str], Entity]) -> ScoredEntity:
    """Return one party as yente's scored entity: the best entry's FtM form and score."""
    from yalu.formats.ftm_json import to_ftm_dict

    best = group.best
    first = group.entries[0]
    entity = entities.get((first.list, first.entity_id))
    ftm: dict[str, Any] = to_ftm_dict(entity) if entity is not None else {}
    properties = cast(dict[str, list[str]], ftm.get("properties", {"name": [first.caption]}))
    explanations = {
        "name": FeatureOut(
            detail=next((f.detail for f in best.features if f.name == "name"), None),
            score=round(next((f.effect for f in best.features if f.name == "name"), 0.0), 4),
            query=best.query_name,
            candidate=best.name,
        )
    }
    for feature in best.features:
        if feature.name != "name":
            name = feature.name
            while name in explanations:
                name += "_"
            explanations[name] = FeatureOut(detail=feature.detail, score=round(feature.effect, 4))
    if best.decision is not None:
        explanations["decision"] = FeatureOut(
            detail=f"reviewed {best.decision.verdict} by {best.decision.by}: "
            f"{best.decision.reason}",
            score=0.0,
        )
    return ScoredEntity(
        id=f"{first.list}:{first.entity_id}",
        caption=first.caption,
        schema=str(ftm.get("schema", first.schema)),
        properties=properties,
        datasets=list(group.lists),
        referents=[f"{e.list}:{e.entity_id}" for e in group.entries[1:]],
        score=round(best.score, 4),
        match=best.is_match,
        explanations=explanations,
    )
