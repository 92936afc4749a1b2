"""The docs runner (`scripts/docs_examples.py`): reading blocks, comparing, writing back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

sys.path.insert(0, str(REPO / "scripts"))
from transcripts.compare import normalise, same_output, shape_like
from transcripts.markdown import MarkdownError, read_blocks, read_commands
from transcripts.sandbox import Sandbox

RUNNER = REPO / "scripts" / "docs_examples.py"

DOCUMENT = """# Example

<!-- docs: file greeting.txt
hello from a file
-->

```console
$ cat greeting.txt
hello from a file
$ echo 'two
lines' \\
    | tr a-z A-Z   # it's a comment
TWO
LINES
```

- in a list:

  <!-- docs: setup export NAME=world -->

  ```console
  $ echo "hello $NAME"; echo done >&2
  hello world
  done
  ```
"""


def test_blocks_commands_and_directives_are_read() -> None:
    blocks = read_blocks(DOCUMENT.split("\n"))
    assert [block.info for block in blocks] == ["console", "console"]
    first, second = blocks
    assert [(d.verb, d.argument, d.body) for d in first.directives] == [
        ("file", "greeting.txt", "hello from a file\n")
    ]
    commands = read_commands(first)
    assert [command.text for command in commands] == [
        "cat greeting.txt",
        "echo 'two\nlines' \\\n    | tr a-z A-Z   # it's a comment",
    ]
    assert commands[1].output == ("TWO", "LINES")
    assert second.indent == "  "
    assert [(d.verb, d.argument) for d in second.directives] == [("setup", "export NAME=world")]


def test_a_directive_must_stand_before_a_block() -> None:
    with pytest.raises(MarkdownError, match="line 1: a docs directive is not followed"):
        read_blocks(["<!-- docs: setup true -->", "", "Some prose.", "", "```console", "```"])


def test_a_visible_note_skips_a_block() -> None:
    lines = ["*Not run by `make docs`: needs the internet.*", "", "```console", "$ x", "```"]
    assert read_blocks(lines)[0].skip_reason == "needs the internet."


def test_volatile_parts_are_compared_as_placeholders() -> None:
    documented = [
        "Loaded un_sc: 3 entities from /data/main/tests/fixtures/un.xml in 0.0s",
        "│ 1 │ 2026-12-04 02:35:14 │ 280 days ago │ cli:analyst │",
    ]
    later = [
        "Loaded un_sc: 3 entities from /home/ci/yalu/tests/fixtures/un.xml in 12.5s",
        "│ 1  │ 2027-12-09 23:01:02 │ 650 days ago │ cli:analyst   │",
    ]
    assert same_output(documented, later)
    assert normalise("published 2026-02-27") == "published 2026-02-27"  # a date of the data


def test_api_keys_and_their_ids_are_volatile() -> None:
    documented = [
        "Created key 'alice' (analyst), id 6246602300c7.",
        "yalu_6246602300c7_IAtUX_d4IEe51liz-exJ3Yty5GamIQ4po_OzvXLqKPE",
        '{"name":"batch-job","key_id":"cee431b6dfc6","created_by":"root"}',
        "│ alice │ analyst │ 6246602300c7 │ cli:analyst │",
    ]
    later = [
        "Created key 'alice' (analyst), id eda519562f56.",
        "yalu_eda519562f56_eRmngW-XJg91oihPRaQz5itJ4uVr3OHGIMBNEkgwH3k",
        '{"name":"batch-job","key_id":"0b1c2d3e4f56","created_by":"root"}',
        "│ alice │ analyst │ eda519562f56 │ cli:analyst │",
    ]
    assert same_output(documented, later)
    assert not same_output(["ofac_sdn sha256 ce7ded997e7c"], ["ofac_sdn sha256 fe4727e028a4"])


def test_a_changed_score_or_count_is_stale() -> None:
    assert not same_output(["│ 2 │ 0.08 │ - │"], ["│ 2 │ 0.07 │ - │"])
    assert not same_output(["Loaded un_sc: 3 entities"], ["Loaded un_sc: 4 entities"])


def test_a_cell_wrapped_elsewhere_is_the_same_table() -> None:
    documented = [
        "│ au_dfat │ /data/shared/data/lists/au_dfat_consolida │",
        "│         │ ted_2024-11.xlsx                          │",
    ]
    elsewhere = [
        "│ au_dfat │ /home/runner/jobs/x/shared/data/lists/au_dfat_c │",
        "│         │ onsolidated_2024-11.xlsx                        │",
    ]
    assert same_output(documented, elsewhere)


def test_an_elision_keeps_its_place_in_the_written_output() -> None:
    documented = ["...", "Loaded a in 0.1s", "...", "result"]
    actual = ["make line 1", "make line 2", "Loaded a in 0.3s", "status 1", "status 2", "result"]
    shaped = shape_like(documented, actual)
    assert shaped == ["...", "Loaded a in 0.3s", "...", "result"]
    assert same_output(documented, shaped)
    assert shape_like(documented, [*actual, "a new last line"])[-1] == "a new last line"


def run_runner(mode: str, document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUNNER), mode, str(document)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_check_reports_a_stale_block_and_write_fixes_it(tmp_path: Path) -> None:
    document = tmp_path / "example.md"
    document.write_text(DOCUMENT.replace("hello world", "hello moon"), encoding="utf-8")
    stale = run_runner("--check", document)
    assert stale.returncode == 1, stale.stderr
    assert "-  hello moon" not in stale.stdout  # the diff is of the block, without indent
    assert "-hello moon\n+hello world" in stale.stdout
    written = run_runner("--write", document)
    assert written.returncode == 0, written.stderr
    assert document.read_text(encoding="utf-8") == DOCUMENT
    assert run_runner("--check", document).returncode == 0


def test_a_traceback_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    document = tmp_path / "broken.md"
    text = "```console\n$ python3 -c 'import no_such_module_here'\n```\n"
    document.write_text(text, encoding="utf-8")
    result = run_runner("--write", document)
    assert result.returncode == 2
    assert "printed a traceback" in result.stderr
    assert document.read_text(encoding="utf-8") == text


def test_env_exports_the_last_line_of_a_hidden_command(tmp_path: Path) -> None:
    document = tmp_path / "keys.md"
    text = (
        "<!-- docs: env SECRET printf 'made a key\\nsecret-123\\n' -->\n\n"
        '```console\n$ echo "key: $SECRET"\nkey: secret-123\n'
        '$ export OTHER=kept\n$ echo "$OTHER"\nkept\n```\n'
    )
    document.write_text(text, encoding="utf-8")
    checked = run_runner("--check", document)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    document.write_text(text.replace("printf", "false && printf"), encoding="utf-8")
    failed = run_runner("--check", document)
    assert failed.returncode == 2
    assert "failed with status 1" in failed.stderr


def test_a_command_left_running_in_the_background_is_killed(tmp_path: Path) -> None:
    document = tmp_path / "leftover.md"
    text = (
        "```console\n$ sleep 6071 & echo $! > leftover.pid\n"
        "$ sleep 0.5; ps -o stat= -p $(cat leftover.pid) | grep -qv Z && echo left || echo gone\n"
        "gone\n```\n"
    )
    document.write_text(text, encoding="utf-8")
    checked = run_runner("--check", document)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_each_documented_port_keeps_a_port_of_its_own(tmp_path: Path) -> None:
    # A port given to a server that has not started yet is free, so it can be handed out
    # again (a CI run wrote a PostgreSQL error on port 5433 back as 8767); a server's own
    # port (PostgreSQL's) moves the earlier one aside.
    (tmp_path / "shared").mkdir()
    sandbox = Sandbox(REPO, tmp_path / "shared", timeout_s=5)
    try:
        server = sandbox.map_port(8767)
        sandbox.map_port(5432, server)
        assert sandbox.ports[5432] == server
        assert sandbox.ports[8767] != server
        for documented in range(9000, 9040):
            sandbox.map_port(documented)
        assert len(set(sandbox.ports.values())) == len(sandbox.ports)
        assert sandbox.to_document(f"at 127.0.0.1:{server}") == "at 127.0.0.1:5432"
    finally:
        sandbox.close()
