"""`create_app(settings)`: the FastAPI app of `yalu serve` (API routes and the web page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse

from yalu import __version__
from yalu.core.clock import monotonic_s
from yalu.core.config import Settings
from yalu.interfaces.api.access import AccessState, require, unguarded_routes
from yalu.interfaces.api.errors import install_error_handlers
from yalu.interfaces.api.openapi_examples import describe
from yalu.interfaces.api.routes import admin, audit, goods, match, screening
from yalu.interfaces.api.state import ScreeningState


def create_app(settings: Settings, *, clock: Callable[[], float] = monotonic_s) -> FastAPI:
    """Return the app serving the API and the screening page, reading `settings` only.

    Args:
        settings: the effective settings; `database_url` names the store whose active
            lists are screened and whose API keys are accepted, `match_threshold` and
            `match_limit` are the defaults a request may override, `session_hours` and
            `signin_*` govern sign-ins.
        clock: a monotonic clock in seconds, for session expiry and sign-in limits.

    Raises:
        RuntimeError: a route declares no permission (see `access.require`).
    """
    from yalu.interfaces.web.pages import mount_pages

    app = FastAPI(
        title="yalu",
        version=__version__,
        # Swagger UI and ReDoc load scripts from CDNs; /openapi.json is served below, to callers.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        description="Screen names and goods against DPRK sanctions lists. Every route but "
        "`GET /health` needs `Authorization: Bearer KEY` (`yalu keys create`). "
        'Errors are `{"error": class, "detail": one line}`.',
    )
    app.state.settings = settings
    app.state.screening = ScreeningState(settings.database_url)
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

    unguarded = unguarded_routes(app)
    if unguarded:
        raise RuntimeError(
            "these routes declare no permission: " + ", ".join(unguarded) + ". Add "
            "`dependencies=[Depends(require(Permission.X))]` (yalu.interfaces.api.access)"
        )
    return app
