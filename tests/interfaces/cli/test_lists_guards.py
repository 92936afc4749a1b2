"""`yalu lists load` guards, `--sha256`, `lists rollback` and `lists prune`, through the CLI."""

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES, SHARED_LISTS
from tests.tables import table_rows
from yalu.interfaces.cli.app import app
from yalu.screening.store import Store

SCREENING = FIXTURES / "screening"
UN = SCREENING / "un_three.xml"
SDN = FIXTURES / "lists" / "ofac_sdn"
DPL = SHARED_LISTS / "bis_dpl_2023.txt"

runner = CliRunner()


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


def one_line_error(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    return str(result.stderr)


def active(database: Path) -> dict[str, tuple[int, str]]:
    with Store(database) as store:
        return {v.source: (v.entity_count, v.version) for v in store.active_versions()}


def shortened_sdn_set(folder: Path, keep: int) -> Path:
    """Write a whole, consistent OFAC set holding the first `keep` entries of the 2021 SDN."""
    folder.mkdir()
    source = SHARED_LISTS / "ofac_sdn_2021"
    kept: set[str] = set()
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        data = (source / name).read_bytes()
        mark = b"\x1a" if data.endswith(b"\x1a") else b""
        rows = data.rstrip(b"\x1a").splitlines(keepends=True)
        if name == "sdn.csv":
            rows = rows[:keep]
            kept = {row.split(b",", 1)[0].decode() for row in rows}
        else:
            rows = [row for row in rows if row.split(b",", 1)[0].decode() in kept]
        (folder / name).write_bytes(b"".join(rows) + mark)
    return folder


@pytest.mark.shared_data
def test_a_shortened_sdn_set_is_refused_and_the_old_version_stays_active(
    isolated_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert yalu("lists", "load", SHARED_LISTS / "ofac_sdn_2021").exit_code == 0
    before = active(isolated_database)
    assert before["ofac_sdn"][0] == 8976
    # `head -n 4000 sdn.csv` beside the whole alt.csv and add.csv
    cut = tmp_path / "cut"
    shutil.copytree(SHARED_LISTS / "ofac_sdn_2021", cut)
    lines = (cut / "sdn.csv").read_bytes().splitlines(keepends=True)
    (cut / "sdn.csv").write_bytes(b"".join(lines[:4000]))
    message = one_line_error(yalu("lists", "load", cut))
    assert f"{cut / 'sdn.csv'}:4001: the file does not end with OFAC's end-of-file byte" in message
    assert "Nothing was loaded; the lists in use are unchanged." in message
    # the same 4,000 entries as a whole, consistent set: the shrink guard refuses it
    short = shortened_sdn_set(tmp_path / "short", 4000)
    message = one_line_error(yalu("lists", "load", short))
    assert message == (
        f"error: {short}: ofac_sdn would drop from 8,976 to 4,000 entities (-55.4%), more "
        "than the 10% allowed (list_max_shrink), so it was not loaded. Check the file is "
        "complete. If the list really shrank, load it with --allow-shrink. Version "
        f"{before['ofac_sdn'][1]} stays active.\n"
    )
    assert active(isolated_database) == before
    with Store(isolated_database) as store:
        assert len(store.versions()) == 1
    # --allow-shrink and the list_max_shrink setting decide what a shrink may be
    short = shortened_sdn_set(tmp_path / "short8000", 8000)  # -10.9%, and a prefix
    assert "looks cut short" not in one_line_error(yalu("lists", "load", short))
    monkeypatch.setenv("YALU_LIST_MAX_SHRINK", "0.2")
    message = one_line_error(yalu("lists", "load", short))
    assert "holds only the first 8,000 of the 8,976 entities" in message
    result = yalu("lists", "load", short, "--allow-shrink")
    assert result.exit_code == 0, result.output
    assert active(isolated_database)["ofac_sdn"][0] == 8000


@pytest.mark.shared_data
def test_a_list_cut_at_a_line_boundary_is_refused_in_a_multi_file_load(
    isolated_database: Path, tmp_path: Path
) -> None:
    assert yalu("lists", "load", DPL, UN).exit_code == 0
    before = active(isolated_database)
    cut = tmp_path / "dpl.txt"
    cut.write_bytes(b"".join(DPL.read_bytes().splitlines(keepends=True)[:640]))
    message = one_line_error(yalu("lists", "load", UN, cut))
    assert "bis_dpl holds only the first 528 of the 547 entities" in message
    assert message.rstrip().endswith("Nothing was loaded; the lists in use are unchanged.")
    assert active(isolated_database) == before


def test_a_repeated_record_is_refused_unless_allowed(
    isolated_database: Path, tmp_path: Path
) -> None:
    listed = tmp_path / "watchlist.csv"
    listed.write_text("id,name\n1,Kim Chol\n2,Ri Ung\n1,Kim Chol Ung\n", encoding="utf-8")
    message = one_line_error(yalu("lists", "load", listed))
    assert "entity id '1' appears 2 times" in message and "--allow-duplicates" in message
    assert active(isolated_database) == {}
    assert yalu("lists", "load", listed, "--allow-duplicates").exit_code == 0
    assert active(isolated_database)["watchlist"][0] == 3


def test_sha256_values_must_each_match_a_file_given(
    isolated_database: Path, tmp_path: Path
) -> None:
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SDN.iterdir()}
    ok = yalu("lists", "load", SDN, "--sha256", digests["sdn.csv"].upper(), "--sha256",
              digests["alt.csv"])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    changed = tmp_path / "sdn"
    shutil.copytree(SDN, changed)
    (changed / "alt.csv").write_bytes((SDN / "alt.csv").read_bytes().replace(b"RI", b"LI"))
    message = one_line_error(yalu("lists", "load", changed, "--sha256", digests["alt.csv"]))
    assert message.startswith(f"error: no file given has the SHA-256 {digests['alt.csv'][:12]}")
    assert f"sdn.csv has {digests['sdn.csv'][:12]}" in message
    assert message.rstrip().endswith("Nothing was loaded.")
    message = one_line_error(yalu("lists", "load", SDN, "--sha256", "abc"))
    assert "'abc' is not a SHA-256 value (64 hexadecimal digits)" in message
    with Store(isolated_database) as store:
        assert len(store.versions()) == 1


def status_rows(*args: str) -> list[list[str]]:
    result = yalu("lists", "status", "--all", *args)
    assert result.exit_code == 0, result.output
    return table_rows(result.stdout)


def test_rollback_and_prune_from_the_command_line(isolated_database: Path) -> None:
    for _ in range(3):
        assert yalu("lists", "load", UN).exit_code == 0
    ids = [row[0] for row in status_rows()]
    assert ids == ["3", "2", "1"]
    result = yalu("lists", "rollback", "un_sc")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Rolled back: un_sc is back to version 2026-02-27T00:00:09.554Z (id 2, 3 entities"
    )
    assert [(row[0], row[-1]) for row in status_rows()] == [("3", ""), ("2", "yes"), ("1", "")]
    assert yalu("lists", "rollback", "un_sc", "1").exit_code == 0
    assert [row[0] for row in status_rows() if row[-1] == "yes"] == ["1"]
    assert yalu("screen", "Ri Chol Ung").exit_code == 0  # an audit row now cites version 1
    result = yalu("lists", "prune", "--keep", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Deleted un_sc version 2026-02-27T00:00:09.554Z (id 3, 3 entities")
    assert lines[1].startswith("Deleted un_sc version 2026-02-27T00:00:09.554Z (id 2,")
    assert lines[2].startswith("Pruned 2 versions (6 entities); kept 0 older versions")
    assert [row[0] for row in status_rows()] == ["1"]
    message = one_line_error(yalu("lists", "rollback", "un_sc"), code=1)
    assert "un_sc has no version older than the active one" in message


def test_prune_keeps_cited_versions_until_forced(isolated_database: Path) -> None:
    assert yalu("lists", "load", UN).exit_code == 0
    assert yalu("screen", "Ri Chol Ung").exit_code == 0  # cites version 1
    assert yalu("lists", "load", UN).exit_code == 0
    result = yalu("lists", "prune", "--keep", "1")
    assert "Pruned 0 versions (0 entities); kept 1 older version that audit rows cite " in (
        result.stdout
    )
    assert "(--force deletes them too)" in result.stdout
    forced = yalu("lists", "prune", "--keep", "1", "--force")
    assert forced.stdout.startswith("Deleted un_sc version")
    assert [row[0] for row in status_rows()] == ["2"]


def test_status_all_lists_ids_for_rollback(isolated_database: Path) -> None:
    assert yalu("lists", "load", UN).exit_code == 0
    assert [row[:2] for row in status_rows()] == [["1", "un_sc"]]
