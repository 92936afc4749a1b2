"""`GET /audit` and `GET /audit/{id}`: the screening audit trail as web pages.

`/audit` pages through the whole trail newest first (`before=ID` is the next page) with
filters on the name, the verdict, who screened and the days; `/audit/export.csv` streams
every row the filters keep as CSV, read a thousand at a time.

The pages show what `yalu audit list` and `yalu audit show ID` print, read through the
same engine functions, to a signed-in caller whose role may read the audit trail; an
unknown id is a 404 page, never JSON.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.routes.audit import MAX_LIMIT
from yalu.interfaces.web.pages import to_row
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission
from yalu.models.scores import shown_decimals

if TYPE_CHECKING:
    from yalu.interfaces.api.state import ScreeningState
    from yalu.models.audit import ScreeningRecord
    from yalu.screening.store import Store

router = APIRouter(
    include_in_schema=False, dependencies=[Depends(page_caller(Permission.READ_AUDIT))]
)

DEFAULT_LIMIT = 50
MAX_FILTER_LENGTH = 200
EXPORT_BATCH = 1000
"""Audit rows read (and written to the CSV) at a time by the export."""
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


@dataclass(frozen=True, slots=True)
class TrailFilters:
    """The audit list's filters, as typed, checked by `read_filters`."""

    name: str = ""
    matches_only: bool = False
    actor: str = ""
    since: str = ""
    until: str = ""

    @property
    def is_filtered(self) -> bool:
        """Return True when any filter is set."""
        return bool(
            self.name.strip() or self.matches_only or self.actor or self.since or self.until
        )

    def query(self, **more: str) -> str:
        """Return the filters as a URL query (`name=kim&matches_only=true`), with `more`."""
        pairs = {
            "name": self.name,
            "matches_only": "true" if self.matches_only else "",
            "actor": self.actor,
            "since": self.since,
            "until": self.until,
            **more,
        }
        return urlencode({key: value for key, value in pairs.items() if value})


def read_filters(name: str, matches_only: str, actor: str, since: str, until: str) -> TrailFilters:
    """Return the filters of the audit list's URL.

    Raises:
        InputError: a day is not an ISO date (YYYY-MM-DD), or a text is over 200 characters.
    """
    for label, value in (("name", name), ("actor", actor)):
        if len(value) > MAX_FILTER_LENGTH:
            raise InputError(
                f"the {label} filter is longer than {MAX_FILTER_LENGTH} characters",
                hint="Shorten it",
            )
    for label, value in (("since", since), ("until", until)):
        text = value.strip()
        if text and not _is_day(text):
            raise InputError(
                f"{label} '{text}' is not a day", hint="Write it as YYYY-MM-DD, e.g. 2026-12-01"
            )
    return TrailFilters(
        name=name,
        matches_only=matches_only.strip().lower() in _TRUE,
        actor=actor.strip(),
        since=since.strip(),
        until=until.strip(),
    )


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def parse_before(text: str) -> int | None:
    """Return the `before` cursor (an audit id), None when blank.

    Raises:
        InputError: not a whole number.
    """
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise InputError(f"before '{text}' is not an audit row id", hint="Start from the newest")
    return int(text)


def _read(store: Store, filters: TrailFilters, count: int, before: int | None) -> list[Any]:
    from yalu.screening.audit import read_screenings

    return read_screenings(
        store,
        count,
        name=filters.name,
        matches_only=filters.matches_only,
        before_id=before,
        actor=filters.actor or None,
        since=filters.since or None,
        until=filters.until or None,
    )


@router.get("/audit", response_class=HTMLResponse)
def audit_list(
    request: Request,
    name: str = "",
    matches_only: str = "",
    limit: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
    before: str = "",
) -> HTMLResponse:
    """Show screenings newest first, a page at a time, filtered by name, verdict, who, when."""
    form = {
        "name": name,
        "matches_only": matches_only.strip().lower() in _TRUE,
        "limit": limit,
        "actor": actor,
        "since": since,
        "until": until,
    }
    page: dict[str, Any] = {"form": form, "rows": [], "error": None, "is_filtered": False}
    try:
        filters = read_filters(name, matches_only, actor, since, until)
        count = parse_limit(limit)
        cursor = parse_before(before)
    except InputError as error:
        return _render(request, "audit_list.html", {**page, "error": str(error)}, status_code=422)
    with _state(request).open_store() as store:
        records = _read(store, filters, count + 1, cursor)
    more = len(records) > count
    records = records[:count]
    rows = [to_trail_row(record) for record in records]
    paging = {"limit": limit} if limit.strip() else {}
    context = {
        **page,
        "rows": rows,
        "limit": count,
        "is_filtered": filters.is_filtered,
        "is_paged": cursor is not None,
        "newest_url": "?" + filters.query(**paging),
        "older_url": "?" + filters.query(**paging, before=str(rows[-1].id)) if more else "",
        "export_url": "/audit/export.csv?" + filters.query(),
    }
    return _render(request, "audit_list.html", context)


@router.get("/audit/export.csv", response_class=StreamingResponse)
def audit_export(
    request: Request,
    name: str = "",
    matches_only: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
) -> Response:
    """Download every screening the filters keep as CSV (as `yalu audit list --format csv`)."""
    from yalu.interfaces.cli.audit import write_records_csv

    try:
        filters = read_filters(name, matches_only, actor, since, until)
    except InputError as error:
        form = {"name": name, "matches_only": False, "limit": "", "actor": actor}
        context = {"form": form, "rows": [], "error": str(error), "is_filtered": True}
        return _render(request, "audit_list.html", context, status_code=422)
    state = _state(request)

    def chunks() -> Iterator[str]:
        before: int | None = None
        is_first = True
        while True:
            with state.open_store() as store:
                records = _read(store, filters, EXPORT_BATCH, before)
            if not records:
                return
            out = io.StringIO(newline="")
            write_records_csv(records, out)
            text = out.getvalue()
            yield text if is_first else text.split("\r\n", 1)[1]  # the header once
            is_first = False
            before = records[-1].id
            if len(records) < EXPORT_BATCH:
                return

    headers = {"Content-Disposition": 'attachment; filename="yalu-audit.csv"'}
    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8", headers=headers)


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
