"""`GET /` and `POST /`: the screening page (form, lists in use, explained results).

The search form is a GET form (`search_form.py`), so a search is a URL to bookmark or share;
`POST /` keeps screening the older form's fields (the decision buttons send them back).
Both need a signed-in caller whose role may screen (`signin.page_caller`); the form carries
the session's CSRF token, and each screening is audited under the caller's key name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from yalu.core.clock import utc_today
from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.search_form import (
    MAX_LIMIT,
    SearchForm,
    parse_limit,
    parse_threshold,
    read_search_form,
)
from yalu.interfaces.web.signin import CONTENT_SECURITY_POLICY, page_caller, render
from yalu.models.access import Permission
from yalu.models.scores import (
    SHOWN_DECIMALS,
    format_effect,
    format_score,
    format_threshold,
    shown_decimals,
)
from yalu.models.screening import SCHEMAS, Decision, Match, MatchGroup

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
    decision: Decision | None = None
    """The reviewed decision in force on this candidate, if any."""
    others: tuple[tuple[str, str], ...] = ()
    """(list, id) of the other lists' entries of the same party."""
    grouped: tuple[str, ...] = ()
    """Why those entries are the same party, one sentence per link."""


def to_row(rank: int, match: Match, *, decimals: int = SHOWN_DECIMALS) -> MatchRow:
    """Return the table row of one candidate, its score cut to `decimals` (never rounded up)."""
    caption = match.caption or match.name
    return MatchRow(
        rank=rank,
        score=format_score(match.score, decimals),
        is_match=match.is_match,
        list=match.list,
        schema=match.schema,
        entity_id=match.entity_id,
        name=caption,
        matched_name=match.name if match.name != caption else "",
        name_reason=f"'{match.query_name}' ~ '{match.name}'",
        features=tuple(
            (f.label, format_effect(f.effect), f.detail, f.effect >= 0) for f in match.features
        ),
        decision=match.decision,
    )


def to_group_row(rank: int, group: MatchGroup, *, decimals: int = SHOWN_DECIMALS) -> MatchRow:
    """Return the table row of one party: its best entry, and every other list's entry."""
    others = tuple((entry.list, entry.entity_id) for entry in group.entries[1:])
    row = to_row(rank, group.best, decimals=decimals)
    return replace(row, others=others, grouped=group.reasons)


