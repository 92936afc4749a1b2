"""Who may do what on a yalu server: roles, permissions and the one table joining them.

A route declares the permission it needs (`Depends(require(Permission.SCREEN))` in the API,
`Depends(page_caller(Permission.SCREEN))` on a page); an API key or signed-in user has one
role; `ROLE_PERMISSIONS` says which permissions each role holds. A new route needs one line
(its permission); a new kind of action needs one `Permission` member and its cells below.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Literal, TypeGuard, get_args

Role = Literal["analyst", "reviewer", "auditor", "admin"]
ROLES: tuple[str, ...] = get_args(Role)


class Permission(StrEnum):
    """One kind of action a route may need."""

    SCREEN = "screen"
    """Screen names (`POST /screen`, `/screen/batch`, the screening page)."""
    CHECK_GOODS = "check_goods"
    """Check shipments (`POST /goods/check`)."""
    READ_LISTS = "read_lists"
    """See which list versions are in use (`GET /lists`)."""
    RECORD_DECISIONS = "record_decisions"
    """Record a reviewed decision on a candidate (`POST /decisions`, `/review`, `/monitor`)."""
    READ_AUDIT = "read_audit"
    """Read the audit trail, every name ever screened (`GET /screenings`, `/audit` pages)."""
    VERIFY_AUDIT = "verify_audit"
    """Verify the hash chain and replay screenings (`GET /audit/verify`, replay)."""
    LOAD_LISTS = "load_lists"
    """Load a new list version (`POST /lists/load`)."""
    MANAGE_KEYS = "manage_keys"
    """Create, list and revoke API keys (`/keys`)."""
    READ_ALERTS = "read_alerts"
    """Read monitoring alerts and reviewed decisions, which name monitored subjects
    (`GET /alerts`, `GET /decisions`, the `/monitor` page)."""


_P = Permission
_ANALYST = frozenset({_P.SCREEN, _P.CHECK_GOODS, _P.READ_LISTS})

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    "analyst": _ANALYST,
    "reviewer": _ANALYST | {_P.RECORD_DECISIONS, _P.READ_ALERTS},
    "auditor": frozenset({_P.READ_LISTS, _P.READ_AUDIT, _P.VERIFY_AUDIT, _P.READ_ALERTS}),
    "admin": frozenset(Permission),
}
"""The role → permission table: the only place that says what a role may do."""

PERMISSION_ACTIONS: Mapping[Permission, str] = {
    _P.SCREEN: "screen names",
    _P.CHECK_GOODS: "check goods",
    _P.READ_LISTS: "see the lists in use",
    _P.RECORD_DECISIONS: "record decisions",
    _P.READ_AUDIT: "read the audit trail",
    _P.VERIFY_AUDIT: "verify the audit trail",
    _P.LOAD_LISTS: "load lists",
    _P.MANAGE_KEYS: "manage API keys",
    _P.READ_ALERTS: "read monitoring alerts and decisions",
}
"""What each permission lets one do, in words, for refusals (`the auditor role may not ...`)."""

ROLE_SUMMARIES: Mapping[Role, str] = {
    "analyst": "screen names and check goods",
    "reviewer": "an analyst who also reads alerts and records decisions",
    "auditor": "read and verify the audit trail, alerts and decisions; no screening",
    "admin": "everything, including loading lists and managing keys",
}
"""One line per role, for `yalu keys create --help` and the docs."""


def is_role(text: str) -> TypeGuard[Role]:
    """Return True when `text` names a role (`analyst`, `reviewer`, `auditor`, `admin`)."""
    return text in ROLES


def role_allows(role: Role, permission: Permission) -> bool:
    """Return True when `role` holds `permission` in `ROLE_PERMISSIONS`."""
    return permission in ROLE_PERMISSIONS[role]
