"""Run every console block of one document in its sandbox and compare or rewrite them.

Directives (one per line in a `<!-- docs: ... -->` comment just before a block; they take
effect before the block's commands run, in the order written):

- `setup COMMAND`: runs COMMAND unseen (it must succeed), e.g. loading fixtures.
- `env NAME COMMAND`: runs COMMAND unseen (it must succeed) and exports the last line it
  printed as NAME to every command that follows, e.g. an API key from `yalu keys create`
  (a variable exported by a visible command is kept too).
- `background COMMAND`: starts COMMAND unseen for the rest of the document (a server), and
  waits until the documented ports it names listen.
- `wait-port N`: waits until documented port N listens (a server whose command does not
  name its port).
- `keep-running`: the block's last command is started like `background`; the output shown
  under it is what it printed by the end of the document.
- `port N ...`: gives each documented port N a free port of this machine; commands, files
  and servers use that port, outputs show N again.
- `postgres N`: starts a throwaway PostgreSQL server (superuser `postgres`, no password)
  on documented port N.
- `database NAME`: points `YALU_DATABASE_URL` at the SQLite file NAME of the sandbox (new
  the first time).
- `file NAME`: writes NAME in the working folder: the lines after it in the comment, or
  else the content of the block it stands before.
- `volatile REGEX`: compares what REGEX matches in this block as a placeholder, as for
  timestamps.

Each document starts with a fresh database (`database yalu`).
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from difflib import unified_diff
from pathlib import Path

from .compare import same_output, shape_like
from .markdown import (
    Block,
    Command,
    Directive,
    read_blocks,
    read_commands,
    render_console,
    replace_blocks,
)
from .sandbox import Background, Sandbox, SandboxError

TRACEBACK = "Traceback (most recent call last)"
# A command this slow is named by `--write`: the check runs every block twice in CI.
SLOW_S = 10.0


@dataclass
class Report:
    """What running one document found: stale blocks (with diffs), errors and notes."""

    path: Path
    stale: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_text: str | None = None
    commands: int = 0
    skipped: int = 0


@dataclass
class RunBlock:
    """One console block's commands, the real outputs (filled in as they run), its patterns."""

    block: Block
    commands: list[Command]
    outputs: list[list[str] | None]
    extra: list[re.Pattern[str]]
    kept_running: Background | None = None


def run_document(path: Path, repo: Path, shared: Path, timeout_s: float) -> Report:
    """Run one document's console blocks in order and return what differs from the text."""
    report = Report(path)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    name = path.relative_to(repo) if path.is_relative_to(repo) else path
    try:
        blocks = read_blocks(lines)
    except ValueError as exc:
        report.errors.append(f"{name}: {exc}")
        return report
    runs: list[RunBlock] = []
    sandbox = Sandbox(repo, shared, timeout_s)
    try:
        for block in blocks:
            for directive in block.directives:
                _apply(sandbox, directive, block)
            if not block.is_console:
                continue
            if block.skip_reason is not None:
                report.skipped += 1
                continue
            run = _run_block(sandbox, block, report, name)
            runs.append(run)
        for run in runs:
            if run.kept_running is not None:
                output = sandbox.stop(run.kept_running)
                run.outputs[-1] = output.splitlines()
    except (SandboxError, ValueError) as exc:
        report.errors.append(f"{name}: {exc}")
    finally:
        sandbox.close()
    if report.errors:
        return report
    replacements: dict[int, list[str]] = {}
    for run in runs:
        new = _render(run)
        if _is_stale(run):
            report.stale.append(_diff(name, run.block, new))
        replacements[run.block.first] = new
    new_text = replace_blocks(lines, replacements, blocks)
    report.new_text = new_text if new_text != text else None
    return report


def _apply(sandbox: Sandbox, directive: Directive, block: Block) -> None:
    verb, argument = directive.verb, directive.argument
    if verb == "setup":
        sandbox.setup(argument)
    elif verb == "env":
        name, _, command = argument.partition(" ")
        if not name.isidentifier() or not command.strip():
            raise ValueError(f"line {directive.line}: write `env NAME COMMAND`")
        sandbox.export(name, sandbox.capture(command))
    elif verb == "background":
        sandbox.start(argument)
    elif verb == "wait-port":
        sandbox.wait_for_port(int(argument))
    elif verb == "port":
        for port in argument.split():
            sandbox.map_port(int(port))
    elif verb == "postgres":
        _start_postgres(sandbox, int(argument))
    elif verb == "database":
        sandbox.use_database(argument)
    elif verb == "file":
        name, _, _ = argument.partition(" ")
        content = directive.body if directive.body is not None else _block_text(block)
        sandbox.write_file(name, content)
    elif verb in ("keep-running", "volatile"):
        pass  # read by _run_block
    else:
        raise ValueError(f"line {directive.line}: unknown docs directive {verb!r}")


def _block_text(block: Block) -> str:
    return "\n".join(block.content) + "\n"


def _start_postgres(sandbox: Sandbox, documented_port: int) -> None:
    sys.path.insert(0, str(sandbox.repo))
    from tests.postgres_server import PostgresCluster, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SandboxError("PostgreSQL server binaries are missing: run `make postgres`")
    cluster = PostgresCluster(bin_dir)
    sandbox.cleanups.append(cluster.stop)
    cluster.start()
    sandbox.map_port(documented_port, cluster.port)


def _run_block(sandbox: Sandbox, block: Block, report: Report, name: Path) -> RunBlock:
    commands = read_commands(block)
    verbs = {directive.verb for directive in block.directives}
    extra = [re.compile(d.argument) for d in block.directives if d.verb == "volatile"]
    run = RunBlock(block, commands, [None] * len(commands), extra)
    for position, command in enumerate(commands):
        report.commands += 1
        if "keep-running" in verbs and position == len(commands) - 1:
            run.kept_running = sandbox.start(command.text)
            continue
        started = time.monotonic()
        result = sandbox.run(command.text)
        took = time.monotonic() - started
        where = f"{name}:{command.line}: $ {command.text.splitlines()[0]}"
        if took >= SLOW_S:
            report.notes.append(f"{where}: took {took:.0f} s")
        if result.timed_out:
            report.errors.append(f"{where}: still running after {sandbox.timeout_s:.0f} s")
        elif TRACEBACK in result.output:
            report.errors.append(f"{where}: printed a traceback:\n{result.output}")
        elif result.status != 0:
            report.notes.append(f"{where}: exit status {result.status}")
        run.outputs[position] = result.output.splitlines()
    return run


def _render(run: RunBlock) -> list[str]:
    pairs: list[tuple[str, list[str]]] = []
    for command, output in zip(run.commands, run.outputs, strict=True):
        actual = output if output is not None else []
        pairs.append((command.text, shape_like(command.output, actual, run.extra)))
    return render_console(pairs)


def _is_stale(run: RunBlock) -> bool:
    for command, output in zip(run.commands, run.outputs, strict=True):
        shaped = shape_like(command.output, output or [], run.extra)
        if not same_output(command.output, shaped, run.extra):
            return True
    return False


def _diff(name: Path, block: Block, new: list[str]) -> str:
    return "\n".join(
        unified_diff(
            block.content,
            new,
            f"{name}:{block.line} (documented)",
            f"{name} (real run)",
            lineterm="",
        )
    )
