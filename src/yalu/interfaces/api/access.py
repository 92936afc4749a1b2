"""Who is calling, and may they: API keys, sessions and the permission each route declares.

Every API route but `GET /health` declares its permission in one line:

    @router.post("/screen", dependencies=[Depends(require(Permission.SCREEN))])
    # or, to know who is calling:
    def screen(caller: Annotated[Caller, Depends(require(Permission.SCREEN))]) -> ...

`require` reads `Authorization: Bearer KEY` (a signed-in browser's session cookie is also
accepted for GET requests): no key, or an unknown or revoked one, is 401; a key over its
request rate (`key_requests_per_minute`) is 429; a role without the permission
(`models.access.ROLE_PERMISSIONS`) is 403. `create_app` refuses to start if a
route declares nothing (`unguarded_routes`), so a route added later cannot be open by
mistake. Wrong keys count as failed sign-ins for the client's rate limit.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.routing import APIRoute

from yalu.core.config import Settings
from yalu.core.errors import (
    AuthenticationError,
    PermissionDeniedError,
    RateLimitedError,
    TooManyAttemptsError,
)
from yalu.interfaces.api.rates import RequestRates
from yalu.interfaces.api.sessions import (
    SESSION_COOKIE,
    FailedAttempts,
    Sessions,
    client_of,
    read_cookie,
)
from yalu.models.access import PERMISSION_ACTIONS, Permission, Role, role_allows

if TYPE_CHECKING:
    from fastapi.dependencies.models import Dependant

    from yalu.interfaces.api.state import ScreeningState
    from yalu.screening.keys import ApiKey

SAFE_METHODS = frozenset({"GET", "HEAD"})
SIGNED_IN = "signed-in"
"""The guard of a route any known caller may use, whatever their role."""
PUBLIC_PATHS = frozenset({"/health", "/ready", "/signin"})
"""The only routes that need no key: the health and readiness checks, the sign-in form."""
_GUARD = "__yalu_guard__"
_KEY_LOCKS = 64
"""Locks keys are checked under, picked by the key's hash (a bounded set, whatever is sent)."""


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is behind a request: the key's name (what the audit trail records) and role."""

    name: str
    role: Role
    key_id: str

    def may(self, permission: Permission) -> bool:
        """Return True when the caller's role holds `permission`."""
        return role_allows(self.role, permission)


class AccessState:
    """What the server remembers about callers: checked keys, sessions, failed attempts."""

    def __init__(self, settings: Settings, clock: Callable[[], float]) -> None:
        """Set the session lifetime and the failed sign-in limit from `settings`."""
        self.verified: dict[str, str] = {}
        self.sessions = Sessions(lifetime_s=settings.session_hours * 3600, clock=clock)
        self.failures = FailedAttempts(
            allowed=settings.signin_attempts,
            window_s=settings.signin_window_minutes * 60,
            clock=clock,
        )
        self.rates = RequestRates(per_minute=settings.key_requests_per_minute, clock=clock)
        self._key_locks = tuple(threading.Lock() for _ in range(_KEY_LOCKS))

    def charge(self, caller: Caller) -> None:
        """Count one request against the caller's key.

        Raises:
            RateLimitedError: the key made `key_requests_per_minute` requests lately (429).
        """
        wait = self.rates.take(caller.key_id)
        if wait:
            raise RateLimitedError(
                f"the key '{caller.name}' made more than {self.rates.per_minute} requests "
                "in the last minute",
                retry_after_s=wait,
                hint=f"Wait {wait} s; send names in batches (POST /screen/batch), or ask an "
                "admin to raise key_requests_per_minute",
            )

    def check_rate(self, request: Request) -> None:
        """Refuse a client that has failed too often lately.

        Raises:
            TooManyAttemptsError: the client must wait.
        """
        wait = self.failures.retry_after_s(client_of(request))
        if wait:
            raise TooManyAttemptsError(
                "too many failed sign-ins from this address",
                retry_after_s=wait,
                hint=f"Wait {wait} seconds, then try again with a valid key",
            )

    def check_token(self, request: Request, token: str) -> ApiKey:
        """Return the active key `token` is; count a failure against the client if none.

        Raises:
            TooManyAttemptsError: the client failed too often lately (nothing is checked).
            AuthenticationError: the key is malformed, unknown or revoked.
        """
        from yalu.screening.keys import check_key

        self.check_rate(request)
        # One thread checks a new key (scrypt, ~50 ms); others with it wait, then find it
        # remembered: 32 first requests after a restart cost one check, not 32.
        lock = self._key_locks[hash(token) % _KEY_LOCKS]
        with lock, _screening(request).open_store() as store:
            key = check_key(store, token, self.verified)
        if key is None:
            self.failures.record_failure(client_of(request))
            raise AuthenticationError(
                "the API key is unknown or revoked",
                hint="Send a current key as Authorization: Bearer KEY (`yalu keys list`)",
            )
        return key

    def session_caller(self, request: Request) -> Caller | None:
        """Return the caller of the request's session cookie while its key is active."""
        token = read_cookie(request, SESSION_COOKIE)
        session = self.sessions.get(token)
        if session is None:
            return None
        with _screening(request).open_store() as store:
            key = store.key_by_id(session.key_id)
        if key is None or not key.is_active or key.role != session.role:
            self.sessions.end(token)  # revoked since: the session ends with it
            return None
        return Caller(session.name, session.role, session.key_id)


