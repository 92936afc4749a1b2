"""The PDF version of a scenario report, written with matplotlib's `PdfPages`.

The same content as the HTML: the title and description, the map and the time series,
then every table as wrapped monospace text on landscape A4 pages (continued on as many
pages as it needs), and the closing note. Nothing is cut.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yalu.displacement.scenarios.report import ReportContent, Table

PAGE = (11.69, 8.27)
"""Landscape A4, inches."""
CHARS_PER_LINE = 175
"""Monospace characters that fit across a page at `FONT_SIZE`."""
LINES_PER_PAGE = 78
FONT_SIZE = 6.0


def _wrapped_rows(table: Table) -> list[str]:
    """Return `table` as monospace lines, long cells wrapped inside their column."""
    header, rows = table
    cells = [header, *rows]
    natural = [max(len(row[i]) for row in cells) for i in range(len(header))]
    budget = CHARS_PER_LINE - 2 * len(header)
    widths = list(natural)
    while sum(widths) > budget:
        widest = widths.index(max(widths))
        widths[widest] = max(12, widths[widest] - 4)
        if all(w == 12 for w in widths):
            break
    lines: list[str] = []
    for k, row in enumerate(cells):
        parts = [
            textwrap.wrap(cell, width) or [""] for cell, width in zip(row, widths, strict=True)
        ]
        for i in range(max(len(p) for p in parts)):
            lines.append(
                "  ".join(
                    (p[i] if i < len(p) else "").ljust(w)
                    for p, w in zip(parts, widths, strict=True)
                ).rstrip()
            )
        if k == 0:
            lines.append("-" * min(sum(widths) + 2 * len(widths), CHARS_PER_LINE))
    return lines


def _blocks(content: ReportContent) -> Iterator[tuple[str, list[str]]]:
    """Yield (heading, lines) for every text section, in the HTML's order."""
    spec = content.spec
    yield spec.title, textwrap.wrap(spec.description, CHARS_PER_LINE)
    yield (
        "Key figures on the last day (mean and 90% band over the runs)",
        _wrapped_rows(content.key_figures),
    )
    yield "Checks against published figures", _wrapped_rows(content.benchmarks)
    yield "Accounting on the last day (run 1)", _wrapped_rows(content.accounting)
    yield "Arrivals per crossing (mean over the runs)", _wrapped_rows(content.crossings)
    yield "Lever sensitivity (run 1's seed for every variant)", _wrapped_rows(content.sensitivity)
    yield "Assumptions and sources", _wrapped_rows(content.assumptions)
    yield "Closing note", textwrap.wrap(content.note, CHARS_PER_LINE)


def _text_pages(content: ReportContent) -> list[list[tuple[str, bool]]]:
    """Return pages of (line, is_heading), breaking between and inside sections."""
    pages: list[list[tuple[str, bool]]] = [[]]
    for heading, lines in _blocks(content):
        if len(pages[-1]) + 4 > LINES_PER_PAGE:
            pages.append([])
        pages[-1] += (
            [("", False), (heading, True), ("", False)]
            if pages[-1]
            else [
                (heading, True),
                ("", False),
            ]
        )
        for line in lines:
            if len(pages[-1]) >= LINES_PER_PAGE:
                pages.append([(heading + " (continued)", True), ("", False)])
            pages[-1].append((line, False))
    return pages


def write_pdf(content: ReportContent, figures: list[Any], path: Path, plt: Any) -> Path:
    """Write the text pages, then the figures, into `path`."""
    from matplotlib.backends.backend_pdf import PdfPages

    step = 0.94 / LINES_PER_PAGE
    with PdfPages(path) as pages:
        for lines in _text_pages(content):
            page = plt.figure(figsize=PAGE)
            for n, (line, is_heading) in enumerate(lines):
                page.text(
                    0.03,
                    0.97 - n * step,
                    line,
                    va="top",
                    fontsize=FONT_SIZE + (1.5 if is_heading else 0),
                    weight="bold" if is_heading else "normal",
                    family="sans-serif" if is_heading else "monospace",
                )
            pages.savefig(page)
            plt.close(page)
        for figure in figures:
            pages.savefig(figure)
    return path
