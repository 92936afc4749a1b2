"""The screening page in a real browser: Debian's chromium driven by Playwright.

CI installs chromium (`apt-get install -y chromium`); when it is missing these tests fail,
they do not skip. Set YALU_SCREENSHOT_DIR to keep the screenshots elsewhere than /tmp.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.interfaces.api.server import Server, add_key, load_fixture_lists, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
if TYPE_CHECKING:  # imported in the fixture, so a missing Playwright fails these tests only
    from playwright.sync_api import Browser, Page

SCREENSHOTS = Path(os.environ.get("YALU_SCREENSHOT_DIR", "/tmp"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("browser")
    url = load_fixture_lists(folder / "yalu.sqlite3")
    with running_server(url, folder) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> "Iterator[Browser]":
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def admin_key(server: Server) -> str:
    return add_key(server.database_url, "browser-admin", "admin")


def sign_in(page: "Page", server: Server, key: str) -> None:
    """Sign in through the form, as a person pasting their key would."""
    from playwright.sync_api import expect

    page.goto(server.url + "/signin")
    page.fill("#key", key)
    page.click("#signin-button")
    expect(page.locator("#account")).to_be_visible()  # signed in, on the first page


def open_recording(browser: "Browser", server: Server, key: str) -> tuple["Page", list[str]]:
    """Open a desktop-sized page, signed in, that records every URL it requests."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, server, key)
    return page, requested


def test_screening_a_name_in_the_browser_shows_the_un_and_ofac_entries(
    server: Server, browser: "Browser", admin_key: str
) -> None:
    from playwright.sync_api import expect

    page, requested = open_recording(browser, server, admin_key)
    page.goto(server.url + "/")
    expect(page.locator("#lists")).to_contain_text("un_sc")
    expect(page.locator("#lists")).to_contain_text("ofac_sdn")
    page.fill("#name", "Korea Ryonbong General Corporation")
    page.select_option("#schema", "Organization")
    page.fill("#nationality", "KP")
    page.click("#search button[type=submit]")

    rows = page.locator("#results tr.is-match")
    expect(rows.filter(has_text="KPe.002")).to_contain_text("un_sc")
    expect(rows.filter(has_text="9347")).to_contain_text("ofac_sdn")
    expect(rows.first.locator(".badge")).to_have_text("MATCH")
    expect(rows.first.locator(".why")).to_contain_text("name +1.00")
    expect(page.locator("#name")).to_have_value("Korea Ryonbong General Corporation")
    background = rows.first.evaluate("row => getComputedStyle(row).backgroundColor")
    assert background != "rgba(0, 0, 0, 0)", "the stylesheet did not load"
    page.screenshot(path=str(SCREENSHOTS / "yalu-screening-page.png"), full_page=True)
    assert [url for url in requested if not url.startswith(server.url)] == []
    page.close()


def test_empty_name_in_the_browser_shows_the_error(
    server: Server, browser: "Browser", admin_key: str
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    sign_in(page, server, admin_key)
    page.goto(server.url + "/")
    page.fill("#name", "   ")
    page.click("#search button[type=submit]")
    expect(page.locator("#error")).to_contain_text("the name to screen is empty.")
    expect(page.locator("#results")).to_have_count(0)
    page.close()


def test_audit_trail_link_leads_from_a_screening_to_its_explained_candidates(
    server: Server, browser: "Browser", admin_key: str
) -> None:
    from playwright.sync_api import expect

    page, requested = open_recording(browser, server, admin_key)
    page.goto(server.url + "/")
    page.fill("#name", "Chon Ma San")
    page.select_option("#schema", "Vessel")
    page.fill("#imo_number", "IMO 8660313")
    page.click("#search button[type=submit]")
    expect(page.locator("#results tr.is-match").first).to_contain_text("23729")

    page.click("#audit-link")
    expect(page).to_have_url(server.url + "/audit")
    row = page.locator("#trail tbody tr").filter(has_text="Chon Ma San").first
    expect(row).to_contain_text("CHON MA SAN (ofac_sdn)")
    row.locator("td.id a").click()

    expect(page.locator("#screening-title")).to_contain_text("Chon Ma San")
    expect(page.locator("#verdict")).to_contain_text("MATCH")
    expect(page.locator("#actor")).to_have_text("browser-admin")
    first = page.locator("#results tbody tr").first
    expect(first.locator(".id")).to_have_text("23729")
    decides = "IMO 8660313 is on the list: an equal IMO number decides the match"
    expect(first.locator(".why")).to_contain_text(f"identifier +1.00 {decides}")
    page.screenshot(path=str(SCREENSHOTS / "yalu-audit-page.png"), full_page=True)
    assert [url for url in requested if not url.startswith(server.url)] == []
    page.close()


def test_signing_in_and_out_in_the_browser(server: Server, browser: "Browser") -> None:
    from playwright.sync_api import expect

    key = add_key(server.database_url, "browser-auditor", "auditor")
    page = browser.new_page()
    page.goto(server.url + "/audit?matches_only=true")
    expect(page).to_have_url(server.url + "/signin?next=/audit%3Fmatches_only%3Dtrue")
    page.fill("#key", "yalu_0123456789ab_" + "z" * 43)
    page.click("#signin-button")
    expect(page.locator("#error")).to_have_text("That key is unknown or revoked.")
    page.fill("#key", key)
    page.click("#signin-button")
    expect(page).to_have_url(server.url + "/audit?matches_only=true")
    expect(page.locator("#account-name")).to_have_text("browser-auditor")
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["yalu_session"]["httpOnly"] and cookies["yalu_session"]["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""  # HttpOnly: no script can read it
    page.click("#signout")
    expect(page).to_have_url(server.url + "/signin")
    page.goto(server.url + "/audit")
    expect(page).to_have_url(server.url + "/signin?next=/audit")
    page.close()
