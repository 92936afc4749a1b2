"""`GET /lists/{source}/diff`, `GET /alerts`, `POST /decisions` and `GET /decisions`.

Each answer is what the CLI prints with `--format json`: `yalu lists diff`, `yalu monitor
alerts` and `yalu monitor decisions`; `POST /decisions` is `yalu review`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from yalu.core.clock import utc_timestamp
from yalu.interfaces.api.access import Caller, require
from yalu.interfaces.api.routes.screening import AUTH_ERRORS
from yalu.interfaces.api.schemas import ErrorOut
from yalu.interfaces.api.state import ScreeningState
from yalu.models.access import Permission

router = APIRouter(tags=["monitoring"])

MAX_ALERTS = 1000
"""Most alerts one request returns; page on with `after_id`."""

_ERRORS: dict[int | str, dict[str, object]] = {
    **AUTH_ERRORS,
    422: {"model": ErrorOut, "description": "The request is invalid (one-line detail)."},
    500: {"model": ErrorOut, "description": "The database cannot be read or written."},
}


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


class EntrySummaryOut(BaseModel):
    """An entry added or removed."""

    entity_id: str
    name: str


class FieldChangeOut(BaseModel):
    """The values one field gained and lost."""

    added: list[str]
    removed: list[str]


class EntryChangeOut(BaseModel):
    """An entry whose meaning changed, with the fields that changed."""

    entity_id: str
    name: str
    fields: list[str]
    changes: dict[str, FieldChangeOut]


class DiffCountsOut(BaseModel):
    """How many entries were added, removed and changed."""

    added: int
    removed: int
    changed: int


class ListDiffOut(BaseModel):
    """`GET /lists/{source}/diff`: what changed between two versions of a list."""

    model_config = ConfigDict(populate_by_name=True)

    source: str
    from_: str | None = Field(alias="from", description="The older version; null for none.")
    to: str = Field(description="The newer version.")
    counts: DiffCountsOut
    added: list[EntrySummaryOut]
    removed: list[EntrySummaryOut]
    changed: list[EntryChangeOut]


class AlertOut(BaseModel):
    """One alert, as `yalu monitor alerts --format json` and the webhook give it."""

    model_config = ConfigDict(populate_by_name=True)

    alert_id: int
    subject_id: str
    subject_name: str
    kind: str = Field(description="new_match, changed_match or delisted.")
    list_: str = Field(alias="list")
    entity_id: str
    entity_name: str
    score: float
    list_version: str = Field(description="The list version that raised it.")
    created: str = Field(description="ISO time, UTC.")
    status: str = Field(description="open, or acknowledged by a decision.")
    fields: list[str] = Field(description="For changed_match: the entry's fields that changed.")
    decision_id: int | None = Field(description="The decision that acknowledged it.")


class DecisionIn(BaseModel):
    """`POST /decisions`: a reviewed verdict on one candidate of one subject."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    subject_id: str = Field(max_length=200, description="The subject's id (`id` column).")
    entity_id: str = Field(max_length=200, description="The list entry's id.")
    list_: str | None = Field(
        default=None,
        alias="list",
        max_length=100,
        description="The list, needed only when the entry id is on several lists.",
    )
    verdict: str = Field(description="false_positive or true_match.")
    reason: str = Field(max_length=2000, description="Why, in the analyst's words.")


class DecisionRecordOut(BaseModel):
    """A stored decision."""

    model_config = ConfigDict(populate_by_name=True)

    decision_id: int
    subject_id: str
    subject_name: str
    list_: str = Field(alias="list")
    entity_id: str
    entity_name: str = Field(description="The entry's name; '' if it was off the list.")
    verdict: str
    reason: str
    by: str = Field(description="Who decided.")
    at: str = Field(description="When (ISO time, UTC).")


@router.get(
    "/lists/{source}/diff",
    response_model=ListDiffOut,
    response_model_by_alias=True,
    responses={404: {"model": ErrorOut, "description": "No such list or version."}, **_ERRORS},
    dependencies=[Depends(require(Permission.READ_LISTS))],
)
def list_diff(
    source: str,
    request: Request,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            max_length=100,
            description="Older version (default: the one before `to`).",
        ),
    ] = None,
    to: Annotated[
        str | None, Query(max_length=100, description="Newer version (default: the active one).")
    ] = None,
) -> dict[str, Any]:
    """Return the entries added, removed and changed (by meaning) between two versions."""
    from yalu.screening.diff import diff_list

    with _state(request).open_store() as store:
        return diff_list(store, source, from_text=from_, to_text=to).to_json()


@router.get(
    "/alerts",
    response_model=list[AlertOut],
    response_model_by_alias=True,
    responses=_ERRORS,
    dependencies=[Depends(require(Permission.READ_ALERTS))],
)
def alerts(
    request: Request,
    open_only: Annotated[
        bool, Query(alias="open", description="Only alerts not acknowledged yet.")
    ] = False,
    subject_id: Annotated[
        str | None, Query(max_length=200, description="Only this subject's alerts.")
    ] = None,
    after_id: Annotated[int, Query(ge=0, description="Only alerts numbered above this.")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_ALERTS, description="Most alerts returned.")] = 100,
) -> list[dict[str, Any]]:
    """Return alerts in the order raised (oldest first); page on with `after_id`."""
    from yalu.screening.alerts import read_alerts

    with _state(request).open_store() as store:
        found = read_alerts(
            store, open_only=open_only, subject_id=subject_id, after_id=after_id, limit=limit
        )
    return [alert.to_json() for alert in found]


@router.post(
    "/decisions",
    response_model=DecisionRecordOut,
    response_model_by_alias=True,
    status_code=201,
    responses={
        404: {"model": ErrorOut, "description": "No such subject with this candidate."},
        **_ERRORS,
    },
)
def decide(
    body: DecisionIn,
    request: Request,
    caller: Annotated[Caller, Depends(require(Permission.RECORD_DECISIONS))],
) -> dict[str, object]:
    """Record a reviewed decision (as `yalu review`) and acknowledge the subject's alerts."""
    from yalu.screening.decisions import record_decision

    with _state(request).open_store() as store:
        record = record_decision(
            store,
            subject_id=body.subject_id,
            entity_id=body.entity_id,
            verdict=body.verdict,
            reason=body.reason,
            by=caller.name,
            at=utc_timestamp(),
            list_name=body.list_,
        )
    return record.to_json()


@router.get(
    "/decisions",
    response_model=list[DecisionRecordOut],
    response_model_by_alias=True,
    responses=_ERRORS,
    dependencies=[Depends(require(Permission.READ_ALERTS))],
)
def decisions(
    request: Request,
    subject_id: Annotated[
        str | None, Query(max_length=200, description="Only this subject's decisions.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ALERTS, description="Most returned.")] = 100,
) -> list[dict[str, object]]:
    """Return reviewed decisions in the order recorded: who decided what, when and why."""
    from yalu.screening.decisions import read_decisions

    with _state(request).open_store() as store:
        found = read_decisions(store, subject_id=subject_id, limit=limit)
    return [record.to_json() for record in found]
