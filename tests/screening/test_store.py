import sqlite3
from pathlib import Path

import pytest

from yalu.core.errors import ConfigError, StoreError
from yalu.models.screening import Entity, Identifier
from yalu.screening.codec import decode_entity, encode_entity
from yalu.screening.store import MIGRATIONS, Store, open_store, sqlite_path

VESSEL = Entity(
    id="8801",
    schema="Vessel",
    names=("CHON MA SAN", "CHONMASAN"),
    source="ofac_sdn",
    source_version="2021-07-07",
    countries=("kp",),
    identifiers=(Identifier("imo", "IMO 8660313"),),
    programs=("DPRK2",),
    listed_on="2018-02-23",
    notes="Vessel Registration Identification IMO 8660313.",
)


def add(store: Store, source: str, entities: tuple[Entity, ...], version: str = "v1") -> int:
    with store.transaction():
        new = store.add_version(
            source=source, version=version, format="test", path="mem", entities=entities
        )
        store.activate(new.id)
    return new.id


def test_entity_survives_encode_decode() -> None:
    assert decode_entity(encode_entity(VESSEL)) == VESSEL


def test_sqlite_url_creates_parent_folders(tmp_path: Path) -> None:
    database = tmp_path / "deep" / "er" / "yalu.sqlite3"
    with open_store(f"sqlite:///{database}") as store:
        assert store.schema_version == len(MIGRATIONS)
    assert database.is_file()


def test_relative_sqlite_url_is_a_relative_path() -> None:
    assert sqlite_path("sqlite:///data/yalu.sqlite3") == Path("data/yalu.sqlite3")


def test_other_url_scheme_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a SQLite or PostgreSQL URL"):
        open_store("mysql://localhost/yalu")


def test_reopening_does_not_rerun_migrations(database_url: str) -> None:
    with open_store(database_url) as store:
        assert store.schema_version == len(MIGRATIONS)
        add(store, "un_sc", (VESSEL,))
    with open_store(database_url) as store:
        assert [v.entity_count for v in store.active_versions()] == [1]
        rows = store.connection.execute("SELECT count(*) AS n FROM schema_migrations")
        assert rows.fetchone()["n"] == len(MIGRATIONS)  # type: ignore[index]


def test_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("this is not sqlite, just text " * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(bogus)


def test_activating_a_new_version_deactivates_the_old_one(store: Store) -> None:
    first = add(store, "ofac_sdn", (VESSEL,), version="2021")
    second = add(store, "ofac_sdn", (VESSEL, VESSEL), version="2022")
    assert [v.id for v in store.active_versions()] == [second]
    assert not store.version(first).is_active
    assert [v.id for v in store.versions()] == [second, first]
    assert list(store.entities([second])) == [VESSEL, VESSEL]


def test_active_versions_are_one_per_source_by_name(store: Store) -> None:
    un = add(store, "un_sc", (VESSEL,))
    sdn = add(store, "ofac_sdn", (VESSEL,))
    assert [(v.source, v.id, v.is_active) for v in store.active_versions()] == [
        ("ofac_sdn", sdn, True),
        ("un_sc", un, True),
    ]
    assert store.active_version("eu_fsf") is None


def test_error_inside_transaction_rolls_everything_back(store: Store) -> None:
    good = add(store, "un_sc", (VESSEL,))

    def entities_then_crash():  # type: ignore[no-untyped-def]
        yield VESSEL
        raise RuntimeError("disk vanished")

    with pytest.raises(RuntimeError), store.transaction():
        store.add_version(
            source="un_sc", version="v2", format="t", path="p", entities=entities_then_crash()
        )
    assert [v.id for v in store.versions()] == [good]
    count = store.connection.execute("SELECT count(*) AS n FROM entities").fetchone()
    assert count is not None
    assert count["n"] == 1


def test_database_failure_in_transaction_becomes_store_error_and_rolls_back(
    store: Store,
) -> None:
    with pytest.raises(StoreError, match="no_such_table"), store.transaction():
        store.add_version(source="un_sc", version="v1", format="t", path="p", entities=())
        store.connection.execute("INSERT INTO no_such_table VALUES (1)")
    assert store.versions() == []
    add(store, "un_sc", (VESSEL,))  # the connection is usable again
    assert len(store.active_versions()) == 1


def test_unknown_version_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="list version 42 is not in the database"):
        store.version(42)


def test_locked_database_is_a_store_error(tmp_path: Path) -> None:
    database = tmp_path / "y.sqlite3"
    store = Store(database)
    store._db.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="cannot write"), store.transaction():
            pass
    finally:
        holder.execute("ROLLBACK")
        store.close()


def test_index_cache_keeps_only_the_latest_key(store: Store) -> None:
    store.write_index_cache("a", b"first")
    store.write_index_cache("b", b"second")
    assert store.read_index_cache("a") is None
    assert store.read_index_cache("b") == b"second"


def test_index_cache_round_trips_every_byte(store: Store) -> None:
    data = bytes(range(256)) * 4096  # NUL bytes and 1 MiB: a blob/bytea, not text
    store.write_index_cache("key", data)
    assert store.read_index_cache("key") == data
