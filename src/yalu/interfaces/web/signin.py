"""Sign in to the web pages with an API key, sign out, and guard every page.

`GET /signin` shows the form; `POST /signin` checks the key (rate-limited per client, like
wrong API keys), starts a new session and redirects to the page asked for, if it is a path
on this site (never another site: no open redirect). `POST /signout` ends the session; like
every form it carries the session's CSRF token.

Each page declares its permission in one line, `Depends(page_caller(Permission.X))`: without
a session it redirects to sign-in, with a role lacking the permission it answers a 403 page,
and on a POST it refuses a form whose CSRF token is not the session's.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from yalu.core.errors import AuthenticationError, TooManyAttemptsError
from yalu.interfaces.api.access import SAFE_METHODS, Caller, access_of, mark_guard
from yalu.interfaces.api.sessions import (
    SESSION_COOKIE,
    SIGNIN_COOKIE,
    clear_cookie,
    client_of,
    read_cookie,
    set_cookie,
)
from yalu.models.access import PERMISSION_ACTIONS, Permission

if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates

router = APIRouter(include_in_schema=False)

CSRF_FIELD = "csrf_token"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
)
_SIGNIN_COOKIE_AGE_S = 3600
_MAX_NEXT = 2000


class SignInRequiredError(Exception):
    """A page was asked for without a session: redirect to the sign-in form."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageForbiddenError(Exception):
    """A signed-in caller's role lacks the page's permission, or a form's CSRF token is wrong."""

    def __init__(self, caller: Caller, message: str) -> None:
        super().__init__(message)
        self.caller = caller
        self.message = message


def safe_next(text: str | None) -> str:
    """Return `text` if it is a path on this site (`/audit?name=kim`), else `/`.

    Refuses absolute and scheme-relative URLs (`https://evil`, `//evil`), backslashes (a
    browser may read `/` followed by one as `//`) and control characters.
    """
    if not text or len(text) > _MAX_NEXT or not text.startswith("/"):
        return "/"
    if text.startswith(("//", "/\\")) or "\\" in text:
        return "/"
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        return "/"
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        return "/"
    return text


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a page with the caller and CSRF token (when signed in) and the safe headers."""
    templates: Jinja2Templates = request.app.state.templates
    page = {
        "caller": getattr(request.state, "caller", None),
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "permissions": Permission,
        **context,
    }
    response = templates.TemplateResponse(request, template, page, status_code=status_code)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def page_caller(permission: Permission | None) -> Callable[[Request], Awaitable[Caller]]:
    """Return the dependency guarding a page: a live session whose role holds `permission`.

    None lets any signed-in caller in (sign-out). On POST and other unsafe methods the form
    must carry the session's CSRF token.
    """

    async def guard(request: Request) -> Caller:
        access = access_of(request)
        caller = await run_in_threadpool(access.session_caller, request)
        session = access.sessions.get(read_cookie(request, SESSION_COOKIE))
        if caller is None or session is None:
            path = request.url.path
            if request.method in SAFE_METHODS and request.url.query:
                path += "?" + request.url.query
            raise SignInRequiredError(path)
        request.state.caller = caller
        request.state.csrf_token = session.csrf_token
        access.charge(caller)
        if request.method not in SAFE_METHODS:
            form = await request.form()
            sent = form.get(CSRF_FIELD)
            if not isinstance(sent, str) or not hmac.compare_digest(
                sent.encode(), session.csrf_token.encode()
            ):
                raise PageForbiddenError(
                    caller,
                    "this form did not come from a page of this site, or it expired. "
                    "Reload the page and send it again",
                )
        if permission is not None and not caller.may(permission):
            raise PageForbiddenError(
                caller,
                f"the {caller.role} role may not {PERMISSION_ACTIONS[permission]} on this page",
            )
        return caller

    mark_guard(guard, permission)
    return guard


def _home(caller: Caller) -> str:
    if caller.may(Permission.SCREEN):
        return "/"
    if caller.may(Permission.READ_AUDIT):
        return "/audit"
    return "/"


def _signin_page(
    request: Request, *, next_path: str, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render the form with a fresh sign-in CSRF token, also set as a cookie."""
    token = secrets.token_urlsafe(32)
    context = {"next": safe_next(next_path), "signin_token": token, "error": error}
    response = render(request, "signin.html", context, status_code=status_code)
    set_cookie(response, request, SIGNIN_COOKIE, token, _SIGNIN_COOKIE_AGE_S)
    return response


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, next: str = "/") -> HTMLResponse:
    """Show the sign-in form (the key is typed or pasted, never put in a URL)."""
    return _signin_page(request, next_path=next)


@router.post("/signin", response_model=None)
async def signin(
    request: Request,
    key: Annotated[str, Form()] = "",
    signin_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the key; on success start a new session and go to `next` (a local path)."""
    access = access_of(request)
    expected = read_cookie(request, SIGNIN_COOKIE) or ""
    if not expected or not hmac.compare_digest(signin_token.encode(), expected.encode()):
        message = "The sign-in form expired or did not come from this site; try again."
        return _signin_page(request, next_path=next, error=message, status_code=403)
    try:
        found = await run_in_threadpool(access.check_token, request, key.strip())
    except TooManyAttemptsError as error:
        page = _signin_page(request, next_path=next, error=str(error), status_code=429)
        page.headers["Retry-After"] = str(error.retry_after_s)
        return page
    except AuthenticationError:
        message = "That key is unknown or revoked."
        return _signin_page(request, next_path=next, error=message, status_code=401)
    access.failures.forget(client_of(request))
    access.sessions.end(read_cookie(request, SESSION_COOKIE))  # never reuse an old session
    token = access.sessions.start(key_id=found.key_id, name=found.name, role=found.role)
    caller = Caller(found.name, found.role, found.key_id)
    target = safe_next(next) if next and next != "/" else _home(caller)
    response = RedirectResponse(target, status_code=303)
    lifetime_s = int(request.app.state.settings.session_hours * 3600)
    set_cookie(response, request, SESSION_COOKIE, token, lifetime_s)
    clear_cookie(response, request, SIGNIN_COOKIE)
    return response


@router.post("/signout", response_model=None, dependencies=[Depends(page_caller(None))])
async def signout(request: Request) -> Response:
    """End the session (the form carries the CSRF token) and return to the sign-in form."""
    access_of(request).sessions.end(read_cookie(request, SESSION_COOKIE))
    response = RedirectResponse("/signin", status_code=303)
    clear_cookie(response, request, SESSION_COOKIE)
    return response


async def _to_signin(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequiredError)
    target = "/signin?next=" + quote(safe_next(exc.next_path), safe="/")
    return RedirectResponse(target, status_code=303)


async def _forbidden(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageForbiddenError)
    request.state.caller = exc.caller
    return render(request, "forbidden.html", {"message": exc.message}, status_code=403)


def install_page_guards(app: FastAPI) -> None:
    """Answer pages without a session with a redirect, and forbidden ones with a 403 page."""
    app.add_exception_handler(SignInRequiredError, _to_signin)
    app.add_exception_handler(PageForbiddenError, _forbidden)
    app.include_router(router)
