"""Long tasks started from a page, run in a background thread while the page shows progress.

A page starts a job (`PageJobs.start`) and redirects at once to a page of its own, which
shows how far the job is (`done` of `total`, and one line per step). A small script
(`static/job_progress.js`) reads `progress_of(job)` as JSON every second and updates those
lines in place, then loads the page once more when the job is finished, for its result.
Without JavaScript a `<noscript>` refresh reloads the page every `REFRESH_S` seconds instead.

Jobs live in the server's memory under an unguessable token, for the key that started them:
another caller's token is not found. At most `KEPT_JOBS` are kept per process, the oldest
finished one dropped first; while that many are still running a new one is refused (429).
A result made within the request (a goods check) is kept the same way (`PageJobs.keep`), for
its downloads. After a restart the jobs are gone, and the pages say to start again.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import Request

from yalu.core.errors import NotFoundError, RateLimitedError, YaluError
from yalu.interfaces.api.access import Caller

logger = logging.getLogger(__name__)

KEPT_JOBS = 20
"""Jobs (running or finished) kept per process, for all callers and pages together."""
REFRESH_S = 1
"""Seconds between two reloads of a running job's page."""


@dataclass(slots=True)
class PageJob:
    """One background job: what it is, whose it is, how far it got and what it gave.

    The job's thread writes `done`, `total`, `steps`, then `result` or `error`, then sets
    `is_finished`; pages only read them (each is one assignment, safe to read meanwhile).
    """

    kind: str
    """Which page the job belongs to (`batch`, `lists-update`)."""
    owner: str
    """The key id of the caller who started it."""
    label: str
    """What the job works on, in words (the uploaded file's name)."""
    done: int = 0
    total: int = 0
    steps: dict[str, str] = field(default_factory=dict)
    """One line of progress or outcome per step (per list, for an update), in order."""
    result: object = None
    error: str = ""
    is_finished: bool = False


class PageJobs:
    """The jobs pages have started in this process, by token (at most `KEPT_JOBS`)."""

    def __init__(self) -> None:
        """Start with no job."""
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, PageJob] = OrderedDict()

    def start(
        self, job: PageJob, work: Callable[[PageJob], object], *, is_exclusive: bool = False
    ) -> str:
        """Run `work(job)` in a background thread; return the job's token.

        The work reports its progress by updating `job`; what it returns becomes
        `job.result`, a `YaluError` it raises `job.error` (one line). An exclusive job
        (a list update) does not start while another of its kind runs.

        Raises:
            RateLimitedError: `KEPT_JOBS` jobs are still running, or (exclusive) a job of
                the same kind is.
        """
        token = secrets.token_urlsafe(16)
        with self._lock:
            if is_exclusive and any(
                other.kind == job.kind and not other.is_finished for other in self._jobs.values()
            ):
                raise RateLimitedError(
                    f"a {job.kind} job is already running",
                    retry_after_s=10,
                    hint="Wait for it to finish, then send the form again",
                )
            self._make_room()
            self._jobs[token] = job
        thread = threading.Thread(
            target=_run, args=(job, work), name=f"yalu-page-{job.kind}", daemon=True
        )
        thread.start()
        return token

    def keep(self, job: PageJob) -> str:
        """Keep a job done in the request itself (a finished `job`); return its token.

        Raises:
            RateLimitedError: `KEPT_JOBS` jobs are still running.
        """
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._make_room()
            self._jobs[token] = job
        return token

    def _make_room(self) -> None:
        """Drop the oldest finished jobs until one more fits (called under the lock)."""
        while len(self._jobs) >= KEPT_JOBS:
            finished = next((t for t, job in self._jobs.items() if job.is_finished), None)
            if finished is None:
                raise RateLimitedError(
                    f"{KEPT_JOBS} jobs started from the pages are still running",
                    retry_after_s=10,
                    hint="Wait for one to finish, then send the form again",
                )
            del self._jobs[finished]

    def get(self, token: str, caller: Caller, kind: str) -> PageJob:
        """Return the caller's job of this kind under `token`.

        Raises:
            NotFoundError: no such job (or no longer kept), another caller's, or another kind.
        """
        with self._lock:
            job = self._jobs.get(token)
        if job is None or job.owner != caller.key_id or job.kind != kind:
            raise NotFoundError(
                "these results are no longer kept", hint="Send the page's form again"
            )
        return job


def _run(job: PageJob, work: Callable[[PageJob], object]) -> None:
    try:
        job.result = work(job)
    except YaluError as error:
        job.error = str(error)
    except Exception:  # a thread has no caller to raise to: log it, show one line
        logger.exception("a %s job started from a page failed", job.kind)
        job.error = "the job failed unexpectedly; the server's log has the details"
    finally:
        job.is_finished = True


def progress_of(job: PageJob, *, unit: str) -> dict[str, object]:
    """Return the job's progress for `job_progress.js`: `line` reads "3 of 7 {unit}"."""
    return {
        "line": progress_line(job, unit=unit),
        "done": job.done,
        "total": job.total,
        "steps": dict(job.steps),
        "finished": job.is_finished,
    }


def progress_line(job: PageJob, *, unit: str) -> str:
    """Return "N of M {unit}" (`5 of 7 lists done`), the line a job's page shows."""
    return f"{job.done:,} of {job.total:,} {unit}"


def page_jobs(request: Request) -> PageJobs:
    """Return the app's page jobs (`pages.mount_pages` makes them)."""
    jobs: PageJobs = request.app.state.page_jobs
    return jobs
