"""`GET /` and `POST /`: the screening page (form, lists in use, explained results)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from yalu.core.clock import utc_today
from yalu.core.errors import InputError, NotFoundError
from yalu.models.screening import SCHEMAS, Match

if TYPE_CHECKING:
    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState
    from yalu.screening.service import ScreeningResult

HERE = Path(__file__).resolve().parent
CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; form-action 'self'"

router = APIRouter(include_in_schema=False)

FormText = Annotated[str, Form()]


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
            (f.label, f"{f.effect:+.2f}", f.detail, f.effect >= 0) for f in match.features
        ),
    )


def mount_pages(app: FastAPI) -> None:
    """Add the screening and audit-trail pages, their templates and `/static` to `app`."""
    # Imported here: audit_pages imports MatchRow and the policy from this module.
    from yalu.interfaces.web.audit_pages import router as audit_router

    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
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
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, "screen.html", page, status_code=status_code)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@router.get("/", response_class=HTMLResponse)
def page(request: Request) -> HTMLResponse:
    """Show the empty form and the lists in use."""
    return _render(request, {})


@router.post("/", response_class=HTMLResponse)
def submit(
    request: Request,
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
            [query], threshold=settings.match_threshold, limit=settings.match_limit
        )
    except InputError as error:
        return _render(request, {"form": form, "error": str(error)}, status_code=422)
    except NotFoundError as error:
        return _render(request, {"form": form, "error": str(error)}, status_code=404)
    return _render(request, {"form": form, "result": result, "rows": _rows(result)})


def _rows(result: ScreeningResult) -> list[MatchRow]:
    return [to_row(rank, match) for rank, match in enumerate(result.matches, start=1)]
