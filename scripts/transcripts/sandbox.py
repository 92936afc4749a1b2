"""One document's sandbox: a shell session in a temporary copy of the repository root.

The current folder is a temporary folder holding a symbolic link to each top-level entry of
the repository (and `.venv`), with `../shared` beside it, so a documented command reads
`tests/fixtures/...` and `../shared/...` as it would from the repository root but writes its
outputs (`out/`, `results.jsonl`, databases) into the temporary folder. Every command runs in
a new `bash`, with the variables exported and the folder left by the commands before it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

COLUMNS = 160
USER = "analyst"
START_TIMEOUT_S = 60.0
# Variables of the caller that would change what yalu prints, or make `make` print
# "Entering directory" lines when `make docs` runs a documented `make demo`.
DROPPED = re.compile(r"^(YALU_.*|MAKEFLAGS|MAKELEVEL|MFLAGS|MAKEOVERRIDES|NO_COLOR|FORCE_COLOR)$")


class SandboxError(RuntimeError):
    """A hidden set-up step failed, or a background process did not come up."""


@dataclass(frozen=True)
class Result:
    """What one command printed (standard output and error, interleaved) and its status."""

    output: str
    status: int
    timed_out: bool = False


@dataclass
class Background:
    """A process started for the rest of the document (a server), and its output file."""

    command: str
    process: subprocess.Popen[bytes]
    log: Path
    handle: IO[bytes]


def free_port() -> int:
    """Return a TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _link_tree(source: Path, target: Path) -> None:
    """Mirror `source` at `target` with hard links (copies across file systems).

    Not a symbolic link: `yalu lists status` prints the resolved path it recorded, which
    must be the sandbox's (a temporary path) rather than this machine's checkout.
    """

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


