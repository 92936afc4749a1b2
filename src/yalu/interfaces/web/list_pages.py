"""`GET /lists/overview`: the lists in use, how old each is, and what each holds.

For each list: its source, version, publication date and age (with the warning shown when it
is older than `list_max_age_days` or undated), who loaded it and when, and its entries counted
by type and by programme (in the list's words and in yalu's vocabulary). `GET /lists` gives
the versions as JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from yalu.core.clock import utc_today
from yalu.core.errors import NotFoundError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission

if TYPE_CHECKING:
    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState

router = APIRouter(include_in_schema=False)
Reader = Annotated[Caller, Depends(page_caller(Permission.READ_LISTS))]

SHOWN_PROGRAMS = 12
"""Programmes listed per list; the rest are counted together."""


@router.get("/lists/overview", response_class=HTMLResponse)
def lists_page(request: Request, caller: Reader) -> HTMLResponse:
    """Show every list in use with its version, age and entries by type and programme."""
    state: ScreeningState = request.app.state.screening
    settings: Settings = request.app.state.settings
    loaded_at = {version.source: version for version in state.active_lists()}
    try:
        summaries = state.list_summaries()
    except NotFoundError:
        summaries = []
    today = utc_today()
    cards = [
        {
            "summary": summary,
            "stored": loaded_at.get(summary.version.source),
            "age": summary.version.freshness(today=today, max_age_days=settings.list_max_age_days),
            "programs": summary.by_program[:SHOWN_PROGRAMS],
            "other_programs": sum(n for _, n in summary.by_program[SHOWN_PROGRAMS:]),
        }
        for summary in summaries
    ]
    context = {
        "cards": cards,
        "max_age_days": settings.list_max_age_days,
        "entity_count": sum(summary.version.entity_count for summary in summaries),
    }
    return render(request, "lists.html", context)
