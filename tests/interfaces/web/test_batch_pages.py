"""`/batch`: a CSV of names screened from the page, shown matches first, downloaded."""

import csv
import io
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.interfaces.api.server import add_key
from tests.interfaces.web.conftest import PageClient, admin_client, finished_page, sign_in
from yalu.core.config import load_settings
from yalu.formats import read_list
from yalu.interfaces.api import create_app
from yalu.interfaces.web.batch_pages import Batch
from yalu.interfaces.web.page_jobs import PageJob
from yalu.screening.audit import read_screenings
from yalu.screening.ingest import ingest
from yalu.screening.keys import list_keys
from yalu.screening.store import Store, open_store

NAMES = (
    "id,name,birth_date\n"
    "1,Nobody In Particular,\n"
    "2,Korea Ryonbong General Corporation,\n"
    '3,"=HYPERLINK(""http://evil"",""x"")",\n'
    "4,Kang Chol Su,1969-02-13\n"
)


def upload(client: PageClient, text: str, name: str = "names.csv") -> str:
    """Upload the names, follow to the job's page and return it once every name is screened."""
    response = client.post(
        "/batch",
        files={"file": (name, text.encode(), "text/csv")},
        data={"csrf_token": client.csrf_token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return finished_page(client, response.headers["location"])


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


def test_the_upload_answers_at_once_with_the_jobs_page(client: PageClient) -> None:
    response = client.post(
        "/batch",
        files={"file": ("names.csv", NAMES.encode(), "text/csv")},
        data={"csrf_token": client.csrf_token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert re.fullmatch(r"http://testserver/batch/[\w-]{20,}", response.headers["location"])


def key_id_of(database: Path, name: str) -> str:
    with Store(database) as store:
        (key,) = [key for key in list_keys(store) if key.name == name]
    return key.key_id


def test_a_running_batch_shows_how_many_names_are_screened_and_reloads(
    client: PageClient, isolated_database: Path
) -> None:
    release = threading.Event()
    job = PageJob("batch", key_id_of(isolated_database, "page-admin"), "names.csv", total=4)

    def work(job: PageJob) -> None:
        job.done = 1
        release.wait(30)

    token = client.app.state.page_jobs.start(job, work)  # type: ignore[attr-defined]
    try:
        for _ in range(1000):
            if job.done:
                break
            time.sleep(0.01)
        page = client.get(f"/batch/{token}").text
        progress = client.get(f"/batch/{token}/progress.json")
    finally:
        release.set()
    assert re.search(r'id="progress" role="status" data-progress-url="[^"]+">1 of 4 names ', page)
    assert f'data-progress-url="http://testserver/batch/{token}/progress.json"' in page
    assert '<script src="http://testserver/static/job_progress.js" defer>' in page
    assert '<noscript><meta http-equiv="refresh" content="1"></noscript>' in page
    assert 'id="results"' not in page
    assert progress.json() == {
        "line": "1 of 4 names screened",
        "done": 1,
        "total": 4,
        "steps": {},
        "finished": False,
    }


class FinishesAsItsResultIsRead(PageJob):
    """A job whose thread finishes just after a page first reads its result."""

    def __getattribute__(self, name: str) -> object:
        value = super().__getattribute__(name)
        if name == "result" and not super().__getattribute__("is_finished"):
            self.result = Batch("names.csv", 0.84, ())
            self.is_finished = True
        return value


def test_a_batch_finishing_while_its_page_is_drawn_shows_progress_that_reloads(
    client: PageClient, isolated_database: Path
) -> None:
    # The page saw the job running: it must follow it, not show a page with neither
    # progress nor results and nothing to reload it.
    job = FinishesAsItsResultIsRead(
        "batch", key_id_of(isolated_database, "page-admin"), "names.csv", total=4
    )
    token = client.app.state.page_jobs.keep(job)  # type: ignore[attr-defined]
    page = client.get(f"/batch/{token}").text
    assert 'id="progress"' in page
    assert '<script src="http://testserver/static/job_progress.js" defer>' in page
    assert 'id="results"' in client.get(f"/batch/{token}").text


def test_another_caller_cannot_see_the_batch_page(
    client: PageClient, isolated_database: Path
) -> None:
    (url,) = set(
        re.findall(r'href="http://testserver(/batch/[^"/]+)/results', upload(client, NAMES))
    )
    database_url = f"sqlite:///{isolated_database}"
    key = add_key(database_url, "bob", "analyst")
    other = sign_in(PageClient(create_app(load_settings(database_url=database_url))), key)
    response = other.get(url)
    assert response.status_code == 404
    assert "these results are no longer kept" in response.text
    assert "Kang Chol Su" not in response.text
    assert other.get(url + "/progress.json").status_code == 404


def test_an_upload_with_no_list_loaded_is_refused_at_once(empty_client: PageClient) -> None:
    response = empty_client.post(
        "/batch",
        files={"file": ("names.csv", NAMES.encode(), "text/csv")},
        data={"csrf_token": empty_client.csrf_token},
        follow_redirects=False,
    )
    assert response.status_code == 404
    assert "no sanctions lists are loaded" in response.text