class Sandbox:
    """A temporary working folder, a database, mapped ports and background processes."""

    def __init__(self, repo: Path, shared: Path, timeout_s: float) -> None:
        self.repo = repo
        self.timeout_s = timeout_s
        self.root = Path(tempfile.mkdtemp(prefix="yalu-docs-"))
        self.cwd = self.root / "repo"
        self.cwd.mkdir()
        for name in _top_level_entries(repo):
            (self.cwd / name).symlink_to(repo / name)
        _link_tree(shared.resolve(), self.root / "shared")
        self.state = self.root / "state.sh"
        self.state.write_text(f"cd {shlex.quote(str(self.cwd))}\n", encoding="utf-8")
        self.ports: dict[int, int] = {}
        self.background: list[Background] = []
        self.cleanups: list[Any] = []
        self.env = self._environment()
        self.use_database("yalu")

    def _environment(self) -> dict[str, str]:
        env = {name: value for name, value in os.environ.items() if not DROPPED.match(name)}
        venv_bin = self.repo / ".venv" / "bin"
        env.update(
            PATH=f"{venv_bin}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
            COLUMNS=str(COLUMNS),
            LINES="50",
            TERM="dumb",
            TZ="UTC",
            LC_ALL="C.UTF-8",
            LANG="C.UTF-8",
            USER=USER,
            LOGNAME=USER,
            # `make demo` must never reinstall into the shared .venv from the sandbox.
            MAKEFLAGS=f"-o {venv_bin / 'yalu'} -o .venv/bin/yalu -o install",
            PYTHONUNBUFFERED="1",
        )
        return env

    def use_database(self, name: str) -> None:
        """Point `YALU_DATABASE_URL` at the SQLite file `NAME.sqlite3` of the sandbox."""
        self.export("YALU_DATABASE_URL", f"sqlite:///{self.root / name}.sqlite3")

    def export(self, name: str, value: str) -> None:
        """Export a variable to every command that follows."""
        with self.state.open("a", encoding="utf-8") as state:
            state.write(f"export {name}={shlex.quote(value)}\n")

    def map_port(self, documented: int, actual: int | None = None) -> int:
        """Give a documented port a free port of this machine (or `actual`), used in its place.

        A port given earlier may not listen yet, so the system can hand it out again; each
        documented port keeps its own, or outputs would be written back as the wrong one.
        """
        if actual is None:
            actual = self._unused_port()
        for other, given in self.ports.items():
            if given == actual and other != documented:
                self.ports[other] = self._unused_port(also=actual)
        self.ports[documented] = actual
        return actual

    def _unused_port(self, also: int | None = None) -> int:
        taken = {*self.ports.values(), also}
        while (port := free_port()) in taken:
            pass
        return port

    def to_machine(self, text: str) -> str:
        """Return a command or file with each documented port replaced by its mapped port."""
        for documented, actual in self.ports.items():
            text = re.sub(rf"(?<!\d){documented}(?!\d)", str(actual), text)
        return text

    def to_document(self, text: str) -> str:
        """Return an output with each mapped port written back as the documented port."""
        for documented, actual in self.ports.items():
            text = re.sub(rf"(?<!\d){actual}(?!\d)", str(documented), text)
        return text

    def write_file(self, name: str, content: str) -> None:
        """Write a file in the working folder (the one the commands see)."""
        path = self.cwd / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_machine(content), encoding="utf-8")

    def _script(self, command: str) -> str:
        return (
            f". {shlex.quote(str(self.state))}\n"
            f"{self.to_machine(command)}\n"
            "__docs_status=$?\n"
            f"{{ export -p; printf 'cd %q\\n' \"$PWD\"; }} > {shlex.quote(str(self.state))}\n"
            "exit $__docs_status\n"
        )

    def run(self, command: str) -> Result:
        """Run one command in a new bash, as a reader would type it, and return its output."""
        with tempfile.TemporaryFile(dir=self.root) as output:
            process = subprocess.Popen(
                ["bash", "--noprofile", "--norc", "-c", self._script(command)],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                cwd=self.cwd, env=self.env, start_new_session=True,
            )  # fmt: skip
            try:
                status = process.wait(timeout=self.timeout_s)
                timed_out = False
                _kill_leftovers(process)
            except subprocess.TimeoutExpired:
                _stop_group(process)
                status, timed_out = -1, True
            except BaseException:  # interrupted (Ctrl-C, `docs_examples`' SIGTERM)
                _stop_group(process)
                raise
            output.seek(0)
            text = output.read().decode("utf-8", errors="replace")
        return Result(self.to_document(text), status, timed_out)

    def setup(self, command: str) -> None:
        """Run a hidden set-up command; it must succeed."""
        result = self.run(command)
        if result.status != 0:
            raise SandboxError(
                f"set-up `{command}` failed with status {result.status}:\n{result.output}"
            )

    def capture(self, command: str) -> str:
        """Run a hidden command that must succeed; return the last line it printed."""
        result = self.run(command)
        lines = [line for line in result.output.splitlines() if line.strip()]
        if result.status != 0 or not lines:
            raise SandboxError(
                f"`{command}` failed with status {result.status} or printed nothing:\n"
                f"{result.output}"
            )
        return lines[-1].strip()

    def start(self, command: str) -> Background:
        """Start a command in the background; wait until the mapped ports it names listen."""
        log = self.root / f"background-{len(self.background) + 1}.log"
        handle = log.open("wb")
        script = self._script(command)
        process = subprocess.Popen(
            ["bash", "--noprofile", "--norc", "-c", script],
            stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
            cwd=self.cwd, env=self.env, start_new_session=True,
        )  # fmt: skip
        job = Background(command, process, log, handle)
        self.background.append(job)
        machine = self.to_machine(command)
        for port in self.ports.values():
            if re.search(rf"(?<!\d){port}(?!\d)", machine):
                self._wait_for(job, port)
        return job

    def wait_for_port(self, documented: int) -> None:
        """Wait until the port mapped to a documented port listens (started in background)."""
        if documented not in self.ports or not self.background:
            raise SandboxError(f"wait-port {documented}: declare the port and start a server first")
        self._wait_for(self.background[-1], self.ports[documented])

    def _wait_for(self, job: Background, port: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if job.process.poll() is not None:
                raise SandboxError(
                    f"`{job.command}` stopped with status {job.process.returncode}:\n"
                    + self.to_document(job.log.read_text(encoding="utf-8", errors="replace"))
                )
            with socket.socket() as probe:
                probe.settimeout(1.0)
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise SandboxError(f"`{job.command}` did not listen on its port in {START_TIMEOUT_S:.0f} s")

    def stop(self, job: Background) -> str:
        """Stop a background process (SIGTERM, then SIGKILL) and return what it printed."""
        _stop_group(job.process)
        job.handle.close()
        return self.to_document(job.log.read_text(encoding="utf-8", errors="replace"))

    def close(self) -> None:
        """Stop what still runs and delete the sandbox."""
        for job in self.background:
            if job.process.poll() is None:
                self.stop(job)
        for cleanup in reversed(self.cleanups):
            cleanup()
        shutil.rmtree(self.root, ignore_errors=True)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    for sig, wait_s in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait_s)
            break
        except subprocess.TimeoutExpired:
            continue


def _kill_leftovers(process: subprocess.Popen[bytes]) -> None:
    """Kill what a command left running in its group (`server &`): use `background`."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _top_level_entries(repo: Path) -> list[str]:
    """Return the repository's tracked top-level names, and `.venv`."""
    listed = subprocess.run(
        ["git", "-C", str(repo), "ls-files", "-z"], capture_output=True, check=False
    )
    if listed.returncode == 0 and listed.stdout:
        names = {path.split("/", 1)[0] for path in listed.stdout.decode().split("\0") if path}
    else:
        names = {path.name for path in repo.iterdir() if path.name != ".git"}
    names.add(".venv")
    return sorted(name for name in names if (repo / name).exists())
