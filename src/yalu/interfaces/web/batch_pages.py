"""`/batch`: screen a CSV of names from the page, see the results, download them.

The upload is the file `yalu screen --input` reads (a `name` column; `id`, `schema`,
`birth_date`, `nationality`, `country`, `imo_number`, `passport_number` optional), read and
screened by the same engine functions, each name audited under the caller's key. The page
shows one row per name, matches first; the results can be downloaded as CSV (formula-safe),
JSON (what `yalu screen --input FILE --format csv|json` prints) or XLSX.

Results are kept in the server's memory for the caller who screened them (the last
`KEPT_BATCHES` uploads, `Kept`), so a download never screens (or audits) a name twice; after a
restart, screen the file again.
"""

from __future__ import annotations

import csv
import io
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission
from yalu.models.scores import format_score, shown_decimals

if TYPE_CHECKING:
    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState
    from yalu.screening.service import ScreeningResult

router = APIRouter(include_in_schema=False)
Screener = Annotated[Caller, Depends(page_caller(Permission.SCREEN))]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest names CSV the page accepts; larger files go through `yalu screen --input`."""
MAX_NAMES = 5_000
"""Most names in one upload."""
KEPT_BATCHES = 20
"""Batches whose results are kept for download, oldest dropped first."""
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class Batch:
    """One screened upload: the file's name, the threshold and the results in file order."""

    file: str
    threshold: float
    results: tuple[ScreeningResult, ...]


class Kept:
    """The last `KEPT_BATCHES` results of page uploads, by a random token, for downloads.

    Each is kept for the key that made it; another caller's token is not found.
    """

    def __init__(self) -> None:
        """Start empty."""
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[str, object]] = OrderedDict()

    def keep(self, key_id: str, value: object) -> str:
        """Keep `value` for `key_id` and return its token; drop the oldest beyond the limit."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._kept[token] = (key_id, value)
            while len(self._kept) > KEPT_BATCHES:
                self._kept.popitem(last=False)
        return token

    def get(self, token: str, caller: Caller) -> object:
        """Return what was kept under `token` for the caller.

        Raises:
            NotFoundError: no such token, or another caller's.
        """
        with self._lock:
            found = self._kept.get(token)
        if found is None or found[0] != caller.key_id:
            raise NotFoundError(
                "these results are no longer kept", hint="Upload the file again to screen it"
            )
        return found[1]


def kept_results(request: Request) -> Kept:
    """Return the app's store of kept upload results (made on first use)."""
    app_state = request.app.state
    if not hasattr(app_state, "kept_results"):
        app_state.kept_results = Kept()
    kept: Kept = app_state.kept_results
    return kept


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One name of a batch, for the results table."""

    position: int
    id: str
    name: str
    has_match: bool
    top_list: str
    top_id: str
    top_caption: str
    top_score: str
    lists: str
    candidates: int


def to_batch_rows(batch: Batch) -> list[BatchRow]:
    """Return one row per name, matches first, then by best score; file order otherwise."""
    decimals = shown_decimals(batch.threshold)
    rows = []
    for position, result in enumerate(batch.results, start=1):
        top = result.groups[0] if result.groups else None
        rows.append(
            BatchRow(
                position=position,
                id=result.query.id,
                name=result.query.name,
                has_match=result.has_match,
                top_list=top.best.list if top else "",
                top_id=top.best.entity_id if top else "",
                top_caption=(top.best.caption or top.best.name) if top else "",
                top_score=format_score(top.best.score, decimals) if top else "",
                lists=", ".join(top.lists) if top else "",
                candidates=len(result.groups),
            )
        )
    best = [result.matches[0].score if result.matches else 0.0 for result in batch.results]
    return sorted(rows, key=lambda row: (not row.has_match, -best[row.position - 1]))


def download_stem(file: str) -> str:
    """Return a file's name without its suffix, safe in a header (ASCII letters, digits, ._-)."""
    stem = PurePath(file).stem
    return "".join(c for c in stem if c.isascii() and (c.isalnum() or c in "._-")) or "results"


