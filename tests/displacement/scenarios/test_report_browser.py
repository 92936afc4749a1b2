"""The scenario report and its PDF in a real browser: Debian's chromium driven by Playwright.

The test keeps its screenshots (scenario_report.png, scenario_report_pdf.png) in
YALU_SCREENSHOT_DIR (default /tmp) for a person to look at. When chromium is missing
these tests fail; they do not skip (CI installs it: `make browser`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from yalu.displacement.scenarios.pipeline import ScenarioRequest, run_request

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
SCREENSHOTS = Path(os.environ.get("YALU_SCREENSHOT_DIR", "/tmp"))

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    run_request(
        ScenarioRequest("dprk-collapse", days=60, runs=4, seed=3, workers=1, lever_runs=2), out
    )
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _inked_share(path: Path, box: tuple[int, int, int, int]) -> float:
    """Return the share of pixels in `box` that are not near-white."""
    from PIL import Image

    with Image.open(path) as image:
        grey = image.convert("L").crop(box)
        counts = grey.histogram()
        return sum(counts[:200]) / (grey.width * grey.height)


def test_report_page_renders_offline_with_every_image_and_readable_text(
    folder: Path, browser: Browser
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((folder / "report.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Regime collapse")
    expect(page.locator("h2").first).to_have_text("1. At a glance")
    expect(page.locator("caption").first).to_contain_text("Key figures")
    assert page.evaluate(
        "Array.from(document.images).every(i => i.complete && i.naturalWidth > 600)"
    )
    assert page.locator("img").count() == 4
    body_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    cell_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
    assert body_px >= 14 and cell_px >= 11
    assert all(url.startswith(("file:", "data:")) for url in requested)
    shot = SCREENSHOTS / "scenario_report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert _inked_share(shot, (0, 0, 1280, 900)) > 0.02
    page.close()


def test_pdf_first_page_renders_in_the_browser(folder: Path, browser: Browser) -> None:
    from pypdf import PdfReader

    page = browser.new_page(viewport={"width": 1000, "height": 1300})
    page.goto((folder / "report.pdf").as_uri())
    page.wait_for_timeout(2500)
    shot = SCREENSHOTS / "scenario_report_pdf.png"
    page.screenshot(path=str(shot))
    page.close()
    assert _inked_share(shot, (300, 60, 1000, 1000)) > 0.03  # the first page, not a blank
    sizes: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            sizes.append(size * tm[0])

    PdfReader(folder / "report.pdf").pages[0].extract_text(visitor_text=visit)
    assert min(sizes) >= 6.0 and max(sizes) >= 18.0  # cells of 7 pt, a title of 19 pt
