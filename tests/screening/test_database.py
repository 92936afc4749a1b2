"""The PostgreSQL side of the store's connection: URLs, errors, column types, migrations."""

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.postgres_server import free_port
from yalu.core.errors import ConfigError, MissingExtraError, StoreError
from yalu.screening.store import MIGRATIONS, open_store


def test_postgres_scheme_is_the_same_as_postgresql(postgres_url: str) -> None:
    short = postgres_url.replace("postgresql://", "postgres://", 1)
    with open_store(short) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.path == postgres_url.replace("postgres@", "")  # no user or password


def test_unreachable_server_is_one_line_naming_host_port_and_fix() -> None:
    port = free_port()
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://yalu:s3cret@127.0.0.1:{port}/yalu")
    message = str(caught.value)
    assert message.startswith(f"cannot connect to PostgreSQL at 127.0.0.1:{port} (")
    assert "Check the server is running" in message
    assert "YALU_DATABASE_URL" in message
    assert "\n" not in message
    assert "s3cret" not in message


def test_missing_database_says_so(postgres_url: str) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(StoreError, match='database "no_such_db" does not exist'):
        open_store(missing)


def test_without_psycopg_a_postgresql_url_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(MissingExtraError) as caught:
        open_store("postgresql://yalu@localhost/yalu")
    assert str(caught.value) == (
        "database_url is a PostgreSQL URL but psycopg is not installed. "
        "pip install 'yalu[postgres]'."
    )


def test_malformed_postgresql_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a valid PostgreSQL URL"):
        open_store("postgresql://yalu@localhost:notaport:5/yalu?nonsense=1")


def test_schema_uses_postgresql_column_types(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        rows = store.connection.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = 'public'"
        ).fetchall()
    types = {(row["table_name"], row["column_name"]): row["data_type"] for row in rows}
    assert types["list_versions", "id"] == "bigint"
    assert types["screenings", "id"] == "bigint"
    assert types["screenings", "threshold"] == "double precision"
    assert types["index_cache", "data"] == "bytea"


def test_servers_starting_together_migrate_once(postgres_url: str) -> None:
    def open_and_count(_: int) -> int:
        with open_store(postgres_url) as store:
            return store.schema_version

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_count, range(4))) == [len(MIGRATIONS)] * 4
    with open_store(postgres_url) as store:
        rows = store.connection.execute("SELECT count(*) AS n FROM schema_migrations")
        assert rows.fetchone() == {"n": len(MIGRATIONS)}
