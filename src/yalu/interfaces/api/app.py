"""`create_app(settings)`: the FastAPI app of `yalu serve` (API routes and the web page)."""

from __future__ import annotations

from fastapi import FastAPI

from yalu import __version__
from yalu.core.config import Settings
from yalu.interfaces.api.errors import install_error_handlers
from yalu.interfaces.api.routes import audit, goods, screening
from yalu.interfaces.api.state import ScreeningState


def create_app(settings: Settings) -> FastAPI:
    """Return the app serving the API and the screening page, reading `settings` only.

    Args:
        settings: the effective settings; `database_url` names the store whose active
            lists are screened, `match_threshold` and `match_limit` are the defaults
            a request may override.
    """
    from yalu.interfaces.web.pages import mount_pages

    app = FastAPI(
        title="yalu",
        version=__version__,
        # Swagger UI and ReDoc load scripts from CDNs; serve /openapi.json only.
        docs_url=None,
        redoc_url=None,
        description="Screen names and goods against DPRK sanctions lists. "
        'Errors are `{"error": class, "detail": one line}`.',
    )
    app.state.settings = settings
    app.state.screening = ScreeningState(settings.database_url)
    install_error_handlers(app)
    app.include_router(screening.router)
    app.include_router(goods.router)
    app.include_router(audit.router)
    from yalu.interfaces.api.routes import monitoring  # issue 14: diff, alerts, decisions

    app.include_router(monitoring.router)
    mount_pages(app)
    return app
