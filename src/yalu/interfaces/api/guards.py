"""The outer guard of `yalu serve`: hosts, origins, body limits, load shedding, time budget.

`RequestGuard` is one ASGI middleware around the whole app. Before FastAPI reads a byte of
a request it checks, in order:

1. the `Host` header is allowed (`allowed_hosts`; against DNS rebinding), else 400;
2. fewer than `max_concurrent_requests` requests are being worked on, else 503 with
   `Retry-After` (`GET /health` and `GET /ready` always pass);
3. on POST, PUT, PATCH and DELETE: an `Origin` (or `Sec-Fetch-Site`) naming another site
   is 403, and a body of a type the route does not take is 415 (JSON routes take
   `application/json` only, pages take forms, uploads take `multipart/form-data`);
4. a body whose `Content-Length` is over the limit is 413 at once; otherwise its bytes are
   counted as they arrive and the request is answered 413 as soon as the count passes it;
5. a request not answered within `request_timeout_s` is answered 503 with `Retry-After`
   (`GET /health` and `GET /ready` excepted).

Every answer, the app's and the guard's, carries the security headers (`SECURITY_HEADERS`,
and a Content-Security-Policy with `frame-ancestors 'none'` when the page set none).
Refusals are `{"error", "detail"}` JSON like every other error.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNCOUNTED_PATHS = frozenset({"/health", "/ready"})
"""Answered whatever the load and however slowly: a supervisor must always be able to ask."""
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_TYPES = frozenset({"application/json"})
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
UPLOAD_TYPES = frozenset({"multipart/form-data", "text/csv"})
"""Bodies held to `max_upload_bytes` instead of `max_body_bytes`."""
BODY_TYPES: dict[str, frozenset[str]] = {
    "/goods/check": frozenset({"application/json", "multipart/form-data", "text/csv"}),
    "/lists/load": frozenset({"multipart/form-data"}),
}
"""API routes that take more than JSON (every other API route takes `application/json`)."""
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'"
SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
RETRY_AFTER_S = 1
INTERNAL_ERROR = (
    "the server failed. The server's log has the details; try again, or tell its administrator"
)


@dataclass(frozen=True, slots=True)
class GuardLimits:
    """What `RequestGuard` enforces (from `Settings`, see docs/reference/settings.md)."""

    allowed_hosts: frozenset[str]
    """Lower-case host names without port; `*` allows any."""
    max_body_bytes: int
    max_upload_bytes: int
    max_concurrent: int
    timeout_s: float


def allowed_hosts(setting: str, bound_host: str | None) -> frozenset[str]:
    """Return the hosts the `allowed_hosts` setting names; empty: bound host and loopback."""
    named = {part.strip().lower().strip("[]") for part in setting.split(",") if part.strip()}
    if named:
        return frozenset(named)
    defaults = set(LOOPBACK_NAMES)
    if bound_host and bound_host not in ("0.0.0.0", "::"):
        defaults.add(bound_host.strip().lower().strip("[]"))
    return frozenset(defaults)


def host_name(header: str) -> str:
    """Return the host of a `Host` header without its port (`[::1]:8000` is `::1`)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    if header.count(":") == 1:
        return header.partition(":")[0]
    return header


