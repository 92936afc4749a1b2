"""`yalu keys create|list|revoke` through the real CLI."""

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from yalu.core.actor import cli_actor
from yalu.interfaces.cli.app import app
from yalu.screening.keys import check_key
from yalu.screening.store import Store

runner = CliRunner()


def yalu(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_create_prints_the_key_once_alone_on_the_last_line(isolated_database: Path) -> None:
    result = yalu("keys", "create", "alice", "--role", "analyst")
    assert result.exit_code == 0, result.output
    *explanation, key = result.stdout.splitlines()
    assert re.fullmatch(r"yalu_[0-9a-f]{12}_[A-Za-z0-9_-]{43}", key)
    assert explanation[0].startswith("Created key 'alice' (analyst), id ")
    with Store(isolated_database) as store:
        found = check_key(store, key)
        assert found is not None and found.created_by == cli_actor()
        stored = store.connection.execute("SELECT * FROM api_keys").fetchall()
    assert all(key not in str(value) for row in stored for value in dict(row).values())


def test_list_shows_names_roles_and_status_never_the_key() -> None:
    made = yalu("keys", "create", "alice", "--role", "auditor").stdout.splitlines()[-1]
    yalu("keys", "create", "batch-job", "--role", "analyst")
    assert yalu("keys", "revoke", "batch-job").exit_code == 0
    table = yalu("keys", "list")
    assert table.exit_code == 0, table.output
    # The secret itself may hold "_": split only at the two separators.
    _, key_id, secret = made.split("_", 2)
    assert made not in table.stdout and secret not in table.stdout
    rows = json.loads(yalu("keys", "list", "--format", "json").stdout)
    assert [(r["name"], r["role"], r["revoked_by"]) for r in rows] == [
        ("alice", "auditor", None),
        ("batch-job", "analyst", cli_actor()),
    ]
    assert rows[0]["key_id"] == key_id
    assert "secret_hash" not in rows[0]


def test_revoke_says_which_key_and_refuses_twice() -> None:
    yalu("keys", "create", "alice", "--role", "analyst")
    first = yalu("keys", "revoke", "alice")
    assert first.exit_code == 0 and first.stdout.startswith("Revoked key 'alice' (analyst)")
    again = yalu("keys", "revoke", "alice")
    assert again.exit_code == 1
    assert again.stderr == (
        "error: the key 'alice' is already revoked. `yalu keys list` shows the keys.\n"
    )


def test_mistakes_are_one_line_errors() -> None:
    role = yalu("keys", "create", "bob", "--role", "superuser")
    assert role.exit_code == 2
    assert role.stderr == (
        "error: unknown role 'superuser'. Use one of analyst, reviewer, auditor, admin.\n"
    )
    name = yalu("keys", "create", "cli:bob", "--role", "analyst")
    assert name.exit_code == 2 and name.stderr.startswith("error: 'cli:bob' cannot name a key.")
    assert "Traceback" not in role.output + name.output


def test_serve_refuses_a_network_host_until_a_key_exists() -> None:
    refused = yalu("serve", "--host", "0.0.0.0", "--port", "1")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("error: refusing to listen on 0.0.0.0: no API key exists")
    assert "yalu keys create NAME --role admin" in refused.stderr
