"""`yalu serve`: run the HTTP API and the screening page with uvicorn."""

from __future__ import annotations

import ipaddress
import logging
from typing import Annotated

import typer

from yalu.core.config import Settings, load_settings
from yalu.core.errors import ConfigError
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

    The page is at http://HOST:PORT/ (sign in with an API key) and the API description at
    /openapi.json; every request but GET /health needs a key (`yalu keys create`). A --host
    other than this machine is refused until a key exists. With YALU_LOG_JSON=1 every log
    line, including uvicorn's, is a JSON object on stderr.
    """
    uvicorn = require("uvicorn", extra="api", purpose="`yalu serve` needs uvicorn")
    for module in ("fastapi", "jinja2", "multipart"):
        require(module, extra="api", purpose=f"`yalu serve` needs {module}")
    from yalu.interfaces.api import create_app

    settings = load_settings()
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
    _check_keys(settings, host)
    app = create_app(settings, bound_host=host)
    logger.info("serving on http://%s:%d", host, port)
    uvicorn.run(app, host=host, port=port, log_config=log_config)


def is_loopback(host: str) -> bool:
    """Return True when `host` is this machine only (`127.0.0.1`, `::1`, `localhost`)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well reach the network


def _check_keys(settings: Settings, host: str) -> None:
    """Refuse to listen beyond this machine while no API key exists.

    Raises:
        ConfigError: `host` is not loopback and the store holds no active key.
    """
    from yalu.screening.store import open_store

    with open_store(settings.database_url) as store:
        has_key = store.has_active_key()
    if has_key:
        return
    if not is_loopback(host):
        raise ConfigError(
            f"refusing to listen on {host}: no API key exists yet, so the server would "
            "be reachable from the network with nobody able to use it safely",
            hint="Create one first: yalu keys create NAME --role admin",
        )
    logger.warning("no API key exists: every request but GET /health will be refused (401)")


def _verbosity(level: int) -> int:
    """Return the -v/-q count that produced `level` (see `configure_logging`)."""
    return {logging.ERROR: -1, logging.WARNING: 0, logging.INFO: 1}.get(level, 2)
