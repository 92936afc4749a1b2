"""`/lists/overview`: each list's version, age and entries by type and programme."""

import re

from tests.interfaces.web.conftest import PageClient
from tests.interfaces.web.test_entity_pages import HTML


def card(html: str, source: str) -> str:
    found = re.search(rf'<section class="list-card" id="list-{source}".*?</section>', html, re.S)
    assert found, f"no card for {source}"
    return found.group(0)


def test_each_list_shows_its_version_age_and_counts(client: PageClient) -> None:
    page = client.get("/lists/overview", headers=HTML)
    assert page.status_code == 200
    assert 'id="total">2 lists, 6 entries.' in page.text
    un = card(page.text, "un_sc")
    assert '<dd class="published">2026-02-27</dd>' in un
    assert '<tr><td>Organization</td><td class="num">2</td></tr>' in un
    assert '<tr><td>Person</td><td class="num">1</td></tr>' in un
    assert '<tr><td>dprk/1718</td><td class="num">3</td></tr>' in un
    ofac = card(page.text, "ofac_sdn")
    assert '<dd class="published">not printed in the file</dd>' in ofac
    assert "Warning: ofac_sdn: publication date unknown" in ofac
    assert '<span class="badge stale">' in ofac
    assert '<tr><td>NPWMD</td><td class="num">2</td></tr>' in ofac


def test_without_lists_the_page_says_how_to_load_them(empty_client: PageClient) -> None:
    page = empty_client.get("/lists/overview")
    assert page.status_code == 200 and 'id="no-lists"' in page.text


def test_every_page_links_the_lists_page(client: PageClient) -> None:
    for path in ("/", "/batch", "/goods", "/lists/overview"):
        assert 'id="lists-link"' in client.get(path).text, path
