"""Plain typed data for goods screening: HS codes, sanctions rules, reasons and verdicts.

A shipment line gets a `Verdict` and the `Reason`s that caused it. Each reason names its
kind (a sectoral `rule`, a `cap`, a listed `party` or `vessel`, forced `labour`, or a `data`
gap such as a missing quantity) and cites what it rests on: the rule with its resolution and
paragraph and how well that citation is verified, or the list entity that matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
import numpy.typing as npt

Codes = npt.NDArray[np.int32]
"""Indexes into a tuple of distinct values (dictionary encoding)."""
Floats = npt.NDArray[np.float64]
Verdict = Literal["prohibited", "over_cap", "review", "clear"]
VERDICTS: tuple[Verdict, ...] = ("prohibited", "over_cap", "review", "clear")
"""Most severe first: a line takes the most severe effect of its reasons."""

ReasonKind = Literal["rule", "cap", "party", "vessel", "labour", "data"]
Direction = Literal["export_from_dprk", "import_into_dprk", "any"]
Effect = Literal["ban", "cap", "review"]
HSBasis = Literal["resolution", "indicative", "none"]
"""Where a rule's HS codes come from: the measure's own text, yalu's mapping, or no codes."""

HSLevel = Literal["chapter", "heading", "subheading", "national"]
_HS_SEPARATORS = re.compile(r"[\s.\-/]")
_HS_VALID = re.compile(r"\d{2}(?:\d{2}){0,4}")


def normalize_hs_code(text: str) -> str:
    """Return an HS code as bare digits: "2710.19" -> "271019", "03" -> "03".

    Dots, spaces, dashes and slashes are dropped. The result has 2 (chapter), 4 (heading),
    6 (subheading), 8 or 10 (national tariff line) digits. Normalising twice gives the same
    result.

    Raises:
        ValueError: if the text is not an HS code once separators are dropped, with a
            message that says why (odd length, letters, chapter 00 or 77).
    """
    digits = _HS_SEPARATORS.sub("", text)
    if not digits:
        raise ValueError("HS code is empty")
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"HS code {text!r} has characters other than digits")
    if not _HS_VALID.fullmatch(digits):
        raise ValueError(
            f"HS code {text!r} has {len(digits)} digits; HS codes have 2, 4, 6, 8 or 10"
        )
    if digits[:2] in {"00", "77"}:
        raise ValueError(f"HS code {text!r} is in chapter {digits[:2]}, which does not exist")
    return digits


def hs_level(code: str) -> HSLevel:
    """Return the level of a normalised HS code: chapter, heading, subheading or national."""
    return {2: "chapter", 4: "heading", 6: "subheading"}.get(len(code), "national")  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class CapLimit:
    """One limit of a cap: `amount` of `unit` (barrels, tonnes or USD) per period."""

    amount: float
    unit: Literal["bbl", "t", "usd"]


@dataclass(frozen=True, slots=True)
class CapSpec:
    """How a capped commodity is accounted: limits, the period and the unit conversion.

    Periods start at `anchor` and last `period_months`; a shipment counts toward the period
    its date falls in. `tonnes_to_barrels` converts mass to barrels for barrel limits.
    """

    limits: tuple[CapLimit, ...]
    anchor: date
    period_months: int
    tonnes_to_barrels: float | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A sectoral measure a shipment line can be screened against.

    Attributes:
        id: stable rule id ("unsc-2397-6-machinery").
        measure: the reference measure id it was curated from (M001..M068).
        authority: "UNSC" or a national authority ("PRC").
        resolution: resolution number or instrument ("2397").
        paragraph: operative paragraph as cited ("6", "23 & Annex IV").
        direction: whether it restricts exports from or imports into the DPRK.
        commodity: what the measure covers, in words.
        hs_prefixes: normalised HS codes; a line matches when its code starts with one.
        hs_excluded: HS prefixes exempt from an otherwise broad rule (food, medicine).
        keywords: when set, the description must contain one (lower case) for the rule to bite.
        is_fallback: applies only to lines no other rule of the same direction matched.
        effect: ban (prohibited), cap (accounted) or review.
        effective_from: first day the measure applies.
        effective_until: last day it applies (superseded), if any.
        counterparty: ISO alpha-2 of the other party's country the rule is limited to (PRC).
        cap: accounting details for caps.
        unverified: the parts of the citation no stored source confirms ("paragraph",
            "content", "dates"); empty when the citation is verified.
        unverified_why: why those parts are left unverified.
        checked: what was checked against which source (document symbol or URL).
        hs_basis: "resolution" when the measure's own text gives the HS codes,
            "indicative" when yalu mapped the commodity to HS codes, "none" (list rules).
        exemptions: exemptions and exceptions in words.
        sources: URLs of the sources.
    """

    id: str
    measure: str
    authority: str
    resolution: str
    paragraph: str
    direction: Direction
    commodity: str
    hs_prefixes: tuple[str, ...]
    effect: Effect
    effective_from: date
    effective_until: date | None = None
    hs_excluded: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    is_fallback: bool = False
    counterparty: str | None = None
    cap: CapSpec | None = None
    unverified: tuple[str, ...] = ()
    unverified_why: str = ""
    checked: tuple[str, ...] = ()
    hs_basis: HSBasis = "indicative"
    exemptions: str = ""
    sources: tuple[str, ...] = ()

    @property
    def cited(self) -> str:
        """Return what is cited, without verification: "UNSC 2397 para 6".

        Also "UNSC 2094 para 23 & Annex IV", "UNSC 2321 Annex IV", "OFAC SDN List program
        DPRK3".
        """
        text = " ".join(part for part in (self.authority, self.resolution) if part)
        if self.paragraph[:1].isdigit():
            text += f" para {self.paragraph}"
        elif self.paragraph:
            text += f" {self.paragraph}"
        return text

    @property
    def citation(self) -> str:
        """Return `cited`, plus "(UNVERIFIED: paragraph)" when parts are not confirmed."""
        if self.unverified:
            return f"{self.cited} (UNVERIFIED: {', '.join(self.unverified)})"
        return self.cited

    @property
    def is_verified(self) -> bool:
        """Return True when a recorded source confirms every part of the citation.

        The HS mapping is not part of the citation: `hs_basis` says where it comes from.
        """
        return not self.unverified


@dataclass(frozen=True, slots=True)
class CapStatus:
    """Where a line leaves a cap: running total in the period after this line."""

    running_total: float
    limit: float
    unit: str
    period_start: date
    period_end: date
    line_amount: float

    @property
    def consumed_pct(self) -> float:
        """Return the running total as a percentage of the limit (may exceed 100)."""
        return 100.0 * self.running_total / self.limit if self.limit else 0.0


@dataclass(frozen=True, slots=True)
class ListHit:
    """A sanctions-list entity a party or vessel matched (from the screening engine)."""

    entity_id: str
    list: str
    name: str
    score: float
    is_match: bool
    explanation: str
    role: str
    """Which input field matched: exporter, importer, vessel, supplier."""
    query: str
    programs: tuple[str, ...] = ()
    """The entry's programs as its list prints them (OFAC "DPRK3", UN "1718")."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One cause of a verdict, with what it cites.

    `effect` is the verdict this reason alone would give ("clear" for information such as
    cap consumption below the limit).
    """

    kind: ReasonKind
    effect: Verdict
    message: str
    rule: Rule | None = None
    hit: ListHit | None = None
    cap: CapStatus | None = None


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The verdict of one input row and its reasons, in input order."""

    id: str
    verdict: Verdict
    reasons: tuple[Reason, ...] = field(default=())
    line: int = 0
    """Line number in the input file (header is line 1)."""


