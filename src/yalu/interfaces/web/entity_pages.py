"""`GET /entities/{list}/{id}`: one list entry as a page, or as JSON for API callers.

The page shows every field the list gives, the version of its list (with its age warning)
and the other lists' entries of the same party, each linked to its own page. The same URL
answers JSON (`EntryOut`) to any caller that does not prefer `text/html` (or sends
`?format=json`); a browser without a session is sent to sign-in, an API caller without a key
gets a 401. Both need the `read_lists` permission.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from yalu.core.clock import utc_today
from yalu.core.errors import NotFoundError
from yalu.interfaces.api.access import Caller, bearer_token, mark_guard, require
from yalu.interfaces.api.entry_schemas import EntryOut
from yalu.interfaces.api.routes.screening import ERRORS
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission

if TYPE_CHECKING:
    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState

router = APIRouter(tags=["lists"])


def entity_url(list_name: str, entity_id: str) -> str:
    """Return the path of an entry's page (`/entities/un_sc/KPe.002`), each part quoted."""
    return f"/entities/{quote(list_name, safe='')}/{quote(entity_id, safe='')}"


def wants_html(request: Request) -> bool:
    """Return True when the caller prefers HTML to JSON (a browser); `?format=json` is JSON."""
    if request.query_params.get("format") == "json":
        return False
    accept = request.headers.get("accept", "").lower()
    if "text/html" not in accept:
        return False
    json_at = accept.find("application/json")
    return json_at < 0 or accept.find("text/html") < json_at


def page_or_api_caller(permission: Permission) -> Callable[[Request], Awaitable[Caller]]:
    """Return the guard of a route serving both a page and JSON.

    A browser without a Bearer key goes through the page guard (redirect to sign-in, 403
    page); any other caller through the API guard (401 or 403 as JSON).
    """
    page_guard = page_caller(permission)
    api_guard = require(permission)

    async def guard(request: Request) -> Caller:
        if wants_html(request) and bearer_token(request) is None:
            return await page_guard(request)
        return await api_guard(request)

    mark_guard(guard, permission)
    return guard


Reader = Annotated[Caller, Depends(page_or_api_caller(Permission.READ_LISTS))]

_EXAMPLE = {
    "entity": {
        "id": "KPe.002",
        "list": "un_sc",
        "schema": "Organization",
        "caption": "KOREA RYONBONG GENERAL CORPORATION",
        "names": ["KOREA RYONBONG GENERAL CORPORATION", "KOREA YONBONG GENERAL CORPORATION"],
        "weak_aliases": [],
        "birth_dates": [],
        "nationalities": [],
        "countries": ["kp"],
        "addresses": ["Potonggang District, Pyongyang, DPRK"],
        "identifiers": [],
        "programs": ["DPRK"],
        "regimes": ["dprk/1718"],
        "listed_on": "2009-04-24",
        "notes": "",
        "same_as": [],
    },
    "list_version": {
        "source": "un_sc",
        "version": "2026-02-27T00:00:09.554Z",
        "label": "2026-02-27T00:00:09.554Z",
        "published": "2026-02-27T00:00:09.554Z",
        "age_days": 3,
        "warning": "",
    },
    "same_party": [
        {
            "list": "ofac_sdn",
            "id": "9347",
            "schema": "Organization",
            "caption": "KOREA RYONBONG GENERAL CORPORATION",
        }
    ],
    "grouped_because": [
        "KPe.002 (un_sc) and 9347 (ofac_sdn): the same names 'KOREA RYONBONG GENERAL "
        "CORPORATION' and 'KOREA YONBONG GENERAL CORPORATION'"
    ],
}


@router.get(
    "/entities/{list_name}/{entity_id:path}",
    response_model=EntryOut,
    responses={
        **ERRORS,
        200: {
            "description": "The entry (JSON), or its page for a browser (text/html).",
            "content": {"application/json": {"example": _EXAMPLE}, "text/html": {}},
        },
        404: {"description": "No list or entry by that id (a page for a browser)."},
    },
)
def entity(request: Request, list_name: str, entity_id: str, caller: Reader) -> Any:
    """Return every field of one list entry, its list's version and the same party elsewhere."""
    state: ScreeningState = request.app.state.screening
    settings: Settings = request.app.state.settings
    is_page = wants_html(request)
    try:
        entry = state.entry(list_name, entity_id)
    except NotFoundError as error:
        if not is_page:
            raise
        context = {"error": str(error), "entry": None}
        return _page(request, context, status_code=404)
    freshness = entry.list_version.freshness(
        today=utc_today(), max_age_days=settings.list_max_age_days
    )
    body = EntryOut.from_entry(entry, freshness)
    if not is_page:
        return body
    return _page(request, {"entry": entry, "out": body, "error": None})


def _page(request: Request, context: dict[str, Any], *, status_code: int = 200) -> Response:
    page: HTMLResponse = render(request, "entity.html", context, status_code=status_code)
    return page
