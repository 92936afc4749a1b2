import re

from fastapi.testclient import TestClient


def test_the_page_shows_one_row_per_party_with_every_list_and_why(client: TestClient) -> None:
    html = client.post("/", data={"name": "Korea Ryonbong General Corporation"}).text
    rows = re.findall(r'<tr class="(?:is-match|no-match)">(.*?)</tr>', html, flags=re.S)
    matched = [row for row in rows if "MATCH" in row]
    assert len(matched) == 1
    assert "KPe.002" in matched[0] and "9347" in matched[0]
    assert '<li class="grouped">grouped: ' in matched[0]
    assert "the same names" in matched[0]
