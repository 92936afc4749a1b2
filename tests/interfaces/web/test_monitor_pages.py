"""The alerts queue and the decision buttons, through a TestClient over a monitored store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.test_monitoring import _monitored_store
from tests.interfaces.web.conftest import PageClient, admin_client


@pytest.fixture
def client(isolated_database: Path) -> PageClient:
    return admin_client(_monitored_store(isolated_database))


def _queue_rows(html: str) -> list[str]:
    return re.findall(r'<tr id="alert-(\d+)"', html)


def test_queue_shows_open_alerts_and_a_decision_acknowledges_one(client: TestClient) -> None:
    page = client.get("/monitor")
    assert page.status_code == 200
    assert _queue_rows(page.text) == ["1", "2", "3"]
    assert "changed: birth_dates" in page.text
    assert page.text.count('class="decide"') == 3
    decided = client.post(
        "/monitor/decide",
        data={
            "subject_id": "S3",
            "entity_id": "KPi.914",
            "list": "un_sc",
            "verdict": "true_match",
            "reason": "Same birth date and passport",
        },
        follow_redirects=False,
    )
    assert decided.status_code == 303
    after = client.get(decided.headers["location"])
    assert "Decision 1 recorded; its alerts are acknowledged." in after.text
    assert _queue_rows(after.text) == ["1", "3"]  # alert 2 (S3, new_match) is acknowledged
    every = client.get("/monitor", params={"all": "1"}).text
    assert _queue_rows(every) == ["1", "2", "3"]
    assert "acknowledged (decision 1)" in every
    assert client.get("/decisions").json()[0]["by"] == "page-admin"


def test_a_decision_without_a_reason_is_refused_on_the_page(client: TestClient) -> None:
    response = client.post(
        "/monitor/decide",
        data={"subject_id": "S1", "entity_id": "KPi.911", "verdict": "true_match", "reason": ""},
    )
    assert response.status_code == 422
    assert "the reason is empty" in response.text
    assert _queue_rows(response.text) == ["1", "2", "3"]


def test_candidates_of_a_referenced_subject_take_a_decision(client: TestClient) -> None:
    form = {"name": "Pak Ji Song", "reference": "S1"}
    screened = client.post("/", data=form)
    assert screened.status_code == 200
    assert screened.text.count('class="decide"') >= 1
    assert 'name="reference" value="S1"' in screened.text
    reviewed = client.post(
        "/review",
        data={
            **form,
            "entity_id": "KPi.911",
            "list": "un_sc",
            "verdict": "false_positive",
            "reason": "Our Pak Ji Song was born in 2001",
        },
    )
    assert reviewed.status_code == 200
    assert "Decision 1 recorded: KPi.911 is false_positive." in reviewed.text
    assert '<span class="badge decided false_positive">false positive</span>' in reviewed.text
    assert "Our Pak Ji Song was born in 2001 (page-admin," in reviewed.text
    assert "0 of" in reviewed.text  # the cleared candidate is no match
    audited = client.get("/audit/2").text  # the screening shown after the decision
    assert "false positive" in audited and 'class="decide"' not in audited


def test_without_a_reference_no_decision_is_offered(client: TestClient) -> None:
    screened = client.post("/", data={"name": "Pak Ji Song"})
    assert 'class="decide"' not in screened.text
    assert "Give a reference (the subject's id) to" in screened.text
