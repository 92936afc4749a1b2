"""Post new alerts to a webhook: each alert as one JSON request, retried with backoff.

Alerts raised while a webhook is set wait in the store with delivery `pending` (an outbox).
`deliver_alerts` posts them oldest first; an answer in the 2xx range delivers one, anything
else (an HTTP error, a refused connection, a timeout) is retried after `backoff_s`, then
twice as long, and so on, `attempts` times in all. An alert still refused then stays pending,
with the alerts after it, for the next run: the order is kept and nothing is lost. Delivery
is at least once: a receiver that must not act twice uses `alert_id`.

With a secret, each request carries `X-Yalu-Signature: sha256=<hex>`, the HMAC-SHA256 of
the body under the secret, so the receiver can tell the alert came from this yalu.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from yalu import __version__
from yalu.core.errors import ConfigError, NetworkError
from yalu.screening.alerts import Alert, pending_alerts, record_delivery
from yalu.screening.store import Store

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Yalu-Signature"


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one delivery run did: alerts delivered, alerts left pending, and why."""

    delivered: int
    pending: int
    error: str = ""


def check_webhook_url(url: str) -> str:
    """Return `url` when it is an http or https URL with a host.

    Raises:
        ConfigError: it is not.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"alert_webhook_url '{url}' is not an http(s) URL",
            hint="Write it as https://HOST/PATH, or leave it empty for no webhook",
        )
    return url


def _body(alert: Alert) -> bytes:
    return json.dumps(alert.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(body: bytes, secret: str) -> str:
    """Return the signature header value of `body`: `sha256=` and the HMAC in hex."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def post_alert(alert: Alert, url: str, *, timeout_s: float, secret: str = "") -> None:
    """Post one alert as JSON.

    Raises:
        NetworkError: the receiver answered outside 2xx, refused, or did not answer in time.
    """
    body = _body(alert)
    headers = {"Content-Type": "application/json", "User-Agent": f"yalu/{__version__}"}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    host = urlsplit(url).netloc
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise NetworkError(f"the webhook at {host} answered HTTP {exc.code}") from exc
    except urllib.error.URLError as exc:
        raise NetworkError(f"cannot reach the webhook at {host}: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise NetworkError(f"the webhook at {host} did not answer ({exc})") from exc


def deliver_alerts(
    store: Store,
    url: str,
    *,
    attempts: int,
    backoff_s: float,
    timeout_s: float,
    secret: str = "",
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """Post every pending alert, oldest first, retrying each with exponential backoff.

    Args:
        store: the open screening store.
        url: the webhook (`check_webhook_url`).
        attempts: tries per alert, at least 1.
        backoff_s: wait before the second try; each later wait doubles.
        timeout_s: seconds to wait for each answer.
        secret: when set, sign each body (`SIGNATURE_HEADER`).
        sleep: how to wait (tests pass a recorder).

    Returns:
        the alerts delivered, those still pending, and the last error if one stays pending.
    """
    check_webhook_url(url)
    delivered = 0
    while batch := pending_alerts(store):
        for alert in batch:
            error = _deliver_one(store, alert, url, attempts, backoff_s, timeout_s, secret, sleep)
            if error:
                left = len(pending_alerts(store, limit=1_000_000))
                logger.info("webhook: %s; %d alerts stay pending", error, left)
                return DeliveryReport(delivered, left, error)
            delivered += 1
    return DeliveryReport(delivered, 0)


def _deliver_one(
    store: Store,
    alert: Alert,
    url: str,
    attempts: int,
    backoff_s: float,
    timeout_s: float,
    secret: str,
    sleep: Callable[[float], None],
) -> str:
    """Post one alert up to `attempts` times; return "" once delivered, else the last error."""
    error = ""
    for attempt in range(max(1, attempts)):
        if attempt:
            sleep(backoff_s * 2 ** (attempt - 1))
        try:
            post_alert(alert, url, timeout_s=timeout_s, secret=secret)
        except NetworkError as exc:
            error = f"alert {alert.alert_id}: {exc.problem}"
            record_delivery(store, alert.alert_id, delivered=False, error=exc.problem)
            continue
        record_delivery(store, alert.alert_id, delivered=True)
        return ""
    return f"{error} (after {max(1, attempts)} attempts)"
