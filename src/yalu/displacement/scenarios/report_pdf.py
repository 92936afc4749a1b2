"""The PDF of a scenario report, typeset with ReportLab: A4, headings, tables, captions.

The same sections as the HTML page: a title and the run's facts, numbered sections with
proportional type, tables with a caption, a repeated header row, numbers right-aligned
and units in the headers, figures at the text width with a numbered caption naming
their data file, and page numbers. Nothing is cut: long tables continue on the next page.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from yalu.core.optional import require
from yalu.displacement.scenarios.report_model import (
    Figure,
    Report,
    Table,
    Text,
    is_numeric,
    split_band,
)

MARGIN_MM = 16.0
CELL_POINTS = 7.2
"""Type size of table cells."""
BAND_POINTS = 6.2
"""Type size of the 90% band printed under a mean."""
HYPHEN_BREAK = 10
"""Header words longer than this break after a hyphen (crossing names)."""
BLUE = "#0072B2"


def _styles() -> dict[str, Any]:
    """Return the paragraph styles."""
    styles = require("reportlab.lib.styles", extra="plot", purpose="PDF reports need reportlab")
    enums = require("reportlab.lib.enums", extra="plot")
    colors = require("reportlab.lib.colors", extra="plot")
    base = styles.getSampleStyleSheet()
    body = styles.ParagraphStyle(
        "body", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5, leading=13
    )
    return {
        "title": styles.ParagraphStyle(
            "title", parent=body, fontName="Helvetica-Bold", fontSize=19, leading=23
        ),
        "facts": styles.ParagraphStyle(
            "facts", parent=body, fontSize=8.5, textColor=colors.HexColor("#555555")
        ),
        "h2": styles.ParagraphStyle(
            "h2",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            spaceBefore=12,
            spaceAfter=5,
            textColor=colors.HexColor(BLUE),
        ),
        "body": body,
        "bullet": styles.ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
        "caption": styles.ParagraphStyle(
            "caption", parent=body, fontSize=8.5, leading=11, spaceBefore=8, spaceAfter=4
        ),
        "note": styles.ParagraphStyle(
            "note",
            parent=body,
            fontSize=7.5,
            leading=9.5,
            spaceBefore=3,
            spaceAfter=6,
            textColor=colors.HexColor("#555555"),
        ),
        "cell": styles.ParagraphStyle("cell", parent=body, fontSize=CELL_POINTS, leading=8.8),
        "number": styles.ParagraphStyle(
            "number", parent=body, fontSize=7.2, leading=8.8, alignment=enums.TA_RIGHT
        ),
        "head": styles.ParagraphStyle(
            "head", parent=body, fontName="Helvetica-Bold", fontSize=7.2, leading=8.8
        ),
    }


def _header(text: str) -> str:
    """Return a header cell's markup: long hyphenated words may break after the hyphen."""
    words = [
        escape(w).replace("-", "-<br/>") if len(w) > HYPHEN_BREAK and "-" in w else escape(w)
        for w in text.split()
    ]
    return " ".join(words)


def _widths(table: Table, available: float) -> list[float]:
    """Return column widths (points) that never break a word and share the rest fairly.

    Each column gets at least its longest word; what is left goes to the columns whose
    full text is longer than that, in proportion (text-heavy `wide` columns may use more).
    """
    metrics = require("reportlab.pdfbase.pdfmetrics", extra="plot")
    padding = 13.0  # the cell paddings (6 pt each side) and a point to spare

    def width(text: str, bold: bool = False) -> float:
        font = "Helvetica-Bold" if bold else "Helvetica"
        return float(metrics.stringWidth(text, font, CELL_POINTS))

    least, natural = [], []
    for i, head in enumerate(table.header):
        cells = [row[i] for row in table.rows]
        words = [w for c in cells if split_band(c) is None for w in c.split()]
        bands = [split_band(c) for c in cells if split_band(c) is not None]
        band_widths = [
            max(width(b[0]), width(b[1]) * BAND_POINTS / CELL_POINTS) for b in bands if b
        ]
        head_words = [part for w in _header(head).split("<br/>") for part in w.split()]
        least.append(
            max(
                [width(w, True) for w in head_words]
                + [width(w) for w in words]
                + band_widths
                + [0.0]
            )
            + padding
        )
        cap = available * (0.5 if i in table.wide else 0.25)
        natural.append(min(max([width(head, True)] + [width(c) for c in cells]) + padding, cap))
    spare = available - sum(least)
    if spare <= 0:
        return [available * w / sum(least) for w in least]
    wanted = [max(n - m, 0.0) for n, m in zip(natural, least, strict=True)]
    if sum(wanted) <= spare:
        extra = (spare - sum(wanted)) / len(least)
        return [m + w + extra for m, w in zip(least, wanted, strict=True)]
    return [m + spare * w / sum(wanted) for m, w in zip(least, wanted, strict=True)]


