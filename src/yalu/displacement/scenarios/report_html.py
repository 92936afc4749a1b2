"""The HTML page of a scenario report: one file, figures as embedded PNG, no script.

Sections are numbered and listed at the top; tables and figures are numbered, with a
caption, and a figure names the CSV file its data comes from. A "mean (band)" cell shows
the band under the mean in smaller type.
"""

from __future__ import annotations

import base64
import html
from importlib import resources
from string import Template

from yalu.displacement.scenarios.report_model import (
    Report,
    Table,
    Text,
    is_numeric,
    split_band,
)


def render_html(report: Report) -> str:
    """Return the report as one HTML page (figures embedded as PNG, no script)."""
    body: list[str] = []
    toc: list[str] = []
    tables = figures = 0
    for number, section in enumerate(report.sections, start=1):
        anchor = f"s{number}"
        toc.append(f'<li><a href="#{anchor}">{html.escape(section.heading)}</a></li>')
        body.append(f'<h2 id="{anchor}">{number}. {html.escape(section.heading)}</h2>')
        for block in section.blocks:
            if isinstance(block, Text):
                items = [html.escape(line) for line in block.lines]
                if block.bullets:
                    body.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
                else:
                    body.extend(f"<p>{i}</p>" for i in items)
            elif isinstance(block, Table):
                tables += 1
                body.append(_html_table(block, tables))
            else:
                figures += 1
                data = base64.b64encode(block.png).decode("ascii")
                source = f" Data: {html.escape(block.data)}." if block.data else ""
                body.append(
                    f'<figure><img alt="{html.escape(block.alt)}" '
                    f'src="data:image/png;base64,{data}"><figcaption><b>Figure {figures}.</b> '
                    f"{html.escape(block.caption)}{source}</figcaption></figure>"
                )
    template = Template(
        (resources.files("yalu.displacement.scenarios") / "templates" / "report.html").read_text(
            encoding="utf-8"
        )
    )
    return template.substitute(
        title=html.escape(report.title),
        facts=html.escape(report.facts),
        description=html.escape(report.description),
        toc="".join(toc),
        body="\n".join(body),
    )


def _html_table(table: Table, number: int) -> str:
    """Return one table with its caption and note."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
    rows = "".join("<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in table.rows)
    note = f'<p class="note">{html.escape(table.note)}</p>' if table.note else ""
    return (
        f"<table><caption><b>Table {number}.</b> {html.escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}"
    )


def _html_cell(cell: str) -> str:
    """Return one table cell; a "mean (band)" cell shows the band under the mean."""
    parts = split_band(cell)
    if parts is not None:
        mean, band = (html.escape(p) for p in parts)
        return f'<td class="n">{mean}<br><span class="band">{band}</span></td>'
    return f'<td class="{"n" if is_numeric(cell) else ""}">{html.escape(cell)}</td>'
