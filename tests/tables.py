"""Read the rows of a Rich table printed by the CLI, as tests check them."""

from __future__ import annotations


def table_rows(stdout: str) -> list[list[str]]:
    """Return each table row's cells, joining the lines of a cell that wraps."""
    rows: list[list[str]] = []
    for line in stdout.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [a + b for a, b in zip(rows[-1], cells, strict=True)]
    return rows
