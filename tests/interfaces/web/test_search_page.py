"""The screening page's GET search: bookmarkable URLs, filters, controls and the top reason."""

import re
from pathlib import Path

import pytest

from tests.interfaces.web.conftest import PageClient
from tests.interfaces.web.test_pages import results_rows
from yalu.screening.audit import read_screenings
from yalu.screening.store import Store

RYONBONG = "Korea Ryonbong General Corporation"


def reason(html: str) -> str:
    found = re.search(r'id="top-reason">(.*?)</p>', html, flags=re.S)
    assert found, "no top reason on the page"
    return found.group(1)


def test_a_search_is_a_url_that_screens_and_keeps_the_form(client: PageClient) -> None:
    page = client.get("/", params={"name": RYONBONG, "schema": "Organization"})
    assert page.status_code == 200
    rows = results_rows(page.text)
    assert "KPe.002" in rows[0] and "9347" in rows[0]  # one party, both lists
    assert f'value="{RYONBONG}"' in page.text
    assert '<option value="Organization" selected>' in page.text
    assert '<form method="get" action="http://testserver/" class="search"' in page.text


def test_the_top_reason_says_why_it_is_a_match(client: PageClient) -> None:
    said = reason(client.get("/", params={"name": RYONBONG}).text)
    assert said.startswith("The top candidate, KOREA RYONBONG GENERAL CORPORATION (")
    assert "is a match: score 1.00 is at or above the threshold 0.84" in said


def test_the_top_reason_says_why_it_is_not_a_match(client: PageClient) -> None:
    params = {"name": "Kang Chol Su", "birth_date": "1980-05-05", "threshold": "0.99"}
    said = reason(client.get("/", params=params).text)
    assert "KANG Chol Su (ofac_sdn 21733), is not a match: score" in said
    assert "is below the threshold 0.99" in said
    assert "held it back: birth_date -" in said


def test_no_candidate_is_said_in_one_line(client: PageClient) -> None:
    said = reason(client.get("/", params={"name": "Zzyzx Qwerty"}).text)
    assert said == "No candidate: no list entry in scope resembles &#39;Zzyzx Qwerty&#39;."


def test_the_list_filter_searches_those_lists_only_and_the_audit_says_so(
    client: PageClient, isolated_database: Path
) -> None:
    page = client.get("/", params={"name": RYONBONG, "lists": "ofac_sdn"})
    rows = results_rows(page.text)
    assert rows and all("un_sc" not in row for row in rows)
    assert 'id="scope">Searched only: lists ofac_sdn.' in page.text
    assert 'value="ofac_sdn" checked' in page.text
    with Store(isolated_database) as store:
        (record,) = read_screenings(store)
    assert [item.source for item in record.list_versions] == ["ofac_sdn"]


@pytest.mark.parametrize(
    ("params", "found", "absent"),
    [
        ({"name": "Chon Ma San", "only_schema": "Vessel"}, "23729", "KPe.002"),
        ({"name": "Kang Chol Su", "only_country": "China"}, "21733", "KPi.001"),
        ({"name": "Korea General Corporation", "program": "dprk"}, "KPe.002", "9347"),
    ],
)
def test_type_country_and_programme_filters(
    client: PageClient, params: dict[str, str], found: str, absent: str
) -> None:
    page = client.get("/", params=params)
    assert page.status_code == 200
    html = "".join(results_rows(page.text))
    assert found in html and absent not in html


def test_passport_and_country_fields_reach_the_score(client: PageClient) -> None:
    params = {"name": "Kang Chol Su", "passport_number": "472234895", "country": "CN"}
    rows = results_rows(client.get("/", params=params).text)
    assert "21733" in rows[0] and "MATCH" in rows[0]
    assert "472234895" in rows[0]


def test_threshold_and_limit_controls(client: PageClient) -> None:
    default = results_rows(client.get("/", params={"name": "Kang Chol"}).text)
    assert default and "MATCH" not in default[0]  # 0.47, below 0.84
    lenient = client.get("/", params={"name": "Kang Chol", "threshold": "0.4", "limit": "1"})
    rows = results_rows(lenient.text)
    assert len(rows) == 1 and "21733" in rows[0] and "MATCH" in rows[0]
    assert "(threshold 0.40)" in lenient.text
    many = results_rows(client.get("/", params={"name": "Korea Company"}).text)
    one = results_rows(client.get("/", params={"name": "Korea Company", "limit": "1"}).text)
    assert len(many) > 1 and len(one) == 1 and one[0] == many[0]


@pytest.mark.parametrize(
    ("params", "said"),
    [
        (
            {"name": "Kim", "threshold": "1.5"},
            "threshold &#39;1.5&#39; is not a number from 0 to 1",
        ),
        ({"name": "Kim", "limit": "0"}, "limit &#39;0&#39; is not a whole number from 1 to 100"),
        ({"name": "Kim", "lists": "eu_fsf"}, "list &#39;eu_fsf&#39; is not in use"),
        ({"name": "Kim", "program": "narnia"}, "unknown programme &#39;narnia&#39;"),
        ({"name": "Kim", "only_country": "Atlantis"}, "unknown country filter &#39;Atlantis&#39;"),
        ({"name": "Kim", "only_schema": "Robot"}, "unknown type &#39;Robot&#39;"),
        (
            {"name": "   "},
            "the name to screen is empty. Type the name to screen in the Name field.",
        ),
        ({"name": "x" * 501}, "the name is longer than 500 characters"),
    ],
)
def test_wrong_values_are_one_line_422s_that_keep_the_form(
    client: PageClient, params: dict[str, str], said: str
) -> None:
    page = client.get("/", params=params)
    assert page.status_code == 422
    assert re.search(r'id="error">([^<]*)</p>', page.text).group(1).startswith(said)  # type: ignore[union-attr]
    assert not results_rows(page.text)


def test_a_filter_no_entry_passes_is_a_404(client: PageClient) -> None:
    page = client.get("/", params={"name": "Kim", "only_schema": "Aircraft"})
    assert page.status_code == 404
    assert "no entry of the lists in use is in scope (type Aircraft)" in page.text


def test_the_empty_form_screens_nothing(client: PageClient, isolated_database: Path) -> None:
    page = client.get("/")
    assert page.status_code == 200 and not results_rows(page.text)
    assert 'id="top-reason"' not in page.text
    with Store(isolated_database) as store:
        assert read_screenings(store) == []