def _page(request: Request, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    page = {
        "error": None,
        "rows": [],
        "token": "",
        "batch": None,
        "max_names": MAX_NAMES,
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        **context,
    }
    return render(request, "batch.html", page, status_code=status_code)


@router.get("/batch", response_class=HTMLResponse)
def batch_form(request: Request, caller: Screener) -> HTMLResponse:
    """Show the upload form."""
    return _page(request, {})


@router.post("/batch", response_class=HTMLResponse)
async def batch_upload(request: Request, caller: Screener) -> HTMLResponse:
    """Screen the uploaded names and show the results, matches first."""
    from starlette.concurrency import run_in_threadpool

    settings: Settings = request.app.state.settings
    form = await request.form()
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("no file was chosen", hint="Choose a CSV file with a 'name' column")
        name = PurePath(upload.filename).name
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        batch = await run_in_threadpool(_screen, request, data, name, caller, settings)
    except (InputError, NotFoundError) as error:
        status = 404 if isinstance(error, NotFoundError) else 422
        return _page(request, {"error": str(error)}, status_code=status)
    token = kept_results(request).keep(caller.key_id, batch)
    rows = to_batch_rows(batch)
    return _page(request, {"rows": rows, "token": token, "batch": batch})


def _screen(request: Request, data: bytes, name: str, caller: Caller, settings: Settings) -> Batch:
    """Read the names CSV as `yalu screen --input` does and screen it.

    Raises:
        InputError: too large, not UTF-8, malformed, or more than MAX_NAMES names.
        NotFoundError: no list is loaded.
    """
    from yalu.screening.queries import decode_query_bytes, read_queries

    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
            path=name,
            hint="Screen it with `yalu screen --input FILE`",
        )
    queries = read_queries(decode_query_bytes(data, name), name)
    if len(queries) > MAX_NAMES:
        raise InputError(
            f"{len(queries):,} names; the page screens at most {MAX_NAMES:,}",
            path=name,
            hint="Split the file, or screen it with `yalu screen --input FILE`",
        )
    state: ScreeningState = request.app.state.screening
    threshold = settings.match_threshold
    results = state.screen(
        queries, threshold=threshold, limit=settings.match_limit, actor=caller.name
    )
    return Batch(name, threshold, tuple(results))


@router.get("/batch/{token}/results.{fmt}", response_class=Response)
def batch_download(request: Request, token: str, fmt: str, caller: Screener) -> Response:
    """Download a batch's results as CSV, JSON or XLSX, in file order."""
    from yalu.formats.xlsx_table import write_xlsx_table
    from yalu.interfaces.cli.render_screening import write_csv, write_json

    try:
        if fmt not in FORMATS:
            raise NotFoundError(f"no format '{fmt}'", hint="Use csv, json or xlsx")
        batch = kept_results(request).get(token, caller)
        if not isinstance(batch, Batch):
            raise NotFoundError("these results are not a batch of names")
    except NotFoundError as error:
        return _page(request, {"error": str(error)}, status_code=404)
    text = io.StringIO(newline="")
    if fmt == "json":
        write_json(batch.results, text, lines=False)
        body: bytes = text.getvalue().encode()
    else:
        write_csv(batch.results, text)
        body = text.getvalue().encode()
        if fmt == "xlsx":
            rows = list(csv.reader(io.StringIO(text.getvalue(), newline="")))
            out = io.BytesIO()
            write_xlsx_table(rows, out, title="screening")
            body = out.getvalue()
    stem = "".join(
        c for c in PurePath(batch.file).stem if c.isascii() and (c.isalnum() or c in "._-")
    )
    stem = stem or "names"
    disposition = f'attachment; filename="{stem}-results.{fmt}"'
    return Response(body, media_type=FORMATS[fmt], headers={"Content-Disposition": disposition})
