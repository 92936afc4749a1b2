"""The alerts queue and candidate decisions in a real browser (Debian's chromium, Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.interfaces.api.server import Server, add_key, running_server
from tests.interfaces.api.test_monitoring import _monitored_store
from tests.interfaces.web.test_browser import SCREENSHOTS, browser, open_recording
from yalu.screening.store import open_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the module-scoped chromium fixture, shared with the screening tests


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("monitor-browser")
    url = _monitored_store(folder / "yalu.sqlite3")
    with running_server(url, folder) as running:
        yield running


def test_an_analyst_clears_an_alert_then_reviews_a_candidate(
    server: Server, browser: Browser
) -> None:
    from playwright.sync_api import expect

    key = add_key(server.database_url, "reviewer-ana", "reviewer")
    page, requested = open_recording(browser, server, key)
    page.goto(server.url + "/")
    page.click("#alerts-link")
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(3)
    changed = page.locator("#alert-1")
    expect(changed).to_contain_text("changed match")
    expect(changed).to_contain_text("changed: birth_dates")
    changed.locator("input[name=reason]").fill("Different person: South Korean student")
    changed.locator("button[value=false_positive]").click()
    expect(page.locator("#notice")).to_contain_text("Decision 1 recorded")
    expect(rows).to_have_count(2)
    page.screenshot(path=str(SCREENSHOTS / "yalu-alerts-queue.png"), full_page=True)

    page.click("#back")
    page.fill("#name", "Kim Su Gwang")
    page.fill("#reference", "S3")
    page.click("#search button[type=submit]")
    candidate = page.locator("#results tr", has_text="KPi.914")
    expect(candidate.locator(".badge").first).to_have_text("MATCH")
    candidate.locator("input[name=reason]").fill("Same birth date as our records")
    candidate.locator("button[value=true_match]").click()
    expect(page.locator("#notice")).to_contain_text("KPi.914 is true_match")
    decided = page.locator("#results tr", has_text="KPi.914")
    expect(decided.locator(".badge.decided")).to_have_text("true match")
    page.screenshot(path=str(SCREENSHOTS / "yalu-candidate-decision.png"), full_page=True)
    assert all(url.startswith(server.url) for url in requested)  # no third-party requests
    with open_store(server.database_url) as store:
        deciders = [
            row["decided_by"] for row in store.connection.execute("SELECT * FROM decisions")
        ]
    assert deciders == ["reviewer-ana", "reviewer-ana"]
