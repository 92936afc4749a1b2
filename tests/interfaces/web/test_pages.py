import re
from pathlib import Path

from fastapi.testclient import TestClient

from yalu.core.actor import cli_actor
from yalu.screening.audit import read_screenings
from yalu.screening.store import Store

RYONBONG = "Korea Ryonbong General Corporation"
STATIC = Path(__file__).resolve().parents[3] / "src" / "yalu" / "interfaces" / "web" / "static"


def results_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="(?:is-match|no-match)">(.*?)</tr>', html, flags=re.S)


def test_page_shows_the_form_and_the_lists_in_use(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    for field in ("name", "schema", "birth_date", "nationality", "imo_number"):
        assert f'name="{field}"' in html
    assert "un_sc" in html and "ofac_sdn" in html and "6 entities" in html
    assert not results_rows(html)
    assert "<td>2026-02-27</td>" in html and "<td>not printed in the file</td>" in html
    assert "Warning: ofac_sdn: publication date unknown" in html
    assert html.count(f'<td class="actor">{cli_actor()}</td>') == 2  # who loaded each list


def test_submitting_a_name_lists_candidates_with_scores_and_explanations(
    client: TestClient,
) -> None:
    response = client.post("/", data={"name": RYONBONG, "schema": "Organization"})
    assert response.status_code == 200
    rows = results_rows(response.text)
    matched = [row for row in rows if "MATCH" in row]
    assert any("un_sc" in row and "KPe.002" in row for row in matched)
    assert any("ofac_sdn" in row and "9347" in row for row in matched)
    assert "name +1.00</span> all words of the name match" in matched[0]
    assert '<td class="num score">1.00</td>' in matched[0]
    assert f'value="{RYONBONG}"' in response.text
    assert '<option value="Organization" selected>' in response.text


def test_vessel_imo_is_explained_on_the_page(client: TestClient) -> None:
    form = {"name": "Chon Ma San", "schema": "Vessel", "imo_number": "IMO 8660313"}
    rows = results_rows(client.post("/", data=form).text)
    assert "23729" in rows[0] and "MATCH" in rows[0]
    assert "8660313" in rows[0]


def test_page_screening_is_audited(client: TestClient, isolated_database: Path) -> None:
    client.post("/", data={"name": RYONBONG})
    with Store(isolated_database) as store:
        (record,) = read_screenings(store)
    assert record.query.name == RYONBONG
    assert record.actor == "page-admin"  # the signed-in key's name


def test_empty_name_shows_the_one_line_error_with_422(client: TestClient) -> None:
    response = client.post("/", data={"name": "  "})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "the name to screen is empty." in response.text
    assert not results_rows(response.text)


def test_unknown_nationality_keeps_the_form_values(client: TestClient) -> None:
    response = client.post("/", data={"name": "Kim Chol", "nationality": "Atlantis"})
    assert response.status_code == 422
    assert "unknown nationality &#39;Atlantis&#39;" in response.text
    assert 'value="Atlantis"' in response.text


def test_names_are_escaped(client: TestClient) -> None:
    response = client.post("/", data={"name": "<script>alert(1)</script> Kim"})
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;" in response.text


def test_page_without_lists_says_how_to_load_them(empty_client: TestClient) -> None:
    page = empty_client.get("/")
    assert page.status_code == 200
    assert 'id="no-lists"' in page.text and "yalu lists load PATH" in page.text
    screened = empty_client.post("/", data={"name": "Kim Chol"})
    assert screened.status_code == 404
    assert "no sanctions lists are loaded." in screened.text


def test_page_and_stylesheet_use_no_external_assets(client: TestClient) -> None:
    html = client.post("/", data={"name": RYONBONG}).text
    css = (STATIC / "style.css").read_text()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, "the page links its stylesheet"
    assert all(s.startswith(("/", "http://testserver/")) for s in sources), sources
    assert "<script" not in html
    assert "url(" not in css and "@import" not in css
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp
