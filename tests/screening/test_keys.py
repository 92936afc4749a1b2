"""API keys on both backends: made once, stored as a salted scrypt hash, checked, revoked."""

import hashlib

import pytest

from yalu.core.errors import InputError, NotFoundError
from yalu.screening.keys import (
    check_key,
    create_key,
    hash_secret,
    list_keys,
    revoke_key,
    verify_secret,
)
from yalu.screening.store import Store


def test_a_new_key_is_stored_only_as_a_salted_scrypt_hash(store: Store) -> None:
    made = create_key(store, "alice", "analyst", actor="cli:root")
    secret = made.token.split("_", 2)[2]
    (stored,) = list_keys(store)
    assert stored.name == "alice" and stored.role == "analyst" and stored.created_by == "cli:root"
    assert stored.secret_hash.startswith("scrypt$16384$8$1$")
    assert made.token not in stored.secret_hash and secret not in stored.secret_hash
    assert hashlib.sha256(secret.encode()).hexdigest() not in stored.secret_hash
    assert made.token.startswith(f"yalu_{stored.key_id}_")


def test_the_same_secret_hashes_differently_each_time() -> None:
    first, second = hash_secret("same"), hash_secret("same")
    assert first != second
    assert verify_secret("same", first) and verify_secret("same", second)
    assert not verify_secret("other", first)


@pytest.mark.parametrize(
    "encoded", ["", "scrypt$1$2", "bcrypt$x$y$z$a$b", "scrypt$n$8$1$AA==$AA=="]
)
def test_a_malformed_stored_hash_never_verifies(encoded: str) -> None:
    assert verify_secret("anything", encoded) is False


def test_check_key_finds_the_key_and_refuses_others(store: Store) -> None:
    made = create_key(store, "alice", "analyst", actor="cli:root")
    key_id = made.key.key_id
    assert check_key(store, made.token) == made.key
    assert check_key(store, made.token[:-1] + ("A" if made.token[-1] != "A" else "B")) is None
    assert check_key(store, f"yalu_{'f' * 12}_{'a' * 43}") is None  # unknown id
    assert check_key(store, "not a key") is None
    assert check_key(store, made.token + "x") is None
    assert check_key(store, f"yalu_{key_id}_") is None


def test_revoking_counts_from_the_next_check_even_when_remembered(store: Store) -> None:
    made = create_key(store, "alice", "analyst", actor="cli:root")
    remembered: dict[str, str] = {}
    assert check_key(store, made.token, remembered) is not None
    assert made.key.key_id in remembered
    revoked = revoke_key(store, "alice", actor="cli:root")
    assert not revoked.is_active and revoked.revoked_by == "cli:root"
    assert check_key(store, made.token, remembered) is None


def test_names_are_never_reused_and_must_be_plain(store: Store) -> None:
    create_key(store, "alice", "analyst", actor="cli:root")
    revoke_key(store, "alice", actor="cli:root")
    with pytest.raises(InputError, match="the name 'alice' is taken by a key revoked"):
        create_key(store, "alice", "admin", actor="cli:root")
    for bad in ("", "cli:root", "two words", "x" * 65, "<b>"):
        with pytest.raises(InputError, match="cannot name a key"):
            create_key(store, bad, "analyst", actor="cli:root")


def test_unknown_roles_and_keys_are_one_line_errors(store: Store) -> None:
    with pytest.raises(InputError) as caught:
        create_key(store, "bob", "root", actor="cli:root")
    assert str(caught.value) == (
        "unknown role 'root'. Use one of analyst, reviewer, auditor, admin."
    )
    with pytest.raises(NotFoundError, match="the key 'bob' does not exist"):
        revoke_key(store, "bob", actor="cli:root")
    create_key(store, "bob", "auditor", actor="cli:root")
    revoke_key(store, "bob", actor="cli:root")
    with pytest.raises(NotFoundError, match="the key 'bob' is already revoked"):
        revoke_key(store, "bob", actor="cli:root")


def test_has_active_key_follows_creation_and_revocation(store: Store) -> None:
    assert not store.has_active_key()
    create_key(store, "alice", "admin", actor="cli:root")
    assert store.has_active_key()
    revoke_key(store, "alice", actor="cli:root")
    assert not store.has_active_key()
