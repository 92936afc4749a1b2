"""An OFAC set that is not whole (cut short, repeated lines, two days mixed) is refused."""

import shutil
from pathlib import Path

import pytest

from tests.paths import FIXTURES, SHARED_LISTS
from yalu.core.errors import ListFormatError
from yalu.formats.ofac_csv import read_ofac_csv

SET = FIXTURES / "lists" / "ofac_sdn"


@pytest.fixture
def sdn_set(tmp_path: Path) -> Path:
    shutil.copytree(SET, tmp_path / "set")
    return tmp_path / "set"


def lines_of(path: Path) -> list[bytes]:
    """Return the file's records with their CRLF, the end-of-file byte dropped."""
    return path.read_bytes().rstrip(b"\x1a").splitlines(keepends=True)


def test_the_fixture_set_is_whole() -> None:
    assert [entity.id for entity in read_ofac_csv(SET).entities] == ["9001", "9002", "9003"]


def test_primary_cut_at_a_line_boundary_is_refused_by_its_missing_end_byte(
    sdn_set: Path,
) -> None:
    sdn = sdn_set / "sdn.csv"
    sdn.write_bytes(b"".join(lines_of(sdn)[:2]))
    with pytest.raises(ListFormatError) as caught:
        read_ofac_csv(sdn_set)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{sdn}:3: the file does not end with OFAC's end-of-file byte 0x1A")
    assert "it was cut short. Download the whole set again" in message


def test_sibling_cut_at_a_line_boundary_is_refused(sdn_set: Path) -> None:
    alt = sdn_set / "alt.csv"
    alt.write_bytes(b"".join(lines_of(alt)[:2]))
    with pytest.raises(ListFormatError, match=r"alt.csv:3: the file does not end with OFAC's"):
        read_ofac_csv(sdn_set)


def test_a_file_that_stops_mid_record_is_refused_with_its_last_line(sdn_set: Path) -> None:
    add = sdn_set / "add.csv"
    add.write_bytes(add.read_bytes()[:-6])  # drops the end byte, CRLF and "-0- "
    with pytest.raises(ListFormatError) as caught:
        read_ofac_csv(sdn_set)
    assert str(caught.value).startswith(
        f"{add}:2: the file ends in the middle of a record (no line break after the last one)"
    )


def test_a_deleted_primary_line_is_refused_by_the_aliases_it_leaves_behind(
    sdn_set: Path,
) -> None:
    sdn = sdn_set / "sdn.csv"
    rows = lines_of(sdn)
    sdn.write_bytes(rows[0] + rows[2] + b"\x1a")  # entry 9002 gone, its alias stays
    with pytest.raises(ListFormatError) as caught:
        read_ofac_csv(sdn_set)
    assert str(caught.value).startswith(
        f"{sdn_set / 'alt.csv'}:3: ent_num 9002 is not an entry of sdn.csv: sdn.csv lost "
        "lines, or the files come from different days"
    )


def test_a_repeated_alias_line_is_refused(sdn_set: Path) -> None:
    alt = sdn_set / "alt.csv"
    rows = lines_of(alt)
    alt.write_bytes(b"".join([rows[0], rows[1], rows[1], rows[2]]) + b"\x1a")
    with pytest.raises(ListFormatError, match=r"alt.csv:3: alt_num 102 repeats line 2"):
        read_ofac_csv(sdn_set)


def test_swapped_columns_are_refused_by_the_closed_type_values(sdn_set: Path) -> None:
    alt = sdn_set / "alt.csv"
    swapped = [b'9001,101,"KOREA YONBONG GENERAL CORPORATION","aka",-0- \r\n', *lines_of(alt)[1:]]
    alt.write_bytes(b"".join(swapped) + b"\x1a")
    with pytest.raises(ListFormatError) as caught:
        read_ofac_csv(sdn_set)
    assert str(caught.value).startswith(
        f"{alt}:1: alt_type 'KOREA YONBONG GENERAL CORPORATION' is not one of 'aka', 'fka', "
        "'nka' (column 3)"
    )


def test_an_unknown_sdn_type_is_refused(sdn_set: Path) -> None:
    sdn = sdn_set / "sdn.csv"
    sdn.write_bytes(sdn.read_bytes().replace(b'"vessel"', b'"DPRK4"'))
    with pytest.raises(ListFormatError, match=r"sdn.csv:3: SDN_Type 'DPRK4' is not one of"):
        read_ofac_csv(sdn_set)


def test_windows_1252_sets_are_read_and_undefined_bytes_refused(sdn_set: Path) -> None:
    add = sdn_set / "add.csv"
    add.write_bytes(add.read_bytes().replace(b"Dandong", b"D\xe2ndong"))
    entity = {e.id: e for e in read_ofac_csv(sdn_set).entities}["9002"]
    assert entity.addresses == ("D\u00e2ndong, China",)
    add.write_bytes(add.read_bytes().replace(b"\xe2", b"\x81"))
    with pytest.raises(ListFormatError, match=r"add.csv:2: not UTF-8 or Windows-1252 text"):
        read_ofac_csv(sdn_set)


@pytest.fixture
def real_sdn_set(tmp_path: Path) -> Path:
    shutil.copytree(SHARED_LISTS / "ofac_sdn_2021", tmp_path / "sdn")
    return tmp_path / "sdn"


@pytest.mark.shared_data
def test_real_sdn_cut_with_head_4000_is_refused(real_sdn_set: Path) -> None:
    sdn = real_sdn_set / "sdn.csv"
    sdn.write_bytes(b"".join(lines_of(sdn)[:4000]))  # `head -n 4000 sdn.csv`
    with pytest.raises(ListFormatError, match=r"sdn.csv:4001: the file does not end with OFAC"):
        read_ofac_csv(real_sdn_set)


@pytest.mark.shared_data
def test_real_sdn_comments_cut_short_are_refused_by_the_remarks_they_no_longer_continue(
    real_sdn_set: Path,
) -> None:
    comments = real_sdn_set / "sdn_comments.csv"
    comments.write_bytes(b"".join(lines_of(comments)[:4]))
    with pytest.raises(ListFormatError) as caught:
        read_ofac_csv(real_sdn_set)
    message = str(caught.value)
    assert "the Remarks of entry 30518 stop at 1,000 characters but sdn_comments.csv" in message
    assert message.startswith(str(real_sdn_set / "sdn.csv"))


def test_a_repeated_comments_row_is_refused(sdn_set: Path) -> None:
    comments = sdn_set / "sdn_comments.csv"
    comments.write_bytes(comments.read_bytes() * 2)
    with pytest.raises(ListFormatError, match=r"sdn_comments.csv:2: the row repeats line 1"):
        read_ofac_csv(sdn_set)
