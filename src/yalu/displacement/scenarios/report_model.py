"""The parts a report is made of, shared by the HTML page and the PDF.

A report is a title, a line of facts about the run, and sections; a section holds
paragraphs, bullet lists, tables (with a caption and units in the headers) and figures
(a PNG with a caption, and the CSV file its data comes from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BANDED = re.compile(r"^([+-]?[\d,.]+) \(([^()]+)\)$")
"""A cell "mean (low–high)": shown as the mean over its band in smaller type."""


@dataclass(frozen=True, slots=True)
class Text:
    """Paragraphs, or a bullet list when `bullets`."""

    lines: tuple[str, ...]
    bullets: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table: caption, header cells (with units), rows of text cells, a note below.

    Attributes:
        caption: "Table N" is added when rendered.
        header: one cell per column.
        rows: text cells.
        note: a line under the table (sources, how to read it).
        wide: columns of long text (sources) get more room.
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    wide: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart: PNG bytes, caption ("Figure N" is added), alt text and its data file."""

    caption: str
    png: bytes
    alt: str
    data: str = ""


Block = Text | Table | Figure


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its blocks."""

    heading: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Report:
    """A whole report."""

    title: str
    facts: str
    description: str
    sections: tuple[Section, ...]


def is_numeric(cell: str) -> bool:
    """Return True for a cell holding a number, a signed change, a range or a percent."""
    stripped = cell.replace(",", "").replace(" ", "").replace("–", "").replace("%", "")
    stripped = stripped.replace("+", "").replace("-", "").replace(".", "").replace("x", "")
    stripped = stripped.replace("(", "").replace(")", "")
    return bool(stripped) and stripped.isdigit()


def split_band(cell: str) -> tuple[str, str] | None:
    """Return (mean, band) of a "mean (band)" cell, or None for any other cell."""
    match = BANDED.match(cell)
    return (match.group(1), match.group(2)) if match else None
