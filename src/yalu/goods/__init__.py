"""Screen goods against the DPRK sectoral sanctions and score suppliers for forced labour.

`check_shipments(read_shipments(path), load_rulebook(), screen_party)` gives each shipment
line a verdict (prohibited, over_cap, review, clear) with the rules, caps and list entries
behind it; `assess_suppliers` scores a supplier graph for North Korean forced-labour
exposure and `build_evidence_packs` writes up each flagged finished product. Rules and
labour data are versioned YAML files in `goods/data/`, each citing its sources.

Party and vessel screening is injected (`screen_party`), so this engine does not import
`yalu.screening`; the interfaces wire the two together.
"""

from yalu.goods.check import CapTotal, ShipmentReport, check_shipments
from yalu.goods.evidence import EvidencePack, build_evidence_packs, render_evidence_markdown
from yalu.goods.exposure import LabourData, assess_suppliers, load_labour_data
from yalu.goods.parties import ScreenParty
from yalu.goods.rules import RuleBook, load_rulebook

__all__ = [
    "CapTotal",
    "EvidencePack",
    "LabourData",
    "RuleBook",
    "ScreenParty",
    "ShipmentReport",
    "assess_suppliers",
    "build_evidence_packs",
    "check_shipments",
    "load_labour_data",
    "load_rulebook",
    "render_evidence_markdown",
]
