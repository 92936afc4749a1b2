"""Alerts posted to a webhook over real HTTP on loopback, retried with backoff, never lost."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from tests.screening.local_http import refused_url
from tests.screening.webhook_server import webhook_receiver
from yalu.core.errors import ConfigError
from yalu.screening.alerts import NewAlert, add_alerts, pending_alerts, read_alerts
from yalu.screening.store import Store
from yalu.screening.webhook import SIGNATURE_HEADER, check_webhook_url, deliver_alerts


def _raise(store: Store, *subjects: str, notify: bool = True) -> None:
    alerts = [
        NewAlert(
            subject_id=subject,
            subject_name=f"Name of {subject}",
            kind="new_match",
            list="un_sc",
            entity_id="KPi.911",
            entity_name="PAK JI SONG",
            score=0.93,
            list_version="2025-03-14T00:00:00.000Z",
            version_id=2,
        )
        for subject in subjects
    ]
    with store.transaction():
        add_alerts(store, alerts, created="2026-01-05T10:00:00+00:00", notify=notify)


class Sleeps(list[float]):
    """Records the waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_each_pending_alert_is_posted_once_in_order_as_signed_json(store: Store) -> None:
    _raise(store, "S1", "S2")
    _raise(store, "S3", notify=False)  # raised while no webhook was set: never posted
    with webhook_receiver() as receiver:
        report = deliver_alerts(
            store, receiver.url, attempts=3, backoff_s=1, timeout_s=5, secret="s3cret"
        )
    assert (report.delivered, report.pending) == (2, 0)
    assert [body["subject_id"] for body in receiver.received] == ["S1", "S2"]
    assert set(receiver.received[0]) == {
        "alert_id",
        "subject_id",
        "subject_name",
        "kind",
        "list",
        "entity_id",
        "entity_name",
        "score",
        "list_version",
        "created",
        "status",
        "fields",
        "decision_id",
    }
    expected = hmac.new(b"s3cret", receiver.bodies[0], hashlib.sha256).hexdigest()
    assert receiver.headers[0][SIGNATURE_HEADER] == f"sha256={expected}"
    assert pending_alerts(store) == []
    assert [a.delivery for a in read_alerts(store)] == ["delivered", "delivered", "none"]


def test_refusals_are_retried_with_doubling_waits(store: Store) -> None:
    _raise(store, "S1")
    sleeps = Sleeps()
    with webhook_receiver(statuses=[503, 500]) as receiver:
        report = deliver_alerts(
            store, receiver.url, attempts=4, backoff_s=0.5, timeout_s=5, sleep=sleeps
        )
    assert (report.delivered, report.pending, receiver.attempts) == (1, 0, 3)
    assert sleeps == [0.5, 1.0]


def test_an_unreachable_webhook_keeps_alerts_pending_in_order_for_the_next_run(
    store: Store,
) -> None:
    _raise(store, "S1", "S2")
    sleeps = Sleeps()
    report = deliver_alerts(
        store, refused_url(), attempts=3, backoff_s=2, timeout_s=5, sleep=sleeps
    )
    assert (report.delivered, report.pending) == (0, 2)
    assert "alert 1: cannot reach the webhook" in report.error
    assert report.error.endswith("(after 3 attempts)")
    assert sleeps == [2, 4]
    with webhook_receiver(statuses=[502] * 3) as receiver:  # a receiver that keeps failing
        report = deliver_alerts(store, receiver.url, attempts=3, backoff_s=0, timeout_s=5)
        assert (report.pending, report.error) == (
            2,
            "alert 1: the webhook at "
            f"{receiver.url.split('/')[2]} answered "
            "HTTP 502 (after 3 attempts)",
        )
        assert receiver.received == []  # S2 waits behind S1: the order is kept
        report = deliver_alerts(store, receiver.url, attempts=3, backoff_s=0, timeout_s=5)
    assert (report.delivered, report.pending) == (2, 0)
    assert [body["subject_id"] for body in receiver.received] == ["S1", "S2"]


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "http://", "hooks.example.org"])
def test_a_webhook_url_must_be_http_or_https(url: str) -> None:
    with pytest.raises(ConfigError, match="is not an http\\(s\\) URL"):
        check_webhook_url(url)
