"""Load the DPRK sectoral measures shipped with yalu as typed screening rules.

The rules live in `goods/data/sectoral_measures.yaml`, a versioned, curated file that cites
resolution, paragraph, verification status and sources for every rule (see its header).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from yalu.core.errors import ConfigError
from yalu.formats.input_file import read_utf8
from yalu.models.goods import CapLimit, CapSpec, Rule, normalize_hs_code

DEFAULT_RULES = "sectoral_measures.yaml"


@dataclass(frozen=True, slots=True)
class Conversion:
    """A documented unit conversion factor and where it comes from."""

    value: float
    basis: str
    verification: str
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
    """

    version: str
    rules: tuple[Rule, ...]
    party_rule: Rule
    vessel_rule: Rule
    origin_rule: Rule
    conversions: dict[str, Conversion] = field(default_factory=dict)
    not_screened: dict[str, str] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with `rule_id` (KeyError if absent)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


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
        verification=raw["verification"],
        unverified=tuple(raw.get("unverified", ())),
        exemptions=raw.get("exemptions", ""),
        sources=tuple(sources[key] for key in raw["sources"]),
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
        effective_from=dt.date(2006, 10, 14),
        verification=raw["verification"],
        unverified=tuple(raw.get("unverified", ())),
        sources=tuple(sources[key] for key in raw["sources"]),
    )


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
