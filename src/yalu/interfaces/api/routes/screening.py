"""`POST /screen`, `POST /screen/batch`, `GET /lists` and `GET /health`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from yalu import __version__
from yalu.core.clock import utc_today
from yalu.core.config import Settings
from yalu.interfaces.api.access import Caller, require
from yalu.interfaces.api.schemas import (
    BatchRequest,
    ErrorOut,
    HealthOut,
    ListOut,
    ListsOut,
    QueryIn,
    ScreenRequest,
    ScreenResult,
)
from yalu.interfaces.api.state import ScreeningState
from yalu.models.access import Permission
from yalu.models.screening import Query

router = APIRouter(tags=["screening"])

AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorOut, "description": "No API key, or an unknown or revoked one."},
    403: {"model": ErrorOut, "description": "The key's role lacks the permission."},
    429: {"model": ErrorOut, "description": "Too many wrong keys from this address lately."},
}
"""The answers of every route that needs a key."""

ERRORS: dict[int | str, dict[str, object]] = {
    **AUTH_ERRORS,
    404: {"model": ErrorOut, "description": "No sanctions list is loaded."},
    422: {"model": ErrorOut, "description": "The request is invalid (one-line detail)."},
    500: {"model": ErrorOut, "description": "The database cannot be read or written."},
}


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def to_query(body: QueryIn, *, default_id: str, where: str | None = None) -> Query:
    """Validate one query body as the CLI does (blank name, schema, countries).

    Args:
        body: the query as sent.
        default_id: the id to use when the body has none.
        where: the query's place in a batch (`queries[2]`), for messages.

    Raises:
        InputError: the name is blank, or the schema or a country is unknown.
    """
    from yalu.screening.queries import make_query

    return make_query(
        body.name,
        id=body.id if body.id is not None else default_id,
        schema=body.schema_,
        birth_date=body.birth_date,
        nationality=body.nationality,
        country=body.country,
        imo_number=body.imo_number,
        passport_number=body.passport_number,
        path=where,
    )


@router.post("/screen", response_model=ScreenResult, responses=ERRORS)
def screen(
    body: ScreenRequest,
    request: Request,
    caller: Annotated[Caller, Depends(require(Permission.SCREEN))],
) -> ScreenResult:
    """Screen one name against the active lists: one row per party, each list's entry in it."""
    from yalu.screening.programs import parse_program

    settings = _settings(request)
    query = to_query(body, default_id="1")
    program = parse_program(body.program)
    (result,) = _state(request).screen(
        [query],
        threshold=settings.match_threshold if body.threshold is None else body.threshold,
        limit=body.limit or settings.match_limit,
        program=program,
        actor=caller.name,
    )
    return ScreenResult.from_result(result)


@router.post("/screen/batch", response_model=list[ScreenResult], responses=ERRORS)
def screen_batch(
    body: BatchRequest,
    request: Request,
    caller: Annotated[Caller, Depends(require(Permission.SCREEN))],
) -> list[ScreenResult]:
    """Screen up to 1,000 names, in order; a query without an id gets its position (1..n)."""
    from yalu.screening.programs import parse_program

    settings = _settings(request)
    queries = [
        to_query(item, default_id=str(position), where=f"queries[{position - 1}]")
        for position, item in enumerate(body.queries, start=1)
    ]
    program = parse_program(body.program)
    results = _state(request).screen(
        queries,
        threshold=settings.match_threshold if body.threshold is None else body.threshold,
        limit=body.limit or settings.match_limit,
        program=program,
        actor=caller.name,
    )
    return [ScreenResult.from_result(result) for result in results]


@router.get(
    "/lists",
    response_model=ListsOut,
    responses=ERRORS,
    dependencies=[Depends(require(Permission.READ_LISTS))],
)
def lists(request: Request) -> ListsOut:
    """Return the lists in use (source, version, when loaded, entities); empty if none."""
    versions = _state(request).active_lists()
    max_age_days = _settings(request).list_max_age_days
    today = utc_today()
    return ListsOut(
        lists=[
            ListOut.from_version(version, version.freshness(today=today, max_age_days=max_age_days))
            for version in versions
        ],
        entity_count=sum(version.entity_count for version in versions),
    )


@router.get("/health", response_model=HealthOut)
def health() -> HealthOut:
    """Answer that the server is up, with the yalu version."""
    return HealthOut(status="ok", version=__version__)
