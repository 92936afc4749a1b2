"""The workbench pages in Debian's chromium (Playwright): search, entries, batch, goods,
audit, lists; keyboard use, phone width, print, CJK text and an axe-core check of each page.

Screenshots (and a printed PDF) go to `--screenshots DIR`, else to each test's tmp dir.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.interfaces.api.server import UN, Server, add_key, load_fixture_lists, running_server
from tests.interfaces.api.test_monitoring import _monitored_store
from tests.interfaces.web.test_browser import CHROMIUM, CHROMIUM_ARGS, sign_in
from tests.screening.local_http import serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"
SERIOUS = {"serious", "critical"}
SLOW_MS = 90_000
"""How long a page waits for the server under load: a ceiling against hanging, not a target."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("workbench")
    url = load_fixture_lists(folder / "yalu.sqlite3")
    with running_server(url, folder) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> "Iterator[Browser]":
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: make browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def key(server: Server) -> str:
    return add_key(server.database_url, "workbench-admin", "admin")


@pytest.fixture
def page(browser: "Browser", server: Server, key: str) -> "Iterator[Page]":
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(opened, server, key)
    yield opened
    opened.close()


def assert_accessible(page: "Page", where: str) -> None:
    """Run axe-core on the page; fail on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, f"{where}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in serious
    )


def fonts_of(page: "Page", selector: str) -> set[str]:
    """Return the platform fonts chromium used to draw the element's text."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_a_search_by_keyboard_is_a_url_with_a_reason_and_no_serious_violation(
    page: "Page", server: Server, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/")
    assert_accessible(page, "empty search page")
    page.focus("#name")
    page.keyboard.type("Kang Chol")
    for _ in range(5):  # type, birth date, nationality, country: to the passport field
        page.keyboard.press("Tab")
    expect(page.locator("#passport_number")).to_be_focused()
    page.keyboard.type("472234895")
    page.keyboard.press("Enter")
    expect(page.locator("#top-reason")).to_contain_text("KANG Chol Su (ofac_sdn 21733), is a match")
    assert "passport_number=472234895" in page.url and "name=Kang+Chol" in page.url
    page.screenshot(path=str(screenshots / "search-reason.png"), full_page=True)
    assert_accessible(page, "search results")
    page.goto(page.url + "&lists=un_sc&threshold=0.5")  # a bookmarked search, changed
    expect(page.locator("#scope")).to_have_text("Searched only: lists un_sc.")
    expect(page.locator("#lists-filter-label")).to_be_visible()


