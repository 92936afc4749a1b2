"""`GET /audit` and `GET /audit/{id}`: the screening audit trail as web pages.

The pages show what `yalu audit list` and `yalu audit show ID` print, read through the
same engine functions, to a signed-in caller whose role may read the audit trail; an
unknown id is a 404 page, never JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.routes.audit import MAX_LIMIT
from yalu.interfaces.web.pages import to_row
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission
from yalu.models.scores import shown_decimals

if TYPE_CHECKING:
    from yalu.interfaces.api.state import ScreeningState
    from yalu.models.audit import ScreeningRecord

router = APIRouter(
    include_in_schema=False, dependencies=[Depends(page_caller(Permission.READ_AUDIT))]
)

DEFAULT_LIMIT = 50
_TRUE = frozenset({"1", "true", "on", "yes"})


@dataclass(frozen=True, slots=True)
class TrailRow:
    """One row of the audit list: a screening with its best candidate."""

    id: int
    screened_at: str
    actor: str
    query_name: str
    lists: tuple[str, ...]
    top_candidate: str
    top_score: str
    has_match: bool
    top_entry: tuple[str, str] | None = None
    """(list, id) of the best candidate, for the link to its entry page."""


def to_trail_row(record: ScreeningRecord) -> TrailRow:
    """Return the audit-list row of one screening."""
    return TrailRow(
        id=record.id,
        screened_at=record.screened_at_text,
        actor=record.actor or "unknown",
        query_name=record.query.name,
        lists=tuple(record.lists_short),
        top_candidate=record.top_candidate,
        top_score=record.top_score,
        has_match=record.has_match,
        top_entry=(record.results[0].list, record.results[0].entity_id) if record.results else None,
    )


def parse_limit(text: str) -> int:
    """Return the `limit` query parameter as a number of rows; blank means the default.

    Raises:
        InputError: `text` is not a whole number from 1 to MAX_LIMIT.
    """
    text = text.strip()
    if not text:
        return DEFAULT_LIMIT
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise InputError(
            f"limit '{text}' is not a whole number from 1 to {MAX_LIMIT:,}",
            hint=f"Leave it blank for the latest {DEFAULT_LIMIT}",
        )
    return int(text)


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


def _render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    return render(request, template, context, status_code=status_code)


@router.get("/audit", response_class=HTMLResponse)
def audit_list(
    request: Request, name: str = "", matches_only: str = "", limit: str = ""
) -> HTMLResponse:
    """Show the latest screenings, newest first, filtered by name text and verdict."""
    from yalu.screening.audit import read_screenings

    is_matches_only = matches_only.strip().lower() in _TRUE
    form = {"name": name, "matches_only": is_matches_only, "limit": limit}
    page: dict[str, Any] = {
        "form": form,
        "rows": [],
        "error": None,
        "is_filtered": bool(name.strip()) or is_matches_only,
    }
    try:
        count = parse_limit(limit)
    except InputError as error:
        return _render(request, "audit_list.html", {**page, "error": str(error)}, status_code=422)
    with _state(request).open_store() as store:
        records = read_screenings(store, count, name=name, matches_only=is_matches_only)
    rows = [to_trail_row(record) for record in records]
    return _render(request, "audit_list.html", {**page, "rows": rows, "limit": count})


@router.get("/audit/{screening_id}", response_class=HTMLResponse)
def audit_show(request: Request, screening_id: str) -> HTMLResponse:
    """Show one screening: the query and its facts, lists, settings, verdict and candidates."""
    from yalu.screening.audit import get_screening

    try:
        # Text that is not a number is no id either: simply not found.
        if not (screening_id.isascii() and screening_id.isdigit()):
            raise NotFoundError(f"no screening {screening_id} in the audit trail")
        with _state(request).open_store() as store:
            record = get_screening(store, int(screening_id))
    except NotFoundError as error:
        # The problem only: the engine's hint names a CLI command; the page links the list.
        message = error.problem.rstrip(".") + "."
        return _render(request, "audit_show.html", {"error": message}, status_code=404)
    context: dict[str, Any] = {
        "record": record,
        "error": None,
        "facts": record.facts,
        "rows": [
            to_row(rank, match, decimals=shown_decimals(record.threshold))
            for rank, match in enumerate(record.results, start=1)
        ],
    }
    return _render(request, "audit_show.html", context)
