"""The one place interfaces read the clock; engines take dates and times as arguments."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime


def utc_today() -> date:
    """Return today's date in UTC."""
    return datetime.now(UTC).date()


def utc_timestamp() -> str:
    """Return the current UTC time in ISO 8601, to the second (`2026-12-04T01:40:08+00:00`)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def utc_now() -> datetime:
    """Return the current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


def monotonic_s() -> float:
    """Return seconds on a clock that never goes back (for session expiry and rate limits)."""
    return time.monotonic()
