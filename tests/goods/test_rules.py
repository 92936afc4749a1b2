import csv

import pytest

from tests.paths import SHARED_REFERENCE
from yalu.goods.rules import load_rulebook


@pytest.fixture(scope="module")
def rulebook():  # type: ignore[no-untyped-def]
    return load_rulebook()


def test_every_rule_cites_resolution_paragraph_verification_and_a_source(rulebook) -> None:  # type: ignore[no-untyped-def]
    for rule in (*rulebook.rules, rulebook.party_rule, rulebook.vessel_rule, rulebook.origin_rule):
        assert rule.resolution and rule.paragraph, rule.id
        assert rule.verification in {"verified", "partially_verified", "unverified"}, rule.id
        assert rule.sources and all(s.startswith("http") for s in rule.sources), rule.id


def test_rule_ids_are_unique_and_hs_rules_have_codes(rulebook) -> None:  # type: ignore[no-untyped-def]
    ids = [rule.id for rule in rulebook.rules]
    assert len(ids) == len(set(ids))
    assert all(rule.hs_prefixes for rule in rulebook.rules)
    assert all(rule.cap is not None for rule in rulebook.rules if rule.effect == "cap")


def test_conversions_are_documented(rulebook) -> None:  # type: ignore[no-untyped-def]
    crude = rulebook.conversions["crude_tonnes_to_barrels"]
    assert crude.value == pytest.approx(4_000_000 / 525_000)
    assert rulebook.conversions["refined_tonnes_to_barrels"].verification == "unverified"


@pytest.mark.shared_data
def test_every_reference_measure_is_a_rule_or_explained(rulebook) -> None:  # type: ignore[no-untyped-def]
    with (SHARED_REFERENCE / "dprk_sectoral_measures.csv").open(newline="") as handle:
        reference = {row["measure_id"]: row for row in csv.DictReader(handle)}
    covered = {r.measure for r in rulebook.rules} | {rulebook.party_rule.measure}
    covered |= {rulebook.vessel_rule.measure} | set(rulebook.not_screened)
    assert set(reference) - covered == set()


@pytest.mark.shared_data
def test_unverified_paragraphs_in_the_reference_stay_unverified(rulebook) -> None:  # type: ignore[no-untyped-def]
    with (SHARED_REFERENCE / "dprk_sectoral_measures.csv").open(newline="") as handle:
        reference = {row["measure_id"]: row for row in csv.DictReader(handle)}
    for rule in rulebook.rules:
        source = reference[rule.measure]
        if source["paragraph_verified"] == "no":
            assert "paragraph" in rule.unverified, rule.id
        if source["hs_basis"] == "indicative_mapping":
            assert "hs_codes" in rule.unverified, rule.id
        assert source["verification"].startswith(rule.verification), rule.id
