"""`yalu audit verify` and `yalu audit replay` through the real CLI.

The trail is tampered with the way someone with access to the database would: the `sqlite3`
shell on the SQLite file, and `psql` on PostgreSQL.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from yalu.interfaces.cli.app import app

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"

runner = CliRunner()


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


def shell(program: str, *args: str) -> None:
    """Run a database shell; fail (never skip) when it is not installed."""
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"the {program} shell is missing: apt-get install {program}")
    subprocess.run([found, *args], check=True, capture_output=True, text=True)


def screen_three() -> None:
    for args in (
        ("lists", "load", UN, SDN),
        ("screen", "Yun Ho Jin"),
        ("screen", "Chon Ma San", "--imo-number", "IMO 8660313"),
        ("screen", "Maria Gonzalez Lopez"),
    ):
        result = yalu(*args)
        assert result.exit_code == 0, result.output


def assert_intact(count: int) -> str:
    """Return the head hash after checking `audit verify` passes on `count` rows."""
    result = yalu("audit", "verify")
    assert result.exit_code == 0, result.output
    first, head = result.stdout.splitlines()
    assert first == f"intact: {count} rows checked (list_versions 2, screenings {count - 2})"
    found = re.fullmatch(rf"head: link {count} ([0-9a-f]{{64}})", head)
    assert found, head
    return found.group(1)


def assert_broken(first_problem: str) -> None:
    result = yalu("audit", "verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == f"  {first_problem}"
    assert result.stderr == f"error: the audit trail does not verify: {first_problem}\n"


@pytest.fixture
def database(isolated_database: Path) -> Path:
    screen_three()
    return isolated_database


def test_verify_passes_on_an_untouched_trail_and_prints_the_head(database: Path) -> None:
    head = assert_intact(5)
    as_json = json.loads(yalu("audit", "verify", "--format", "json").stdout)
    assert as_json["intact"] is True and as_json["head"] == {"seq": 5, "sha256": head}
    assert as_json["tables"] == {"list_versions": 2, "screenings": 3}


def test_verify_names_a_row_changed_with_the_sqlite3_shell(database: Path) -> None:
    assert_intact(5)
    shell("sqlite3", str(database), "UPDATE screenings SET threshold = 0.5 WHERE id = 2")
    assert_broken("screenings row 2 was changed after it was written (link 4)")


def test_verify_names_a_row_deleted_with_the_sqlite3_shell(database: Path) -> None:
    shell("sqlite3", str(database), "DELETE FROM screenings WHERE id = 1")
    assert_broken("screenings row 1 was removed")


def test_a_published_head_catches_a_truncated_trail(database: Path) -> None:
    head = assert_intact(5)
    shell(
        "sqlite3",
        str(database),
        "DELETE FROM screenings WHERE id = 3; DELETE FROM trail_chain WHERE seq = 5;",
    )
    assert yalu("audit", "verify").exit_code == 0  # consistent, one row shorter
    result = yalu("audit", "verify", "--published-head", head)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: the published head {head} is not in the chain")


@pytest.mark.parametrize("head", ["", "  ", "link 5", "ab" * 31, "zz" * 32])
def test_a_published_head_that_is_no_digest_is_refused(database: Path, head: str) -> None:
    assert_intact(5)
    result = yalu("audit", "verify", "--published-head", head)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --published-head ")
    assert "is not a chain head (64 hex digits)" in result.stderr


def test_verify_on_postgresql_names_a_row_changed_with_psql(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YALU_DATABASE_URL", postgres_url)
    screen_three()
    head = assert_intact(5)
    shell("psql", postgres_url, "-c", "UPDATE screenings SET actor = 'mallory' WHERE id = 3")
    assert_broken("screenings row 3 was changed after it was written (link 5)")
    shell("psql", postgres_url, "-c", "DELETE FROM list_versions WHERE id = 1")
    result = yalu("audit", "verify", "--published-head", head)
    assert result.exit_code == 1
    assert "  list_versions row 1 was removed" in result.stdout.splitlines()


def test_replay_reproduces_a_screening_made_before_a_new_list_version(
    database: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "un_newer.xml"
    text = UN.read_text(encoding="utf-8").replace(
        "2026-02-27T00:00:09.554Z", "2026-03-06T00:00:00Z"
    )
    start, end = (
        text.index("    <INDIVIDUAL>"),
        text.index("</INDIVIDUAL>") + len("</INDIVIDUAL>\n"),
    )
    newer.write_text(text[:start] + text[end:], encoding="utf-8")  # Yun Ho-jin delisted
    assert yalu("lists", "load", newer, "--allow-shrink").exit_code == 0

    recorded = yalu("audit", "replay", "1")
    assert recorded.exit_code == 0, recorded.output
    lines = recorded.stdout.splitlines()
    assert lines[0].startswith("screening 1: 'Yun Ho Jin' by cli:")
    assert lines[1] == (
        "replayed against the recorded lists: ofac_sdn@sha256:ce7ded99 (version 2), "
        "un_sc@2026-02-27 (version 1)"
    )
    assert lines[2].startswith("identical: ")

    current = yalu("audit", "replay", "1", "--against", "current")
    assert current.exit_code == 1
    assert "DIFFERENT: 1 candidate differs" in current.stdout
    assert (
        "  removed  un_sc KPi.001 'YUN HO-JIN': no longer a candidate (was score 1.0000, MATCH)"
        in current.stdout.splitlines()
    )
    assert (
        "why: un_sc changed: version 1 (2026-02-27T00:00:09.554Z) → version 3 "
        "(2026-03-06T00:00:00Z)" in current.stdout.splitlines()
    )
    as_json = json.loads(yalu("audit", "replay", "1", "--format", "json").stdout)
    assert as_json["identical"] is True and as_json["against"] == "recorded"


def test_replay_mistakes_are_one_line_errors(database: Path) -> None:
    unknown = yalu("audit", "replay", "42")
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "error: no screening 42 in the audit trail. `yalu audit list` shows the ids.\n"
    )
    against = yalu("audit", "replay", "1", "--against", "tomorrow")
    assert against.exit_code == 2
    assert against.stderr == "error: unknown --against 'tomorrow'. Use recorded or current.\n"
