"""`lists update` of the EU, UK, Australian and Canadian lists, from a local HTTP server
serving the real files under their official names (no internet)."""

import shutil
from pathlib import Path

import pytest

from tests.paths import SHARED_LISTS
from tests.screening.local_http import refused_url, serve_directory
from yalu.core.errors import ListFormatError, NetworkError
from yalu.screening.store import Store
from yalu.screening.update import OFFICIAL_LISTS, from_mirror, update_list

pytestmark = pytest.mark.shared_data

SERVED = {  # source: (file in ../shared, official file name, entities, version)
    "eu_fsf": ("eu_fsf_sample.xml", "xmlFullSanctionsList_1_1.xml", 17, "2026-08-05T16:47"),
    "uk_fcdo": ("uk_sanctions_list_sample.xml", "UK-Sanctions-List.xml", 21, "2026-09-07"),
    "au_dfat": (
        "au_dfat_consolidated_2024-11.xlsx",
        "regulation8_consolidated.xlsx",
        3062,
        "sha256 ",
    ),
    "ca_sema": ("ca_sema_sample.xml", "sema-lmes.xml", 16, "sha256 "),
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "y.sqlite3") as opened:
        yield opened  # type: ignore[misc]


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    folder = tmp_path / "mirror"
    folder.mkdir()
    for shared, official, _, _ in SERVED.values():
        shutil.copy(SHARED_LISTS / shared, folder / official)
    return folder


def test_official_addresses_are_the_publishers() -> None:
    assert (
        OFFICIAL_LISTS["eu_fsf"]
        .urls[0]
        .startswith(
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token="
        )
    )
    assert OFFICIAL_LISTS["uk_fcdo"].urls == (
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
    )
    assert OFFICIAL_LISTS["au_dfat"].urls == (
        "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
    )
    assert OFFICIAL_LISTS["ca_sema"].urls[0].startswith("https://www.international.gc.ca/")
    assert OFFICIAL_LISTS["ca_sema"].urls[0].endswith("/sanctions/sema-lmes.xml")


def test_a_url_without_a_file_name_is_mirrored_under_its_official_name() -> None:
    mirrored = from_mirror(OFFICIAL_LISTS["eu_fsf"], "http://intranet/lists/")
    assert mirrored.urls == ("http://intranet/lists/xmlFullSanctionsList_1_1.xml",)


@pytest.mark.parametrize("source", sorted(SERVED))
def test_each_list_is_downloaded_read_and_activated(
    store: Store, mirror: Path, source: str
) -> None:
    _, official, count, version = SERVED[source]
    with serve_directory(mirror) as base:
        report = update_list(from_mirror(OFFICIAL_LISTS[source], base), store, timeout_s=10)
    assert (report.loaded.source, report.loaded.entity_count) == (source, count)
    assert report.loaded.version.startswith(version)
    assert report.loaded.path == f"{base}/{official}"
    assert report.loaded.obtained == "retrieved"
    assert store.active_version(source) == report.loaded


@pytest.mark.parametrize("source", sorted(SERVED))
def test_a_truncated_download_keeps_the_last_good_version_and_says_so(
    store: Store, mirror: Path, source: str
) -> None:
    _, official, _, _ = SERVED[source]
    with serve_directory(mirror) as base:
        download = from_mirror(OFFICIAL_LISTS[source], base)
        good = update_list(download, store, timeout_s=10)
        whole = (mirror / official).read_bytes()
        (mirror / official).write_bytes(whole[: len(whole) // 3])
        with pytest.raises(ListFormatError) as caught:
            update_list(download, store, timeout_s=10)
    message = str(caught.value)
    assert message.startswith(f"{base}/{official}")
    assert "/tmp" not in message and "\n" not in message
    assert message.endswith(
        f"The previous version of {source} ({good.loaded.version}, "
        f"loaded {good.loaded.loaded_at}) stays active."
    )
    assert store.active_versions() == [good.loaded]


def test_offline_update_is_one_line_and_loads_nothing(store: Store) -> None:
    base = refused_url()
    with pytest.raises(NetworkError) as caught:
        update_list(from_mirror(OFFICIAL_LISTS["au_dfat"], base), store, timeout_s=5)
    message = str(caught.value)
    assert message.startswith(f"cannot reach {base.removeprefix('http://')} (offline?):")
    assert message.endswith("No version of au_dfat was loaded.")
    assert store.active_versions() == []


def test_a_file_of_another_list_at_the_official_address_is_refused(
    store: Store, mirror: Path
) -> None:
    shutil.copy(SHARED_LISTS / "ca_sema_sample.xml", mirror / "UK-Sanctions-List.xml")
    with serve_directory(mirror) as base, pytest.raises(ListFormatError) as caught:
        update_list(from_mirror(OFFICIAL_LISTS["uk_fcdo"], base), store, timeout_s=5)
    assert str(caught.value).startswith(
        f"{base}/UK-Sanctions-List.xml:1: root element is <data-set>, not <Designations>"
    )
