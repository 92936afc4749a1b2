import datetime as dt

import pytest

from tests.goods.conftest import SAMPLES
from yalu.formats.shipments import read_shipments
from yalu.goods.check import check_shipments
from yalu.goods.rules import load_rulebook

EXPECTED = {
    "S-001": ("prohibited", "unsc-2371-seafood"),
    "S-002": ("prohibited", "unsc-2375-16-textiles"),
    "S-003": ("prohibited", "unsc-2397-7-machinery"),
    "S-004": ("clear", "unsc-2397-5-refined"),
    "S-005": ("clear", "unsc-2397-5-refined"),
    "S-006": ("over_cap", "unsc-2397-5-refined"),
    "S-007": ("over_cap", "unsc-2397-5-refined"),
    "S-008": ("clear", "unsc-2397-5-refined"),
    "S-009": ("clear", "unsc-2397-4-crude"),
    "S-010": ("prohibited", "unsc-2270-31-aviation-fuel"),
    "S-011": ("review", "unsc-2270-8-catch-all"),
    "S-012": ("review", "unsc-2397-5-refined"),
    "S-013": ("prohibited", "unsc-1718-8d-assets"),
    "S-014": ("prohibited", "ofac_sdn-listing"),
    "S-015": ("clear", None),
    "S-016": ("review", "us-caatsa-321b-presumption"),
    "S-017": ("review", None),
}


@pytest.fixture(scope="module")
def sample_report(screen_party):  # type: ignore[no-untyped-def]
    batch = read_shipments(SAMPLES / "shipments.csv")
    return check_shipments(batch, load_rulebook(), screen_party)


def test_sample_lines_keep_input_order_and_count(sample_report) -> None:  # type: ignore[no-untyped-def]
    assert [line.id for line in sample_report.lines] == list(EXPECTED)
    assert [line.line for line in sample_report.lines] == list(range(2, 2 + len(EXPECTED)))


@pytest.mark.parametrize(("line_id", "expected"), EXPECTED.items())
def test_sample_line_gets_expected_verdict_and_rule(sample_report, line_id, expected) -> None:  # type: ignore[no-untyped-def]
    verdict, rule_id = expected
    line = next(line for line in sample_report.lines if line.id == line_id)
    assert line.verdict == verdict
    if rule_id is not None:
        cited = {reason.rule.id for reason in line.reasons if reason.rule is not None}
        assert rule_id in cited


def test_every_rule_reason_cites_resolution_and_paragraph(sample_report) -> None:  # type: ignore[no-untyped-def]
    for line in sample_report.lines:
        for reason in line.reasons:
            if reason.rule is not None:
                assert reason.rule.resolution and reason.rule.cited in reason.rule.citation
                if reason.kind in ("rule", "cap"):
                    assert reason.rule.paragraph


def test_unverified_rules_say_so_in_their_citation(sample_report) -> None:  # type: ignore[no-untyped-def]
    textiles = next(line for line in sample_report.lines if line.id == "S-002").reasons[0].rule
    assert textiles is not None and not textiles.is_verified
    assert textiles.citation == "UNSC 2375 para 16 (UNVERIFIED: paragraph)"
    assert textiles.unverified_why and textiles in sample_report.unverified_rules
    seafood = next(line for line in sample_report.lines if line.id == "S-001").reasons[0].rule
    assert seafood is not None and seafood.is_verified
    assert seafood.citation == "UNSC 2371 para 9"
    assert seafood not in sample_report.unverified_rules


def test_an_ofac_only_vessel_hit_cites_the_ofac_program_not_a_un_paragraph(sample_report) -> None:  # type: ignore[no-untyped-def]
    (reason,) = next(line for line in sample_report.lines if line.id == "S-014").reasons
    assert reason.kind == "vessel" and reason.hit is not None and reason.hit.list == "ofac_sdn"
    assert reason.rule is not None and reason.rule.authority == "OFAC"
    assert reason.rule.citation == "OFAC SDN List program DPRK"
    assert "UNSC" not in reason.rule.citation and reason.rule.is_verified


def test_a_un_1718_party_hit_cites_the_un_asset_freeze(sample_report) -> None:  # type: ignore[no-untyped-def]
    line = next(line for line in sample_report.lines if line.id == "S-013")
    (reason,) = [r for r in line.reasons if r.kind == "party"]
    assert reason.hit is not None and reason.hit.list == "un_sc"
    assert reason.rule is not None and reason.rule.citation == "UNSC 1718 para 8(d)"


def test_refined_petroleum_cap_adds_up_across_lines(sample_report) -> None:  # type: ignore[no-untyped-def]
    barrels_per_tonne = 7.46
    expected_2019 = [
        20000 * barrels_per_tonne,  # S-004, tonnes
        200000,  # S-005, barrels
        25000 * barrels_per_tonne,  # S-006
        1000 * 1000 / 158.987294928,  # S-007, cubic metres
        300 * barrels_per_tonne,  # S-010, jet fuel also counts toward the cap
    ]
    running = [
        reason.cap.running_total
        for line in sample_report.lines
        for reason in line.reasons
        if reason.cap is not None
        and reason.rule.id == "unsc-2397-5-refined"
        and reason.cap.period_start == dt.date(2019, 1, 1)
    ]
    assert running == pytest.approx(list(_cumulative(expected_2019)))
    total = next(
        t
        for t in sample_report.cap_totals
        if t.rule.id == "unsc-2397-5-refined" and t.period_start == dt.date(2019, 1, 1)
    )
    assert total.total == pytest.approx(sum(expected_2019))
    assert total.lines == 5


def test_cap_period_restarts_in_the_next_year(sample_report) -> None:  # type: ignore[no-untyped-def]
    line = next(line for line in sample_report.lines if line.id == "S-008")
    cap = next(r.cap for r in line.reasons if r.cap is not None)
    assert cap.period_start == dt.date(2020, 1, 1)
    assert cap.running_total == pytest.approx(5000 * 7.46)


def test_shipment_outside_the_dprk_with_no_hits_has_no_reasons(sample_report) -> None:  # type: ignore[no-untyped-def]
    line = next(line for line in sample_report.lines if line.id == "S-015")
    assert line.reasons == ()


def test_listed_vessel_is_matched_by_name_and_imo(sample_report) -> None:  # type: ignore[no-untyped-def]
    line = next(line for line in sample_report.lines if line.id == "S-014")
    hit = next(r.hit for r in line.reasons if r.kind == "vessel")
    assert hit is not None and hit.entity_id == "17069" and hit.is_match


def test_counts_cover_every_line(sample_report) -> None:  # type: ignore[no-untyped-def]
    assert sum(sample_report.counts.values()) == len(sample_report.lines)
    assert sample_report.counts == {"prohibited": 6, "over_cap": 2, "review": 4, "clear": 5}


def _cumulative(values: list[float]):  # type: ignore[no-untyped-def]
    total = 0.0
    for value in values:
        total += value
        yield total
