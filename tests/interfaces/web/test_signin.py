"""Signing in to the pages: sessions, cookies, CSRF tokens, redirects and rate limits."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.api.server import add_key, load_fixture_lists
from tests.interfaces.web.conftest import PageClient, csrf_token, sign_in, signin_token
from yalu.core.config import load_settings
from yalu.interfaces.api import create_app


class Clock:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def url(isolated_database: Path) -> str:
    return load_fixture_lists(isolated_database)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def browser(url: str, clock: Clock) -> PageClient:
    """A client with no session, over an app limited to 3 failed sign-ins per 10 minutes."""
    settings = load_settings(
        database_url=url, signin_attempts=3, signin_window_minutes=10, session_hours=1
    )
    return PageClient(create_app(settings, clock=clock))


def post_signin(client: TestClient, key: str, next_path: str = "/") -> object:
    token = signin_token(client.get("/signin").text)
    return client.post(
        "/signin",
        data={"key": key, "signin_token": token, "next": next_path},
        follow_redirects=False,
    )


def cookie_attributes(header: str) -> set[str]:
    return {part.strip().lower() for part in header.split(";")[1:]}


def test_pages_without_a_session_redirect_to_sign_in_keeping_the_page(
    browser: PageClient,
) -> None:
    for path, next_path in (("/", "/"), ("/audit?limit=5", "/audit%3Flimit%3D5")):
        response = browser.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/signin?next={next_path}"


def test_sign_in_starts_a_session_in_a_strict_http_only_cookie(
    browser: PageClient, url: str
) -> None:
    key = add_key(url, "alice", "analyst")
    response = post_signin(browser, key)
    assert response.status_code == 303 and response.headers["location"] == "/"
    session = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("yalu_session=")
    )
    assert {"httponly", "samesite=strict", "path=/"} <= cookie_attributes(session)
    assert "secure" not in cookie_attributes(session)  # plain HTTP: a Secure cookie is lost
    assert key not in session
    page = browser.get("/")
    assert page.status_code == 200
    assert 'id="account-name">alice</strong> (analyst)' in page.text
    assert 'id="audit-link"' not in page.text  # an analyst may not read the trail


def test_over_https_the_cookie_is_secure_and_host_only(url: str) -> None:
    key = add_key(url, "alice", "analyst")
    https = TestClient(create_app(load_settings(database_url=url)), base_url="https://testserver")
    response = post_signin(https, key)
    session = next(
        c
        for c in response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
        if c.startswith("__Host-yalu_session=")
    )
    assert {"secure", "httponly", "samesite=strict"} <= cookie_attributes(session)


def test_a_wrong_key_is_refused_with_the_form_again(browser: PageClient) -> None:
    response = post_signin(browser, "yalu_0123456789ab_" + "z" * 43)
    assert response.status_code == 401
    assert "That key is unknown or revoked." in response.text
    assert "yalu_session" not in response.headers.get("set-cookie", "")
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_a_sign_in_form_from_elsewhere_is_refused(browser: PageClient, url: str) -> None:
    key = add_key(url, "alice", "analyst")
    browser.get("/signin")
    forged = browser.post(
        "/signin", data={"key": key, "signin_token": "forged", "next": "/"}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert browser.get("/", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "/audit\r\nLocation: https://evil.example",
        "javascript:alert(1)",
    ],
)
def test_sign_in_never_redirects_to_another_site(
    browser: PageClient, url: str, target: str
) -> None:
    key = add_key(url, "alice", "analyst")
    location = post_signin(browser, key, target).headers["location"]  # type: ignore[attr-defined]
    assert location == "/"  # the analyst's home page, on this site


def test_sign_in_goes_back_to_the_page_asked_for(browser: PageClient, url: str) -> None:
    key = add_key(url, "olga", "auditor")
    response = post_signin(browser, key, "/audit?limit=5")
    assert response.headers["location"] == "/audit?limit=5"  # type: ignore[attr-defined]


def test_a_session_cookie_planted_before_sign_in_is_not_the_session(
    browser: PageClient, url: str
) -> None:
    key = add_key(url, "alice", "analyst")
    browser.cookies.set("yalu_session", "chosen-by-an-attacker")
    response = post_signin(browser, key)
    assert response.status_code == 303  # type: ignore[attr-defined]
    issued = next(
        c.split(";")[0].split("=", 1)[1]
        for c in response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
        if c.startswith("yalu_session=")
    )
    assert issued and issued != "chosen-by-an-attacker"
    stranger = TestClient(browser.app, cookies={"yalu_session": "chosen-by-an-attacker"})
    assert stranger.get("/", follow_redirects=False).status_code == 303


def test_forms_without_the_session_csrf_token_are_refused(browser: PageClient, url: str) -> None:
    sign_in(browser, add_key(url, "alice", "analyst"))
    missing = browser.post("/", data={"name": "Kim Chol", "csrf_token": ""})
    wrong = browser.post("/", data={"name": "Kim Chol", "csrf_token": "x" * 43})
    right = browser.post("/", data={"name": "Kim Chol"})  # PageClient adds the token
    assert missing.status_code == wrong.status_code == 403
    assert "did not come from a page of this site" in missing.text
    assert right.status_code == 200
    assert re.search(r'name="csrf_token" value="[^"]+"', right.text)  # the screening form


def test_sign_out_needs_the_csrf_token_and_ends_the_session(browser: PageClient, url: str) -> None:
    sign_in(browser, add_key(url, "alice", "analyst"))
    forged = browser.post("/signout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert browser.get("/").status_code == 200  # still signed in
    out = browser.post("/signout", data={}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/signin"
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_roles_decide_which_pages_open(browser: PageClient, url: str) -> None:
    sign_in(browser, add_key(url, "olga", "auditor"), "/")
    assert browser.get("/audit").status_code == 200
    screen = browser.get("/")
    assert screen.status_code == 403
    assert "the auditor role may not screen names on this page." in screen.text
    other = PageClient(browser.app)
    sign_in(other, add_key(url, "alice", "analyst"))
    assert other.get("/audit").status_code == 403


def test_an_auditor_signing_in_lands_on_the_audit_trail(browser: PageClient, url: str) -> None:
    response = post_signin(browser, add_key(url, "olga", "auditor"))
    assert response.headers["location"] == "/audit"  # type: ignore[attr-defined]


def test_failed_sign_ins_are_limited_per_client(
    browser: PageClient, url: str, clock: Clock
) -> None:
    key = add_key(url, "alice", "analyst")
    wrong = "yalu_0123456789ab_" + "z" * 43
    assert [post_signin(browser, wrong).status_code for _ in range(3)] == [401] * 3  # type: ignore[attr-defined]
    blocked = post_signin(browser, key)
    assert blocked.status_code == 429  # type: ignore[attr-defined]
    assert blocked.headers["retry-after"] == "600"  # type: ignore[attr-defined]
    assert "too many failed sign-ins" in blocked.text  # type: ignore[attr-defined]
    clock.now += 601
    assert post_signin(browser, key).status_code == 303  # type: ignore[attr-defined]


def test_wrong_api_keys_count_toward_the_same_limit(
    browser: PageClient, url: str, clock: Clock
) -> None:
    wrong = {"Authorization": "Bearer yalu_0123456789ab_" + "z" * 43}
    statuses = [browser.get("/lists", headers=wrong).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_a_session_expires_after_session_hours(browser: PageClient, url: str, clock: Clock) -> None:
    sign_in(browser, add_key(url, "alice", "analyst"))
    clock.now += 3599
    assert browser.get("/").status_code == 200
    clock.now += 2
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_a_signed_in_browser_may_read_but_not_write_the_api(browser: PageClient, url: str) -> None:
    sign_in(browser, add_key(url, "olga", "auditor"), "/audit")
    assert browser.get("/screenings").status_code == 200
    sign_in(browser, add_key(url, "alice", "analyst"))
    assert browser.get("/lists").status_code == 200
    refused = browser.post("/screen", json={"name": "Kim Chol"})
    assert refused.status_code == 401  # a POST needs the key itself, not the cookie


def test_csrf_token_is_on_every_post_form(browser: PageClient, url: str) -> None:
    sign_in(browser, add_key(url, "root", "admin"))
    for path in ("/", "/audit"):
        html = browser.get(path).text
        forms = re.findall(r'<form method="post".*?</form>', html, flags=re.S)
        assert forms, path
        assert all(f'name="csrf_token" value="{csrf_token(html)}"' in form for form in forms)
