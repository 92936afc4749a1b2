"""Per-key request rates: a token bucket per API key (and per signed-in user's key).

Each key may make `per_minute` requests in a burst, and regains one every `60 / per_minute`
seconds. A request finding the bucket empty is refused with the seconds until a token is
back (`Retry-After`). 0 requests per minute turns the limit off.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable


class RequestRates:
    """How many requests each key may still make now."""

    def __init__(self, *, per_minute: int, clock: Callable[[], float]) -> None:
        """Allow `per_minute` requests per key (0: no limit); `clock` is monotonic seconds."""
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}
        """key id -> (tokens left, when they were counted)."""

    def take(self, key_id: str) -> int:
        """Spend one request of `key_id`; return 0, or the seconds to wait if none is left."""
        if self.per_minute <= 0:
            return 0
        rate_per_s = self.per_minute / 60.0
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.get(key_id, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - then) * rate_per_s)
            if tokens < 1.0:
                self._buckets[key_id] = (tokens, now)
                return max(1, math.ceil((1.0 - tokens) / rate_per_s))
            self._buckets[key_id] = (tokens - 1.0, now)
            return 0
