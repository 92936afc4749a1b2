"""Load the DPRK sectoral measures shipped with yalu as typed screening rules.

The rules live in `goods/data/sectoral_measures.yaml`, a versioned, curated file that cites
resolution, paragraph and sources for every rule, records what was checked against which
source, and names the parts no source confirms (see its header). A list hit cites the
measure of the list it was found on (`RuleBook.list_rule`): a UN 1718 entry the UN asset
freeze, an OFAC entry the OFAC list and the entry's program tags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from yalu.core.errors import ConfigError
from yalu.formats.input_file import read_utf8
from yalu.models.goods import CapLimit, CapSpec, Rule, normalize_hs_code

DEFAULT_RULES = "sectoral_measures.yaml"
CITATION_PARTS = ("paragraph", "content", "dates")
"""The parts of a citation a source can confirm or leave unverified."""
HS_BASES = ("resolution", "indicative", "none")
UN_DPRK_MARKS = ("1718", "DPRK", "KPi", "KPe")
"""Program marks of a UN Consolidated List entry under the 1718 (DPRK) regime."""
_LIST_RULE_START = dt.date(2006, 10, 14)


@dataclass(frozen=True, slots=True)
class Conversion:
    """A documented unit conversion factor and where it comes from."""

    value: float
    basis: str
    verification: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ListCitation:
    """How a hit on one list is cited: the list's authority and instrument, and its sources.

    Attributes:
        authority: who keeps the list ("OFAC", "BIS", "UNSC").
        instrument: the list ("SDN List").
        commodity: what being on it means, in words.
        adds_programs: the entry's program tags are part of the citation.
        checked: what was checked against which source.
        sources: URLs.
    """

    authority: str
    instrument: str
    commodity: str
    adds_programs: bool
    checked: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The rules of one version of the measures file, with list rules and conversions.

    Attributes:
        version: the data file's version string.
        rules: goods rules, in file order.
        party_rule: what a listed exporter or importer is cited under.
        vessel_rule: what a listed vessel is cited under.
        origin_rule: what DPRK-made goods are cited under (CAATSA sec. 321(b)).
        conversions: named factors ("litres_per_barrel", "crude_tonnes_to_barrels", ...).
        not_screened: reference measures deliberately not turned into goods rules, with why.
        list_citations: how hits on lists other than the UN 1718 list are cited, by list
            name (`default` for lists not named).
    """

    version: str
    rules: tuple[Rule, ...]
    party_rule: Rule
    vessel_rule: Rule
    origin_rule: Rule
    conversions: dict[str, Conversion] = field(default_factory=dict)
    not_screened: dict[str, str] = field(default_factory=dict)
    list_citations: dict[str, ListCitation] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with `rule_id` (KeyError if absent)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def list_rule(
        self, list_name: str, programs: tuple[str, ...], kind: Literal["party", "vessel"]
    ) -> Rule:
        """Return what a hit on `list_name` is cited under.

        A UN Consolidated List entry under the 1718 (DPRK) regime cites the UN measure
        (`party_rule` or `vessel_rule`); any other entry cites its own list and, where the
        list has them, the entry's program tags: an OFAC-only entry cites OFAC, never a UN
        paragraph.

        Args:
            list_name: the hit's list ("un_sc", "ofac_sdn", ...).
            programs: the entry's program tags as the list prints them.
            kind: a party (exporter, importer) or a vessel.
        """
        if list_name == "un_sc" and any(mark in programs for mark in UN_DPRK_MARKS):
            return self.party_rule if kind == "party" else self.vessel_rule
        citation = self.list_citations.get(list_name) or self.list_citations["default"]
        tags = [tag for tag in programs if tag] if citation.adds_programs else []
        instrument = citation.instrument if citation.authority else f"{list_name} list"
        return Rule(
            id=f"{list_name}-listing",
            measure="list",
            authority=citation.authority,
            resolution=instrument,
            paragraph=("program " + ", ".join(tags)) if tags else "",
            direction="any",
            commodity=citation.commodity,
            hs_prefixes=(),
            effect="ban",
            effective_from=_LIST_RULE_START,
            checked=citation.checked,
            hs_basis="none",
            sources=citation.sources,
        )


def load_rulebook(path: Path | None = None) -> RuleBook:
    """Read the measures file (the packaged one unless `path` is given).

    Raises:
        ConfigError: if the file is malformed (a bad HS code, date or missing field).
    """
    if path is None:
        text = resources.files("yalu.goods").joinpath("data", DEFAULT_RULES).read_text("utf-8")
        where = f"yalu/goods/data/{DEFAULT_RULES}"
    else:
        text = read_utf8(path, error=ConfigError)
        where = str(path)
    data = yaml.safe_load(text)
    sources: dict[str, str] = data["sources"]
    try:
        rules = tuple(_parse_rule(raw, sources, data["conversions"]) for raw in data["rules"])
        party = _parse_list_rule(data["list_rules"]["party"], sources)
        vessel = _parse_list_rule(data["list_rules"]["vessel"], sources)
        origin = _parse_list_rule(data["list_rules"]["dprk_origin"], sources)
        list_citations = {
            str(name): _parse_list_citation(raw, sources)
            for name, raw in data["list_rules"]["lists"].items()
        }
        if "default" not in list_citations:
            raise KeyError("list_rules.lists.default")
    except (KeyError, ValueError, TypeError) as exc:
        raise ConfigError(f"rules file is malformed: {exc}", path=where) from exc
    conversions = {
        name: _parse_conversion(raw, sources)
        for name, raw in data["conversions"].items()
        if isinstance(raw, dict)
    }
    conversions["litres_per_barrel"] = Conversion(
        float(data["conversions"]["litres_per_barrel"]),
        "42 US gallons (definition)",
        "verified",
        (),
    )
    return RuleBook(
        version=str(data["version"]),
        rules=rules,
        party_rule=party,
        vessel_rule=vessel,
        origin_rule=origin,
        conversions=conversions,
        not_screened={str(k): str(v) for k, v in data.get("not_screened", {}).items()},
        list_citations=list_citations,
    )


