"""A names file is checked whole, then streamed: the queries and errors of reading it whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from yalu.core.errors import InputError
from yalu.models.screening import Query
from yalu.screening.queries import iter_queries, read_queries, read_query_file
from yalu.screening.query_file import open_query_file, open_query_text

ROWS = 3_000
BAD_ROW = 1_700
"""A row in the middle of the file (the header is line 1, so this row is line 1,701)."""


def _write(path: Path, rows: int, bad: str | None = None, *, bom: bool = False) -> Path:
    """Write `rows` names (`id,name,country,note`); row `BAD_ROW` gets country `bad`."""
    lines = ["id,name,country,note"]
    for row in range(1, rows + 1):
        country = bad if row == BAD_ROW and bad is not None else "KP"
        lines.append(f'r{row},Kim Chol {row},{country},"note, {row}"')
    path.write_text(("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _error(call: object) -> str:
    with pytest.raises(InputError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


@pytest.mark.parametrize("bom", [False, True])
def test_a_streamed_file_gives_the_queries_of_reading_it_whole_on_every_pass(
    tmp_path: Path, bom: bool
) -> None:
    path = _write(tmp_path / "names.csv", ROWS, bom=bom)
    whole = read_query_file(path)
    names = open_query_file(path)
    assert names.count == ROWS == len(whole)
    assert list(names) == whole
    assert list(names) == whole  # a second pass reads the file afresh
    assert whole[0] == Query(
        name="Kim Chol 1", id="r1", nationality=None, country="kp", extra=(("note", "note, 1"),)
    )


def test_a_bad_row_in_the_middle_is_the_one_line_error_of_reading_the_file_whole(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "names.csv", ROWS, bad="Atlantis")
    message = _error(lambda: read_query_file(path))
    assert message.startswith(f"{path}:{BAD_ROW + 1}: unknown country 'Atlantis'. ")
    assert _error(lambda: open_query_file(path)) == message


def test_the_lazy_reader_yields_the_rows_before_a_bad_one_then_raises_and_yields_nothing_more(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "names.csv", ROWS, bad="Atlantis")
    yielded: list[Query] = []
    with path.open(encoding="utf-8", newline="") as lines:
        rows = iter_queries(lines, str(path))
        with pytest.raises(InputError) as caught:
            for query in rows:
                yielded.append(query)
        assert next(rows, None) is None
    assert str(caught.value).startswith(f"{path}:{BAD_ROW + 1}: unknown country")
    assert [query.id for query in yielded] == [f"r{row}" for row in range(1, BAD_ROW)]


def test_a_byte_that_is_not_utf8_past_the_first_megabyte_names_its_line_and_offset(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "names.csv", 40_000)
    data = path.read_bytes()
    at = data.index(b"Kim Chol 39000,")
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    assert at > 1 << 20
    message = _error(lambda: read_query_file(path))
    assert message.startswith(f"{path}:39001: not UTF-8 text: byte 0xFF at byte offset {at}")
    assert _error(lambda: open_query_file(path)) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "<stdin>:1: the header has no 'name' column (found: nothing)"),
        ("name\n", "<stdin>: the file has a header but no names"),
        ('name\nKim\n"Ri\n', "<stdin>:3: broken CSV quoting"),
    ],
)
def test_names_text_is_refused_as_read_queries_refuses_it(text: str, message: str) -> None:
    expected = _error(lambda: read_queries(text, "<stdin>"))
    assert expected.startswith(message)
    assert _error(lambda: open_query_text(text, "<stdin>")) == expected


def test_names_text_is_counted_and_read_as_read_queries_reads_it() -> None:
    text = "name,id\nKim Chol,\n\nRi Song,7\n"
    names = open_query_text(text, "<stdin>")
    assert names.count == 2
    assert list(names) == read_queries(text, "<stdin>")
    assert list(iter_queries(io.StringIO(text, newline=""), "<stdin>")) == list(names)


def test_a_missing_file_is_the_error_of_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    assert _error(lambda: open_query_file(path)) == _error(lambda: read_query_file(path))
