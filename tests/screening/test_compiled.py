"""The compiled matcher (mypyc, `setup.py`): never stale, and the same results as the source."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from tests.paths import SHARED_LISTS
from yalu.screening.compiled import MANIFEST, compiled_modules, matcher_build, stale_modules

EXTENSION = EXTENSION_SUFFIXES[0]


def _compiled_package(directory: Path, source: str = "x = 1\n") -> Path:
    (directory / "a.py").write_text(source)
    (directory / f"a{EXTENSION}").write_bytes(b"not really compiled")
    digest = hashlib.sha256(source.encode()).hexdigest()
    (directory / MANIFEST.name).write_text(json.dumps({"a": digest}))
    return directory / "a.py"


def test_a_compiled_module_is_stale_once_its_source_changes(tmp_path: Path) -> None:
    source = _compiled_package(tmp_path)
    assert stale_modules(tmp_path) == []
    source.write_text("x = 2\n")
    assert stale_modules(tmp_path) == ["a"]


def test_a_compiled_module_without_a_record_of_its_source_is_stale(tmp_path: Path) -> None:
    _compiled_package(tmp_path)
    (tmp_path / MANIFEST.name).write_text("{not json")
    assert stale_modules(tmp_path) == ["a"]
    (tmp_path / MANIFEST.name).unlink()
    assert stale_modules(tmp_path) == ["a"]


def test_an_extension_without_a_source_beside_it_is_not_a_compiled_module(tmp_path: Path) -> None:
    _compiled_package(tmp_path)
    (tmp_path / f"b{EXTENSION}").write_bytes(b"")
    assert compiled_modules(tmp_path) == ["a"]


def test_the_installed_matcher_runs_the_code_of_its_sources() -> None:
    assert stale_modules() == []


def test_the_matcher_is_compiled_where_a_c_compiler_is_found() -> None:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:  # then pure Python is right; the test says so
        assert matcher_build() == "pure Python"
    else:
        assert matcher_build() == "compiled (mypyc)"
        assert {"score", "features", "romanize"} <= set(compiled_modules())


_SCREEN = """
import json, sys
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening import ScreeningIndex, score
index = ScreeningIndex.build(read_list(sys.argv[1]).entities)
names = [n for e in index.entities[::10] for n in e.names[:1]]
queries = [*names, *(n[:3] + n[4] + n[3] + n[5:] for n in names if len(n) > 6), "Kim Jnog Un"]
found = [
    [[m.entity_id, m.score, [[f.name, f.effect, f.detail] for f in m.features]] for m in ms]
    for ms in (index.screen(Query(q), limit=3) for q in queries)
]
print(json.dumps({"compiled": not score.__file__.endswith(".py"), "found": found}))
"""


@pytest.mark.shared_data
@pytest.mark.slow
def test_the_compiled_and_the_pure_python_matcher_give_the_same_matches() -> None:
    un_list = str(SHARED_LISTS / "UN_consolidated.xml")

    def screen(pure: str) -> dict[str, object]:
        env = {**os.environ, "YALU_PURE_PYTHON": pure}
        command = [sys.executable, "-c", _SCREEN, un_list]
        run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        assert run.stderr == ""
        result: dict[str, object] = json.loads(run.stdout)
        return result

    pure, built = screen("1"), screen("")
    assert pure["compiled"] is False
    assert built["compiled"] is bool(compiled_modules())
    assert pure["found"] == built["found"]
    assert len(pure["found"]) > 100  # type: ignore[arg-type]


@pytest.mark.parametrize("pure", ["1", ""])
def test_the_version_says_how_the_matcher_runs(pure: str) -> None:
    env = {**os.environ, "YALU_PURE_PYTHON": pure}
    command = [sys.executable, "-m", "yalu", "--version"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    build = "compiled (mypyc)" if compiled_modules() and not pure else "pure Python"
    assert run.stdout.strip().endswith(f", matcher {build}")