def worst_verdict(verdicts: list[Verdict] | tuple[Verdict, ...]) -> Verdict:
    """Return the most severe verdict of `verdicts`, or "clear" when there are none."""
    return min(verdicts, key=VERDICTS.index, default="clear")


QuantityUnit = Literal["t", "bbl", "count", "m", "m2", "m3", "other"]


@dataclass(frozen=True, slots=True)
class ShipmentBatch:
    """Shipment lines as columns (struct of arrays), validated, in input order.

    Repeating text columns are dictionary-encoded: `hs_code[i]` indexes `hs_values`, and so on,
    so work per distinct value (rule lookup, party screening) is done once.

    Attributes:
        ids: line ids as given.
        dates: shipment dates (numpy datetime64[D]).
        hs_code, hs_values: normalised HS codes.
        origin, destination, countries: ISO alpha-2 codes (lower case, "" when blank).
        exporter, importer, parties: party names ("" when blank).
        vessel, vessels: (vessel name, IMO number) pairs (("", "") when blank).
        quantity: amount in the canonical unit (NaN when blank); tonnes for mass,
            barrels for oil volume, cubic metres for other volume.
        unit, units: canonical unit of each line ("" when blank).
        value_usd: declared value (NaN when blank).
        descriptions: goods descriptions, lower case.
        first_line: file line of the first row (2 after a header).
    """

    ids: list[str]
    dates: npt.NDArray[np.datetime64]
    hs_code: Codes
    hs_values: tuple[str, ...]
    origin: Codes
    destination: Codes
    countries: tuple[str, ...]
    exporter: Codes
    importer: Codes
    parties: tuple[str, ...]
    vessel: Codes
    vessels: tuple[tuple[str, str], ...]
    quantity: Floats
    unit: Codes
    units: tuple[str, ...]
    value_usd: Floats
    descriptions: list[str]
    first_line: int = 2

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class Supplier:
    """One node of a supplier graph.

    Attributes:
        id: the supplier's id in the file.
        name: legal or trading name (screened against the lists).
        country: ISO alpha-2, lower case.
        region: province, state or city as given ("Liaoning", "Hunchun, Jilin").
        sector: what it does ("seafood processing").
        products_hs: normalised HS codes of what it sells.
        buys_from: ids of its suppliers.
        line: line in the input file.
    """

    id: str
    name: str
    country: str
    region: str
    sector: str
    products_hs: tuple[str, ...]
    buys_from: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of forced-labour exposure evidence on a supplier, scored in 0..1."""

    kind: ReasonKind
    weight: float
    message: str
    sources: tuple[str, ...] = ()
    verification: str = ""
    hit: ListHit | None = None
    via: tuple[str, ...] = ()
    """For inherited exposure: the supplier ids from the source up to this supplier."""


@dataclass(frozen=True, slots=True)
class SupplierExposure:
    """A supplier's exposure: own signals, inherited ones and the combined score in 0..1."""

    supplier: Supplier
    verdict: Verdict
    score: float
    signals: tuple[Signal, ...]
    is_presumed: bool
    """True when CAATSA sec. 321(b)'s presumption is triggered (DPRK origin or list match)."""
