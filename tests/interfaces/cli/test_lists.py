import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from tests.postgres_server import free_port
from tests.screening.local_http import refused_url, serve_directory
from tests.tables import table_rows
from yalu.interfaces.cli.app import app
from yalu.screening.service import index_cache_key
from yalu.screening.store import Store

SCREENING = FIXTURES / "screening"
UN = SCREENING / "un_three.xml"
SDN = SCREENING / "ofac_sdn_small"

runner = CliRunner()


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


def assert_one_line_error(result, code: int, start: str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    return str(result.stderr)


def test_load_then_status_shows_source_version_count_and_format(
    isolated_database: Path,
) -> None:
    loaded = yalu("lists", "load", UN, SDN)
    assert loaded.exit_code == 0, loaded.output
    assert "Loaded un_sc 2026-02-27T00:00:09.554Z: 3 entities from" in loaded.stdout
    assert "Loaded ofac_sdn" in loaded.stdout
    status = yalu("lists", "status")
    assert status.exit_code == 0
    rows = table_rows(status.stdout)
    (un_row,) = [row for row in rows if row[0] == "un_sc"]
    assert un_row[1] == "2026-02-27T00:00:09.554Z"
    assert un_row[4:7] == ["3", "un_xml", str(UN.resolve())]  # the whole path, on any machine
    assert any(row[0] == "ofac_sdn" for row in rows)


def test_status_shows_publication_date_or_digest_and_warns_about_age(
    isolated_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert yalu("lists", "load", UN, SDN).exit_code == 0
    monkeypatch.setenv("YALU_LIST_MAX_AGE_DAYS", "100000")  # the UN fixture is never too old
    status = yalu("lists", "status")
    rows = {
        line.split()[1]: line
        for line in status.stdout.splitlines()
        if line.startswith("│") and line.split()[1] != "│"
    }
    assert "2026-02-27 (" in rows["un_sc"] and "!" not in rows["un_sc"]
    assert re.search(r"sha256 [0-9a-f]{12} +│ unknown !", rows["ofac_sdn"])
    assert status.stderr.splitlines() == [
        "warning: ofac_sdn: publication date unknown (the file prints none); "
        "check it is the publisher's current list"
    ]
    monkeypatch.setenv("YALU_LIST_MAX_AGE_DAYS", "30")
    warned = yalu("lists", "status").stderr
    assert "warning: un_sc: published 2026-02-27" in warned  # true on any day after 2026-03-29
    assert "warning: ofac_sdn" in warned
    assert "warning: un_sc" not in yalu("-q", "lists", "status").stderr


def test_load_caches_the_screening_index(isolated_database: Path) -> None:
    assert yalu("lists", "load", UN).exit_code == 0
    with Store(isolated_database) as store:
        assert store.read_index_cache(index_cache_key(store.active_versions())) is not None


def test_status_without_lists_says_how_to_load_them() -> None:
    result = yalu("lists", "status")
    assert result.exit_code == 0
    assert "No lists loaded. Run `yalu lists load PATH`" in result.stderr


def test_status_all_shows_replaced_versions(isolated_database: Path) -> None:
    yalu("lists", "load", UN)
    yalu("lists", "load", UN)
    result = yalu("lists", "status", "--all")
    assert result.stdout.count("un_sc") == 2
    assert result.stdout.count(" yes ") == 1


def test_truncated_xml_is_refused_and_last_good_version_stays(tmp_path: Path) -> None:
    assert yalu("lists", "load", UN).exit_code == 0
    before = yalu("lists", "status").stdout
    result = yalu("lists", "load", SCREENING / "un_truncated.xml")
    message = assert_one_line_error(
        result, 2, f"{SCREENING / 'un_truncated.xml'}:71: malformed XML"
    )
    assert "download it again" in message
    assert message.rstrip().endswith("Nothing was loaded; the lists in use are unchanged.")
    assert yalu("lists", "status").stdout == before


def test_one_bad_file_among_several_loads_nothing() -> None:
    result = yalu("lists", "load", UN, SCREENING / "un_truncated.xml")
    assert result.exit_code == 2
    assert "Nothing was loaded" in result.stderr
    assert "No lists loaded" in yalu("lists", "status").stderr


def test_csv_list_without_name_column_is_refused() -> None:
    path = SCREENING / "names_without_name.csv"
    result = yalu("lists", "load", "--reader", "csv", path)
    message = assert_one_line_error(result, 2, f"{path}:1:")
    assert "name" in message
    assert "No lists loaded" in yalu("lists", "status").stderr


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "consolidated.xml"
    result = yalu("lists", "load", missing)
    assert_one_line_error(result, 2, f"{missing}: no such file")


def test_unreachable_postgresql_server_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = free_port()
    monkeypatch.setenv("YALU_DATABASE_URL", f"postgresql://yalu@127.0.0.1:{port}/yalu")
    result = yalu("lists", "status")
    message = assert_one_line_error(result, 1, f"cannot connect to PostgreSQL at 127.0.0.1:{port}")
    assert "Check the server is running" in message


def test_postgresql_url_without_psycopg_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.setenv("YALU_DATABASE_URL", "postgresql://yalu@localhost/yalu")
    result = yalu("lists", "status")
    message = assert_one_line_error(result, 1, "database_url is a PostgreSQL URL but psycopg")
    assert "pip install 'yalu[postgres]'" in message


def test_update_from_a_mirror_loads_the_lists(tmp_path: Path) -> None:
    shutil.copy(UN, tmp_path / "consolidated.xml")
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(SDN / name, tmp_path / name)
    with serve_directory(tmp_path) as base:
        result = yalu(
            "lists", "update", "--mirror", base, "--source", "un_sc", "--source", "ofac_sdn"
        )
    assert result.exit_code == 0, result.output
    assert f"Updated un_sc 2026-02-27T00:00:09.554Z: 3 entities from {base}" in result.stdout
    assert "Updated ofac_sdn" in result.stdout


def test_update_offline_fails_in_one_line_and_keeps_the_loaded_list() -> None:
    assert yalu("lists", "load", UN).exit_code == 0
    base = refused_url()
    result = yalu("lists", "update", "--mirror", base, "--source", "un_sc")
    message = assert_one_line_error(
        result, 1, f"cannot reach {base.removeprefix('http://')} (offline?):"
    )
    assert "Use `yalu lists load PATH` with downloaded files" in message
    assert "The previous version of un_sc (2026-02-27T00:00:09.554Z" in message
    assert "un_sc" in yalu("lists", "status").stdout


def test_update_unknown_source_names_the_choices() -> None:
    result = yalu("lists", "update", "--source", "eu")
    assert_one_line_error(result, 2, "unknown list 'eu'. Use one of un_sc, ofac_sdn, ofac_cons")
