"""`create_app(settings)`: the FastAPI app of `yalu serve` (API routes and the web page)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from yalu import __version__
from yalu.core.clock import monotonic_s
from yalu.core.config import Settings
from yalu.interfaces.api.access import AccessState, api_routes, require, unguarded_routes
from yalu.interfaces.api.errors import install_error_handlers
from yalu.interfaces.api.guards import GuardLimits, RequestGuard, allowed_hosts
from yalu.interfaces.api.openapi_examples import describe
from yalu.interfaces.api.routes import admin, audit, goods, match, screening
from yalu.interfaces.api.state import ScreeningState


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], float] = monotonic_s,
    bound_host: str | None = None,
) -> FastAPI:
    """Return the app serving the API and the screening page, reading `settings` only.

    At start-up (its lifespan, before `yalu serve` listens) the index is loaded and the
    matcher's tables computed once. Every request passes `guards.RequestGuard` first.

    Args:
        settings: the effective settings; `database_url` names the store whose active
            lists are screened and whose API keys are accepted, `match_threshold` and
            `match_limit` are the defaults a request may override, `session_hours` and
            `signin_*` govern sign-ins.
        clock: a monotonic clock in seconds, for session expiry, sign-in and rate limits.
        bound_host: the address `yalu serve` listens on, allowed in the `Host` header when
            the `allowed_hosts` setting is empty (with localhost, 127.0.0.1 and ::1).

    Raises:
        RuntimeError: a route declares no permission (see `access.require`).
    """
    from yalu.interfaces.web.pages import mount_pages

    state = ScreeningState(settings.database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.warm)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="yalu",
        version=__version__,
        # Swagger UI and ReDoc load scripts from CDNs; /openapi.json is served below, to callers.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        description="Screen names and goods against DPRK sanctions lists. Every route but "
        "`GET /health` and `GET /ready` need `Authorization: Bearer KEY` (`yalu keys create`). "
        'Errors are `{"error": class, "detail": one line}`.',
    )
    app.state.settings = settings
    app.state.screening = state
    app.state.access = AccessState(settings, clock)
    install_error_handlers(app)
    app.include_router(screening.router)
    app.include_router(goods.router)
    app.include_router(match.router)
    app.include_router(audit.router)
    from yalu.interfaces.api.routes import monitoring  # issue 14: diff, alerts, decisions

    app.include_router(monitoring.router)
    app.include_router(admin.router)
    mount_pages(app)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(_: Annotated[Any, Depends(require(None))]) -> JSONResponse:
        return JSONResponse(describe(app))

    limits = GuardLimits(
        allowed_hosts=allowed_hosts(settings.allowed_hosts, bound_host),
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
        max_concurrent=settings.max_concurrent_requests,
        timeout_s=settings.request_timeout_s,
    )
    app.add_middleware(RequestGuard, limits=limits, page_paths=lambda: page_paths(app))
    unguarded = unguarded_routes(app)
    if unguarded:
        raise RuntimeError(
            "these routes declare no permission: " + ", ".join(unguarded) + ". Add "
            "`dependencies=[Depends(require(Permission.X))]` (yalu.interfaces.api.access)"
        )
    return app


def page_paths(app: FastAPI) -> Iterator[str]:
    """Yield the paths of the web pages (routes left out of the API description)."""
    for path, route in api_routes(app):
        if not route.include_in_schema:
            yield path
