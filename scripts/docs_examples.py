r"""Run every ```console block of README.md and docs/**/*.md, and write or check its output.

Usage::

    python scripts/docs_examples.py --write [DOC...]   # put each command's real output under it
    python scripts/docs_examples.py --check [DOC...]   # exit 1 with a diff when a block is stale
    python scripts/docs_examples.py --list             # the documents that hold console blocks

`make docs` runs `--write` over every document. Each `$ ` command (with its `\` or quoted
continuation lines) runs in bash, in document order, one sandbox per document: a fresh
SQLite database (`YALU_DATABASE_URL`), a temporary working folder that mirrors the
repository root (so `tests/fixtures/...` and `../shared/...` resolve, and outputs stay out of
the checkout), `.venv/bin` first on `PATH`, `COLUMNS=160`, `TZ=UTC`, `LC_ALL=C.UTF-8`.
`--check` compares outputs modulo their volatile parts (timestamps, durations, ages,
temporary and checkout paths, process ids, client ports, API keys and their ids, table
column widths); `--write` writes outputs as they came and names each command that took 10 s
or more (CI checks every block twice: keep examples small). A `...` line in a documented
output stands for the lines it elides, and `--write` keeps it. Hidden set-up is declared in
`<!-- docs: ... -->` comments before a block (see `scripts/transcripts/document.py` for the
directives); a block that truly cannot run here follows a visible line
``*Not run by `make docs`: REASON*``.

Killed (SIGTERM) or interrupted, it stops the command that runs and every background
process it started (a server, a Dask scheduler and workers) before it exits.

Exit status: 0 when every block is current (or was written), 1 when `--check` found a stale
block, 2 when a command or a set-up step failed (a traceback, a timeout, a server that did
not start); a document with an error is never written.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from transcripts.document import Report, run_document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def documents(repo: Path) -> list[Path]:
    """Return README.md and every docs/**/*.md that holds a ```console block, sorted."""
    candidates = [repo / "README.md", *sorted((repo / "docs").rglob("*.md"))]
    return [
        path
        for path in candidates
        if path.is_file() and "```console" in path.read_text(encoding="utf-8")
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the chosen documents in write or check mode; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="write real outputs into the docs")
    mode.add_argument("--check", action="store_true", help="exit 1 when a block is stale")
    mode.add_argument("--list", action="store_true", help="print the documents and exit")
    parser.add_argument("docs", nargs="*", type=Path, help="documents (default: all)")
    parser.add_argument(
        "--timeout", type=float, default=1800.0, help="seconds a command may run (1800)"
    )
    options = parser.parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so each sandbox stops what it started (`Sandbox.close`).
    signal.signal(signal.SIGTERM, _exit_on_signal)
    chosen = [path.resolve() for path in options.docs] or documents(REPO)
    if options.list:
        print("\n".join(str(path.relative_to(REPO)) for path in chosen))
        return 0
    status = 0
    for path in chosen:
        started = time.monotonic()
        report = run_document(path, REPO, SHARED, options.timeout)
        status = max(status, _finish(report, write=options.write))
        print(
            f"{_name(path)}: {report.commands} commands, {report.skipped} blocks not run, "
            f"{len(report.stale)} stale, {len(report.errors)} errors "
            f"({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
        )
    return status


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _finish(report: Report, *, write: bool) -> int:
    for note in report.notes if write else ():
        print(f"note: {note}", file=sys.stderr)
    if report.errors:
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    if write:
        if report.new_text is not None:
            report.path.write_text(report.new_text, encoding="utf-8")
            print(f"wrote {_name(report.path)}", file=sys.stderr)
        return 0
    for diff in report.stale:
        print(diff)
    return 1 if report.stale else 0


def _name(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


if __name__ == "__main__":
    sys.exit(main())
