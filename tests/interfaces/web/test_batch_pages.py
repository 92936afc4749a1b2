"""`/batch`: a CSV of names screened from the page, shown matches first, downloaded."""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.interfaces.api.server import add_key
from tests.interfaces.web.conftest import PageClient, admin_client, sign_in
from yalu.core.config import load_settings
from yalu.formats import read_list
from yalu.interfaces.api import create_app
from yalu.screening.audit import read_screenings
from yalu.screening.ingest import ingest
from yalu.screening.store import Store, open_store

NAMES = (
    "id,name,birth_date\n"
    "1,Nobody In Particular,\n"
    "2,Korea Ryonbong General Corporation,\n"
    '3,"=HYPERLINK(""http://evil"",""x"")",\n'
    "4,Kang Chol Su,1969-02-13\n"
)


def upload(client: PageClient, text: str, name: str = "names.csv") -> str:
    response = client.post(
        "/batch",
        files={"file": (name, text.encode(), "text/csv")},
        data={"csrf_token": client.csrf_token},
    )
    assert response.status_code == 200, response.text
    return response.text


def download_link(html: str, fmt: str) -> str:
    found = re.search(rf'href="http://testserver(/batch/[^"]+/results\.{fmt})"', html)
    assert found, f"no {fmt} download"
    return found.group(1)


def test_uploaded_names_are_shown_matches_first(
    client: PageClient, isolated_database: Path
) -> None:
    html = upload(client, NAMES)
    rows = re.findall(r'<tr class="(is-match|no-match)">\s*<td class="num">(\d+)</td>', html)
    assert rows[:2] == [("is-match", "2"), ("is-match", "4")]
    assert {position for _, position in rows[2:]} == {"1", "3"}
    assert "4 names screened; 2 with a match" in html
    assert '<a href="/entities/' in html
    with Store(isolated_database) as store:
        assert len(read_screenings(store, limit=100)) == 4  # each name audited once


def test_downloads_are_the_commands_formats_and_formula_safe(client: PageClient) -> None:
    html = upload(client, NAMES)
    as_json = client.get(download_link(html, "json"))
    assert as_json.headers["content-disposition"] == 'attachment; filename="names-results.json"'
    results = json.loads(as_json.text)
    assert [r["id"] for r in results] == ["1", "2", "3", "4"]  # file order
    as_csv = client.get(download_link(html, "csv")).text
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert rows[0][:2] == ["id", "name"]
    assert any(row[1].startswith("'=HYPERLINK") for row in rows[1:])
    xlsx = client.get(download_link(html, "xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [
        ["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()
    ]
    assert values == rows
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)


def test_another_caller_cannot_download_the_results(
    client: PageClient, isolated_database: Path
) -> None:
    link = download_link(upload(client, NAMES), "csv")
    url = f"sqlite:///{isolated_database}"
    key = add_key(url, "bob", "analyst")
    other = sign_in(PageClient(create_app(load_settings(database_url=url))), key)
    response = other.get(link)
    assert response.status_code == 404
    assert "these results are no longer kept" in response.text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("nom\nKim\n", "names.csv:1: "),
        ("name\n\n  \n", "names.csv"),
    ],
)
def test_a_bad_file_is_one_line_with_422(client: PageClient, text: str, said: str) -> None:
    response = client.post(
        "/batch",
        files={"file": ("names.csv", text.encode(), "text/csv")},
        data={"csrf_token": client.csrf_token},
    )
    assert response.status_code == 422
    error = re.search(r'id="error">([^<]*)<', response.text)
    assert error and error.group(1).startswith(said) and "\n" not in error.group(1)


def test_not_utf8_names_the_byte(client: PageClient) -> None:
    response = client.post(
        "/batch",
        files={"file": ("names.csv", b"name\n\xff\n", "text/csv")},
        data={"csrf_token": client.csrf_token},
    )
    assert response.status_code == 422 and "not UTF-8" in response.text


def test_an_upload_without_the_csrf_token_is_refused(client: PageClient) -> None:
    response = client.post(
        "/batch",
        files={"file": ("names.csv", NAMES.encode(), "text/csv")},
        data={"csrf_token": "x"},
    )
    assert response.status_code == 403


@pytest.mark.shared_data
@pytest.mark.slow
def test_a_thousand_names_on_the_page_match_as_yalu_screen_input(
    shared_data: Path, tmp_path: Path
) -> None:
    database = tmp_path / "yalu.sqlite3"
    url = f"sqlite:///{database}"
    with open_store(url) as store:
        snapshot = read_list(shared_data / "lists" / "un_consolidated_2024-11-30.xml")
        ingest(snapshot, store)
    names = thousand_names([n for e in snapshot.entities for n in e.names])
    path = tmp_path / "names.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name"])
        writer.writerows((str(i), name) for i, name in enumerate(names, start=1))
    client = admin_client(url)
    html = upload(client, path.read_text(encoding="utf-8"))
    page = json.loads(client.get(download_link(html, "json")).text)
    cli = subprocess.run(
        [sys.executable, "-m", "yalu", "screen", "--input", str(path), "--format", "json"],
        env={"YALU_DATABASE_URL": url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(cli.stdout)
    assert len(page) == len(expected) == 1000

    def found(results: list[dict[str, object]]) -> list[tuple[str, list[tuple[object, ...]]]]:
        return [
            (
                str(r["id"]),
                [(m["list"], m["entity_id"], m["score"], m["match"]) for m in r["matches"]],
            )  # type: ignore[index, union-attr, attr-defined]
            for r in results
        ]

    assert found(page) == found(expected)
    matched = sum(any(m["match"] for m in r["matches"]) for r in page)  # type: ignore[union-attr, index, attr-defined]
    assert 300 < matched < 1000  # list names match, the altered and made-up ones mostly not


def thousand_names(list_names: list[str]) -> list[str]:
    """Return 1,000 names: list names as published, with a word dropped, and made up."""
    chosen = sorted(set(list_names))[:400]
    dropped = [" ".join(name.split()[:-1]) or name for name in chosen[:300]]
    made_up = [f"Person {word} Example{i}" for i, word in enumerate(["Alpha", "Beta"] * 150)]
    return (chosen + dropped + made_up)[:1000]
