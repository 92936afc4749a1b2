"""The alerts queue and the decision buttons, through a TestClient over a monitored store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key
from tests.interfaces.api.test_monitoring import _monitored_store
from tests.interfaces.web.conftest import PageClient, admin_client, sign_in
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app


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


def review_group(html: str) -> str:
    found = re.search(r'<span class="nav-group" role="group".*?</a></span>', html, re.S)
    assert found, "no Audit and review group in the nav"
    return found.group(0)


def signed_in_as(database_url: str, role: str) -> PageClient:
    key = add_key(database_url, f"{role}-1", role)
    return sign_in(PageClient(create_app(load_settings(database_url=database_url))), key)


def test_the_nav_groups_the_audit_trail_and_the_alerts_queue(client: TestClient) -> None:
    for path in ("/", "/audit", "/monitor", "/lists/overview"):
        group = review_group(client.get(path).text)
        assert "Audit and review:" in group, path
        assert 'id="audit-link">Audit trail</a>' in group
        assert 'id="alerts-link">Alerts</a>' in group


def test_the_audit_trail_counts_the_open_alerts_and_links_the_queue(client: TestClient) -> None:
    trail = client.get("/audit").text
    assert 'id="open-alerts">3 open monitoring alerts wait for a decision' in trail
    assert 'href="http://testserver/monitor" id="open-alerts-link"' in trail
    client.post(
        "/monitor/decide",
        data={
            "subject_id": "S3",
            "entity_id": "KPi.914",
            "list": "un_sc",
            "verdict": "true_match",
            "reason": "Same birth date and passport",
        },
    )
    assert 'id="open-alerts">2 open monitoring alerts' in client.get("/audit").text


def test_without_open_alerts_the_trail_still_links_the_queue(empty_client: PageClient) -> None:
    trail = empty_client.get("/audit").text
    assert re.search(
        r'id="open-alerts">No open monitoring alerts; <a[^>]*id="open-alerts-link"', trail
    )


def test_an_auditor_sees_the_count_and_a_reviewer_the_group(isolated_database: Path) -> None:
    url = _monitored_store(isolated_database)
    auditor = signed_in_as(url, "auditor")
    assert 'id="open-alerts">3 open monitoring alerts' in auditor.get("/audit").text
    reviewer = signed_in_as(url, "reviewer")
    assert reviewer.get("/audit").status_code == 403  # reads alerts, not the audit trail
    group = review_group(reviewer.get("/monitor").text)
    assert 'id="alerts-link"' in group and 'id="audit-link"' not in group


def test_an_analyst_sees_neither_the_group_nor_the_alerts(isolated_database: Path) -> None:
    analyst = signed_in_as(_monitored_store(isolated_database), "analyst")
    page = analyst.get("/").text
    assert 'class="nav-group"' not in page and 'id="alerts-link"' not in page
