"""`POST /lists/update`: the lists page's Update button, for administrators.

It does what `yalu lists update` does, in a background page job (`page_jobs`): download every
official list (from `list_mirror_url` when set), load each as a new version recorded under
the admin's key name, then re-screen the monitored subjects. `/lists/update/{token}` shows
one line per list (downloading, reading, loading, then `Updated ...` or `Not updated: ...`)
and reloads itself until every list is done. A list that fails keeps its version in use and
the next list is still tried; the server's index picks up the new versions by itself. One
update runs at a time: pressing the button meanwhile is refused (429).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from yalu.core.clock import utc_timestamp
from yalu.core.errors import NotFoundError, RateLimitedError, YaluError
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

if TYPE_CHECKING:
    from collections.abc import Callable

    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState
    from yalu.screening.store import Store
    from yalu.screening.update import ListDownload, ListUpdate

router = APIRouter(include_in_schema=False)
Loader = Annotated[Caller, Depends(page_caller(Permission.LOAD_LISTS))]

JOB_KIND = "lists-update"
UNIT = "lists done"
MONITORING = "monitoring"
"""The step after the lists: re-screening the monitored subjects."""


@router.post("/lists/update", response_class=HTMLResponse, response_model=None)
def lists_update(request: Request, caller: Loader) -> HTMLResponse | RedirectResponse:
    """Start updating every official list; go to the page showing each list's progress."""
    from yalu.screening.update import official_downloads

    settings: Settings = request.app.state.settings
    mirror = settings.list_mirror_url or None
    downloads = official_downloads(mirror=mirror)
    job = PageJob(
        JOB_KIND,
        caller.key_id,
        mirror or "the publishers",
        total=len(downloads),
        steps={download.source: "waiting" for download in downloads},
    )
    try:
        token = page_jobs(request).start(
            job, _updater(request, downloads, caller), is_exclusive=True
        )
    except RateLimitedError as error:
        return _page(request, None, error=str(error), status_code=429)
    target = request.url_for("lists_update_page", token=token)
    return RedirectResponse(str(target), status_code=303)


@router.get("/lists/update/{token}", response_class=HTMLResponse)
def lists_update_page(request: Request, token: str, caller: Loader) -> HTMLResponse:
    """Show each list's progress, reloading until the update is done; then its outcome."""
    try:
        job = page_jobs(request).get(token, caller, JOB_KIND)
    except NotFoundError as error:
        return _page(request, None, error=str(error), status_code=404)
    return _page(request, job, error=job.error, token=token)


@router.get("/lists/update/{token}/progress.json", response_class=JSONResponse)
def lists_update_progress(request: Request, token: str, caller: Loader) -> JSONResponse:
    """Return each list's line and how many are done, for the page's script."""
    try:
        job = page_jobs(request).get(token, caller, JOB_KIND)
    except NotFoundError as error:
        return JSONResponse({"error": "NotFoundError", "detail": str(error)}, status_code=404)
    return JSONResponse(progress_of(job, unit=UNIT), headers={"Cache-Control": "no-store"})


def _page(
    request: Request,
    job: PageJob | None,
    *,
    error: str,
    token: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    # Read before the result: the job's thread sets it last (see `batch_pages`).
    running = job is not None and not job.is_finished
    outcomes: list[ListUpdate] = []
    if job is not None and isinstance(job.result, list):
        outcomes = job.result
    context = {
        "job": job,
        "token": token,
        "progress": progress_line(job, unit=UNIT) if job is not None else "",
        "error": error,
        "refresh_s": REFRESH_S if running else 0,
        "updated": sum(outcome.report is not None for outcome in outcomes),
        "failed": sum(outcome.report is None for outcome in outcomes),
    }
    return render(request, "lists_update.html", context, status_code=status_code)


def _updater(
    request: Request, downloads: list[ListDownload], caller: Caller
) -> Callable[[PageJob], list[ListUpdate]]:
    """Return the job updating `downloads` as the caller, as `yalu lists update` does."""
    from yalu.screening.guards import LoadGuards
    from yalu.screening.store import open_store
    from yalu.screening.update import update_lists

    settings: Settings = request.app.state.settings
    state: ScreeningState = request.app.state.screening
    guards = LoadGuards(max_shrink=settings.list_max_shrink)

    def update(job: PageJob) -> list[ListUpdate]:
        def on_step(source: str, line: str) -> None:
            job.steps[source] = line

        def on_outcome(outcome: ListUpdate) -> None:
            job.steps[outcome.source] = outcome.line
            job.done += 1

        with open_store(state.database_url) as store:
            outcomes = update_lists(
                downloads,
                store,
                timeout_s=settings.download_timeout_s,
                guards=guards,
                on_step=on_step,
                on_outcome=on_outcome,
                actor=caller.name,
            )
            if any(outcome.report is not None for outcome in outcomes):
                job.steps[MONITORING] = "re-screening the monitored subjects"
                job.steps[MONITORING] = _rescreen(store, settings)
        return outcomes

    return update


def _rescreen(store: Store, settings: Settings) -> str:
    """Re-screen the monitored subjects against the new versions; return one line."""
    from yalu.interfaces.cli.monitor import start_delivery
    from yalu.screening.monitor import rescreen

    try:
        report = rescreen(
            store,
            threshold=settings.match_threshold,
            created=utc_timestamp(),
            notify=bool(settings.alert_webhook_url),
        )
    except YaluError as error:
        return f"Monitored subjects not re-screened: {error} Run `yalu monitor run`."
    if report.alerts and settings.alert_webhook_url:
        start_delivery()
    return report.summary
