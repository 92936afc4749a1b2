"""Build yalu, with the matcher's hot modules compiled to C by mypyc where that can be done.

Everything else about the package is in pyproject.toml. The compiled modules are the same
source as the pure-Python ones and give the same results; they score about 1.5 times as
fast, and a whole `yalu screen --input` runs 1.25 times as fast (issue 17,
`benchmarks/batch_scale.py`). Without a C compiler or mypy, or with `YALU_PURE_PYTHON=1`
set, the build keeps the pure-Python modules and says so in one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PACKAGE = Path("src/yalu/screening")
COMPILED = ("score", "features", "entity_credit", "forms", "romanize", "normalize", "retrieval")
"""The modules of `yalu.screening` that screening spends its time in (profiled), the key
index (`retrieval`) among them; `search`, which mostly calls them, stays Python."""
GROUP = "yalu_matcher"
"""The compiled modules share one library, `yalu_matcher__mypyc`, beside the package."""
MYPY_OPTIONS = ("--config-file=", "--ignore-missing-imports", "--cache-dir=/dev/null")
"""How mypyc type-checks them: not by pyproject.toml's strict settings, which fail where
the build environment lacks the runtime dependencies (their types are then Any), and
without a cache, so every build reads the sources as they are."""
MANIFEST = PACKAGE / "compiled_sources.json"
"""The SHA-256 of each compiled module's source: `yalu.screening.compiled` reads it."""


def _say(message: str) -> None:
    print(f"yalu build: {message}", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """Build the compiled modules; if that fails, keep the pure-Python ones."""

    def run(self) -> None:
        """Build, or say in one line why the matcher stays pure Python."""
        try:
            super().run()
        except Exception as error:  # a missing compiler raises several kinds
            _say(f"compiling the matcher failed ({error}); it runs as pure Python")
            _remove_compiled()


def _remove_compiled(keep: tuple[str, ...] = ()) -> None:
    """Remove what an earlier build compiled in place, but the modules in `keep`."""
    for path in PACKAGE.glob("*.so"):
        if path.name.split(".", 1)[0] not in keep:
            path.unlink()
    if not keep:
        MANIFEST.unlink(missing_ok=True)
        for path in PACKAGE.parents[1].glob(f"{GROUP}__mypyc*"):
            path.unlink()


def _compiled_extensions() -> list[Extension]:
    _remove_compiled(keep=COMPILED)
    if os.environ.get("YALU_PURE_PYTHON") == "1":
        _say("YALU_PURE_PYTHON=1: the matcher runs as pure Python")
        _remove_compiled()
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed; the matcher runs as pure Python")
        _remove_compiled()
        return []
    paths = [str(PACKAGE / f"{name}.py") for name in COMPILED]
    digests = {
        name: hashlib.sha256((PACKAGE / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED
    }
    MANIFEST.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
    try:
        return list(mypycify([*MYPY_OPTIONS, *paths], group_name=GROUP))
    except (Exception, SystemExit) as error:  # mypy reports type errors by exiting
        _say(f"mypyc could not compile the matcher ({error}); it runs as pure Python")
        _remove_compiled()
        return []


setup(ext_modules=_compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
