import shutil
from pathlib import Path

import pytest

from tests.paths import FIXTURES
from tests.screening.local_http import refused_url, serve_directory
from yalu.core.errors import InputError, ListFormatError, NetworkError
from yalu.screening.guards import LoadGuards
from yalu.screening.store import Store
from yalu.screening.update import (
    OFFICIAL_LISTS,
    ListDownload,
    ListUpdate,
    from_mirror,
    official_downloads,
    update_list,
    update_lists,
)

SCREENING = FIXTURES / "screening"
UN = OFFICIAL_LISTS["un_sc"]
SDN = OFFICIAL_LISTS["ofac_sdn"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "y.sqlite3") as opened:
        yield opened  # type: ignore[misc]


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    folder = tmp_path / "mirror"
    folder.mkdir()
    shutil.copy(SCREENING / "un_three.xml", folder / "consolidated.xml")
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(SCREENING / "ofac_sdn_small" / name, folder / name)
    return folder


def test_official_urls_are_the_published_ones() -> None:
    assert UN.urls == ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",)
    assert SDN.urls[0] == "https://www.treasury.gov/ofac/downloads/sdn.csv"
    assert OFFICIAL_LISTS["ofac_cons"].urls[0].endswith("/consolidated/cons_prim.csv")


def test_update_downloads_reads_and_activates(store: Store, mirror: Path) -> None:
    received: list[int] = []
    with serve_directory(mirror) as base:
        report = update_list(from_mirror(UN, base), store, timeout_s=5, on_download=received.append)
    assert report.loaded.source == "un_sc"
    assert report.loaded.entity_count == 3
    assert report.loaded.path == f"{base}/consolidated.xml"
    assert received[-1] == (mirror / "consolidated.xml").stat().st_size
    assert store.active_version("un_sc") == report.loaded


def test_ofac_update_skips_missing_optional_comments_file(store: Store, mirror: Path) -> None:
    with serve_directory(mirror) as base:
        report = update_list(from_mirror(SDN, base), store, timeout_s=5)
    assert report.loaded.entity_count == 3
    assert report.loaded.path == base


def test_truncated_download_keeps_previous_version_and_says_so(store: Store, mirror: Path) -> None:
    with serve_directory(mirror) as base:
        good = update_list(from_mirror(UN, base), store, timeout_s=5)
        shutil.copy(SCREENING / "un_truncated.xml", mirror / "consolidated.xml")
        with pytest.raises(ListFormatError) as caught:
            update_list(from_mirror(UN, base), store, timeout_s=5)
    message = str(caught.value)
    assert message.startswith(f"{base}/consolidated.xml:71: malformed XML")
    assert "/tmp" not in message
    assert message.endswith(
        f"The previous version of un_sc ({good.loaded.version}, "
        f"loaded {good.loaded.loaded_at}) stays active."
    )
    assert store.active_versions() == [good.loaded]


def test_refused_port_is_a_one_line_offline_error(store: Store) -> None:
    base = refused_url()
    with pytest.raises(NetworkError) as caught:
        update_list(from_mirror(UN, base), store, timeout_s=5)
    message = str(caught.value)
    assert message.startswith(f"cannot reach {base.removeprefix('http://')} (offline?):")
    assert "Use `yalu lists load PATH` with downloaded files" in message
    assert message.endswith("No version of un_sc was loaded.")
    assert "\n" not in message
    assert store.versions() == []


def test_missing_required_file_is_an_http_error(store: Store, mirror: Path) -> None:
    (mirror / "alt.csv").unlink()
    with serve_directory(mirror) as base, pytest.raises(NetworkError, match="HTTP 404"):
        update_list(from_mirror(SDN, base), store, timeout_s=5)
    assert store.versions() == []


def test_connection_closed_mid_file_is_an_interrupted_download(
    store: Store, tmp_path: Path
) -> None:
    with serve_directory(tmp_path, short_bodies=True) as base:
        download = ListDownload("un_sc", "un_xml", (f"{base}/consolidated.xml",))
        with pytest.raises(NetworkError, match="was interrupted"):
            update_list(download, store, timeout_s=5)
    assert store.versions() == []


def test_an_update_cut_short_is_refused_unless_allowed(store: Store, mirror: Path) -> None:
    with serve_directory(mirror) as base:
        good = update_list(from_mirror(SDN, base), store, timeout_s=5)
        sdn = mirror / "sdn.csv"
        sdn.write_bytes(b"".join(sdn.read_bytes().splitlines(keepends=True)[:2]))
        for name in ("alt.csv", "add.csv"):  # no sibling row of the lost entry is left
            rows = (mirror / name).read_bytes().splitlines(keepends=True)
            kept = [row for row in rows if not row.startswith(last_entry_prefix(store))]
            (mirror / name).write_bytes(b"".join(kept))
        with pytest.raises(ListFormatError) as caught:
            update_list(from_mirror(SDN, base), store, timeout_s=5)
        assert "ofac_sdn would drop from 3 to 2 entities (-33.3%)" in str(caught.value)
        assert store.active_version("ofac_sdn") == good.loaded
        forced = update_list(
            from_mirror(SDN, base), store, timeout_s=5, guards=LoadGuards(allow_shrink=True)
        )
    assert forced.loaded.entity_count == 2 and forced.replaced == good.loaded


def last_entry_prefix(store: Store) -> bytes:
    """Return `ENT_NUM,` of the active SDN version's last entry, as its rows start."""
    active = store.active_version("ofac_sdn")
    assert active is not None
    return store.entity_ids(active.id)[-1].encode() + b","


def test_official_downloads_take_a_mirror_and_refuse_unknown_names() -> None:
    (un,) = official_downloads(["un_sc"], mirror="http://intranet/lists/")
    assert un.urls == ("http://intranet/lists/consolidated.xml",)
    assert [d.source for d in official_downloads()] == list(OFFICIAL_LISTS)
    with pytest.raises(InputError, match=r"unknown list 'eu'\. Use one of un_sc, ofac_sdn"):
        official_downloads(["un_sc", "eu"])


def test_update_lists_goes_on_after_a_failed_list_which_keeps_its_version(
    store: Store, mirror: Path
) -> None:
    with serve_directory(mirror) as base:
        first = update_lists(official_downloads(["un_sc"], mirror=base), store, timeout_s=5)
        (mirror / "consolidated.xml").write_text("<not a list", encoding="utf-8")
        steps: list[tuple[str, str]] = []
        ended: list[ListUpdate] = []
        un, sdn = update_lists(
            official_downloads(["un_sc", "ofac_sdn"], mirror=base),
            store,
            timeout_s=5,
            on_step=lambda *step: steps.append(step),
            on_outcome=ended.append,
            actor="ann",
        )
    assert first[0].report is not None and un.report is None and sdn.report is not None
    assert un.line.startswith("Not updated: ") and "\n" not in un.line
    assert "The previous version of un_sc" in un.error
    assert store.active_version("un_sc") == first[0].report.loaded
    assert sdn.line == f"Updated {sdn.report.summary}"
    assert ("un_sc", "reading the file") in steps
    assert steps[-1][0] == "ofac_sdn" and steps[-1][1].startswith("loading: ")
    assert ended == [un, sdn]
    assert sdn.report.loaded.actor == "ann"
