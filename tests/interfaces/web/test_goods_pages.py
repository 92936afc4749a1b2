"""`/goods`: shipments and suppliers checked from the page, as `yalu goods|supply check`."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.interfaces.web.conftest import PageClient

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"


def upload(client: PageClient, kind: str, path: Path, name: str = "") -> str:
    response = client.post(
        f"/goods/page/{kind}",
        files={"file": (name or path.name, path.read_bytes(), "text/csv")},
        data={"csrf_token": client.csrf_token},
    )
    assert response.status_code == 200, response.text
    return response.text


def download(client: PageClient, html: str, fmt: str) -> str:
    found = re.search(rf'href="http://testserver(/goods/page/[^"]+/results\.{fmt})"', html)
    assert found, f"no {fmt} download"
    return str(client.get(found.group(1)).text)


def cli(command: str, path: Path, isolated_database: Path) -> object:
    env = {**os.environ, "YALU_DATABASE_URL": f"sqlite:///{isolated_database}"}
    done = subprocess.run(
        [sys.executable, "-m", "yalu", command, "check", str(path), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("kind", "command", "sample"),
    [("shipments", "goods", "shipments.csv"), ("suppliers", "supply", "suppliers.csv")],
)
def test_the_page_gives_the_commands_verdicts(
    client: PageClient, isolated_database: Path, kind: str, command: str, sample: str
) -> None:
    html = upload(client, kind, SAMPLES / sample)
    page = json.loads(download(client, html, "json"))
    assert page == cli(command, SAMPLES / sample, isolated_database)
    verdicts = re.findall(r'<span class="badge verdict (\w+)">', html)
    order = {"prohibited": 0, "over_cap": 1, "review": 2, "clear": 3}
    assert verdicts == sorted(verdicts, key=order.__getitem__)  # most severe first
    assert "prohibited" in verdicts
    assert "<!doctype html>" in download(client, html, "html").lower()


def test_shipment_reasons_are_shown(client: PageClient) -> None:
    html = upload(client, "shipments", SAMPLES / "shipments.csv")
    row = re.search(r'<tr class="verdict-prohibited">(.*?)</tr>', html, flags=re.S)
    assert row and "S-0" in row.group(1) and "rule [" in row.group(1)


def test_a_bad_line_names_the_upload_and_its_line(client: PageClient, tmp_path: Path) -> None:
    text = (SAMPLES / "shipments.csv").read_text().replace("2018-03-14", "14 March", 1)
    bad = tmp_path / "mine.csv"
    bad.write_text(text)
    response = client.post(
        "/goods/page/shipments",
        files={"file": ("mine.csv", bad.read_bytes(), "text/csv")},
        data={"csrf_token": client.csrf_token},
    )
    assert response.status_code == 422
    assert re.search(r'id="error">mine\.csv:2: ', response.text)


def test_the_goods_page_is_a_page_not_json(client: PageClient) -> None:
    page = client.get("/goods")
    assert page.status_code == 200 and 'id="shipments-form"' in page.text
    assert 'id="suppliers-form"' in page.text