def _table(table: Table, number: int, styles: dict[str, Any], available: float) -> list[Any]:
    """Return the flowables of one table: caption, table, note."""
    platypus = require("reportlab.platypus", extra="plot")
    colors = require("reportlab.lib.colors", extra="plot")
    head = [platypus.Paragraph(_header(h), styles["head"]) for h in table.header]
    body = [[_cell(c, styles, platypus) for c in row] for row in table.rows]
    grid = platypus.Table([head, *body], colWidths=_widths(table, available), repeatRows=1)
    grid.setStyle(
        platypus.TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#8c9aa8")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d0d0d0")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f8f8f8")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    caption = platypus.Paragraph(
        f"<b>Table {number}.</b> {escape(table.caption)}", styles["caption"]
    )
    parts = [caption, grid]
    if table.note:
        parts.append(platypus.Paragraph(escape(table.note), styles["note"]))
    return parts


def _cell(cell: str, styles: dict[str, Any], platypus: Any) -> Any:
    """Return one table cell; a "mean (band)" cell shows the band under the mean."""
    parts = split_band(cell)
    if parts is not None:
        mean, band = (escape(p) for p in parts)
        text = f'{mean}<br/><font size="{BAND_POINTS}" color="#666666">{band}</font>'
        return platypus.Paragraph(text, styles["number"])
    return platypus.Paragraph(escape(cell), styles["number" if is_numeric(cell) else "cell"])


def _figure(figure: Figure, number: int, styles: dict[str, Any], available: float) -> Any:
    """Return a figure at the text width with its caption, kept together."""
    platypus = require("reportlab.platypus", extra="plot")
    image = platypus.Image(io.BytesIO(figure.png))
    scale = available / image.imageWidth
    image.drawWidth, image.drawHeight = available, image.imageHeight * scale
    data = f" Data: {escape(figure.data)}." if figure.data else ""
    caption = platypus.Paragraph(
        f"<b>Figure {number}.</b> {escape(figure.caption)}{data}", styles["caption"]
    )
    return platypus.KeepTogether([image, caption])


def write_pdf(report: Report, path: Path) -> Path:
    """Write `report` as an A4 PDF to `path`.

    Raises:
        MissingExtraError: reportlab (the `plot` extra) is not installed.
    """
    platypus = require("reportlab.platypus", extra="plot")
    pagesizes = require("reportlab.lib.pagesizes", extra="plot")
    units = require("reportlab.lib.units", extra="plot")
    styles = _styles()
    margin = MARGIN_MM * units.mm
    width = pagesizes.A4[0]
    available = width - 2 * margin
    story: list[Any] = [
        platypus.Paragraph(escape(report.title), styles["title"]),
        platypus.Paragraph(escape(report.facts), styles["facts"]),
        platypus.Spacer(1, 6),
        platypus.Paragraph(escape(report.description), styles["body"]),
    ]
    tables = figures = 0
    for number, section in enumerate(report.sections, start=1):
        heading = platypus.Paragraph(f"{number}. {escape(section.heading)}", styles["h2"])
        blocks: list[Any] = []
        for block in section.blocks:
            if isinstance(block, Text):
                style = styles["bullet" if block.bullets else "body"]
                bullet = "•" if block.bullets else None
                blocks += [
                    platypus.Paragraph(escape(line), style, bulletText=bullet)
                    for line in block.lines
                ]
            elif isinstance(block, Table):
                tables += 1
                blocks += _table(block, tables, styles, available)
            else:
                figures += 1
                blocks.append(_figure(block, figures, styles, available))
        story.append(platypus.KeepTogether([heading, *blocks[:1]]))
        story += blocks[1:]

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillGray(0.4)
        canvas.drawString(margin, margin / 2, report.title)
        canvas.drawRightString(width - margin, margin / 2, f"page {document.page}")
        canvas.restoreState()

    document = platypus.SimpleDocTemplate(
        str(path),
        pagesize=pagesizes.A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=report.title,
        author="yalu",
        subject=report.facts,
        invariant=1,
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
