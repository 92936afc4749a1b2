"""Render one-file HTML reports (inline CSS, no external assets) for goods and suppliers.

Jinja2 comes with the `api` extra; it is imported here, when a report is asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from yalu.core.optional import require
from yalu.goods.check import ShipmentReport
from yalu.goods.evidence import EvidencePack, render_evidence_markdown
from yalu.goods.rules import RuleBook
from yalu.models.goods import SupplierExposure
from yalu.models.scores import format_score

MAX_CLEAR_ROWS = 200
"""Clear lines shown in a shipment report; the count of the others is always printed."""


def _environment() -> Any:
    jinja2 = require("jinja2", extra="api", purpose="HTML reports need Jinja2")
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("yalu.goods", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["score"] = format_score  # cut, never rounded up (models/scores)
    return environment


def render_shipment_report(
    report: ShipmentReport, rulebook: RuleBook, *, source: str, generated: dt.datetime
) -> str:
    """Return the HTML report of a shipment check: counts, caps, flagged lines, rules cited.

    Every non-clear line is listed; clear lines are listed up to `MAX_CLEAR_ROWS` and the
    number left out is stated. `generated` is the time printed as the report's date (the
    caller reads the clock; this engine does not).
    """
    flagged = [line for line in report.lines if line.verdict != "clear"]
    clear = [line for line in report.lines if line.verdict == "clear"]
    template = _environment().get_template("shipments.html")
    return str(
        template.render(
            source=source,
            generated=_stamp(generated),
            report=report,
            rulebook=rulebook,
            flagged=flagged,
            clear=clear[:MAX_CLEAR_ROWS],
            clear_left_out=max(0, len(clear) - MAX_CLEAR_ROWS),
        )
    )


def render_supplier_report(
    exposures: list[SupplierExposure],
    packs: list[EvidencePack],
    *,
    source: str,
    version: str,
    generated: dt.datetime,
) -> str:
    """Return the HTML report of a supplier check: every supplier and every evidence pack."""
    template = _environment().get_template("suppliers.html")
    return str(
        template.render(
            source=source,
            generated=_stamp(generated),
            exposures=exposures,
            packs=[(pack, render_evidence_markdown(pack)) for pack in packs],
            version=version,
        )
    )


def _stamp(moment: dt.datetime) -> str:
    """Return `moment` as printed in a report: "2026-12-04 01:25 UTC"."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