def test_an_entry_page_from_a_result_links_the_other_list(
    page: "Page", server: Server, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/?name=Korea+Ryonbong+General+Corporation")
    page.click("#results a[href='/entities/un_sc/KPe.002']")
    expect(page.locator("#entity-title")).to_have_text("KOREA RYONBONG GENERAL CORPORATION")
    expect(page.locator("#list-version")).to_have_text("2026-02-27T00:00:09.554Z")
    page.click("#same-party a[href='/entities/ofac_sdn/9347']")
    expect(page.locator("#entity-id")).to_have_text("9347")
    page.screenshot(path=str(screenshots / "entity.png"), full_page=True)
    assert_accessible(page, "entity page")


def test_a_names_file_uploaded_shows_matches_first_and_downloads(
    page: "Page", server: Server, screenshots: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    names = tmp_path / "names.csv"
    names.write_text("id,name\n1,Nobody Here\n2,Korea Ryonbong General Corporation\n3,강철수\n")
    page.goto(server.url + "/batch")
    assert_accessible(page, "batch form")
    page.set_input_files("#file", str(names))
    # Not a speed test: on a loaded machine (CI runs two test workers beside the browser)
    # the upload's answer once took longer than 30 s, so wait for it explicitly.
    with page.expect_navigation(timeout=SLOW_MS):
        page.click("#upload-button")
    expect(page.locator("#summary")).to_contain_text(
        "3 names screened; 2 with a match", timeout=SLOW_MS
    )
    expect(page.locator("#results tbody tr").first).to_contain_text("Korea Ryonbong")
    with page.expect_download() as download:
        page.click("#download-csv")
    saved = tmp_path / "results.csv"
    download.value.save_as(saved)
    assert saved.read_text().startswith("id,name,rank,entity_id,list")
    names = page.locator("#results tbody td.name").all_inner_texts()
    korean = f"#results tbody tr:nth-child({names.index('강철수') + 1}) td.name"
    assert any("CJK" in family for family in fonts_of(page, korean))
    page.screenshot(path=str(screenshots / "batch.png"), full_page=True)
    assert_accessible(page, "batch results")


def test_shipments_uploaded_show_verdicts_most_severe_first(
    page: "Page", server: Server, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/goods")
    assert_accessible(page, "goods form")
    page.set_input_files("#shipments-file", str(SAMPLES / "shipments.csv"))
    page.click("#shipments-button")
    expect(page.locator("#summary")).to_contain_text("17 lines")
    expect(page.locator("#results tbody tr").first.locator(".badge")).to_have_text("prohibited")
    page.screenshot(path=str(screenshots / "goods.png"), full_page=True)
    assert_accessible(page, "goods results")


def test_the_audit_trail_pages_and_the_lists_page(
    page: "Page", server: Server, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    for number in range(3):
        page.goto(server.url + f"/?name=Kim+Chol+{number}")
    page.goto(server.url + "/audit?limit=2")
    expect(page.locator("#trail tbody tr")).to_have_count(2)
    page.click("#older")
    expect(page.locator("#newest")).to_be_visible()
    assert "before=" in page.url and "limit=2" in page.url
    assert_accessible(page, "audit page 2")
    page.goto(server.url + "/lists/overview")
    expect(page.locator("#list-ofac_sdn .list-age")).to_contain_text("publication date unknown")
    page.screenshot(path=str(screenshots / "lists.png"), full_page=True)
    assert_accessible(page, "lists page")


def test_phone_width_keeps_tables_inside_their_cards(
    browser: "Browser", server: Server, key: str, screenshots: Path
) -> None:
    phone = browser.new_page(viewport={"width": 375, "height": 740})
    sign_in(phone, server, key)
    for path in ("/?name=Korea+Ryonbong+General+Corporation", "/lists/overview", "/audit"):
        phone.goto(server.url + path)
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
    phone.goto(server.url + "/?name=Korea+Ryonbong+General+Corporation")
    phone.screenshot(path=str(screenshots / "phone-search.png"), full_page=True)
    assert_accessible(phone, "search at phone width")
    phone.close()


def test_a_result_prints_without_forms_or_navigation(
    page: "Page", server: Server, screenshots: Path
) -> None:
    page.goto(server.url + "/?name=%EA%B0%95%EC%B2%A0%EC%88%98&schema=Person")  # 강철수
    page.emulate_media(media="print")
    assert not page.locator("#search-form").is_visible()
    assert not page.locator("nav").first.is_visible()
    assert page.locator("#results").is_visible() and page.locator("#top-reason").is_visible()
    assert any("CJK" in family for family in fonts_of(page, "#results-title"))
    page.pdf(path=str(screenshots / "search-printed.pdf"))
    assert (screenshots / "search-printed.pdf").stat().st_size > 1000


def test_a_large_names_file_shows_its_progress_then_the_results(
    page: "Page", server: Server, screenshots: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    names = tmp_path / "many-names.csv"
    rows = [f"{i},Person Example{i}" for i in range(1, 5000)] + ["5000,Kang Chol Su"]
    names.write_text("id,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    page.goto(server.url + "/batch")
    page.set_input_files("#file", str(names))
    page.click("#upload-button")
    expect(page.locator("#progress")).to_contain_text("of 5,000 names screened")
    assert "/batch/" in page.url
    page.screenshot(path=str(screenshots / "batch-progress.png"), full_page=True)
    assert_accessible(page, "batch progress")
    expect(page.locator("#summary")).to_contain_text(
        "5,000 names screened; 1 with a match", timeout=120_000
    )
    expect(page.locator("#results tbody tr").first).to_contain_text("Kang Chol Su")
    expect(page.locator("#download-json")).to_be_visible()


def test_an_admin_updates_the_lists_from_the_lists_page(
    browser: "Browser", tmp_path: Path, screenshots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copy(UN, mirror / "consolidated.xml")
    url = load_fixture_lists(tmp_path / "yalu.sqlite3")
    with serve_directory(mirror) as base:
        monkeypatch.setenv("YALU_LIST_MIRROR_URL", base)
        with running_server(url, tmp_path) as own:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            sign_in(page, own, add_key(url, "lists-admin", "admin"))
            page.goto(own.url + "/lists/overview")
            page.click("#update-lists")
            expect(page.locator("#progress")).to_contain_text("Done: 1 updated, 6 not updated.")
            expect(page.locator("#step-un_sc")).to_contain_text("Updated un_sc")
            expect(page.locator("#step-ofac_sdn .failed")).to_contain_text(
                "The previous version of ofac_sdn"
            )
            page.screenshot(path=str(screenshots / "lists-update.png"), full_page=True)
            assert_accessible(page, "lists update")
            page.click("#back-to-lists")
            expect(page.locator("#list-un_sc")).to_be_visible()
            page.close()


def test_the_audit_trail_leads_to_the_open_alerts(
    browser: "Browser", tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    url = _monitored_store(tmp_path / "yalu.sqlite3")
    with running_server(url, tmp_path) as own:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(page, own, add_key(url, "trail-auditor", "auditor"))
        page.goto(own.url + "/audit")
        expect(page.locator("nav .nav-group")).to_contain_text("Audit and review:")
        expect(page.locator("#open-alerts")).to_contain_text("3 open monitoring alerts")
        page.screenshot(path=str(screenshots / "audit-open-alerts.png"), full_page=True)
        assert_accessible(page, "audit with open alerts")
        page.click("#open-alerts-link")
        expect(page.locator("table.queue tbody tr")).to_have_count(3)
        assert_accessible(page, "alerts queue")
        page.close()
