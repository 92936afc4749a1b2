"""`yalu lists load|update|status` with the EU, UK, Australian and Canadian lists."""

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.paths import SHARED_LISTS
from tests.screening.local_http import serve_directory
from yalu.interfaces.cli.app import app

pytestmark = pytest.mark.shared_data

runner = CliRunner()
EU = SHARED_LISTS / "eu_fsf_sample.xml"
UK = SHARED_LISTS / "uk_sanctions_list_sample.xml"
AU = SHARED_LISTS / "au_dfat_consolidated_2024-11.xlsx"
CA = SHARED_LISTS / "ca_sema_2020-04.xml"
CA_NEW = SHARED_LISTS / "ca_sema_sample.xml"


def yalu(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(arg) for arg in args])


def status_rows() -> dict[str, str]:
    output = yalu("lists", "status").stdout
    rows = [line for line in output.splitlines() if line.startswith("│")]
    return {line.split()[1]: line for line in rows if line.split()[1] != "│"}  # wrapped cells


def small_workbook(path: Path, committees_column: str = "Committees") -> Path:
    """Write a two-row DFAT-shaped workbook with openpyxl (a quick good au_dfat version)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["Reference", "Name of Individual or Entity", "Type", "Name Type", committees_column]
    )
    sheet.append([1, "Kim Chol", "Individual", "Primary Name", "1718 (DPRK)"])
    sheet.append(["1a", "Kim Cheol", "Individual", "aka", "1718 (DPRK)"])
    workbook.save(path)
    return path


def assert_refused_and_kept(result, path: Path, problem: str, fix: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {path}"), result.stderr
    assert problem in result.stderr and fix in result.stderr
    assert result.stderr.rstrip().endswith("Nothing was loaded; the lists in use are unchanged.")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_each_new_file_loads_with_its_count_and_status_shows_publisher_dates() -> None:
    result = yalu("lists", "load", EU, UK, AU, CA)
    assert result.exit_code == 0, result.output
    assert "Loaded eu_fsf 2026-08-05T16:47:04.449+02:00: 17 entities from" in result.stdout
    assert "Loaded uk_fcdo 2026-09-07: 21 entities from" in result.stdout
    assert "Loaded au_dfat sha256 " in result.stdout and ": 3,062 entities" not in result.stdout
    assert ": 3062 entities from" in result.stdout
    assert ": 1369 entities from" in result.stdout
    rows = status_rows()
    assert set(rows) == {"eu_fsf", "uk_fcdo", "au_dfat", "ca_sema"}
    assert "2026-08-05 (" in rows["eu_fsf"] and "17" in rows["eu_fsf"]
    assert "2026-09-07 (" in rows["uk_fcdo"] and "21" in rows["uk_fcdo"]
    assert "unknown !" in rows["au_dfat"] and "3,062" in rows["au_dfat"]
    assert "unknown !" in rows["ca_sema"] and "1,369" in rows["ca_sema"]


def test_the_bilingual_canadian_layout_replaces_the_older_one() -> None:
    assert yalu("lists", "load", CA).exit_code == 0
    # The 16-record sample is far smaller than the 2020 list: the shrink guard refuses it
    # unless told that the list really shrank.
    refused = yalu("lists", "load", CA_NEW)
    assert refused.exit_code == 2 and "would drop from 1,369 to 16" in refused.stderr
    result = yalu("lists", "load", CA_NEW, "--allow-shrink")
    assert result.exit_code == 0, result.output
    assert ": 16 entities from" in result.stdout and "(replaces version sha256 " in result.stdout


def test_truncated_eu_file_is_refused_and_the_last_good_version_kept(tmp_path: Path) -> None:
    assert yalu("lists", "load", EU).exit_code == 0
    before = status_rows()
    cut = tmp_path / "xmlFullSanctionsList_1_1.xml"
    cut.write_bytes(EU.read_bytes()[:25000])
    result = yalu("lists", "load", cut)
    assert_refused_and_kept(result, cut, "malformed XML", "download it again")
    assert status_rows() == before


def test_truncated_uk_file_is_refused_and_the_last_good_version_kept(tmp_path: Path) -> None:
    assert yalu("lists", "load", UK).exit_code == 0
    before = status_rows()
    cut = tmp_path / "UK-Sanctions-List.xml"
    cut.write_bytes(UK.read_bytes()[:40000])
    result = yalu("lists", "load", cut)
    assert_refused_and_kept(result, cut, "malformed XML", "download it again")
    assert status_rows() == before


def test_workbook_with_a_renamed_column_is_refused_and_the_last_good_version_kept(
    tmp_path: Path,
) -> None:
    assert yalu("lists", "load", AU).exit_code == 0
    before = status_rows()
    renamed = tmp_path / "regulation8_consolidated.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(
        ["Reference", "Name of Individual or Entity", "Type", "Name Type", "Regime"]
    )
    workbook.active.append([1, "Kim Chol", "Individual", "Primary Name", "1718 (DPRK)"])
    workbook.save(renamed)
    result = yalu("lists", "load", renamed)
    assert_refused_and_kept(
        result, renamed, ":1: missing column Committees", "download regulation8_consolidated.xlsx"
    )
    assert status_rows() == before


def test_truncated_workbook_is_refused_and_the_last_good_version_kept(tmp_path: Path) -> None:
    assert yalu("lists", "load", small_workbook(tmp_path / "good.xlsx")).exit_code == 0
    before = status_rows()
    assert "au_dfat" in before
    cut = tmp_path / "regulation8_consolidated.xlsx"
    cut.write_bytes(AU.read_bytes()[:300_000])
    result = yalu("lists", "load", cut)
    assert_refused_and_kept(result, cut, "not a complete Excel workbook", "download it again")
    assert status_rows() == before


def test_xml_of_another_schema_given_as_canadian_is_refused_and_the_list_kept() -> None:
    assert yalu("lists", "load", CA).exit_code == 0
    before = status_rows()
    result = yalu("lists", "load", "--reader", "ca_xml", EU)
    assert_refused_and_kept(
        result,
        EU,
        ":1: root element is <{http://eu.europa.ec/fpi/fsd/export}export>",
        "sema-lmes.xml",
    )
    assert status_rows() == before


def test_update_from_a_mirror_with_the_official_file_names(tmp_path: Path) -> None:
    shutil.copy(UK, tmp_path / "UK-Sanctions-List.xml")
    shutil.copy(EU, tmp_path / "xmlFullSanctionsList_1_1.xml")
    with serve_directory(tmp_path) as base:
        result = yalu(
            "lists", "update", "--mirror", base, "--source", "uk_fcdo", "--source", "eu_fsf"
        )
    assert result.exit_code == 0, result.output
    assert f"Updated uk_fcdo 2026-09-07: 21 entities from {base}/UK-Sanctions-List.xml" in (
        result.stdout
    )
    assert "Updated eu_fsf 2026-08-05T16:47:04.449+02:00: 17 entities" in result.stdout


@pytest.mark.parametrize(
    ("good", "bad", "fmt", "problem", "fix"),
    [
        (EU, UK, "eu_xml", ":1: root element is <Designations>, not the FSF <export>", "webgate"),
        (UK, CA_NEW, "uk_xml", ":1: root element is <data-set>, not <Designations>", "fcdo.gov.uk"),
        (AU, EU, "au_xlsx", ": not a complete Excel workbook (BadZipFile", "download it again"),
    ],
)
def test_a_file_of_another_schema_is_refused_and_the_list_kept(
    good: Path, bad: Path, fmt: str, problem: str, fix: str, tmp_path: Path
) -> None:
    if good == AU:
        good = small_workbook(tmp_path / "good.xlsx")
    assert yalu("lists", "load", good).exit_code == 0
    before = status_rows()
    result = yalu("lists", "load", "--reader", fmt, bad)
    assert_refused_and_kept(result, bad, problem, fix)
    assert status_rows() == before


def test_truncated_canadian_file_is_refused_and_the_last_good_version_kept(
    tmp_path: Path,
) -> None:
    assert yalu("lists", "load", CA_NEW).exit_code == 0
    before = status_rows()
    cut = tmp_path / "sema-lmes.xml"
    cut.write_bytes(CA_NEW.read_bytes()[:3000])
    result = yalu("lists", "load", cut)
    assert_refused_and_kept(result, cut, "malformed XML", "download it again")
    assert status_rows() == before