def _screening(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


def access_of(request: Request) -> AccessState:
    """Return the app's `AccessState`."""
    access: AccessState = request.app.state.access
    return access


KEY_SCHEMES = frozenset({"bearer", "apikey"})
"""`Authorization` schemes carrying a key: `Bearer KEY`, and `ApiKey KEY` as OpenSanctions'
API clients send it (`POST /match/{dataset}`)."""


def bearer_token(request: Request) -> str | None:
    """Return the key of an `Authorization: Bearer KEY` (or `ApiKey KEY`) header, or None."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() not in KEY_SCHEMES or not token.strip():
        return None
    return token.strip()


def authenticate(request: Request) -> Caller:
    """Return who is calling: the Bearer key's owner, or a signed-in browser on a GET.

    Raises:
        AuthenticationError: no key, or an unknown or revoked one (401).
        TooManyAttemptsError: the client sent too many wrong keys lately (429).
    """
    access = access_of(request)
    token = bearer_token(request)
    if token is None:
        if request.method in SAFE_METHODS:
            caller = access.session_caller(request)
            if caller is not None:
                return caller
        raise AuthenticationError(
            "this request carries no API key",
            hint="Send Authorization: Bearer KEY; `yalu keys create NAME --role ROLE` makes one",
        )
    key = access.check_token(request, token)
    return Caller(key.name, key.role, key.key_id)


def require(permission: Permission | None) -> Callable[[Request], Awaitable[Caller]]:
    """Return the dependency guarding an API route: a known caller whose role holds it.

    Args:
        permission: what the route needs; None lets any known caller in (`SIGNED_IN`).
    """

    # A coroutine, so FastAPI runs it on the event loop instead of handing it to a worker
    # thread: a known key costs a dictionary and one indexed row, and a request one thread
    # hand-over less; a new key's scrypt check (~50 ms) runs once per key and process.
    async def guard(request: Request) -> Caller:
        caller = authenticate(request)
        access_of(request).charge(caller)
        if permission is not None and not caller.may(permission):
            raise PermissionDeniedError(
                f"the {caller.role} role may not {PERMISSION_ACTIONS[permission]}",
                hint="Ask an admin for a key with a role that may",
            )
        request.state.caller = caller
        return caller

    setattr(guard, _GUARD, permission or SIGNED_IN)
    return guard


def mark_guard(dependency: Callable[..., object], permission: Permission | None) -> None:
    """Tag a dependency as a guard (pages use their own, which redirect to sign-in)."""
    setattr(dependency, _GUARD, permission or SIGNED_IN)


def _guards(dependant: Dependant) -> Iterable[str]:
    for dependency in dependant.dependencies:
        guard = getattr(dependency.call, _GUARD, None)
        if guard is not None:
            yield str(guard)
        yield from _guards(dependency)


def route_guard(route: APIRoute) -> str | None:
    """Return the permission a route declares (`SIGNED_IN` for any caller), or None."""
    return next(iter(_guards(route.dependant)), None)


def api_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """Yield `(path, route)` for every FastAPI route of `app`, in included routers too.

    FastAPI up to 0.11x copies included routes into `app.routes`; later versions keep the
    included routers, whose `effective_route_contexts` list the routes.
    """
    for route in app.routes:
        if isinstance(route, APIRoute):
            yield route.path, route
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            for context in contexts():
                original = context.original_route
                if isinstance(original, APIRoute):
                    yield str(context.path or original.path), original


def unguarded_routes(app: FastAPI) -> list[str]:
    """Return `METHOD /path` of every route that declares no permission and is not public."""
    found: list[str] = []
    for path, route in api_routes(app):
        if path not in PUBLIC_PATHS and route_guard(route) is None:
            found.extend(f"{method} {path}" for method in sorted(route.methods or ()))
    return found
