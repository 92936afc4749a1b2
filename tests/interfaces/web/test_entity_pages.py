"""`GET /entities/{list}/{id}`: a list entry's page for browsers, JSON for API callers."""

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key
from tests.interfaces.web.conftest import PageClient, sign_in
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
RYONBONG = "Korea Ryonbong General Corporation"


def test_the_page_shows_every_field_the_version_and_the_other_lists_entry(
    client: PageClient,
) -> None:
    page = client.get("/entities/un_sc/KPe.002", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<li class="name">KOREA YONBONG GENERAL CORPORATION</li>' in html
    assert "Rakwon-dong, Pothonggang District" in html
    assert "DPRK, KPe, 1718 <small>(dprk/1718)</small>" in html
    assert "<dt>listed on</dt><dd>2009-04-24</dd>" in html
    assert "Defense conglomerate specializing" in html
    assert 'id="list-version">2026-02-27T00:00:09.554Z<' in html
    assert '<a href="/entities/ofac_sdn/9347">9347</a>' in html
    assert "the same names &#39;KOREA RYONBONG GENERAL CORPORATION&#39;" in html


def test_the_same_url_answers_json_to_an_api_caller(client: PageClient) -> None:
    body = client.get("/entities/ofac_sdn/9347").json()
    assert body["entity"]["list"] == "ofac_sdn" and body["entity"]["schema"] == "Organization"
    assert body["list_version"]["source"] == "ofac_sdn"
    assert body["list_version"]["warning"].startswith("ofac_sdn: publication date unknown")
    assert body["same_party"] == [
        {
            "list": "un_sc",
            "id": "KPe.002",
            "schema": "Organization",
            "caption": "KOREA RYONBONG GENERAL CORPORATION",
        }
    ]
    as_json = client.get("/entities/ofac_sdn/9347?format=json", headers=HTML)
    assert as_json.json() == body


def test_identifiers_are_shown_with_their_country(client: PageClient) -> None:
    body = client.get("/entities/ofac_sdn/23729").json()["entity"]
    assert body["schema"] == "Vessel"
    assert {"kind": "imo", "value": "8660313", "country": None} in body["identifiers"]
    html = client.get("/entities/ofac_sdn/23729", headers=HTML).text
    assert "imo <code>8660313</code>" in html and 'id="no-same-party"' in html


def test_unknown_entries_are_a_404_page_or_json(client: PageClient) -> None:
    page = client.get("/entities/un_sc/KPe.999", headers=HTML)
    assert page.status_code == 404
    assert "list &#39;un_sc&#39; has no entry &#39;KPe.999&#39;." in page.text
    api = client.get("/entities/nowhere/1")
    assert api.status_code == 404
    assert api.json() == {
        "error": "NotFoundError",
        "detail": "no list 'nowhere' is in use. The lists in use are: ofac_sdn, un_sc.",
    }


def test_ids_are_quoted_in_links_and_read_back(client: PageClient) -> None:
    api = client.get("/entities/un_sc/a%2Fb%20c")
    assert api.status_code == 404 and "no entry 'a/b c'" in api.json()["detail"]


def test_screening_results_and_audit_rows_link_each_entry(client: PageClient) -> None:
    screened = client.post("/", data={"name": RYONBONG}).text
    assert '<a href="/entities/un_sc/KPe.002">KPe.002</a>' in screened
    assert '<a href="/entities/ofac_sdn/9347">9347</a>' in screened
    trail = client.get("/audit").text
    assert re.search(r'<td class="top"><a href="/entities/(un_sc/KPe.002|ofac_sdn/9347)">', trail)


def test_a_browser_without_a_session_is_sent_to_sign_in(isolated_database: Path) -> None:
    from tests.interfaces.api.server import load_fixture_lists

    app = create_app(load_settings(database_url=load_fixture_lists(isolated_database)))
    anonymous = TestClient(app)
    page = anonymous.get("/entities/un_sc/KPe.002", headers=HTML, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/signin?next=/entities/un_sc/KPe.002"
    api = anonymous.get("/entities/un_sc/KPe.002")
    assert api.status_code == 401 and api.json()["error"] == "AuthenticationError"


def test_an_analyst_signed_in_may_open_entries(isolated_database: Path) -> None:
    from tests.interfaces.api.server import load_fixture_lists

    url = load_fixture_lists(isolated_database)
    key = add_key(url, "alice", "analyst")
    browser = sign_in(PageClient(create_app(load_settings(database_url=url))), key)
    page = browser.get("/entities/un_sc/KPe.002", headers=HTML)
    assert page.status_code == 200 and 'id="account-name">alice<' in page.text
    assert 'id="audit-link"' not in page.text  # an analyst may not read the trail
