"""`/audit` pages through the whole trail with filters; `/audit/export.csv` exports it."""

import csv
import io
import re

import pytest

from tests.interfaces.api.server import add_key, bearer
from tests.interfaces.web.conftest import PageClient

HTML = {"accept": "text/html"}


def trail_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<td class="num id"><a href="[^"]+">(\d+)</a>', html)]


@pytest.fixture
def trail(client: PageClient) -> PageClient:
    """130 screenings by page-admin (ids 1..130), then 5 by bob (131..135)."""
    names = [{"name": f"Kim Chol {i}"} for i in range(1, 131)]
    assert client.post("/screen/batch", json={"queries": names}).status_code == 200
    url = str(client.app.state.settings.database_url)  # type: ignore[attr-defined]
    bob = bearer(add_key(url, "bob", "analyst"))
    others = [{"name": "Korea Ryonbong General Corporation"}] * 5
    assert client.post("/screen/batch", json={"queries": others}, headers=bob).status_code == 200
    return client


def test_the_trail_is_paged_newest_first_to_its_oldest_row(trail: PageClient) -> None:
    seen: list[int] = []
    url = "/audit?limit=40"
    while url:
        html = trail.get(url).text
        seen += trail_ids(html)
        older = re.search(r'href="(\?[^"]*before=\d+[^"]*)" id="older"', html)
        url = "/audit" + older.group(1).replace("&amp;", "&") if older else ""
    assert seen == list(range(135, 0, -1))


def test_filters_by_who_verdict_and_day(trail: PageClient) -> None:
    assert trail_ids(trail.get("/audit?actor=bob").text) == [135, 134, 133, 132, 131]
    assert trail_ids(trail.get("/audit?matches_only=true&limit=3").text) == [135, 134, 133]
    assert trail_ids(trail.get("/audit?since=2000-01-01&limit=2").text) == [135, 134]
    assert trail_ids(trail.get("/audit?until=2000-01-01").text) == []
    named = trail_ids(trail.get("/audit?name=kim+chol+12&actor=page-admin").text)
    assert named == [129, 128, 127, 126, 125, 124, 123, 122, 121, 120, 12]


def test_paging_keeps_the_filters(trail: PageClient) -> None:
    html = trail.get("/audit?actor=page-admin&limit=10").text
    assert 'href="?actor=page-admin&amp;limit=10&amp;before=121" id="older"' in html


def test_the_export_has_every_matching_row_once(trail: PageClient) -> None:
    response = trail.get("/audit/export.csv?actor=page-admin")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="yalu-audit.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["id", "screened_at", "actor", "query_name"]
    assert [int(row[0]) for row in rows[1:]] == list(range(130, 0, -1))
    everything = list(csv.reader(io.StringIO(trail.get("/audit/export.csv").text)))
    assert len(everything) == 136 and everything.count(everything[0]) == 1


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("since=yesterday", "since &#39;yesterday&#39; is not a day"),
        ("until=2026-13-01", "until &#39;2026-13-01&#39; is not a day"),
        ("before=x", "before &#39;x&#39; is not an audit row id"),
    ],
)
def test_bad_filters_are_one_line_422s(client: PageClient, query: str, said: str) -> None:
    page = client.get(f"/audit?{query}")
    assert page.status_code == 422 and said in page.text
