"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, then pg_ctl.

The server binaries come from Debian's `postgresql` package (`make postgres` installs it).
initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
The cluster listens on 127.0.0.1 at a free port, trusts every local connection and skips
fsync: it holds nothing worth keeping and is deleted when the test session ends.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def find_bin_dir() -> Path | None:
    """Return the newest `/usr/lib/postgresql/N/bin` holding initdb, or initdb's folder on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parts[-3])],
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    """Return a TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """One running cluster; `url` connects to its `postgres` database as superuser."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="yalu-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._as_owner: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self._as_owner = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        """Return the superuser URL of the `postgres` maintenance database."""
        return self.url_of("postgres")

    def url_of(self, dbname: str) -> str:
        """Return the URL of database `dbname` on this cluster."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def start(self, attempts: int = 3) -> None:
        """Create the cluster and start the server (retrying if another took the port)."""
        self._run(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"
        )
        for attempt in range(attempts):
            self.port = free_port()
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            started = self._run(
                "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-w", "-t", "60",
                "-o", options + SERVER_OPTIONS, "start", check=attempt == attempts - 1,
            )  # fmt: skip
            if started.returncode == 0:
                return

    def stop(self) -> None:
        """Stop the server at once and delete the cluster."""
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(
        self, tool: str, *args: str | Path, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        command = [*self._as_owner, str(self.bin_dir / tool), *map(str, args)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.is_file() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{tail}"
            )
        return done
