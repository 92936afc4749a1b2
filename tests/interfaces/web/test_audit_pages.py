"""`GET /audit` and `GET /audit/{id}`: the audit trail pages over a real store and TestClient."""

import re

import pytest
from fastapi.testclient import TestClient

RYONBONG = "Korea Ryonbong General Corporation"


@pytest.fixture
def screened(client: TestClient) -> TestClient:
    """Screen three names (audit ids 1, 2, 3): two through the page, one through the API."""
    assert client.post("/", data={"name": RYONBONG, "nationality": "KP"}).status_code == 200
    assert client.post("/", data={"name": "Maria Gonzalez Lopez"}).status_code == 200
    body = {"name": "Chon Ma San", "schema": "Vessel", "imo_number": "IMO 8660313"}
    assert client.post("/screen", json=body).status_code == 200
    return client


def trail_rows(html: str) -> dict[str, str]:
    """Return the audit list's rows by screening id, in page order."""
    link = r"<tr class=\"(?:is-match|no-match)\">\s*<td class=\"num id\"><a href=\"[^\"]*/audit/"
    return dict(re.findall(link + r"(\d+)\">(.*?)</tr>", html, flags=re.S))


def test_audit_list_shows_screenings_newest_first_with_their_top_candidate(
    screened: TestClient,
) -> None:
    response = screened.get("/audit")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    rows = trail_rows(response.text)
    assert list(rows) == ["3", "2", "1"]
    korea = rows["1"]
    assert RYONBONG in korea
    assert "KOREA RYONBONG GENERAL CORPORATION (ofac_sdn)" in korea
    assert '<td class="num score">1.00</td>' in korea
    assert ">yes</span>" in korea
    assert re.search(r"ofac_sdn@sha256:[0-9a-f]{8}<br>un_sc@2026-02-27", korea)
    assert "CHON MA SAN (ofac_sdn)" in rows["3"]


def test_audit_list_shows_a_screening_without_candidates_as_clear(screened: TestClient) -> None:
    maria = trail_rows(screened.get("/audit").text)["2"]
    assert "no candidates" in maria
    assert ">yes</span>" not in maria


def test_name_filter_keeps_queries_containing_the_text_in_any_case(screened: TestClient) -> None:
    response = screened.get("/audit", params={"name": "chon MA"})
    assert list(trail_rows(response.text)) == ["3"]
    assert 'value="chon MA"' in response.text


def test_matches_only_filter_drops_screenings_without_a_match(screened: TestClient) -> None:
    response = screened.get("/audit", params={"matches_only": "true"})
    assert list(trail_rows(response.text)) == ["3", "1"]
    assert 'name="matches_only" value="true" checked' in response.text


def test_limit_keeps_the_latest_rows(screened: TestClient) -> None:
    response = screened.get("/audit", params={"limit": "2"})
    assert list(trail_rows(response.text)) == ["3", "2"]


def test_filters_submitted_blank_by_the_form_mean_no_filter(screened: TestClient) -> None:
    response = screened.get("/audit?name=&limit=")
    assert list(trail_rows(response.text)) == ["3", "2", "1"]


@pytest.mark.parametrize("limit", ["0", "ten", "1001", "-3"])
def test_invalid_limit_is_a_one_line_error_with_422(screened: TestClient, limit: str) -> None:
    response = screened.get("/audit", params={"limit": limit})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert (
        f'id="error">limit &#39;{limit}&#39; is not a whole number from 1 to 1,000.'
        in response.text
    )
    assert not trail_rows(response.text)


def test_empty_trail_says_nothing_has_been_screened(empty_client: TestClient) -> None:
    response = empty_client.get("/audit")
    assert response.status_code == 200
    assert "The audit trail is empty: nothing has been screened through the store yet." in (
        response.text
    )
    assert "<table" not in response.text


def test_filters_matching_nothing_say_so(screened: TestClient) -> None:
    response = screened.get("/audit", params={"name": "Nobody At All"})
    assert "No screening matches these filters." in response.text
    assert "The audit trail is empty" not in response.text


def test_detail_page_shows_the_query_lists_settings_verdict_and_explanations(
    screened: TestClient,
) -> None:
    response = screened.get("/audit/1")
    assert response.status_code == 200
    html = response.text
    assert f"Screening 1: “{RYONBONG}”" in html
    assert "nationality <code>kp</code>" in html
    assert re.search(r"<td>sha256 [0-9a-f]{12}</td>", html)
    assert "2026-02-27T00:00:09.554Z" in html
    assert "<dt>threshold</dt><dd>0.84</dd>" in html
    assert "<dt>limit</dt><dd>5</dd>" in html
    assert "MATCH (2 of 3 candidates at or above the threshold)" in html
    candidates = re.findall(r"<tr class=\"(is-match|no-match)\">(.*?)</tr>", html, flags=re.S)
    assert [kind for kind, _ in candidates] == ["is-match", "is-match", "no-match"]
    first = candidates[0][1]
    assert '<td class="id"><a href="/entities/ofac_sdn/9347">9347</a></td>' in first
    assert '<span class="effect up">name +1.00</span> all words of the name match' in first
    assert "a.k.a. Korea Mirae Shipping Co. Ltd" in candidates[2][1]


def test_detail_page_of_a_vessel_explains_the_imo_feature(screened: TestClient) -> None:
    html = screened.get("/audit/3").text
    assert "imo_number <code>IMO 8660313</code>" in html
    decides = "IMO 8660313 is on the list: an equal IMO number decides the match"
    assert f"identifier +1.00</span> {decides}" in html


def test_detail_page_without_candidates_is_clear(screened: TestClient) -> None:
    html = screened.get("/audit/2").text
    assert "clear (no candidate at or above the threshold)" in html
    assert 'id="no-candidates"' in html


@pytest.mark.parametrize("screening_id", ["42", "abc", "99999999999999999999999"])
def test_unknown_id_is_a_404_page_with_a_one_line_message(
    screened: TestClient, screening_id: str
) -> None:
    response = screened.get(f"/audit/{screening_id}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert f'id="error">no screening {screening_id} in the audit trail.</p>' in response.text
    assert "Traceback" not in response.text
    assert 'href="http://testserver/audit"' in response.text


def test_html_in_a_query_name_is_escaped_on_both_pages(client: TestClient) -> None:
    client.post("/", data={"name": "<b>Kim</b> Chol"})
    listing = client.get("/audit", params={"name": "<b>"}).text
    detail = client.get("/audit/1").text
    for html in (listing, detail):
        assert "<b>Kim</b>" not in html
        assert "&lt;b&gt;Kim&lt;/b&gt; Chol" in html
    assert 'value="&lt;b&gt;"' in listing


def test_screening_page_links_to_the_audit_trail_and_back(screened: TestClient) -> None:
    assert '<a href="http://testserver/audit" id="audit-link">Audit trail</a>' in (
        screened.get("/").text
    )
    assert 'href="http://testserver/" id="back"' in screened.get("/audit").text
    assert 'href="http://testserver/audit" id="back"' in screened.get("/audit/1").text


@pytest.mark.parametrize("path", ["/audit", "/audit/1", "/audit/42"])
def test_audit_pages_forbid_scripts_and_other_sites(screened: TestClient, path: str) -> None:
    response = screened.get(path)
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert "<script" not in response.text
