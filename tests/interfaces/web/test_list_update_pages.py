"""The lists page's Update button: admins only, a background job, one line per list.

No test reaches the internet: `list_mirror_url` points at a local HTTP server holding the
fixture lists under their official file names (the other lists are missing there, so they
fail with one line each and keep whatever version is in use).
"""

import re
import shutil
from pathlib import Path

import pytest

from tests.interfaces.api.server import SDN, UN, add_key, load_fixture_lists
from tests.interfaces.web.conftest import PageClient, admin_client, finished_page, sign_in
from tests.screening.local_http import serve_directory
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app
from yalu.screening.store import Store
from yalu.screening.update import OFFICIAL_LISTS


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """Return a folder serving the UN and OFAC SDN fixtures under their official names."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    shutil.copy(UN, folder / "consolidated.xml")
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(SDN / name, folder / name)
    return folder


def update(client: PageClient) -> str:
    """Press Update lists; return the job's page once every list is done."""
    pressed = client.post("/lists/update", data={}, follow_redirects=False)
    assert pressed.status_code == 303, pressed.text
    assert re.fullmatch(r"http://testserver/lists/update/[\w-]{20,}", pressed.headers["location"])
    return finished_page(client, pressed.headers["location"])


def step(html: str, source: str) -> str:
    found = re.search(rf'id="step-line-{source}">([^<]*)</td>', html)
    assert found, f"no line for {source}"
    return found.group(1)


def test_update_loads_the_mirrors_lists_under_the_admins_name(
    isolated_database: Path, mirror: Path
) -> None:
    url = f"sqlite:///{isolated_database}"
    with serve_directory(mirror) as base:
        client = admin_client(url, list_mirror_url=base)
        overview = client.get("/lists/overview").text
        assert 'id="update-lists"' in overview and f"from {base}" in overview
        html = update(client)
    assert step(html, "un_sc").startswith("Updated un_sc 2026-02-27T00:00:09.554Z: 3 entities")
    assert step(html, "ofac_sdn").startswith("Updated ofac_sdn")
    for source in set(OFFICIAL_LISTS) - {"un_sc", "ofac_sdn"}:
        line = step(html, source)
        assert line.startswith("Not updated: ") and "answered HTTP 404" in line, line
    assert f"Done: 2 updated, {len(OFFICIAL_LISTS) - 2} not updated." in html
    assert "http-equiv" not in html
    with Store(isolated_database) as store:
        assert store.active_version("un_sc").actor == "page-admin"  # type: ignore[union-attr]


def test_a_failed_update_says_so_in_one_line_and_keeps_the_version_in_use(
    isolated_database: Path, mirror: Path
) -> None:
    url = load_fixture_lists(isolated_database)
    with Store(isolated_database) as store:
        before = store.active_version("un_sc")
    (mirror / "consolidated.xml").write_text("<not a list", encoding="utf-8")
    with serve_directory(mirror) as base:
        html = update(admin_client(url, list_mirror_url=base))
    line = step(html, "un_sc")
    assert line.startswith("Not updated: ") and "\n" not in line
    assert "The previous version of un_sc (2026-02-27T00:00:09.554Z" in line
    with Store(isolated_database) as store:
        assert store.active_version("un_sc") == before


@pytest.mark.parametrize("role", ["analyst", "reviewer", "auditor"])
def test_only_admins_see_the_button_and_may_press_it(
    client: PageClient, isolated_database: Path, role: str
) -> None:
    url = f"sqlite:///{isolated_database}"
    other = sign_in(
        PageClient(create_app(load_settings(database_url=url))), add_key(url, role, role)
    )
    assert 'id="update-lists"' not in other.get("/lists/overview").text
    refused = other.post("/lists/update", data={"csrf_token": other.csrf_token})
    assert refused.status_code == 403
    assert f"the {role} role may not load lists" in refused.text


def test_the_button_needs_the_forms_csrf_token(client: PageClient) -> None:
    assert client.post("/lists/update", data={"csrf_token": "x"}).status_code == 403


def test_another_callers_update_is_not_found(isolated_database: Path, mirror: Path) -> None:
    url = f"sqlite:///{isolated_database}"
    with serve_directory(mirror) as base:
        client = admin_client(url, list_mirror_url=base)
        pressed = client.post("/lists/update", data={}, follow_redirects=False)
        finished_page(client, pressed.headers["location"])
    progress = client.get(pressed.headers["location"] + "/progress.json").json()
    assert progress["finished"] is True and progress["line"] == "7 of 7 lists done"
    assert progress["steps"]["un_sc"].startswith("Updated un_sc")
    other = sign_in(
        PageClient(create_app(load_settings(database_url=url))), add_key(url, "eve", "admin")
    )
    page = other.get(pressed.headers["location"])
    assert page.status_code == 404 and "these results are no longer kept" in page.text
    assert other.get(pressed.headers["location"] + "/progress.json").status_code == 404
