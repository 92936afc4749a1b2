"""`GET /monitor` (the alerts queue), `POST /monitor/decide` and `POST /review`.

The queue shows what `yalu monitor alerts` prints; each open alert, and each candidate on
the screening page of a subject with a reference (its id), takes a decision with a reason,
recorded through the same engine function as `yalu review` and `POST /decisions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from yalu.core.clock import utc_timestamp
from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.pages import screen_form
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission

if TYPE_CHECKING:
    from yalu.interfaces.api.state import ScreeningState

router = APIRouter(include_in_schema=False)

QUEUE_LIMIT = 500
"""Most alerts the queue page shows at once (oldest first)."""
_TRUE = frozenset({"1", "true", "on", "yes"})
FormText = Annotated[str, Form()]
Reader = Annotated[Caller, Depends(page_caller(Permission.READ_ALERTS))]
Reviewer = Annotated[Caller, Depends(page_caller(Permission.RECORD_DECISIONS))]


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


def _render_queue(
    request: Request, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    from yalu.screening.alerts import read_alerts

    show_all = bool(context.get("show_all"))
    with _state(request).open_store() as store:
        alerts = read_alerts(store, open_only=not show_all, limit=QUEUE_LIMIT)
    page = {"alerts": alerts, "show_all": show_all, "notice": "", "error": "", **context}
    return render(request, "alerts.html", page, status_code=status_code)


@router.get("/monitor", response_class=HTMLResponse)
def alerts_page(request: Request, caller: Reader, all: str = "", decided: str = "") -> HTMLResponse:
    """Show the open alerts (or every alert), oldest first, each ready for a decision."""
    notice = ""
    if decided.isascii() and decided.isdigit():
        notice = f"Decision {decided} recorded; its alerts are acknowledged."
    return _render_queue(request, {"show_all": all.strip().lower() in _TRUE, "notice": notice})


@router.post("/monitor/decide", response_class=HTMLResponse, response_model=None)
def decide_alert(
    request: Request,
    caller: Reviewer,
    subject_id: FormText = "",
    entity_id: FormText = "",
    list_name: Annotated[str, Form(alias="list")] = "",
    verdict: FormText = "",
    reason: FormText = "",
) -> HTMLResponse | RedirectResponse:
    """Record a decision on an alert's subject and entry, then show the queue again."""
    from yalu.screening.decisions import record_decision

    try:
        with _state(request).open_store() as store:
            record = record_decision(
                store,
                subject_id=subject_id,
                entity_id=entity_id,
                verdict=verdict,
                reason=reason,
                by=caller.name,
                at=utc_timestamp(),
                list_name=list_name or None,
            )
    except (InputError, NotFoundError) as error:
        status = 404 if isinstance(error, NotFoundError) else 422
        return _render_queue(request, {"error": str(error)}, status_code=status)
    target = request.url_for("alerts_page").include_query_params(decided=record.id)
    return RedirectResponse(str(target), status_code=303)


@router.post("/review", response_class=HTMLResponse)
def review_candidate(
    request: Request,
    caller: Reviewer,
    entity_id: FormText = "",
    list_name: Annotated[str, Form(alias="list")] = "",
    verdict: FormText = "",
    reason: FormText = "",
    name: FormText = "",
    schema_: Annotated[str, Form(alias="schema")] = "",
    birth_date: FormText = "",
    nationality: FormText = "",
    imo_number: FormText = "",
    reference: FormText = "",
) -> HTMLResponse:
    """Record a decision on a candidate of the screened subject, then screen it again."""
    from yalu.screening.decisions import record_decision

    form = {
        "name": name,
        "schema": schema_,
        "birth_date": birth_date,
        "nationality": nationality,
        "imo_number": imo_number,
        "reference": reference,
    }
    try:
        with _state(request).open_store() as store:
            record = record_decision(
                store,
                subject_id=reference,
                entity_id=entity_id,
                verdict=verdict,
                reason=reason,
                by=caller.name,
                at=utc_timestamp(),
                list_name=list_name or None,
            )
    except (InputError, NotFoundError) as error:
        return screen_form(request, form, caller=caller, notice=f"Not recorded: {error}")
    notice = f"Decision {record.id} recorded: {record.entity_id} is {record.verdict}."
    return screen_form(request, form, caller=caller, notice=notice)
