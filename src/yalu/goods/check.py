"""Give each shipment line a verdict from the sectoral rules, caps and list screening.

`check_shipments` works column-wise: each rule is matched once per distinct HS code and
applied to all lines with numpy masks; parties and vessels are screened once per distinct
name. Verdicts take the most severe effect of a line's reasons:
prohibited > over_cap > review > clear.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from yalu.core.progress import ProgressCallback
from yalu.goods.caps import period_bounds, period_index, running_totals, to_cap_unit
from yalu.goods.parties import ScreenParty, list_reasons
from yalu.goods.rules import RuleBook
from yalu.models.goods import (
    VERDICTS,
    CapStatus,
    LineVerdict,
    Reason,
    Rule,
    ShipmentBatch,
    Verdict,
)

Mask = npt.NDArray[np.bool_]
_EFFECT_WORDS = {"ban": "banned", "cap": "capped", "review": "to review"}
_SEVERITY = {verdict: level for level, verdict in enumerate(VERDICTS)}
_DIRECTION_WORDS = {
    "export_from_dprk": "export from the DPRK",
    "import_into_dprk": "import into the DPRK",
}


@dataclass(frozen=True, slots=True)
class CapTotal:
    """The total of one cap limit in one period, over the whole file."""

    rule: Rule
    unit: str
    limit: float
    period_start: dt.date
    period_end: dt.date
    total: float
    lines: int


@dataclass(frozen=True, slots=True)
class ShipmentReport:
    """Verdicts for every line, in input order, with cap totals and the rules' version."""

    lines: list[LineVerdict]
    rules_version: str
    cap_totals: tuple[CapTotal, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    unverified_rules: tuple[Rule, ...] = ()
    """Rules cited in this report that are not fully verified."""


class _Reasons:
    """Collects reasons per line and tracks each line's most severe effect."""

    def __init__(self, size: int) -> None:
        self.by_line: list[list[Reason] | None] = [None] * size
        self.severity = np.full(size, _SEVERITY["clear"], dtype=np.int8)
        self.cited: dict[str, Rule] = {}

    def add(self, rows: npt.NDArray[np.intp], reason: Reason) -> None:
        if not rows.size:
            return
        if reason.rule is not None:
            self.cited[reason.rule.id] = reason.rule
        by_line = self.by_line
        for row in rows.tolist():
            entry = by_line[row]
            if entry is None:
                by_line[row] = [reason]
            else:
                entry.append(reason)
        level = _SEVERITY[reason.effect]
        self.severity[rows] = np.minimum(self.severity[rows], level)

    def add_each(self, rows: npt.NDArray[np.intp], each: list[Reason]) -> None:
        """Add one reason per row (`each` aligned with `rows`, rows distinct)."""
        by_line = self.by_line
        for row, reason in zip(rows.tolist(), each, strict=True):
            entry = by_line[row]
            if entry is None:
                by_line[row] = [reason]
            else:
                entry.append(reason)
        if each and each[0].rule is not None:
            self.cited[each[0].rule.id] = each[0].rule
        levels = np.array([_SEVERITY[r.effect] for r in each], dtype=np.int8)
        self.severity[rows] = np.minimum(self.severity[rows], levels)


def check_shipments(
    batch: ShipmentBatch,
    rulebook: RuleBook,
    screen_party: ScreenParty,
    *,
    on_progress: ProgressCallback | None = None,
) -> ShipmentReport:
    """Screen every shipment line against the rules, caps and sanctions lists.

    Args:
        batch: validated shipment lines (see `yalu.formats.shipments.read_shipments`).
        rulebook: the sectoral rules (`load_rulebook()`).
        screen_party: screens one party or vessel query; called once per distinct name.
        on_progress: called with the number of distinct parties and vessels screened.

    Returns:
        One `LineVerdict` per line, in input order, plus cap totals per period.
    """
    reasons = _Reasons(len(batch))
    kp = batch.countries.index("kp") if "kp" in batch.countries else -1
    is_export = batch.origin == kp
    is_import = batch.destination == kp
    matched = {
        "export_from_dprk": np.zeros(len(batch), bool),
        "import_into_dprk": np.zeros(len(batch), bool),
    }
    cap_totals: list[CapTotal] = []
    for rule in rulebook.rules:
        if rule.is_fallback:
            continue
        in_scope = _scope(
            batch, rule, is_export if rule.direction == "export_from_dprk" else is_import
        )
        if not in_scope.any():
            continue
        full, partial = _match_hs(batch, rule, in_scope)
        matched[rule.direction] |= full | partial
        if rule.cap is not None:
            cap_totals += _apply_cap(batch, rule, full, reasons)
        else:
            _add_rule_reasons(batch, rule, full, reasons, rule.effect)
        _add_rule_reasons(batch, rule, partial, reasons, "review", is_partial=True)
    for rule in rulebook.rules:
        if rule.is_fallback:
            direction_mask = is_export if rule.direction == "export_from_dprk" else is_import
            in_scope = _scope(batch, rule, direction_mask) & ~matched[rule.direction]
            full, _ = _match_hs(batch, rule, in_scope)
            _add_rule_reasons(batch, rule, full, reasons, rule.effect)
    _add_origin_reasons(batch, rulebook, is_export & ~matched["export_from_dprk"], reasons)
    _add_blank_country_reasons(batch, reasons)
    for rows, reason in list_reasons(batch, screen_party, rulebook.list_rule, on_progress):
        reasons.add(rows, reason)
    lines = _assemble(batch, reasons)
    counts = Counter(line.verdict for line in lines)
    return ShipmentReport(
        lines=lines,
        rules_version=rulebook.version,
        cap_totals=tuple(cap_totals),
        counts={verdict: counts.get(verdict, 0) for verdict in VERDICTS},
        unverified_rules=tuple(r for r in reasons.cited.values() if not r.is_verified),
    )


def _scope(batch: ShipmentBatch, rule: Rule, direction_mask: Mask) -> Mask:
    """Lines in the rule's direction, dates and (for national rules) counterparty."""
    mask = direction_mask & (batch.dates >= np.datetime64(rule.effective_from))
    if rule.effective_until is not None:
        mask &= batch.dates <= np.datetime64(rule.effective_until)
    if rule.counterparty is not None:
        other = batch.destination if rule.direction == "export_from_dprk" else batch.origin
        codes = [i for i, c in enumerate(batch.countries) if c == rule.counterparty]
        mask &= np.isin(other, codes)
    return mask


def _match_hs(batch: ShipmentBatch, rule: Rule, in_scope: Mask) -> tuple[Mask, Mask]:
    """Return lines whose HS code falls under the rule, and lines with a code too general.

    A code "falls under" a rule when it starts with one of the rule's prefixes (and with
    none of its exclusions). A code is "too general" when it is a chapter or heading above
    a rule prefix (2709 and 27 for rule 270900): the goods may or may not be covered.
    """
    under = np.zeros(len(batch.hs_values), bool)
    above = np.zeros(len(batch.hs_values), bool)
    for index, code in enumerate(batch.hs_values):
        if any(code.startswith(x) for x in rule.hs_excluded):
            continue
        under[index] = any(code.startswith(p) for p in rule.hs_prefixes)
        above[index] = not under[index] and any(
            len(code) < len(p) and p.startswith(code) for p in rule.hs_prefixes
        )
    full = in_scope & under[batch.hs_code]
    partial = in_scope & above[batch.hs_code]
    if rule.keywords:
        rows = np.flatnonzero(full)
        keep = [r for r in rows.tolist() if any(k in batch.descriptions[r] for k in rule.keywords)]
        full = np.zeros(len(batch), bool)
        full[keep] = True
    return full, partial


def _add_rule_reasons(
    batch: ShipmentBatch,
    rule: Rule,
    rows_mask: Mask,
    reasons: _Reasons,
    effect: str,
    *,
    is_partial: bool = False,
) -> None:
    rows = np.flatnonzero(rows_mask)
    if not rows.size:
        return
    verdict: Verdict = {"ban": "prohibited", "review": "review"}.get(effect, "review")  # type: ignore[assignment]
    codes = batch.hs_code[rows]
    for code in np.unique(codes).tolist():
        hs = batch.hs_values[code]
        if is_partial:
            what = f"HS {hs} is more general than the rule's codes; the goods may fall under"
        else:
            what = f"HS {hs} falls under"
        message = (
            f"{what} {rule.commodity} ({_DIRECTION_WORDS.get(rule.direction, rule.direction)},"
            f" {_EFFECT_WORDS[rule.effect]} from {rule.effective_from})"
        )
        if rule.exemptions:
            message += f"; exemptions: {rule.exemptions}"
        reasons.add(rows[codes == code], Reason("rule", verdict, message, rule=rule))


def _apply_cap(batch: ShipmentBatch, rule: Rule, full: Mask, reasons: _Reasons) -> list[CapTotal]:
    """Add a cap reason to every covered line; return each period's total per limit."""
    assert rule.cap is not None
    rows = np.flatnonzero(full)
    if not rows.size:
        return []
    spec = rule.cap
    periods = period_index(batch.dates[rows], spec)
    totals: list[CapTotal] = []
    for limit in spec.limits:
        amounts = to_cap_unit(batch, limit.unit, spec.tonnes_to_barrels)[rows]
        run = running_totals(rows, amounts, periods)
        bounds = {p: period_bounds(spec, p) for p in np.unique(periods).tolist()}
        for period, (start, end) in bounds.items():
            in_period = periods == period
            total = float(run.running[in_period][-1])
            totals.append(
                CapTotal(rule, limit.unit, limit.amount, start, end, total, int(in_period.sum()))
            )
        each = [
            _cap_reason(rule, CapStatus(running, limit.amount, limit.unit, *bounds[period], amount))
            for running, period, amount in zip(
                run.running.tolist(), periods.tolist(), amounts.tolist(), strict=True
            )
        ]
        reasons.add_each(rows, each)
    return totals


def _cap_reason(rule: Rule, status: CapStatus) -> Reason:
    unit = {"bbl": "barrels", "t": "tonnes", "usd": "USD"}[status.unit]
    period = f"{status.period_start}..{status.period_end}"
    if np.isnan(status.line_amount):
        return Reason(
            "cap", "review",
            f"{rule.commodity}: this line's amount cannot be expressed in {unit} (quantity or value"
            f" missing or in another unit), so it is not counted; {status.running_total:,.0f}"
            f" of {status.limit:,.0f} {unit} used in {period}",
            rule=rule, cap=status,
        )  # fmt: skip
    over = status.running_total > status.limit
    message = (
        f"{rule.commodity}: running total {status.running_total:,.0f} of {status.limit:,.0f} {unit}"
        f" in {period} (cap consumed {status.consumed_pct:.0f}%)"
    )
    if over:
        message += "; the cap is exceeded"
    return Reason("cap", "over_cap" if over else "clear", message, rule=rule, cap=status)


def _add_origin_reasons(
    batch: ShipmentBatch, rulebook: RuleBook, rows_mask: Mask, reasons: _Reasons
) -> None:
    rule = rulebook.origin_rule
    message = (
        "DPRK-origin goods not covered by a sectoral ban: presumed made with North Korean"
        " forced labour (barred from US entry unless rebutted); check national measures"
    )
    reasons.add(np.flatnonzero(rows_mask), Reason("labour", "review", message, rule=rule))


def _add_blank_country_reasons(batch: ShipmentBatch, reasons: _Reasons) -> None:
    if "" not in batch.countries:
        return
    blank = batch.countries.index("")
    for column, values in (("origin", batch.origin), ("destination", batch.destination)):
        message = f"{column} is blank: DPRK {column} cannot be ruled out"
        reasons.add(np.flatnonzero(values == blank), Reason("data", "review", message))


def _assemble(batch: ShipmentBatch, reasons: _Reasons) -> list[LineVerdict]:
    verdict_names = [VERDICTS[level] for level in reasons.severity.tolist()]
    first = batch.first_line
    return [
        LineVerdict(line_id, verdict, tuple(found) if found else (), first + row)
        for row, (line_id, verdict, found) in enumerate(
            zip(batch.ids, verdict_names, reasons.by_line, strict=True)
        )
    ]
