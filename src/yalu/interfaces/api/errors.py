"""Map yalu errors and invalid requests to HTTP statuses and a one-line JSON body.

Every error response is `{"error": "<ExceptionClass>", "detail": "<one line>"}`; the line
is the same `str(error)` the CLI prints after `error: `.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from yalu.core.errors import (
    AuthenticationError,
    InputError,
    MissingExtraError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
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


async def _yalu_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, YaluError)
    status = status_for(exc)
    if status >= 500:
        logger.error("%s %s failed: %s", request.method, request.url.path, exc)
    headers = {}
    if isinstance(exc, TooManyAttemptsError):
        headers["Retry-After"] = str(exc.retry_after_s)
    elif isinstance(exc, AuthenticationError):
        headers["WWW-Authenticate"] = 'Bearer realm="yalu"'
    body = error_body(type(exc).__name__, str(exc))
    return JSONResponse(body, status_code=status, headers=headers)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    body = error_body("InputError", describe_validation_error(exc))
    return JSONResponse(body, status_code=HTTP_STATUSES[InputError])


def install_error_handlers(app: FastAPI) -> None:
    """Answer YaluError and request validation errors with their status and one line."""
    app.add_exception_handler(YaluError, _yalu_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