def mount_pages(app: FastAPI) -> None:
    """Add sign-in, the screening and audit-trail pages, their templates and `/static`."""
    # Imported here: audit_pages imports MatchRow from this module.
    from yalu.interfaces.web.audit_pages import router as audit_router
    from yalu.interfaces.web.batch_pages import router as batch_router
    from yalu.interfaces.web.entity_pages import entity_url
    from yalu.interfaces.web.entity_pages import router as entity_router
    from yalu.interfaces.web.goods_pages import router as goods_router
    from yalu.interfaces.web.list_pages import router as list_router
    from yalu.interfaces.web.monitor_pages import router as monitor_router
    from yalu.interfaces.web.signin import install_page_guards

    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.filters["threshold"] = format_threshold
    app.state.templates.env.globals["entity_url"] = entity_url
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_page_guards(app)
    app.include_router(router)
    app.include_router(audit_router)
    app.include_router(entity_router)
    app.include_router(batch_router)
    app.include_router(goods_router)
    app.include_router(list_router)
    app.include_router(monitor_router)


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
        "form": SearchForm(),
        "error": None,
        "reason": "",
        "scope": "",
        "used_threshold": settings.match_threshold,
        "max_limit": MAX_LIMIT,
        "programs": _programs(),
        "result": None,
        "rows": [],
        "notice": None,
        **context,
    }
    return render(request, "screen.html", page, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def page(request: Request, caller: Screener) -> HTMLResponse:
    """Show the form; with `name` in the URL, screen it and show the candidates.

    The form is sent with GET, so every search is a URL (`/?name=Kim+Chol&lists=un_sc`).
    """
    params = request.query_params
    try:
        form = read_search_form(params, params.getlist("lists"))
    except InputError as error:
        return _render(request, {"error": _page_message(error)}, status_code=422)
    if "name" not in params:
        return _render(request, {"form": form})
    return screen_search(request, form, caller=caller)


@router.post("/", response_class=HTMLResponse)
def submit(
    request: Request,
    caller: Screener,
    name: FormText = "",
    schema_: Annotated[str, Form(alias="schema")] = "",
    birth_date: FormText = "",
    nationality: FormText = "",
    imo_number: FormText = "",
    reference: FormText = "",
) -> HTMLResponse:
    """Screen the submitted name and show every candidate with its explanation."""
    form = {
        "name": name,
        "schema": schema_,
        "birth_date": birth_date,
        "nationality": nationality,
        "imo_number": imo_number,
        "reference": reference,
    }
    return screen_form(request, form, caller=caller)


def screen_form(
    request: Request, form: dict[str, str], *, caller: Caller, notice: str = ""
) -> HTMLResponse:
    """Screen the name of a submitted form and render the page with its candidates.

    `form["reference"]`, when given, is the subject's id: decisions recorded on it apply
    to its candidates, and each candidate offers to record one. The screening is audited
    under `caller`'s name.
    """
    return screen_search(request, SearchForm(values=form), caller=caller, notice=notice)


def screen_search(
    request: Request, form: SearchForm, *, caller: Caller, notice: str = ""
) -> HTMLResponse:
    """Screen the form's subject within its filters and render the page with its candidates.

    The screening is audited under `caller`'s name; a wrong value is a one-line error (422),
    no list loaded or no entry in the filters' scope a 404.
    """
    from yalu.screening.queries import make_query
    from yalu.screening.scopes import parse_scope
    from yalu.screening.top_reason import top_reason

    state: ScreeningState = request.app.state.screening
    settings: Settings = request.app.state.settings
    try:
        threshold = parse_threshold(form.get("threshold"), default=settings.match_threshold)
        limit = parse_limit(form.get("limit"), default=settings.match_limit)
        query = make_query(
            form.get("name"),
            id=form.get("reference").strip() or "1",
            schema=form.get("schema") or None,
            birth_date=form.get("birth_date") or None,
            nationality=form.get("nationality") or None,
            country=form.get("country") or None,
            imo_number=form.get("imo_number") or None,
            passport_number=form.get("passport_number") or None,
            max_name_chars=settings.max_name_chars,
        )
        scope = parse_scope(
            lists=form.lists,
            program=form.get("program"),
            schema=form.get("only_schema"),
            country=form.get("only_country"),
            known_lists=[version.source for version in state.active_lists()],
        )
        (result,) = state.screen(
            [query], threshold=threshold, limit=limit, actor=caller.name, scope=scope
        )
    except InputError as error:
        return _render(request, {"form": form, "error": _page_message(error)}, status_code=422)
    except NotFoundError as error:
        return _render(request, {"form": form, "error": str(error)}, status_code=404)
    context = {
        "form": form,
        "result": result,
        "rows": _rows(result, shown_decimals(threshold)),
        "notice": notice,
        "reason": top_reason(result.query.name, result.matches, threshold=threshold),
        "scope": scope.describe(),
        "used_threshold": threshold,
    }
    return _render(request, context)


def _page_message(error: InputError) -> str:
    """Return the error's line, with a page's hint instead of a command's."""
    if error.hint and "yalu " in error.hint:
        return f"{error.problem.rstrip('.')}. Type the name to screen in the Name field."
    return str(error)


def _programs() -> list[str]:
    """Return the programme families and regimes the form suggests."""
    from yalu.formats.regimes import vocabulary

    known = vocabulary()
    return sorted({*known.families, *known.regime_ids()})


def _rows(result: ScreeningResult, decimals: int) -> list[MatchRow]:
    return [
        to_group_row(rank, group, decimals=decimals)
        for rank, group in enumerate(result.groups, start=1)
    ]
