from pathlib import Path

import pytest

from yalu.core.errors import InputError, ListFormatError
from yalu.formats import read_list
from yalu.formats.input_file import iter_csv_rows, read_text


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


def test_latin1_files_are_decoded_without_error(tmp_path: Path) -> None:
    latin = tmp_path / "old.csv"
    latin.write_bytes("name\nJos\xe9\n".encode("latin-1"))
    assert read_text(latin) == "name\nJos\u00e9\n"


def test_csv_rows_report_the_physical_line_of_each_record(tmp_path: Path) -> None:
    text = 'a,b\n"multi\nline",x\n\nlast,y\n'
    lines = [line for line, _ in iter_csv_rows(text, tmp_path / "f.csv", columns=2)]
    assert lines == [1, 2, 5]


def test_csv_row_with_wrong_cell_count_names_its_line(tmp_path: Path) -> None:
    rows = iter_csv_rows("a,b\nc\n", tmp_path / "f.csv", columns=2)
    with pytest.raises(ListFormatError, match=r"f.csv:2: expected 2 columns, found 1"):
        list(rows)
