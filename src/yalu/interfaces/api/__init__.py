"""The HTTP API and web page behind `yalu serve`: `create_app(settings)` returns the app.

Routes parse the request, call one engine function and render JSON in the same shapes as
the CLI's `--format json`; errors map to HTTP statuses in `errors.py`. Needs the `api` extra
(FastAPI, uvicorn, Jinja2, python-multipart).
"""

from yalu.interfaces.api.app import create_app

__all__ = ["create_app"]
