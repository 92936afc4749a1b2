"""Roles on every route, admin routes (keys, list loads) and the trail routes, via TestClient."""

from collections.abc import Callable

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from tests.interfaces.api.server import SDN, UN, bearer
from yalu.core.config import Settings
from yalu.interfaces.api import create_app
from yalu.interfaces.api.access import api_routes, require, route_guard, unguarded_routes
from yalu.models.access import Permission

ClientAs = Callable[[str], TestClient]

GUARDS = {
    ("POST", "/screen"): "screen",
    ("POST", "/screen/batch"): "screen",
    ("GET", "/lists"): "read_lists",
    ("POST", "/goods/check"): "check_goods",
    ("GET", "/screenings"): "read_audit",
    ("GET", "/screenings/{screening_id}"): "read_audit",
    ("GET", "/screenings/{screening_id}/replay"): "verify_audit",
    ("GET", "/trail/verify"): "verify_audit",
    ("GET", "/keys"): "manage_keys",
    ("POST", "/keys"): "manage_keys",
    ("DELETE", "/keys/{name}"): "manage_keys",
    ("POST", "/lists/load"): "load_lists",
    ("GET", "/openapi.json"): "signed-in",
    ("POST", "/signout"): "signed-in",
    ("GET", "/"): "screen",
    ("POST", "/"): "screen",
    ("GET", "/audit"): "read_audit",
    ("GET", "/audit/{screening_id}"): "read_audit",
    ("GET", "/health"): None,
    ("GET", "/ready"): None,
    ("GET", "/signin"): None,
    ("POST", "/signin"): None,
    # monitoring (issue 14): list deltas are list data; alerts and decisions name subjects
    ("GET", "/lists/{source}/diff"): "read_lists",
    ("GET", "/alerts"): "read_alerts",
    ("GET", "/decisions"): "read_alerts",
    ("POST", "/decisions"): "record_decisions",
    ("GET", "/monitor"): "read_alerts",
    ("POST", "/monitor/decide"): "record_decisions",
    ("POST", "/review"): "record_decisions",
    # the analyst's workbench (issue 19)
    ("GET", "/entities/{list_name}/{entity_id:path}"): "read_lists",
    ("POST", "/match/{dataset}"): "screen",
    ("GET", "/batch"): "screen",
    ("POST", "/batch"): "screen",
    ("GET", "/batch/{token}/results.{fmt}"): "screen",
    ("GET", "/goods"): "check_goods",
    ("GET", "/audit/export.csv"): "read_audit",
    ("GET", "/lists/overview"): "read_lists",
    ("POST", "/goods/page/{kind}"): "check_goods",
    ("GET", "/goods/page/{token}/results.{fmt}"): "check_goods",
}


def test_every_route_declares_the_permission_it_needs(settings: Settings) -> None:
    found = {
        (method, path): route_guard(route)
        for path, route in api_routes(create_app(settings))
        for method in route.methods or ()
    }
    assert found == GUARDS


def test_an_app_with_an_unguarded_route_is_caught(settings: Settings) -> None:
    app = create_app(settings)
    extra = APIRouter()

    @extra.get("/open")
    def open_route() -> int:
        return 1

    @extra.get("/guarded", dependencies=[Depends(require(Permission.SCREEN))])
    def guarded_route() -> int:
        return 2

    app.include_router(extra)
    assert unguarded_routes(app) == ["GET /open"]


@pytest.mark.parametrize(
    ("role", "method", "path", "status"),
    [
        ("analyst", "GET", "/lists", 200),
        ("analyst", "GET", "/screenings", 403),
        ("analyst", "GET", "/trail/verify", 403),
        ("analyst", "GET", "/keys", 403),
        ("reviewer", "POST", "/screen", 200),
        ("reviewer", "GET", "/screenings", 403),
        ("auditor", "POST", "/screen", 403),
        ("auditor", "POST", "/screen/batch", 403),
        ("auditor", "POST", "/goods/check", 403),
        ("auditor", "GET", "/screenings", 200),
        ("auditor", "GET", "/trail/verify", 200),
        ("auditor", "POST", "/keys", 403),
        ("auditor", "POST", "/lists/load", 403),
        ("admin", "GET", "/keys", 200),
        ("admin", "GET", "/openapi.json", 200),
    ],
)
def test_roles_open_the_routes_their_permissions_allow(
    client_as: ClientAs, role: str, method: str, path: str, status: int
) -> None:
    body = {"name": "Kim Chol"} if path == "/screen" else {"queries": [{"name": "Kim Chol"}]}
    if path == "/lists/load":  # an upload route: it takes multipart/form-data only
        response = client_as(role).post(path, files={"file": ("un.xml", b"<x/>")})
    else:
        response = client_as(role).request(method, path, json=body if method == "POST" else None)
    if status == 403:
        assert response.status_code == 403
        assert response.json()["error"] == "PermissionDeniedError"
    else:
        assert response.status_code == status, response.text


