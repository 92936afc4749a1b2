"""`yalu monitor ...`, `yalu review` and `yalu lists diff` through the command line."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import FIXTURES
from tests.screening.local_http import refused_url
from tests.screening.webhook_server import webhook_receiver
from yalu.interfaces.cli.app import app

SMALL = FIXTURES / "lists" / "monitor"

runner = CliRunner()


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


def ok(*args: str | Path) -> str:
    result = yalu(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def assert_one_line_error(result, code: int, start: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text(
        "id,name,birth_date\nS1,Pak Ji Song,\nS2,Ryu Myong Ho,\nS3,Anna Nielsen,1980-02-03\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.shared_data
def test_real_un_update_through_the_command_line(shared_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        "id,name\nC-1,Gran Grif\nC-2,Fereidoun Abbasi-Davani\nC-3,Abu Mohammed al-Jawlani\n"
        "C-4,Maria Schneider\nC-5,Tomasz Wojcik\n",
        encoding="utf-8",
    )
    assert "No list is loaded yet" in ok("monitor", "add", path)
    lists = shared_data / "lists"
    first = ok("lists", "load", lists / "un_consolidated_2024-11-30.xml")
    assert "5 subjects re-screened against the 879 entries added or changed" in first
    second = ok("lists", "load", lists / "UN_consolidated.xml")
    assert (
        "re-screened against the 258 entries added or changed "
        "(un_sc: 130 added, 128 changed, 6 removed): 3 alerts (2 new_match, 1 delisted)"
    ) in second
    alerts = json.loads(ok("monitor", "alerts", "--format", "json"))
    assert [(a["subject_id"], a["kind"], a["entity_id"]) for a in alerts] == [
        ("C-3", "new_match", "QDi.317"),
        ("C-1", "new_match", "HTe.001"),
        ("C-2", "new_match", "IRi.001"),
        ("C-3", "delisted", "QDi.317"),
    ]
    diff = json.loads(ok("lists", "diff", "un_sc", "--format", "json"))
    assert diff["counts"] == {"added": 130, "removed": 6, "changed": 128}
    assert "130 added, 6 removed, 128 changed" in ok("lists", "diff", "un_sc")


def test_review_clears_a_false_positive_until_its_entry_changes(book: Path, tmp_path: Path) -> None:
    ok("lists", "load", SMALL / "un_small_v1.xml")
    added = ok("monitor", "add", book)
    assert "Monitoring 3 new subjects (0 replaced)" in added
    assert "2 of them match a list entry now: recorded, no alert raised." in added
    listed = json.loads(ok("monitor", "list", "--format", "json"))
    assert [(s["subject_id"], s["matches"]) for s in listed] == [
        ("S1", ["un_sc:KPi.911"]),
        ("S2", ["un_sc:KPi.913"]),
        ("S3", []),
    ]
    assert listed[2]["facts"] == {"birth_date": "1980-02-03"}
    reviewed = ok(
        "review", "S1", "KPi.911", "--verdict", "false_positive", "--reason", "Student, b. 2001"
    )
    assert reviewed.startswith("Decision 1: S1 (Pak Ji Song) vs un_sc KPi.911 is false_positive")
    screened = [
        json.loads(line) for line in ok("screen", "--input", book, "--format", "jsonl").splitlines()
    ]
    candidate = screened[0]["matches"][0]
    assert (candidate["entity_id"], candidate["match"]) == ("KPi.911", False)
    assert candidate["decision"]["verdict"] == "false_positive"
    assert candidate["decision"]["reason"] == "Student, b. 2001"
    assert candidate["decision"]["by"].startswith("cli:")
    assert "decision" not in screened[1]["matches"][0]
    decisions = json.loads(ok("monitor", "decisions", "--format", "json"))
    assert [(d["subject_id"], d["entity_id"], d["verdict"]) for d in decisions] == [
        ("S1", "KPi.911", "false_positive")
    ]
    loaded = ok("lists", "load", SMALL / "un_small_v2.xml")
    assert "3 subjects re-screened against the 2 entries added or changed" in loaded
    assert "2 alerts (1 changed_match, 1 delisted)" in loaded
    open_alerts = [
        json.loads(line)
        for line in ok("monitor", "alerts", "--open", "--format", "jsonl").splitlines()
    ]
    assert [(a["subject_id"], a["kind"], a["fields"]) for a in open_alerts] == [
        ("S1", "changed_match", ["birth_dates"]),
        ("S2", "delisted", []),
    ]
    table = ok("monitor", "alerts")
    assert "changed_match" in table and "(changed: birth_dates)" in table
    assert "up to date" in ok("monitor", "run")


def test_monitor_remove_and_list(book: Path) -> None:
    ok("monitor", "add", book)
    assert "Stopped monitoring 2 subjects." in ok("monitor", "remove", "S1", "S3")
    table = ok("monitor", "list")
    assert "S2" in table and "S1" not in table


@pytest.mark.parametrize(
    ("args", "code", "start"),
    [
        (("monitor", "add", SMALL / "missing.csv"), 2, f"{SMALL / 'missing.csv'}: no such file"),
        (("monitor", "remove", "S9"), 1, "no monitored subject has the id 'S9'"),
        (("monitor", "alerts", "--format", "csv"), 2, "unknown format 'csv'"),
        (("lists", "diff", "eu_fsf"), 1, "the list eu_fsf was never loaded"),
        (("review", "S1", "KPi.911", "--verdict", "maybe", "--reason", "r"), 2, "unknown verdict"),
        (
            ("review", "S9", "KPi.911", "--verdict", "true_match", "--reason", "r"),
            1,
            "no monitored subject or screened row has the id 'S9'",
        ),
    ],
)
def test_mistakes_are_one_line_errors(args: tuple[str | Path, ...], code: int, start: str) -> None:
    assert_one_line_error(yalu(*args), code, start)


def test_a_subjects_file_without_ids_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name\nKim Chol\n", encoding="utf-8")
    assert_one_line_error(
        yalu("monitor", "add", path), 2, f"{path}:1: the header has no 'id' column"
    )


def test_alerts_reach_the_webhook_without_holding_up_the_load(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("monitor", "add", book)
    with webhook_receiver() as receiver:
        monkeypatch.setenv("YALU_ALERT_WEBHOOK_URL", receiver.url)
        loaded = ok("lists", "load", SMALL / "un_small_v1.xml")
        assert "2 alerts (2 new_match)" in loaded
        deadline = time.monotonic() + 60  # the background `yalu monitor deliver` posts them
        while len(receiver.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert sorted((a["subject_id"], a["kind"]) for a in receiver.received) == [
        ("S1", "new_match"),
        ("S2", "new_match"),
    ]


def test_deliver_to_an_unreachable_webhook_fails_in_one_line_and_keeps_alerts(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("monitor", "add", book)
    monkeypatch.setenv("YALU_ALERT_WEBHOOK_URL", refused_url())
    monkeypatch.setenv("YALU_ALERT_WEBHOOK_ATTEMPTS", "2")
    monkeypatch.setenv("YALU_ALERT_WEBHOOK_BACKOFF_S", "0.01")
    ok("lists", "load", SMALL / "un_small_v1.xml")
    assert_one_line_error(yalu("monitor", "deliver"), 1, "alert 1: cannot reach the webhook")
    with webhook_receiver() as receiver:
        monkeypatch.setenv("YALU_ALERT_WEBHOOK_URL", receiver.url)
        assert "Delivered 2 alerts" in ok("monitor", "deliver")
    assert [a["subject_id"] for a in receiver.received] == ["S1", "S2"]
