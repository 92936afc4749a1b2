"""`yalu serve`: run the HTTP API and the screening page with uvicorn."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from yalu.core.config import load_settings
from yalu.core.logs import configure_logging
from yalu.core.optional import require

logger = logging.getLogger(__name__)

_SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API and the screening page (needs the `api` extra).

    The page is at http://HOST:PORT/ and the API description at /openapi.json.
    With YALU_LOG_JSON=1 every log line, including uvicorn's, is a JSON object on stderr.
    """
    uvicorn = require("uvicorn", extra="api", purpose="`yalu serve` needs uvicorn")
    for module in ("fastapi", "jinja2", "multipart"):
        require(module, extra="api", purpose=f"`yalu serve` needs {module}")
    from yalu.interfaces.api import create_app

    settings = load_settings()
    app = create_app(settings)
    log_config = uvicorn.config.LOGGING_CONFIG
    if settings.log_json:
        yalu_logger = logging.getLogger("yalu")
        configure_logging(_verbosity(yalu_logger.level), json_lines=True)
        for name in _SERVER_LOGGERS:
            server_logger = logging.getLogger(name)
            server_logger.handlers[:] = yalu_logger.handlers
            server_logger.setLevel(logging.INFO)
            server_logger.propagate = False
        log_config = None
    logger.info("serving on http://%s:%d", host, port)
    uvicorn.run(app, host=host, port=port, log_config=log_config)


def _verbosity(level: int) -> int:
    """Return the -v/-q count that produced `level` (see `configure_logging`)."""
    return {logging.ERROR: -1, logging.WARNING: 0, logging.INFO: 1}.get(level, 2)
