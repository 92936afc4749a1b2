"""Map yalu errors and invalid requests to HTTP statuses and a one-line JSON body.

Every error response is `{"error": "<ExceptionClass>", "detail": "<one line>"}`; the line
is the same `str(error)` the CLI prints after `error: `, except for server faults (5xx):
their line names what failed and points at the server's log, which has the full message
(a database path, an SQL error or a traceback never reaches a client).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from yalu.core.errors import (
    AuthenticationError,
    InputError,
    MissingExtraError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    StoreError,
    TooManyAttemptsError,
    YaluError,
    code_for,
)

logger = logging.getLogger(__name__)

HTTP_STATUSES: dict[type[YaluError], int] = {
    InputError: 422,
    NotFoundError: 404,
    NetworkError: 502,
    StoreError: 500,
    MissingExtraError: 501,
    AuthenticationError: 401,
    TooManyAttemptsError: 429,
    RateLimitedError: 429,
    PermissionDeniedError: 403,
    YaluError: 500,
}


def status_for(error: YaluError) -> int:
    """Return the HTTP status of the closest mapped class of `error`."""
    return code_for(error, HTTP_STATUSES, 500)


def error_body(error: str, detail: str) -> dict[str, str]:
    """Return the JSON body of an error response."""
    return {"error": error, "detail": detail}


def describe_validation_error(exc: RequestValidationError) -> str:
    """Return the first problem of an invalid request as one line: `field: problem.`."""
    errors = exc.errors()
    if not errors:
        return "the request is invalid."
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    message = str(first.get("msg", "is invalid")).rstrip(".")
    others = len(errors) - 1
    more = f" (and {others} more problem{'s' if others > 1 else ''})" if others else ""
    return f"{where or 'body'}: {message}{more}."


SERVER_FAULTS: dict[type[YaluError], str] = {
    StoreError: "the database cannot be read or written",
    NetworkError: "a download from the publisher failed",
    YaluError: "the server failed",
}
"""What a 5xx answer says, by class; `MissingExtraError` (501) keeps its own message."""
_SEE_LOG = "The server's log has the details; try again, or tell its administrator"


def public_detail(error: YaluError, status: int) -> str:
    """Return the one line a client sees: the error itself, or for 5xx what failed only."""
    if status < 500 or isinstance(error, MissingExtraError):
        return str(error)
    return f"{code_for(error, SERVER_FAULTS, SERVER_FAULTS[YaluError])}. {_SEE_LOG}"


async def _yalu_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, YaluError)
    status = status_for(exc)
    if status >= 500:
        logger.error("%s %s failed: %s", request.method, request.url.path, exc)
    headers = {}
    if isinstance(exc, TooManyAttemptsError | RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after_s)
    elif isinstance(exc, AuthenticationError):
        headers["WWW-Authenticate"] = 'Bearer realm="yalu"'
    body = error_body(type(exc).__name__, public_detail(exc, status))
    return JSONResponse(body, status_code=status, headers=headers)


_HTTP_ERRORS = {400: "InputError", 404: "NotFoundError", 405: "MethodNotAllowed"}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """Answer Starlette's own errors (unknown route, bad method, unparseable body) alike."""
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "the request is invalid"
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.url.path}"
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    name = _HTTP_ERRORS.get(exc.status_code, "InputError" if exc.status_code < 500 else "Error")
    body = error_body(name, detail.rstrip(".") + ".")
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """Answer a bug with a 500 that shows nothing of it; the log keeps the traceback."""
    logger.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    body = error_body("InternalError", f"the server failed. {_SEE_LOG}")
    return JSONResponse(body, status_code=500)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    body = error_body("InputError", describe_validation_error(exc))
    return JSONResponse(body, status_code=HTTP_STATUSES[InputError])


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error (YaluError, invalid requests, Starlette's, bugs) as one JSON line."""
    app.add_exception_handler(YaluError, _yalu_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
