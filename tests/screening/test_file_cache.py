"""The index built from list files is cached by their digest, as checked plain data."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.models.screening import Query
from yalu.screening import service
from yalu.screening.file_cache import ENTRY_SUFFIX
from yalu.screening.service import build_file_index

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Copy the UN file and the SDN folder, so a test may change them."""
    un = tmp_path / "un.xml"
    shutil.copy(UN, un)
    sdn = tmp_path / "sdn"
    shutil.copytree(SDN, sdn)
    return [un, sdn]


def test_the_second_read_comes_from_the_cache_and_screens_alike(
    files: list[Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    built = build_file_index(files, cache_dir=cache)
    cached = build_file_index(files, cache_dir=cache)
    assert (built.was_cached, cached.was_cached) == (False, True)
    assert cached.lists == built.lists
    assert len(list(cache.glob(f"*{ENTRY_SUFFIX}"))) == 1
    query = Query("Korea Ryonbong General Corporation")
    assert cached.index.screen(query) == built.index.screen(query)
    assert built.index.screen(query)


def test_a_change_of_reader_code_reads_the_files_again(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    build_file_index(files, cache_dir=cache)
    assert build_file_index(files, cache_dir=cache).was_cached
    # A reader fixed since: what the cache holds was read by the old code.
    monkeypatch.setattr(service, "reader_code_digest", lambda: "0" * 64)
    assert not build_file_index(files, cache_dir=cache).was_cached
    assert build_file_index(files, cache_dir=cache).was_cached


def test_the_reader_digest_covers_every_module_of_the_readers() -> None:
    import yalu.formats

    package = Path(yalu.formats.__file__).parent
    sources = sorted(package.glob("*.py"))
    expected = hashlib.sha256()
    for source in sources:
        expected.update(f"{source.name}\0".encode() + source.read_bytes())
    assert len(sources) > 10  # every reader, not only the package's __init__
    assert service.reader_code_digest() == expected.hexdigest()


def test_a_changed_file_is_read_again(files: list[Path], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build_file_index(files, cache_dir=cache)
    sdn_file = sorted(p for p in files[1].iterdir() if p.is_file())[0]
    sdn_file.write_bytes(sdn_file.read_bytes() + b"\n")
    assert not build_file_index(files, cache_dir=cache).was_cached
    assert build_file_index(files, cache_dir=cache).was_cached


def test_a_pickle_in_the_cache_never_runs_and_the_index_is_rebuilt(
    files: list[Path], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    build_file_index(files, cache_dir=cache)
    (entry,) = cache.glob(f"*{ENTRY_SUFFIX}")
    marker = tmp_path / "ran"
    header = entry.read_bytes().split(b"\n--\n", 1)[0]
    for payload in (pickle.dumps(_Payload(marker)), header + b"\n--\n" + pickle.dumps(1)):
        entry.write_bytes(payload)
        loaded = build_file_index(files, cache_dir=cache)
        assert not loaded.was_cached
        assert not marker.exists()
        assert len(loaded.index) == len(build_file_index(files).index)


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    files: list[Path], tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    loaded = build_file_index(files, cache_dir=blocked / "cache")
    assert not loaded.was_cached
    assert len(loaded.index) > 0
