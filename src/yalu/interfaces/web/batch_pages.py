"""`/batch`: screen a CSV of names from the page, see the results, download them.

The upload is the file `yalu screen --input` reads (a `name` column; `id`, `schema`,
`birth_date`, `nationality`, `country`, `imo_number`, `passport_number` optional), read and
screened by the same engine functions, each name audited under the caller's key. A file that
cannot be read is refused at once (422); otherwise the names are screened in a background
job (`page_jobs`) and the upload redirects to `/batch/{token}`, which shows "N of M names
screened" and reloads itself until the job is done, then shows one row per name, matches
first. The results can be downloaded as CSV (formula-safe), JSON (what
`yalu screen --input FILE --format csv|json` prints) or XLSX.

Results are kept in the server's memory for the caller who screened them (the last
`page_jobs.KEPT_JOBS` jobs), so a download never screens (or audits) a name twice; after a
restart, screen the file again.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from yalu.core.errors import InputError, NotFoundError, RateLimitedError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.page_jobs import (
    REFRESH_S,
    PageJob,
    page_jobs,
    progress_line,
    progress_of,
)
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission
from yalu.models.scores import format_score, shown_decimals

if TYPE_CHECKING:
    from collections.abc import Callable

    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState
    from yalu.models.screening import Query
    from yalu.screening.service import ScreeningResult

router = APIRouter(include_in_schema=False)
Screener = Annotated[Caller, Depends(page_caller(Permission.SCREEN))]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest names CSV the page accepts; larger files go through `yalu screen --input`."""
MAX_NAMES = 5_000
"""Most names in one upload."""
JOB_KIND = "batch"
UNIT = "names screened"
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
        "job": None,
        "refresh_s": 0,
        "max_names": MAX_NAMES,
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        **context,
    }
    return render(request, "batch.html", page, status_code=status_code)


@router.get("/batch", response_class=HTMLResponse)
def batch_form(request: Request, caller: Screener) -> HTMLResponse:
    """Show the upload form."""
    return _page(request, {})


@router.post("/batch", response_class=HTMLResponse, response_model=None)
async def batch_upload(request: Request, caller: Screener) -> HTMLResponse | RedirectResponse:
    """Read the uploaded names, start screening them, and go to the page showing progress."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("no file was chosen", hint="Choose a CSV file with a 'name' column")
        name = PurePath(upload.filename).name
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        queries = await run_in_threadpool(_read_names, request, data, name)
        job = PageJob(JOB_KIND, caller.key_id, name, total=len(queries))
        token = page_jobs(request).start(job, _screener(request, queries, caller))
    except (InputError, NotFoundError, RateLimitedError) as error:
        return _page(request, {"error": str(error)}, status_code=_status(error))
    target = request.url_for("batch_progress", token=token)
    return RedirectResponse(str(target), status_code=303)


def _status(error: Exception) -> int:
    if isinstance(error, RateLimitedError):
        return 429
    return 404 if isinstance(error, NotFoundError) else 422


def _read_names(request: Request, data: bytes, name: str) -> list[Query]:
    """Read the names CSV as `yalu screen --input` does.

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
    if not state.active_lists():
        raise NotFoundError(
            "no sanctions lists are loaded",
            hint="Ask an administrator to load them (`yalu lists update`)",
        )
    return queries


def _screener(request: Request, queries: list[Query], caller: Caller) -> Callable[[PageJob], Batch]:
    """Return the job screening `queries`, each audited under the caller's name."""
    state: ScreeningState = request.app.state.screening
    settings: Settings = request.app.state.settings
    threshold = settings.match_threshold

    def screen(job: PageJob) -> Batch:
        def count(done: int) -> None:
            job.done = done

        results = state.screen(
            queries,
            threshold=threshold,
            limit=settings.match_limit,
            actor=caller.name,
            on_progress=count,
        )
        job.done = len(results)
        return Batch(job.label, threshold, tuple(results))

    return screen


@router.get("/batch/{token}", response_class=HTMLResponse)
def batch_progress(request: Request, token: str, caller: Screener) -> HTMLResponse:
    """Show how many names are screened, reloading until done; then the results table."""
    try:
        job = page_jobs(request).get(token, caller, JOB_KIND)
    except NotFoundError as error:
        return _page(request, {"error": str(error)}, status_code=404)
    # Read before the result: the job's thread sets it last, so a job seen running may
    # finish meanwhile (its page then reloads), but one seen finished has its result.
    finished = job.is_finished
    batch = job.result
    if not isinstance(batch, Batch):  # still screening, or failed
        context = {
            "job": job,
            "token": token,
            "error": job.error,
            "refresh_s": 0 if finished else REFRESH_S,
            "progress": progress_line(job, unit=UNIT),
        }
        return _page(request, context)
    rows = to_batch_rows(batch)
    return _page(request, {"rows": rows, "token": token, "batch": batch, "job": job})


@router.get("/batch/{token}/progress.json", response_class=JSONResponse)
def batch_progress_json(request: Request, token: str, caller: Screener) -> JSONResponse:
    """Return how far the batch is, for the page's script (404 when it is not kept)."""
    try:
        job = page_jobs(request).get(token, caller, JOB_KIND)
    except NotFoundError as error:
        return JSONResponse({"error": "NotFoundError", "detail": str(error)}, status_code=404)
    return JSONResponse(progress_of(job, unit=UNIT), headers={"Cache-Control": "no-store"})


@router.get("/batch/{token}/results.{fmt}", response_class=Response)
def batch_download(request: Request, token: str, fmt: str, caller: Screener) -> Response:
    """Download a batch's results as CSV, JSON or XLSX, in file order."""
    from yalu.formats.xlsx_table import write_xlsx_table
    from yalu.interfaces.cli.render_screening import write_csv, write_json

    try:
        if fmt not in FORMATS:
            raise NotFoundError(f"no format '{fmt}'", hint="Use csv, json or xlsx")
        batch = page_jobs(request).get(token, caller, JOB_KIND).result
        if not isinstance(batch, Batch):
            raise NotFoundError("these names are still being screened", hint="Wait, then retry")
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
