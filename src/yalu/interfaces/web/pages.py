"""`GET /` and `POST /`: the screening page (form, lists in use, explained results).

Both need a signed-in caller whose role may screen (`signin.page_caller`); the form carries
the session's CSRF token, and each screening is audited under the caller's key name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from yalu.core.clock import utc_today
from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.signin import CONTENT_SECURITY_POLICY, page_caller, render
from yalu.models.access import Permission
from yalu.models.screening import SCHEMAS, Match

if TYPE_CHECKING:
    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState
    from yalu.screening.service import ScreeningResult

HERE = Path(__file__).resolve().parent
__all__ = ["CONTENT_SECURITY_POLICY", "MatchRow", "mount_pages", "to_row"]

router = APIRouter(include_in_schema=False)

FormText = Annotated[str, Form()]
Screener = Annotated[Caller, Depends(page_caller(Permission.SCREEN))]


@dataclass(frozen=True, slots=True)
class MatchRow:
    """One results-table row: a candidate with its score split into reasons."""

    rank: int
    score: str
    is_match: bool
    list: str
    schema: str
    entity_id: str
    name: str
    matched_name: str
    name_reason: str
    features: tuple[tuple[str, str, str, bool], ...]
    """(feature, signed effect, detail, effect is positive)."""


def to_row(rank: int, match: Match) -> MatchRow:
    """Return the table row of one candidate."""
    caption = match.caption or match.name
    return MatchRow(
        rank=rank,
        score=f"{match.score:.2f}",
        is_match=match.is_match,
        list=match.list,
        schema=match.schema,
        entity_id=match.entity_id,
        name=caption,
        matched_name=match.name if match.name != caption else "",
        name_reason=f"'{match.query_name}' ~ '{match.name}'",
        features=tuple(
            (f.name, f"{f.effect:+.2f}", f.detail, f.effect >= 0) for f in match.features
        ),
    )


def mount_pages(app: FastAPI) -> None:
    """Add sign-in, the screening and audit-trail pages, their templates and `/static`."""
    # Imported here: audit_pages imports MatchRow from this module.
    from yalu.interfaces.web.audit_pages import router as audit_router
    from yalu.interfaces.web.signin import install_page_guards

    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_page_guards(app)
    app.include_router(router)
    app.include_router(audit_router)


def _render(request: Request, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    """Render the page with the lists in use, the form values and any results or error."""
    state: ScreeningState = request.app.state.screening
    settings: Settings = request.app.state.settings
    lists = state.active_lists()
    today = utc_today()
    page = {
        "lists": lists,
        "ages": [
            version.freshness(today=today, max_age_days=settings.list_max_age_days)
            for version in lists
        ],
        "entity_count": sum(version.entity_count for version in lists),
        "schemas": SCHEMAS,
        "threshold": settings.match_threshold,
        "form": {},
        "error": None,
        "result": None,
        "rows": [],
        **context,
    }
    return render(request, "screen.html", page, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def page(request: Request, caller: Screener) -> HTMLResponse:
    """Show the empty form and the lists in use."""
    return _render(request, {})


@router.post("/", response_class=HTMLResponse)
def submit(
    request: Request,
    caller: Screener,
    name: FormText = "",
    schema_: Annotated[str, Form(alias="schema")] = "",
    birth_date: FormText = "",
    nationality: FormText = "",
    imo_number: FormText = "",
) -> HTMLResponse:
    """Screen the submitted name and show every candidate with its explanation."""
    from yalu.screening.queries import make_query

    form = {
        "name": name,
        "schema": schema_,
        "birth_date": birth_date,
        "nationality": nationality,
        "imo_number": imo_number,
    }
    state: ScreeningState = request.app.state.screening
    settings: Settings = request.app.state.settings
    try:
        query = make_query(
            name,
            id="1",
            schema=schema_ or None,
            birth_date=birth_date or None,
            nationality=nationality or None,
            imo_number=imo_number or None,
        )
        (result,) = state.screen(
            [query],
            threshold=settings.match_threshold,
            limit=settings.match_limit,
            actor=caller.name,
        )
    except InputError as error:
        return _render(request, {"form": form, "error": str(error)}, status_code=422)
    except NotFoundError as error:
        return _render(request, {"form": form, "error": str(error)}, status_code=404)
    return _render(request, {"form": form, "result": result, "rows": _rows(result)})


def _rows(result: ScreeningResult) -> list[MatchRow]:
    return [to_row(rank, match) for rank, match in enumerate(result.matches, start=1)]
