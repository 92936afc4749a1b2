"""The one place interfaces read the clock; engines take dates and times as arguments."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime


def utc_today() -> date:
    """Return today's date in UTC."""
    return datetime.now(UTC).date()


def monotonic_s() -> float:
    """Return seconds on a clock that never goes back (for session expiry and rate limits)."""
    return time.monotonic()
