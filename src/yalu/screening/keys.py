"""API keys: made once, stored as a salted scrypt hash, checked in constant time, revoked.

A key reads `yalu_<key id>_<secret>`: the key id (12 hex digits) is public and finds the
row; the secret (43 URL-safe characters, 256 random bits) is checked against its hash with
`hashlib.scrypt` and a per-key salt. Keys are random, so the work factor is not what guards
them; it is kept modest (N=2^14: about 16 MB and 50 ms per check) and stored with each hash,
so it can be raised later without invalidating existing keys. Only the hash is stored: a lost
key is revoked and replaced, never recovered.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from yalu.core.errors import InputError, NotFoundError
from yalu.models.access import ROLES, is_role
from yalu.screening.key_store import ApiKey

if TYPE_CHECKING:
    from yalu.screening.store import Store

__all__ = [
    "ApiKey",
    "NewKey",
    "VerifiedKeys",
    "check_key",
    "create_key",
    "hash_secret",
    "list_keys",
    "revoke_key",
    "verify_secret",
]

KEY_PREFIX = "yalu_"
_KEY = re.compile(r"^yalu_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SALT_BYTES = 16
_MAX_MEMORY = 2**26


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY, dklen=32
    )


def hash_secret(secret: str) -> str:
    """Return `scrypt$N$r$p$<salt>$<hash>` (base64) of `secret` with a new random salt."""
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(secret, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${_b64(salt)}${_b64(digest)}"


_DUMMY_HASH = hash_secret("no key has this secret")
"""Checked against when a key id is unknown, so a miss takes as long as a wrong secret."""


def verify_secret(secret: str, encoded: str) -> bool:
    """Return True when `secret` hashes to `encoded` (compared in constant time).

    A malformed `encoded` value is False, never an error.
    """
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        computed = _scrypt(secret, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(computed, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


@dataclass(frozen=True, slots=True)
class NewKey:
    """A key just made: the stored record and the full key, shown this once."""

    key: ApiKey
    token: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_key_name(name: str) -> str:
    """Return `name` if it can name a key.

    Raises:
        InputError: it is empty, too long, or has characters other than letters, digits
            and `. _ @ -` (a key name is what audit rows record, so it stays plain).
    """
    if not _NAME.match(name):
        raise InputError(
            f"'{name}' cannot name a key",
            hint="Use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter "
            "or digit (e.g. alice or batch-job)",
        )
    return name


def create_key(store: Store, name: str, role: str, *, actor: str) -> NewKey:
    """Make a key for `name` with `role` and store its hash.

    Args:
        store: the open store.
        name: the key's name, recorded as the actor of everything done with it.
        role: analyst, reviewer, auditor or admin.
        actor: who creates it (`cli:<os user>` or an admin key's name).

    Raises:
        InputError: the name is invalid or already used (by an active or a revoked key:
            names are never reused, so audit rows stay unambiguous), or the role is unknown.
        StoreError: the database failed.
    """
    check_key_name(name)
    if not is_role(role):
        raise InputError(f"unknown role '{role}'", hint="Use one of " + ", ".join(ROLES))
    existing = store.key_by_name(name)
    if existing is not None:
        state = "an active key" if existing.is_active else f"a key revoked {existing.revoked_at}"
        raise InputError(
            f"the name '{name}' is taken by {state}",
            hint="Choose another name: names are never reused, so the audit trail stays clear",
        )
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    record = ApiKey(
        name=name,
        key_id=key_id,
        role=role,
        secret_hash=hash_secret(secret),
        created_at=_now(),
        created_by=actor,
    )
    with store.transaction():
        store.insert_key(record)
    return NewKey(record, f"{KEY_PREFIX}{key_id}_{secret}")


def list_keys(store: Store) -> list[ApiKey]:
    """Return every key, active and revoked, in order of creation."""
    return store.api_keys()


def revoke_key(store: Store, name: str, *, actor: str) -> ApiKey:
    """Revoke the key `name`; requests with it are refused from the next one on.

    Raises:
        NotFoundError: no active key has this name.
    """
    with store.transaction():
        revoked = store.mark_key_revoked(name, revoked_at=_now(), revoked_by=actor)
    key = store.key_by_name(name)
    if not revoked or key is None:
        state = "is already revoked" if key is not None else "does not exist"
        raise NotFoundError(f"the key '{name}' {state}", hint="`yalu keys list` shows the keys")
    return key


VerifiedKeys = MutableMapping[str, str]
"""A server's memory of keys it has checked: key id → SHA-256 of (key, stored hash)."""


def check_key(store: Store, token: str, verified: VerifiedKeys | None = None) -> ApiKey | None:
    """Return the active key `token` is, or None for a malformed, unknown or revoked key.

    The row is read on every call, so a revocation counts from the next request. A wrong
    secret costs one scrypt check whether or not the key id exists. `verified` (kept in the
    server's memory, never stored) skips scrypt for a key already checked against the same
    stored hash.
    """
    found = _KEY.match(token)
    if found is None:
        return None
    key_id, secret = found.groups()
    key = store.key_by_id(key_id)
    if key is None:
        verify_secret(secret, _DUMMY_HASH)
        return None
    seen = hashlib.sha256(f"{token}\n{key.secret_hash}".encode()).hexdigest()
    if verified is not None and hmac.compare_digest(verified.get(key_id, ""), seen):
        return key if key.is_active else None
    if not verify_secret(secret, key.secret_hash):
        return None
    if verified is not None:
        verified[key_id] = seen
    return key if key.is_active else None
