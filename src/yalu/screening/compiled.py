"""Never run a compiled matcher module older than its source.

`setup.py` compiles the matcher's hot modules with mypyc and records the SHA-256 of each
source it compiled in `compiled_sources.json`. In an editable install (`make install`) the
compiled modules sit beside their sources, and Python imports the compiled one first: edit
a source and the code that runs is not the code you read. Then every compiled module is
loaded from its source instead (compiled, they call one another directly: all or none),
with one line on stderr, until the next `make install`. `YALU_PURE_PYTHON=1` does the
same, silently: cProfile sees into pure-Python code only.

Compiled code checks its type hints as it runs. One trap: mypy types `sum` of floats
`float | int`, which mypyc reads as an int, so those modules sum floats from 0.0
(`sum(weights, 0.0)`). And a frozen dataclass compiled has no `__setstate__`: one that
is pickled (to reach a Dask worker) says how in `__reduce__`. Another compiled class
unpickles into an instance made with no arguments (`KeyIndex()`), so its `__init__`
takes none.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).parent
MANIFEST = PACKAGE_DIR / "compiled_sources.json"


def compiled_modules(directory: Path = PACKAGE_DIR) -> list[str]:
    """Return the names of the modules in `directory` that have a compiled extension."""
    return sorted(
        {
            path.name.split(".", 1)[0]
            for suffix in EXTENSION_SUFFIXES
            for path in directory.glob(f"*{suffix}")
            if path.with_name(path.name.split(".", 1)[0] + ".py").exists()
        }
    )


def stale_modules(directory: Path = PACKAGE_DIR) -> list[str]:
    """Return the compiled modules whose source is not the one they were compiled from.

    Without a readable record of the sources (`compiled_sources.json`), every compiled
    module is stale: nothing says what it was compiled from.
    """
    try:
        recorded = json.loads((directory / MANIFEST.name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    return [
        name
        for name in compiled_modules(directory)
        if not isinstance(recorded, dict) or recorded.get(name) != _digest(directory / f"{name}.py")
    ]


def _digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()


class _SourceFinder(MetaPathFinder):
    """Find the listed modules of this package as their `.py` sources."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = {f"{__package__}.{name}": PACKAGE_DIR / f"{name}.py" for name in names}

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        source = self.names.get(fullname)
        return None if source is None else importlib.util.spec_from_file_location(fullname, source)


def matcher_build() -> str:
    """Return how the matcher runs: `compiled (mypyc)` or `pure Python`."""
    from yalu.screening import score

    return "pure Python" if (score.__file__ or "").endswith(".py") else "compiled (mypyc)"


def use_sources_when_stale() -> None:
    """Load every compiled module from its source when any is stale, or when asked to.

    `YALU_PURE_PYTHON=1` asks (to profile the matcher, or to compare the two builds).
    Call before any compiled module is imported (`yalu.screening` does, first thing).
    """
    if os.environ.get("YALU_PURE_PYTHON") != "1":
        stale = stale_modules()
        if not stale:
            return
        names = ", ".join(f"{name}.py" for name in stale)
        print(
            f"yalu: {names} changed since compiled; running the pure-Python matcher "
            "(`make install` compiles it again)",
            file=sys.stderr,
        )
    sys.meta_path.insert(0, _SourceFinder(compiled_modules()))
