"""The one role → permission table."""

import pytest

from yalu.models.access import ROLE_PERMISSIONS, ROLES, Permission, is_role, role_allows


def test_every_role_has_a_row_and_only_roles_do() -> None:
    assert set(ROLE_PERMISSIONS) == set(ROLES) == {"analyst", "reviewer", "auditor", "admin"}
    assert is_role("auditor") and not is_role("root")


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        ("analyst", Permission.SCREEN, True),
        ("analyst", Permission.CHECK_GOODS, True),
        ("analyst", Permission.READ_AUDIT, False),
        ("analyst", Permission.RECORD_DECISIONS, False),
        ("reviewer", Permission.RECORD_DECISIONS, True),
        ("auditor", Permission.SCREEN, False),
        ("auditor", Permission.CHECK_GOODS, False),
        ("auditor", Permission.READ_AUDIT, True),
        ("auditor", Permission.VERIFY_AUDIT, True),
        ("auditor", Permission.MANAGE_KEYS, False),
        ("reviewer", Permission.LOAD_LISTS, False),
    ],
)
def test_the_table_says_who_may_do_what(role: str, permission: Permission, allowed: bool) -> None:
    assert is_role(role)
    assert role_allows(role, permission) is allowed


def test_a_reviewer_is_an_analyst_who_also_reads_alerts_and_records_decisions() -> None:
    extra = ROLE_PERMISSIONS["reviewer"] - ROLE_PERMISSIONS["analyst"]
    assert extra == {Permission.RECORD_DECISIONS, Permission.READ_ALERTS}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("analyst", False), ("reviewer", True), ("auditor", True), ("admin", True)],
)
def test_alerts_and_decisions_are_read_by_reviewers_auditors_and_admins(
    role: str, allowed: bool
) -> None:
    assert is_role(role)
    assert role_allows(role, Permission.READ_ALERTS) is allowed
    assert role_allows(role, Permission.RECORD_DECISIONS) is (role in ("reviewer", "admin"))


def test_an_admin_holds_every_permission() -> None:
    assert ROLE_PERMISSIONS["admin"] == frozenset(Permission)


def test_every_permission_has_words_for_refusals() -> None:
    from yalu.models.access import PERMISSION_ACTIONS

    assert set(PERMISSION_ACTIONS) == set(Permission)
