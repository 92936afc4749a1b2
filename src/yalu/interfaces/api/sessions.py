"""Web sign-in sessions and failed-attempt limits, held in the server's memory.

A session starts when someone signs in to the page with an API key: the browser gets a new
random token in an HttpOnly, SameSite=Strict cookie (Secure, and named `__Host-...`, when
served over TLS), never one it chose, so a planted cookie cannot be promoted to a session.
The server keeps only the token's SHA-256, with the key's id and role and the session's
CSRF token. Sessions end on sign-out, after `session_hours`, when the server restarts, and
on the first request after their key is revoked.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from yalu.models.access import Role

SESSION_COOKIE = "yalu_session"
SIGNIN_COOKIE = "yalu_signin"
"""Holds the sign-in form's CSRF token before there is a session (login CSRF)."""
MAX_SESSIONS = 10_000
MAX_CLIENTS = 10_000


@dataclass(frozen=True, slots=True)
class Session:
    """One signed-in browser: whose key, which role, its CSRF token and when it ends."""

    key_id: str
    name: str
    role: Role
    csrf_token: str
    expires_at_s: float


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Sessions:
    """The signed-in sessions, by the SHA-256 of their cookie token."""

    def __init__(self, *, lifetime_s: float, clock: Callable[[], float]) -> None:
        """Keep sessions for `lifetime_s` seconds of `clock` (a monotonic clock)."""
        self._lifetime_s = lifetime_s
        self._clock = clock
        self._lock = threading.Lock()
        self._by_digest: OrderedDict[str, Session] = OrderedDict()

    def start(self, *, key_id: str, name: str, role: Role) -> str:
        """Start a session for a key; return the new cookie token (shown to nobody else)."""
        token = secrets.token_urlsafe(32)
        session = Session(
            key_id=key_id,
            name=name,
            role=role,
            csrf_token=secrets.token_urlsafe(32),
            expires_at_s=self._clock() + self._lifetime_s,
        )
        with self._lock:
            self._by_digest[_digest(token)] = session
            while len(self._by_digest) > MAX_SESSIONS:  # the oldest sign-in goes first
                self._by_digest.popitem(last=False)
        return token

    def get(self, token: str | None) -> Session | None:
        """Return the live session of a cookie token, or None (unknown or expired)."""
        if not token:
            return None
        digest = _digest(token)
        with self._lock:
            session = self._by_digest.get(digest)
            if session is not None and session.expires_at_s <= self._clock():
                del self._by_digest[digest]
                return None
            return session

    def end(self, token: str | None) -> None:
        """End the session of a cookie token, if any."""
        if token:
            with self._lock:
                self._by_digest.pop(_digest(token), None)


class FailedAttempts:
    """Count failed sign-ins per client over a sliding window, and say when to refuse."""

    def __init__(self, *, allowed: int, window_s: float, clock: Callable[[], float]) -> None:
        """Allow `allowed` failures per client within any `window_s` seconds of `clock`."""
        self._allowed = allowed
        self._window_s = window_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after_s(self, client: str) -> int:
        """Return the whole seconds `client` must wait before trying again (0: go ahead)."""
        now = self._clock()
        with self._lock:
            times = self._failures.get(client)
            if times is None:
                return 0
            while times and times[0] <= now - self._window_s:
                times.popleft()
            if len(times) < self._allowed:
                return 0
            return max(1, int(times[0] + self._window_s - now + 0.999))

    def record_failure(self, client: str) -> None:
        """Count one failure for `client` now."""
        with self._lock:
            times = self._failures.setdefault(client, deque())
            self._failures.move_to_end(client)
            times.append(self._clock())
            while len(times) > self._allowed:
                times.popleft()
            while len(self._failures) > MAX_CLIENTS:
                self._failures.popitem(last=False)

    def forget(self, client: str) -> None:
        """Clear the failures of `client` (after it signed in)."""
        with self._lock:
            self._failures.pop(client, None)


def client_of(request: Request) -> str:
    """Return the client's address (the proxy's `X-Forwarded-For` when uvicorn trusts it)."""
    return request.client.host if request.client is not None else "unknown"


def is_tls(request: Request) -> bool:
    """Return True when the request came over HTTPS (directly, or from a trusted proxy)."""
    return request.url.scheme == "https"


def cookie_name(request: Request, base: str) -> str:
    """Return `__Host-<base>` over TLS (the browser then insists on Secure, path /, no domain)."""
    return f"__Host-{base}" if is_tls(request) else base


def set_cookie(response: Response, request: Request, base: str, value: str, max_age_s: int) -> None:
    """Set an HttpOnly, SameSite=Strict cookie for the whole site; Secure over TLS."""
    response.set_cookie(
        cookie_name(request, base),
        value,
        max_age=max_age_s,
        path="/",
        httponly=True,
        samesite="strict",
        secure=is_tls(request),
    )


def clear_cookie(response: Response, request: Request, base: str) -> None:
    """Tell the browser to drop a cookie set by `set_cookie`."""
    response.delete_cookie(
        cookie_name(request, base),
        path="/",
        httponly=True,
        samesite="strict",
        secure=is_tls(request),
    )


def read_cookie(request: Request, base: str) -> str | None:
    """Return the value of a cookie set by `set_cookie`, or None."""
    return request.cookies.get(cookie_name(request, base))
