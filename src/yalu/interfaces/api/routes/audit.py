"""`GET /screenings` and `GET /screenings/{id}`: read back the screening audit trail.

Each answer is what `yalu audit list --format json` (a list, newest first) or
`yalu audit show ID --format json` (one row) prints.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from yalu.interfaces.api.schemas import ErrorOut, ScreeningOut
from yalu.interfaces.api.state import ScreeningState

router = APIRouter(tags=["audit"])

MAX_LIMIT = 1000
"""Most rows one request returns; `yalu audit list --limit N --format jsonl` has no cap."""

_ERRORS: dict[int | str, dict[str, object]] = {
    422: {"model": ErrorOut, "description": "A query parameter is invalid (one-line detail)."},
    500: {"model": ErrorOut, "description": "The database cannot be read."},
}


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


@router.get("/screenings", response_model=list[ScreeningOut], responses=_ERRORS)
def list_screenings(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most rows returned.")] = 20,
    name: Annotated[
        str | None, Query(description="Only queries whose name contains this text (any case).")
    ] = None,
    matches_only: Annotated[
        bool, Query(description="Only screenings where a candidate reached the threshold.")
    ] = False,
) -> list[ScreeningOut]:
    """Return the latest screenings, newest first, each with its query, lists and candidates."""
    from yalu.screening.audit import read_screenings

    with _state(request).open_store() as store:
        records = read_screenings(store, limit, name=name, matches_only=matches_only)
    return [ScreeningOut.from_record(record) for record in records]


@router.get(
    "/screenings/{screening_id}",
    response_model=ScreeningOut,
    responses={404: {"model": ErrorOut, "description": "No screening has this id."}, **_ERRORS},
)
def show_screening(screening_id: int, request: Request) -> ScreeningOut:
    """Return one screening: the query and its facts, lists, threshold and every candidate."""
    from yalu.screening.audit import get_screening

    with _state(request).open_store() as store:
        record = get_screening(store, screening_id)
    return ScreeningOut.from_record(record)
