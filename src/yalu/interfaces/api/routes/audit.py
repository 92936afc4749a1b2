"""The audit trail over HTTP: read it, verify its hash chain, replay a screening.

`GET /screenings` and `GET /screenings/{id}` answer what `yalu audit list --format json` (a
list, newest first) and `yalu audit show ID --format json` (one row) print; they need the
`read_audit` permission (auditors and admins), since the trail holds every name screened.
`GET /trail/verify` and `GET /screenings/{id}/replay` answer as `yalu audit verify` and
`yalu audit replay ID` with `--format json`, for the `verify_audit` permission.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from yalu.interfaces.api.access import require
from yalu.interfaces.api.routes.screening import AUTH_ERRORS
from yalu.interfaces.api.schemas import ErrorOut, ScreeningOut
from yalu.interfaces.api.state import ScreeningState
from yalu.models.access import Permission

router = APIRouter(tags=["audit"])

MAX_LIMIT = 1000
"""Most rows one request returns; `yalu audit list --limit N --format jsonl` has no cap."""

_ERRORS: dict[int | str, dict[str, object]] = {
    **AUTH_ERRORS,
    422: {"model": ErrorOut, "description": "A query parameter is invalid (one-line detail)."},
    500: {"model": ErrorOut, "description": "The database cannot be read."},
}
_NOT_FOUND: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorOut, "description": "No screening has this id."}
}
READ = [Depends(require(Permission.READ_AUDIT))]
VERIFY = [Depends(require(Permission.VERIFY_AUDIT))]


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


@router.get("/screenings", response_model=list[ScreeningOut], responses=_ERRORS, dependencies=READ)
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
    """Return the latest screenings, newest first: who screened, query, lists, candidates."""
    from yalu.screening.audit import read_screenings

    with _state(request).open_store() as store:
        records = read_screenings(store, limit, name=name, matches_only=matches_only)
    return [ScreeningOut.from_record(record) for record in records]


@router.get(
    "/screenings/{screening_id}",
    response_model=ScreeningOut,
    responses={**_NOT_FOUND, **_ERRORS},
    dependencies=READ,
)
def show_screening(screening_id: int, request: Request) -> ScreeningOut:
    """Return one screening: who, the query and its facts, lists, threshold, every candidate."""
    from yalu.screening.audit import get_screening

    with _state(request).open_store() as store:
        record = get_screening(store, screening_id)
    return ScreeningOut.from_record(record)


@router.get("/trail/verify", responses=_ERRORS, dependencies=VERIFY)
def verify_trail(request: Request) -> dict[str, Any]:
    """Recompute the hash chain over screenings and list loads, as `yalu audit verify`.

    `intact` is false when a row was changed, removed or inserted; `problems` names each,
    first the first. `head` is the last link: keep its hash elsewhere to detect a rewrite.
    """
    from yalu.screening.verify import report_object
    from yalu.screening.verify import verify_trail as verify

    with _state(request).open_store() as store:
        return report_object(verify(store))


@router.get(
    "/screenings/{screening_id}/replay",
    responses={**_NOT_FOUND, **_ERRORS},
    dependencies=VERIFY,
)
def replay_screening(
    screening_id: int,
    request: Request,
    against: Annotated[
        Literal["recorded", "current"],
        Query(description="recorded: the list versions it used; current: the active lists."),
    ] = "recorded",
) -> dict[str, Any]:
    """Screen a recorded query again; say whether the result is identical, or what differs."""
    from yalu.screening.replay import replay_object
    from yalu.screening.replay import replay_screening as replay

    with _state(request).open_store() as store:
        return replay_object(replay(store, screening_id, against=against))
