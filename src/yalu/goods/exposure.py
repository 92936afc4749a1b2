"""Score suppliers and finished products for North Korean forced-labour exposure.

A supplier's own score combines independent signals (noisy-or, each in 0..1): a sanctions
list hit on its name, DPRK origin, a documented region and sector with North Korean workers
(`data/labour_exposure.yaml`) and the Trafficking in Persons tier of its country
(`data/trafficking_tiers.yaml`). Exposure then flows along `buys_from` edges to buyers,
damped by `decay` per step: a buyer's score is `1 - (1 - own) * (1 - decay * max(upstream))`.

DPRK origin or a list match triggers the rebuttable presumption of CAATSA sec. 321(b)
(verdict `prohibited`); other exposure at or above `review_threshold` gives `review`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from yalu.goods.parties import ScreenParty, screen_all, to_hit
from yalu.models.goods import Signal, Supplier, SupplierExposure, Verdict
from yalu.models.scores import format_score
from yalu.models.screening import Match, Query


@dataclass(frozen=True, slots=True)
class LabourData:
    """The packaged labour-exposure data: regions, TIP tiers, presumption and rebuttal lists."""

    version: str
    regions: tuple[dict[str, Any], ...]
    region_factor: float
    country_factor: float
    tier_weights: dict[str, float]
    tiers: dict[str, dict[str, Any]]
    presumption: dict[str, Any]
    rebuttal: dict[str, list[str]]


def load_labour_data() -> LabourData:
    """Read `labour_exposure.yaml` and `trafficking_tiers.yaml` from the package."""
    data_dir = resources.files("yalu.goods").joinpath("data")
    labour = yaml.safe_load(data_dir.joinpath("labour_exposure.yaml").read_text("utf-8"))
    tiers = yaml.safe_load(data_dir.joinpath("trafficking_tiers.yaml").read_text("utf-8"))
    return LabourData(
        version=f"labour {labour['version']}; tiers {tiers['version']}",
        regions=tuple(labour["regions"]),
        region_factor=float(labour["region_factor"]),
        country_factor=float(labour["country_factor"]),
        tier_weights={str(k): float(v) for k, v in labour["tier_weights"].items()},
        tiers=tiers["countries"],
        presumption=labour["presumption"],
        rebuttal=labour["rebuttal_evidence"],
    )


def assess_suppliers(
    suppliers: list[Supplier],
    screen_party: ScreenParty,
    data: LabourData,
    *,
    as_of_year: int | None = None,
    decay: float = 0.8,
    review_threshold: float = 0.3,
) -> list[SupplierExposure]:
    """Score every supplier, in input order.

    Args:
        suppliers: a validated, acyclic graph (`yalu.formats.suppliers.read_suppliers`).
        screen_party: screens one name against the sanctions lists.
        data: `load_labour_data()`.
        as_of_year: use TIP tiers of report years up to this one (default: the latest).
        decay: share of a supplier's exposure passed to each buyer, in 0..1.
        review_threshold: score in 0..1 at or above which a supplier is flagged for review.
    """
    by_id = {s.id: s for s in suppliers}
    named = [s for s in suppliers if s.name]
    found = screen_all(screen_party, [_supplier_query(s) for s in named])
    screened = {s.id: matches for s, matches in zip(named, found, strict=True)}

    def screen_known(query: Query) -> list[Match]:
        return screened[query.id or ""]

    done: dict[str, SupplierExposure] = {}
    for supplier in _upstream_first(suppliers, by_id):
        signals = own_signals(supplier, screen_known, data, as_of_year)
        is_presumed = any(s.kind in ("party", "labour") and s.weight >= 1.0 for s in signals)
        own = _noisy_or([s.weight for s in signals])
        inherited = [_inherited(done[u], decay) for u in supplier.buys_from]
        strongest = max(inherited, key=lambda s: s.weight, default=None)
        score = own
        if strongest is not None and strongest.weight > 0:
            score = 1 - (1 - own) * (1 - strongest.weight)
            signals = [*signals, strongest]
        verdict: Verdict = "prohibited" if is_presumed else "clear"
        if not is_presumed and score >= review_threshold:
            verdict = "review"
        done[supplier.id] = SupplierExposure(supplier, verdict, score, tuple(signals), is_presumed)
    return [done[s.id] for s in suppliers]


def finished_suppliers(exposures: list[SupplierExposure]) -> list[SupplierExposure]:
    """Return the suppliers no other supplier buys from: the makers of finished products."""
    bought = {u for e in exposures for u in e.supplier.buys_from}
    return [e for e in exposures if e.supplier.id not in bought]


def _supplier_query(supplier: Supplier) -> Query:
    return Query(name=supplier.name, id=supplier.id, country=supplier.country or None)


def own_signals(
    supplier: Supplier, screen_party: ScreenParty, data: LabourData, as_of_year: int | None
) -> list[Signal]:
    """Return the supplier's own exposure signals (no inheritance)."""
    signals: list[Signal] = []
    presumption = data.presumption
    if supplier.name:
        for match in screen_party(_supplier_query(supplier)):
            hit = to_hit(match, "supplier", supplier.name)
            signals.append(Signal(
                "party", 1.0 if hit.is_match else 0.5,
                f"name {'matches' if hit.is_match else 'resembles'} {hit.list} entry"
                f" {hit.entity_id} '{hit.name}' (score {format_score(hit.score)})",
                hit=hit, verification="list entry",
            ))  # fmt: skip
    if supplier.country == "kp":
        signals.append(Signal(
            "labour", 1.0, f"DPRK origin: {presumption['citation']} presumption applies",
            tuple(presumption["sources"]), presumption["verification"],
        ))  # fmt: skip
    region_signal = _region_signal(supplier, data)
    if region_signal is not None:
        signals.append(region_signal)
    signals.append(_tier_signal(supplier.country, data, as_of_year))
    return signals


