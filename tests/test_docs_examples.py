"""Every console block of README.md and docs/ is what a real run prints today (issue 11 item 8).

Each document runs on its own through `scripts/docs_examples.py --check` (its own sandbox,
database and working folder), so `pytest -n 2` spreads the slow ones over two workers.
`make docs` rewrites the blocks when one is stale.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.paths import REPO

RUNNER = REPO / "scripts" / "docs_examples.py"
DOCUMENTS = sorted(
    path.relative_to(REPO)
    for path in [REPO / "README.md", *REPO.glob("docs/**/*.md")]
    if "```console" in path.read_text(encoding="utf-8")
)


def test_the_runner_finds_the_documents_with_console_blocks() -> None:
    listed = subprocess.run(
        [sys.executable, str(RUNNER), "--list"], capture_output=True, text=True, check=True
    )
    assert listed.stdout.split() == [str(path) for path in DOCUMENTS]
    assert {"README.md", "docs/how-to/screening.md", "docs/how-to/api.md"} <= {
        str(path) for path in DOCUMENTS
    }


@pytest.mark.shared_data
@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS, ids=str)
def test_every_console_block_is_current(document: str, shared_data: object) -> None:
    checked = subprocess.run(
        [sys.executable, str(RUNNER), "--check", str(REPO / document)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, (
        f"{document} is stale or failed to run (`make docs` rewrites it):\n"
        f"{checked.stdout}\n{checked.stderr}"
    )
    assert "0 stale, 0 errors" in checked.stderr
