from pathlib import Path

import pytest

from tests.paths import FIXTURES
from yalu.core.errors import InputError, ListFormatError
from yalu.formats import read_list
from yalu.formats.input_file import check_utf8, iter_csv_rows, read_text


def test_missing_path_is_a_one_line_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xml"
    with pytest.raises(InputError) as caught:
        read_list(missing)
    assert str(caught.value) == f"{missing}: no such file. Check the path and try again."


def test_directory_without_list_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_list(tmp_path)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(f"{tmp_path}: directory holds no list file")


def test_unreadable_path_is_a_one_line_input_error(tmp_path: Path) -> None:
    # A path through a regular file cannot be opened, whoever runs the test (root included).
    blocker = tmp_path / "lists"
    blocker.write_text("not a folder")
    with pytest.raises(InputError) as caught:
        read_list(blocker / "list.xml", format="un_xml")
    message = str(caught.value)
    assert message.startswith(str(blocker / "list.xml"))
    assert "\n" not in message


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n", b"\x1a"])
def test_empty_file_is_a_list_format_error_saying_it_may_be_truncated(
    tmp_path: Path, content: bytes
) -> None:
    empty = tmp_path / "sdn.csv"
    empty.write_bytes(content)
    with pytest.raises(ListFormatError, match=r"empty \(no entries\).*may be truncated"):
        read_list(empty)


def test_a_utf8_only_file_with_a_latin1_byte_is_refused_naming_line_and_byte_offset(
    tmp_path: Path,
) -> None:
    latin = tmp_path / "old.csv"
    latin.write_bytes("name\nJos\xe9\n".encode("latin-1"))
    with pytest.raises(ListFormatError) as caught:
        read_text(latin)
    assert str(caught.value) == (
        f"{latin}:2: not UTF-8 text: byte 0xE9 at byte offset 8 (column 4). "
        "Save the file as UTF-8 (a spreadsheet's 'CSV UTF-8'), or download it again."
    )


def test_legacy_formats_read_windows_1252_when_the_file_is_not_utf8(tmp_path: Path) -> None:
    legacy = tmp_path / "sdn.csv"
    legacy.write_bytes(b"\x93Jos\xe9\x94\n")
    assert read_text(legacy, legacy="cp1252") == "\u201cJos\u00e9\u201d\n"


def test_a_byte_windows_1252_leaves_undefined_is_refused_in_legacy_formats(
    tmp_path: Path,
) -> None:
    legacy = tmp_path / "sdn.csv"
    legacy.write_bytes(b"ok\nJos\xe9 \x81\n")
    with pytest.raises(ListFormatError, match=r"sdn.csv:2: not UTF-8 or Windows-1252 text: "):
        read_text(legacy, legacy="cp1252")


def test_a_whole_utf8_file_is_never_read_as_windows_1252(tmp_path: Path) -> None:
    utf8 = tmp_path / "sdn.csv"
    utf8.write_bytes("\ufeffJos\u00e9\n".encode())
    assert read_text(utf8, legacy="cp1252") == "Jos\u00e9\n"


def test_byte_offsets_count_the_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"\xef\xbb\xbfname\n\xff\n")
    with pytest.raises(ListFormatError, match=r"list.csv:2: .* byte 0xFF at byte offset 8 "):
        read_text(path)


def test_utf8_check_reads_in_chunks_and_finds_a_bad_byte_past_the_first_megabyte() -> None:
    good = ("\uc870" * 400_000).encode()  # 1.2 MB of 3-byte hangul: chunks split characters
    check_utf8(good, "big.csv")
    bad = good + b"\n\xc3("
    with pytest.raises(ListFormatError) as caught:
        check_utf8(bad, "big.csv")
    assert caught.value.line == 2
    assert f"byte 0xC3 at byte offset {len(good) + 1}" in str(caught.value)


def test_csv_rows_report_the_physical_line_of_each_record(tmp_path: Path) -> None:
    text = 'a,b\n"multi\nline",x\n\nlast,y\n'
    lines = [line for line, _ in iter_csv_rows(text, tmp_path / "f.csv", columns=2)]
    assert lines == [1, 2, 5]


def test_csv_row_with_wrong_cell_count_names_its_line(tmp_path: Path) -> None:
    rows = iter_csv_rows("a,b\nc\n", tmp_path / "f.csv", columns=2)
    with pytest.raises(ListFormatError, match=r"f.csv:2: expected 2 columns, found 1"):
        list(rows)


def test_un_xml_with_a_byte_that_is_not_utf8_names_its_line_and_byte_offset(
    tmp_path: Path,
) -> None:
    data = (FIXTURES / "lists" / "un_three.xml").read_bytes()
    offset = data.index(b"<FIRST_NAME>") + len(b"<FIRST_NAME>")
    path = tmp_path / "un.xml"
    path.write_bytes(data[:offset] + b"\xe9" + data[offset:])
    with pytest.raises(ListFormatError) as caught:
        read_list(path, "un_xml")
    line = data.count(b"\n", 0, offset) + 1
    assert str(caught.value).startswith(
        f"{path}:{line}: not UTF-8 text: byte 0xE9 at byte offset {offset} (column"
    )


def test_xml_declaring_another_encoding_is_decoded_by_its_declaration(tmp_path: Path) -> None:
    data = (FIXTURES / "lists" / "un_three.xml").read_text(encoding="utf-8")
    latin = data.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"', 1)
    assert latin != data
    path = tmp_path / "un.xml"
    path.write_bytes(latin.replace("CHOL<", "CH\u00d6L<").encode("latin-1", errors="replace"))
    assert read_list(path, "un_xml").entities[0].names[0] == "RI CH\u00d6L UNG"