def media_type(headers: Headers) -> str:
    """Return the request's media type without parameters, lower case ('' if none)."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


def has_body(headers: Headers) -> bool:
    """Return True when the request announces a body (a length above 0, or chunks)."""
    length = headers.get("content-length", "").strip()
    return "transfer-encoding" in headers or (length not in ("", "0"))


def is_cross_site(headers: Headers) -> bool:
    """Return True when the browser says the request comes from another site.

    `Sec-Fetch-Site` (sent by current browsers, never settable by a page) decides when
    present: only `same-origin` and `none` (typed or bookmarked) pass. Otherwise `Origin`
    must name this host; `Origin: null` (a sandboxed frame, or an old browser under
    `Referrer-Policy: no-referrer`) is refused. No header at all is not a browser's
    cross-site request (curl, httpx, scripts).
    """
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site.strip().lower() not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False
    netloc = urlsplit(origin.strip()).netloc.lower()
    return not netloc or netloc != headers.get("host", "").lower()


class BodyTooLargeError(Exception):
    """The body passed the limit while it was read; the guard answers 413."""


class RequestGuard:
    """The ASGI middleware described in the module docstring."""

    def __init__(
        self, app: ASGIApp, *, limits: GuardLimits, page_paths: Callable[[], Iterable[str]]
    ) -> None:
        """Wrap `app`; `page_paths` returns the paths of HTML form routes (read once)."""
        self.app = app
        self.limits = limits
        self._page_paths = page_paths
        self._pages: frozenset[str] | None = None
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it on under the body limit and time budget."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await answer(send, *refusal)
            return
        counted = scope["path"] not in UNCOUNTED_PATHS
        if counted and self.in_flight >= self.limits.max_concurrent:
            await answer(
                send,
                503,
                "OverloadedError",
                f"the server is working on {self.limits.max_concurrent} requests already. "
                f"Retry after {RETRY_AFTER_S} s",
                {"retry-after": str(RETRY_AFTER_S)},
            )
            return
        if counted:
            self.in_flight += 1
        await self._run(scope, receive, send, headers, counted)

    def _refusal(self, scope: Scope, headers: Headers) -> tuple[int, str, str] | None:
        """Return (status, error, detail) when the request is refused before it is read."""
        hosts = self.limits.allowed_hosts
        host = host_name(headers.get("host", ""))
        if "*" not in hosts and host not in hosts:
            return (
                400,
                "InputError",
                f"this server does not answer to the host '{host[:100]}'. Use its own name, "
                "or add this one to allowed_hosts (YALU_ALLOWED_HOSTS)",
            )
        if scope["method"] not in UNSAFE_METHODS:
            return None
        if is_cross_site(headers):
            return (
                403,
                "PermissionDeniedError",
                "requests from another site are refused. Send it from this site's own page, "
                "or from a client that sets no Origin",
            )
        if has_body(headers):
            kind = media_type(headers)
            accepted = self._accepted_types(scope["path"])
            if kind not in accepted:
                return (
                    415,
                    "InputError",
                    f"this route does not take a '{kind[:100] or 'untyped'}' body. Send "
                    + " or ".join(sorted(accepted)),
                )
            limit = self._limit(kind)
            length = headers.get("content-length", "").strip()
            if length.isdigit() and int(length) > limit:
                return (413, "InputError", too_large(limit))
        return None

    def _accepted_types(self, path: str) -> frozenset[str]:
        if self._pages is None:
            self._pages = frozenset(self._page_paths())
        if path in self._pages:
            return FORM_TYPES
        return BODY_TYPES.get(path, JSON_TYPES)

    def _limit(self, kind: str) -> int:
        return self.limits.max_upload_bytes if kind in UPLOAD_TYPES else self.limits.max_body_bytes

    async def _run(
        self, scope: Scope, receive: Receive, send: Send, headers: Headers, counted: bool
    ) -> None:
        """Run the app with a counted body and the time budget; answer 413 or 503 if due."""
        limit = self._limit(media_type(headers))
        state = {"received": 0, "too_large": False, "started": False, "taken_over": False}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["too_large"] = True
                    raise BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            if state["taken_over"]:
                return  # the guard answered already (413 or 503); the app's answer is dropped
            if message["type"] == "http.response.start":
                if state["too_large"]:
                    state["taken_over"] = True
                    await answer(send, 413, "InputError", too_large(limit))
                    return
                state["started"] = True
                add_security_headers(message)
            await send(message)

        task = asyncio.ensure_future(self.app(scope, counting_receive, guarded_send))
        if counted:
            task.add_done_callback(self._release)
        else:
            task.add_done_callback(_retrieve)
        budget = self.limits.timeout_s if counted else None  # /health, /ready: no budget
        done, _ = await asyncio.wait({task}, timeout=budget)
        if not done and not state["started"]:
            state["taken_over"] = True
            task.cancel()  # a worker thread runs on, but its answer is dropped
            logger.warning("%s %s over its time budget", scope["method"], scope["path"])
            await answer(
                send,
                503,
                "OverloadedError",
                f"the request was not answered within {self.limits.timeout_s:g} s. Retry after "
                f"{RETRY_AFTER_S} s, or send less at once",
                {"retry-after": str(RETRY_AFTER_S)},
            )
            return
        try:
            await task
        except BodyTooLargeError:
            if not state["started"] and not state["taken_over"]:
                await answer(send, 413, "InputError", too_large(limit))
        except Exception:  # a bug: answered here, so the 500 carries the headers too
            logger.exception("%s %s failed", scope["method"], scope["path"])
            if not state["started"] and not state["taken_over"]:
                await answer(send, 500, "InternalError", INTERNAL_ERROR)

    def _release(self, task: asyncio.Future[None]) -> None:
        self.in_flight -= 1
        _retrieve(task)


def _retrieve(task: asyncio.Future[None]) -> None:
    """Mark a finished task's exception as seen (it was answered, or is re-raised)."""
    if not task.cancelled():
        task.exception()


def too_large(limit: int) -> str:
    """Return the detail of a 413."""
    return (
        f"the request body is larger than {limit:,} bytes. Send less at once (a batch of "
        "names, a smaller file), or raise max_body_bytes / max_upload_bytes"
    )


def add_security_headers(message: Message) -> None:
    """Add the security headers to a `http.response.start` message (keeping a page's CSP)."""
    headers = MutableHeaders(scope=message)
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    if "content-security-policy" not in headers:
        headers["content-security-policy"] = DEFAULT_CSP


async def answer(
    send: Send, status: int, error: str, detail: str, headers: dict[str, str] | None = None
) -> None:
    """Send a JSON error `{"error", "detail"}` with the security headers."""
    body = json.dumps({"error": error, "detail": detail}, separators=(",", ":")).encode()
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((name.encode(), value.encode()) for name, value in (headers or {}).items()),
    ]
    if status in (413, 503):
        raw.append((b"connection", b"close"))
    start: Message = {"type": "http.response.start", "status": status, "headers": raw}
    add_security_headers(start)
    await send(start)
    await send({"type": "http.response.body", "body": body})
