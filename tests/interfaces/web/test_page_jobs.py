"""Background jobs of the pages: owned by a key, bounded in number, errors as one line."""

import threading

import pytest

from yalu.core.errors import InputError, NotFoundError, RateLimitedError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.page_jobs import KEPT_JOBS, PageJob, PageJobs

ANN = Caller("ann", "analyst", "key-ann")
BOB = Caller("bob", "analyst", "key-bob")


def finished(jobs: PageJobs, token: str) -> PageJob:
    return finished_as(jobs, token, ANN)


def finished_as(jobs: PageJobs, token: str, caller: Caller) -> PageJob:
    job = jobs.get(token, caller, "test")
    for _ in range(5000):  # a bound, not a timing
        if job.is_finished:
            return job
        threading.Event().wait(0.01)
    raise AssertionError("the job did not finish")


def test_a_job_gives_its_result_to_its_owner_only() -> None:
    jobs = PageJobs()
    token = jobs.start(PageJob("test", ANN.key_id, "x"), lambda job: 42)
    assert finished(jobs, token).result == 42
    with pytest.raises(NotFoundError, match="no longer kept"):
        jobs.get(token, BOB, "test")
    with pytest.raises(NotFoundError):
        jobs.get(token, ANN, "another-kind")


def test_a_failed_job_keeps_its_one_line_error() -> None:
    def fail(job: PageJob) -> None:
        raise InputError("bad row", path="names.csv", line=3, hint="Fix it")

    jobs = PageJobs()
    job = finished(jobs, jobs.start(PageJob("test", ANN.key_id, "x"), fail))
    assert job.error == "names.csv:3: bad row. Fix it."
    assert job.result is None


def test_the_oldest_finished_job_makes_room_and_running_ones_are_never_dropped() -> None:
    jobs = PageJobs()
    release = threading.Event()
    running = jobs.start(PageJob("test", ANN.key_id, "slow"), lambda job: release.wait(30))
    done = [jobs.keep(PageJob("test", ANN.key_id, str(i), is_finished=True)) for i in range(19)]
    assert len(done) + 1 == KEPT_JOBS
    jobs.keep(PageJob("test", ANN.key_id, "one more", is_finished=True))
    with pytest.raises(NotFoundError):
        jobs.get(done[0], ANN, "test")
    assert jobs.get(running, ANN, "test").label == "slow"
    release.set()


def test_a_new_job_is_refused_while_every_kept_one_runs() -> None:
    jobs = PageJobs()
    release = threading.Event()
    for i in range(KEPT_JOBS):
        jobs.start(PageJob("test", ANN.key_id, str(i)), lambda job: release.wait(30))
    try:
        with pytest.raises(RateLimitedError, match="still running"):
            jobs.start(PageJob("test", ANN.key_id, "one more"), lambda job: None)
    finally:
        release.set()


def test_an_exclusive_job_waits_for_the_running_one_of_its_kind() -> None:
    jobs = PageJobs()
    release = threading.Event()
    jobs.start(PageJob("update", ANN.key_id, "a"), lambda job: release.wait(30))
    try:
        with pytest.raises(RateLimitedError, match="a update job is already running"):
            jobs.start(PageJob("update", BOB.key_id, "b"), lambda job: None, is_exclusive=True)
        other = jobs.start(PageJob("test", BOB.key_id, "c"), lambda job: 1, is_exclusive=True)
    finally:
        release.set()
    assert finished_as(jobs, other, BOB).result == 1