def test_openapi_needs_a_key_but_health_does_not(settings: Settings) -> None:
    anonymous = TestClient(create_app(settings))
    assert anonymous.get("/openapi.json").status_code == 401
    assert anonymous.get("/health").status_code == 200


def test_admins_create_list_and_revoke_keys_over_the_api(client_as: ClientAs) -> None:
    admin = client_as("admin")
    made = admin.post("/keys", json={"name": "carol", "role": "reviewer"})
    assert made.status_code == 201
    body = made.json()
    assert body["created_by"] == "admin-1" and body["role"] == "reviewer"
    carol = TestClient(admin.app, headers=bearer(body["key"]))
    assert carol.post("/screen", json={"name": "Kim Chol"}).status_code == 200
    listed = admin.get("/keys").json()
    assert [k["name"] for k in listed] == ["admin-1", "carol"]
    assert all("key" not in k and "secret_hash" not in k for k in listed)
    revoked = admin.delete("/keys/carol")
    assert revoked.status_code == 200 and revoked.json()["revoked_by"] == "admin-1"
    assert carol.post("/screen", json={"name": "Kim Chol"}).status_code == 401
    assert admin.delete("/keys/carol").status_code == 404
    taken = admin.post("/keys", json={"name": "carol", "role": "analyst"})
    assert taken.status_code == 422
    assert taken.json()["detail"].startswith("the name 'carol' is taken by a key revoked")


def test_admins_load_a_list_version_by_upload(client_as: ClientAs) -> None:
    admin = client_as("admin")
    with UN.open("rb") as handle:
        loaded = admin.post("/lists/load", files={"file": ("un_three.xml", handle)})
    assert loaded.status_code == 200, loaded.text
    assert loaded.json() == {
        "source": "un_sc",
        "version": "2026-02-27T00:00:09.554Z",
        "entity_count": 3,
        "loaded_by": "admin-1",
        "replaces": "2026-02-27T00:00:09.554Z",
    }
    ofac = [("file", (p.name, p.read_bytes())) for p in sorted(SDN.iterdir()) if p.is_file()]
    assert admin.post("/lists/load", files=ofac).json()["source"] == "ofac_sdn"
    statuses = admin.get("/lists").json()["lists"]
    assert {item["loaded_by"] for item in statuses} == {"admin-1"}
    assert {item["path"] for item in statuses} == {
        "upload: un_three.xml",
        "upload: " + ", ".join(name for name, _ in (f for _, f in ofac)),
    }
    verified = client_as("auditor").get("/trail/verify").json()
    assert verified["intact"] is True
    assert verified["tables"]["list_versions"] == 4


def test_a_bad_upload_is_one_line_naming_the_file_not_the_server(client_as: ClientAs) -> None:
    admin = client_as("admin")
    broken = admin.post("/lists/load", files={"file": ("un.xml", b"<CONSOLIDATED_LIST><INDIV")})
    assert broken.status_code == 422
    detail = broken.json()["detail"]
    assert "yalu-load-" not in detail and "/tmp" not in detail
    no_file = admin.post("/lists/load", files={"format": (None, b"un_xml")})
    assert no_file.status_code == 422, no_file.text
    # a form that is not multipart is refused before it is read (issue 16: content types)
    assert admin.post("/lists/load", data={"format": "un_xml"}).status_code == 415
    doubled = admin.post(
        "/lists/load", files=[("file", ("a.csv", b"x")), ("file", ("a.csv", b"y"))]
    )
    assert doubled.json()["detail"].startswith(
        "the uploaded file name 'a.csv' is empty or repeated"
    )


def test_auditors_verify_the_trail_and_replay_screenings(client_as: ClientAs) -> None:
    client_as("analyst").post("/screen", json={"name": "Yun Ho Jin", "id": "C-1"})
    auditor = client_as("auditor")
    report = auditor.get("/trail/verify").json()
    assert report["intact"] is True and report["rows_checked"] == 3  # 2 lists, 1 screening
    assert report["head"]["seq"] == 3 and len(report["head"]["sha256"]) == 64
    replay = auditor.get("/screenings/1/replay").json()
    assert replay["identical"] is True and replay["against"] == "recorded"
    current = auditor.get("/screenings/1/replay", params={"against": "current"}).json()
    assert current["identical"] is True and current["reasons"] == []
    assert auditor.get("/screenings/9/replay").status_code == 404
    assert auditor.get("/screenings/1/replay", params={"against": "x"}).status_code == 422