def _parse_conversion(raw: dict[str, Any], sources: dict[str, str]) -> Conversion:
    return Conversion(
        value=float(raw["value"]),
        basis=" ".join(str(raw["basis"]).split()),
        verification=str(raw["verification"]),
        sources=tuple(sources[key] for key in raw.get("sources", ())),
    )


def _parse_rule(raw: dict[str, Any], sources: dict[str, str], conversions: dict[str, Any]) -> Rule:
    prefixes = tuple("" if code == "*" else normalize_hs_code(str(code)) for code in raw["hs"])
    cap = None
    if raw.get("cap"):
        spec = raw["cap"]
        factor = None
        if spec.get("conversion"):
            factor = float(conversions[f"{spec['conversion']}_tonnes_to_barrels"]["value"])
        cap = CapSpec(
            limits=tuple(CapLimit(float(x["amount"]), x["unit"]) for x in spec["limits"]),
            anchor=_date(spec["anchor"]),
            period_months=int(spec["period_months"]),
            tonnes_to_barrels=factor,
        )
    return Rule(
        id=raw["id"],
        measure=raw["measure"],
        authority=raw["authority"],
        resolution=str(raw["resolution"]),
        paragraph=str(raw.get("paragraph", "")),
        direction=raw["direction"],
        commodity=raw["commodity"],
        hs_prefixes=prefixes,
        hs_excluded=tuple(normalize_hs_code(str(c)) for c in raw.get("hs_excluded", ())),
        keywords=tuple(k.lower() for k in raw.get("keywords", ())),
        is_fallback=bool(raw.get("fallback", False)),
        effect=raw["effect"],
        effective_from=_date(raw["effective_from"]),
        effective_until=_date(raw["effective_until"]) if raw.get("effective_until") else None,
        counterparty=raw.get("counterparty"),
        cap=cap,
        exemptions=raw.get("exemptions", ""),
        **_verification(raw, sources),
    )


def _parse_list_rule(raw: dict[str, Any], sources: dict[str, str]) -> Rule:
    return Rule(
        id=raw["id"],
        measure=raw["measure"],
        authority=raw["authority"],
        resolution=str(raw["resolution"]),
        paragraph=str(raw["paragraph"]),
        direction="any",
        commodity=raw["commodity"],
        hs_prefixes=(),
        effect="ban",
        effective_from=_LIST_RULE_START,
        **_verification(raw, sources),
    )


def _parse_list_citation(raw: dict[str, Any], sources: dict[str, str]) -> ListCitation:
    return ListCitation(
        authority=str(raw["authority"]),
        instrument=str(raw["instrument"]),
        commodity=str(raw["commodity"]),
        adds_programs=bool(raw["programs"]),
        checked=tuple(_checked(item, sources) for item in raw["checked"]),
        sources=tuple(sources[key] for key in raw["sources"]),
    )


def _verification(raw: dict[str, Any], sources: dict[str, str]) -> dict[str, Any]:
    """Return a rule's verification record: checked, unverified (with why), HS basis, sources.

    Raises:
        ValueError: an unknown part or HS basis, or unverified parts without a reason.
        KeyError: a source key that `sources` does not define.
    """
    unverified = tuple(str(part) for part in raw["unverified"])
    unknown = [part for part in unverified if part not in CITATION_PARTS]
    if unknown:
        raise ValueError(f"rule {raw['id']}: unverified part {unknown[0]!r} is not one of "
                         + ", ".join(CITATION_PARTS))  # fmt: skip
    why = " ".join(str(raw.get("unverified_why", "")).split())
    if unverified and not why:
        raise ValueError(f"rule {raw['id']}: unverified parts need an unverified_why")
    hs_basis = str(raw.get("hs_basis", "indicative"))
    if hs_basis not in HS_BASES:
        raise ValueError(
            f"rule {raw['id']}: hs_basis {hs_basis!r} is not one of " + ", ".join(HS_BASES)
        )
    return {
        "unverified": unverified,
        "unverified_why": why,
        "checked": tuple(_checked(item, sources) for item in raw["checked"]),
        "hs_basis": hs_basis,
        "sources": tuple(sources[key] for key in raw["sources"]),
    }


def _checked(item: dict[str, Any], sources: dict[str, str]) -> str:
    """Return one check as text: `paragraph: <what was seen> (<source URL>)`."""
    part = str(item["part"])
    if part not in CITATION_PARTS:
        raise ValueError(f"checked part {part!r} is not one of " + ", ".join(CITATION_PARTS))
    return f"{part}: {' '.join(str(item['seen']).split())} ({sources[item['source']]})"


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