def _region_signal(supplier: Supplier, data: LabourData) -> Signal | None:
    region = supplier.region.lower()
    sector = supplier.sector.lower()
    best: Signal | None = None
    for entry in data.regions:
        if entry["country"] != supplier.country:
            continue
        in_region = any(name in region for name in entry["regions"])
        in_sector = any(word in sector for word in entry["sectors"]) or any(
            code.startswith(str(prefix)) for code in supplier.products_hs for prefix in entry["hs"]
        )
        weight = float(entry["weight"])
        if in_region and in_sector:
            what = "region and sector"
        elif in_sector:
            weight *= data.country_factor
            what = "sector (other region of the country)"
        elif in_region:
            weight *= data.region_factor
            what = "region (other sector)"
        else:
            continue
        if best is None or weight > best.weight:
            best = Signal(
                "labour", weight, f"{what} with documented North Korean workers: {entry['note']}",
                tuple(entry["sources"]), entry["verification"],
            )  # fmt: skip
    return best


def _tier_signal(country: str, data: LabourData, as_of_year: int | None) -> Signal:
    record = data.tiers.get(country)
    if record is None:
        return Signal("data", 0.0, f"TIP tier of '{country}' is not on file", (), "unverified")
    years = [y for y in record["years"] if as_of_year is None or y["year"] <= as_of_year]
    known = [y for y in years if y["tier"]]
    latest = years[-1] if years else None
    if latest is not None and not latest["tier"] and known:
        note = f" (no source for {latest['year']}; last known {known[-1]['year']})"
        latest = known[-1]
    else:
        note = ""
    if latest is None or not latest["tier"]:
        return Signal("labour", data.tier_weights["unknown"],
                      f"TIP tier of {record['name']} unknown", (), "unverified")  # fmt: skip
    tier = str(latest["tier"])
    label = "Tier 2 Watch List" if tier == "2WL" else f"Tier {tier}"
    sources = tuple(str(s) for s in latest.get("sources", ()))
    return Signal(
        "labour", data.tier_weights.get(tier, data.tier_weights["unknown"]),
        f"{record['name']} is {label} in the {latest['year']} TIP report{note}",
        sources, str(latest["status"]),
    )  # fmt: skip


def _inherited(upstream: SupplierExposure, decay: float) -> Signal:
    source = upstream.supplier
    via = (source.id, *next((s.via for s in upstream.signals if s.via), ()))
    presumed = " (under the CAATSA 321(b) presumption)" if upstream.is_presumed else ""
    return Signal(
        "labour", decay * upstream.score,
        f"buys from {source.id} '{source.name}', exposure {format_score(upstream.score)}{presumed}",
        via=via, verification="inherited",
    )  # fmt: skip


def _noisy_or(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - min(max(weight, 0.0), 1.0)
    return 1.0 - remaining


def _upstream_first(suppliers: list[Supplier], by_id: dict[str, Supplier]) -> list[Supplier]:
    """Order suppliers so each comes after everyone it buys from (the graph is acyclic)."""
    order: list[Supplier] = []
    placed: set[str] = set()
    for start in suppliers:
        stack = [(start, iter(start.buys_from))]
        while stack:
            node, edges = stack[-1]
            nxt = next((by_id[e] for e in edges if e not in placed), None)
            if nxt is None:
                stack.pop()
                if node.id not in placed:
                    placed.add(node.id)
                    order.append(node)
            elif all(nxt is not n for n, _ in stack):
                stack.append((nxt, iter(nxt.buys_from)))
    return order
