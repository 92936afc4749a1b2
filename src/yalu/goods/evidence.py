"""Evidence packs for flagged finished products: what triggered the presumption, and rebuttal.

One pack per finished product (an HS code sold by a supplier no one else in the file buys
from) whose supplier is flagged. It lists every exposed supplier upstream with its signals
and sources, the CAATSA sec. 321(b) presumption, and what a rebuttal would need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yalu.goods.exposure import LabourData, finished_suppliers
from yalu.models.goods import Signal, SupplierExposure
from yalu.models.scores import format_score


@dataclass(frozen=True, slots=True)
class EvidencePack:
    """The case file for one flagged finished product."""

    product_hs: str
    exposure: SupplierExposure
    chain: tuple[SupplierExposure, ...]
    """Exposed suppliers upstream of (and including) the product's maker, nearest first."""
    triggers: tuple[tuple[SupplierExposure, Signal], ...]
    rebuttal: tuple[str, ...]
    presumption: dict[str, object]

    @property
    def slug(self) -> str:
        """Return a file-name-safe name: `<supplier id>-<hs>`."""
        return re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{self.exposure.supplier.id}-{self.product_hs}")


def build_evidence_packs(exposures: list[SupplierExposure], data: LabourData) -> list[EvidencePack]:
    """Return a pack per flagged finished product, in input order."""
    by_id = {e.supplier.id: e for e in exposures}
    packs: list[EvidencePack] = []
    for maker in finished_suppliers(exposures):
        if maker.verdict == "clear":
            continue
        chain = _exposed_chain(maker, by_id)
        triggers = tuple((e, s) for e in chain for s in e.signals if s.weight > 0 and not s.via)
        rebuttal = _rebuttal_items(triggers, chain, data)
        for hs in maker.supplier.products_hs or ("unspecified",):
            packs.append(EvidencePack(hs, maker, chain, triggers, rebuttal, data.presumption))
    return packs


def _exposed_chain(
    maker: SupplierExposure, by_id: dict[str, SupplierExposure]
) -> tuple[SupplierExposure, ...]:
    seen: dict[str, SupplierExposure] = {}
    pending = [maker]
    while pending:
        current = pending.pop(0)
        if current.supplier.id in seen or current.score <= 0:
            continue
        seen[current.supplier.id] = current
        pending += [by_id[u] for u in current.supplier.buys_from]
    return tuple(seen.values())


def _rebuttal_items(
    triggers: tuple[tuple[SupplierExposure, Signal], ...],
    chain: tuple[SupplierExposure, ...],
    data: LabourData,
) -> tuple[str, ...]:
    keys: list[str] = []
    for exposure, signal in triggers:
        if signal.kind == "party":
            keys.append("list_match")
        elif exposure.supplier.country == "kp" and signal.weight >= 1.0:
            keys.append("dprk_origin")
        elif "TIP" in signal.message:
            keys.append("tier")
        else:
            keys.append("region_sector")
    if len(chain) > 1:
        keys.append("inherited")
    items: list[str] = []
    for key in dict.fromkeys(keys):
        items += [item for item in data.rebuttal.get(key, []) if item not in items]
    return tuple(items)


def render_evidence_markdown(pack: EvidencePack) -> str:
    """Return the pack as a Markdown document."""
    maker = pack.exposure
    lines = [
        f"# Evidence pack: HS {pack.product_hs} from {maker.supplier.name} ({maker.supplier.id})",
        "",
        f"- Verdict: **{maker.verdict}**, exposure score {format_score(maker.score)}",
        f"- Presumption triggered in the chain: "
        f"{'yes' if any(e.is_presumed for e in pack.chain) else 'no (exposure only)'}",
        f"- Legal basis: {pack.presumption['citation']}",
        "",
        str(pack.presumption["summary"]).strip(),
        "",
        "## What triggered it",
        "",
    ]
    for exposure, signal in pack.triggers:
        sources = "; ".join(signal.sources) or ("list entry" if signal.hit else "")
        lines.append(
            f"- {exposure.supplier.id} '{exposure.supplier.name}' ({exposure.supplier.country},"
            f" {exposure.supplier.region or 'region not given'}): {signal.message}"
            f" [weight {signal.weight:.2f}; {signal.verification or 'unverified'}]"
            + (f" Sources: {sources}" if sources else "")
        )
    lines += ["", "## Supply chain (exposed suppliers, nearest first)", ""]
    lines += [
        f"- {e.supplier.id} '{e.supplier.name}': score {format_score(e.score)}, verdict {e.verdict}"
        for e in pack.chain
    ]
    lines += ["", "## What a rebuttal would need", ""]
    lines += [f"- [ ] {item}" for item in pack.rebuttal]
    lines += ["", f"Sources of the presumption: {', '.join(pack.presumption['sources'])}", ""]  # type: ignore[arg-type]
    return "\n".join(lines)
