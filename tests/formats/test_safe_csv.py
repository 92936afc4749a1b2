import csv
import io

import pytest

from yalu.formats.safe_csv import neutralize_cell, safe_csv_writer


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (
            '=HYPERLINK("http://example.com/x","click")',
            '\'=HYPERLINK("http://example.com/x","click")',
        ),
        ("+1+2", "'+1+2"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),  # spreadsheets skip leading spaces
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("Kim Chol", "Kim Chol"),
        (
            "Korea Ryonbong General Corporation (=KPe.002)",
            "Korea Ryonbong General Corporation (=KPe.002)",
        ),
        ("-12.5", "-12.5"),  # a plain number cannot run anything
        ("+7", "+7"),
        ("", ""),
    ],
)
def test_text_cells_that_start_a_formula_get_a_quote(cell: str, written: str) -> None:
    assert neutralize_cell(cell) == written


@pytest.mark.parametrize("value", [-3, -0.25, None, 1.5])
def test_non_text_cells_are_unchanged(value: object) -> None:
    assert neutralize_cell(value) is value


def test_writer_neutralises_every_row_and_keeps_csv_quoting() -> None:
    out = io.StringIO()
    writer = safe_csv_writer(out)
    writer.writerow(["name", "score"])
    writer.writerows([["=1+1", 0.5], ['@x, "y"', -1]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["name", "score"],
        ["'=1+1", "0.5"],
        ['\'@x, "y"', "-1"],
    ]
