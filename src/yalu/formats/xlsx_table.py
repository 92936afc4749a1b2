"""Write a table (header row first) as an Excel workbook that opens as data, never formulas.

Each text cell goes through `safe_csv.neutralize_cell` (a leading `'` before `=`, `+`, `-`,
`@`, ...) and is stored as a string cell, so a name such as `=HYPERLINK(...)` is shown, not
run. Numbers stay numbers. openpyxl writes the workbook in write-only mode (rows streamed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from yalu.formats.safe_csv import neutralize_cell

MAX_SHEET_TITLE = 31


def write_xlsx_table(rows: Iterable[Sequence[object]], out: IO[bytes], *, title: str) -> None:
    """Write `rows` (the header first) as one sheet named `title` to `out`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:MAX_SHEET_TITLE] or "results")
    for row in rows:
        cells = []
        for value in row:
            safe = neutralize_cell(value)
            cell = WriteOnlyCell(sheet, value=safe)
            if isinstance(safe, str):
                cell.data_type = "s"  # text, even when it starts like a formula
            cells.append(cell)
        sheet.append(cells)
    workbook.save(out)
