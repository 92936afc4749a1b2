import pytest

from tests.goods.conftest import SAMPLES
from yalu.formats.suppliers import read_suppliers
from yalu.goods.evidence import build_evidence_packs, render_evidence_markdown
from yalu.goods.exposure import assess_suppliers, load_labour_data


@pytest.fixture(scope="module")
def exposures(screen_party):  # type: ignore[no-untyped-def]
    return assess_suppliers(
        read_suppliers(SAMPLES / "suppliers.csv"), screen_party, load_labour_data()
    )


def by_id(exposures, supplier_id):  # type: ignore[no-untyped-def]
    return next(e for e in exposures if e.supplier.id == supplier_id)


def test_dprk_supplier_triggers_the_presumption(exposures) -> None:  # type: ignore[no-untyped-def]
    rason = by_id(exposures, "F-02")
    assert rason.is_presumed and rason.verdict == "prohibited" and rason.score == pytest.approx(1.0)
    assert any("321(b)" in s.message for s in rason.signals)


def test_listed_supplier_is_prohibited_through_the_screening_engine(exposures) -> None:  # type: ignore[no-untyped-def]
    listed = by_id(exposures, "F-07")
    assert listed.verdict == "prohibited"
    assert any(s.hit is not None and s.hit.entity_id == "KPe.002" for s in listed.signals)


def test_documented_region_and_sector_flag_a_supplier(exposures) -> None:  # type: ignore[no-untyped-def]
    donggang = by_id(exposures, "F-01")
    assert donggang.verdict == "review"
    assert any("region and sector" in s.message and s.sources for s in donggang.signals)


def test_exposure_propagates_to_buyers_and_decays(exposures) -> None:  # type: ignore[no-untyped-def]
    trader, retailer = by_id(exposures, "F-03"), by_id(exposures, "F-04")
    assert trader.verdict == "review" and retailer.verdict == "review"
    assert retailer.score < trader.score <= 1.0
    inherited = next(s for s in retailer.signals if s.via)
    assert inherited.via[0] == "F-03"


def test_supplier_with_no_signals_is_clear(exposures) -> None:  # type: ignore[no-untyped-def]
    assert by_id(exposures, "F-09").verdict == "clear"
    assert by_id(exposures, "F-09").score == pytest.approx(0.0)


def test_evidence_pack_per_flagged_finished_product(exposures) -> None:  # type: ignore[no-untyped-def]
    packs = build_evidence_packs(exposures, load_labour_data())
    slugs = {p.slug for p in packs}
    assert {"F-04-160554", "F-06-610910", "F-07-8429"} <= slugs
    assert "F-09-9403" not in slugs
    text = render_evidence_markdown(next(p for p in packs if p.slug == "F-04-160554"))
    assert "sec. 321(b)" in text and "What a rebuttal would need" in text
    assert "F-02 'Rason Marine Products'" in text
