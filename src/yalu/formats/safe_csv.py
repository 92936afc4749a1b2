"""Write CSV that a spreadsheet opens as data, never as formulas (CSV injection).

A name screened or carried from an input file can be `=HYPERLINK("http://evil", "click")`;
written as is, a spreadsheet runs it when the analyst opens the results. Every CSV yalu
writes for people goes through `safe_csv_writer`, which applies the OWASP rule to each text
cell (`neutralize_cell`): a cell whose first character, after any leading spaces, is `=`,
`+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which spreadsheets read as
"this is text". Numbers (a Python `int` or `float`, or text that is only a signed decimal
number such as `-12.5`) are left as they are: they cannot run anything.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_LEADING_SPACE = " \u00a0\u3000"
"""Spaces spreadsheets skip before looking for a formula (ASCII, no-break, ideographic)."""


def neutralize_cell(value: object) -> object:
    """Return `value` safe for a spreadsheet: text that could start a formula gets a `'`.

    Args:
        value: a cell; non-text values (numbers, None) are returned unchanged.

    Returns:
        `value`, or `"'" + value` when it is text starting (after leading spaces) with one of
        `FORMULA_STARTS` and is not a plain signed number.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in ("\t", "\r"):
        return "'" + value
    start = value.lstrip(_LEADING_SPACE)
    if start[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(start):
        return "'" + value
    return value


class SafeCsvWriter:
    """A `csv.writer` whose every row passes through `neutralize_cell`."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row, each text cell neutralised."""
        self._writer.writerow([neutralize_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write several rows, each text cell neutralised."""
        for row in rows:
            self.writerow(row)


def safe_csv_writer(out: TextIO) -> SafeCsvWriter:
    """Return a CSV writer (Unix line ends) that neutralises formula cells."""
    return SafeCsvWriter(out)
