import csv
from pathlib import Path

import pytest
import yaml

from tests.paths import SHARED_REFERENCE
from yalu.core.errors import ConfigError
from yalu.goods.rules import CITATION_PARTS, load_rulebook

RULES_FILE = Path(__file__).resolve().parents[2] / "src/yalu/goods/data/sectoral_measures.yaml"


@pytest.fixture(scope="module")
def rulebook():  # type: ignore[no-untyped-def]
    return load_rulebook()


def all_rules(rulebook):  # type: ignore[no-untyped-def]
    return (*rulebook.rules, rulebook.party_rule, rulebook.vessel_rule, rulebook.origin_rule)


def test_every_rule_cites_resolution_paragraph_checks_and_a_source(rulebook) -> None:  # type: ignore[no-untyped-def]
    for rule in all_rules(rulebook):
        assert rule.resolution and rule.paragraph, rule.id
        assert rule.sources and all(s.startswith("http") for s in rule.sources), rule.id
        assert rule.checked, rule.id  # what was checked, where
        assert all(check.split(":")[0] in CITATION_PARTS for check in rule.checked), rule.id
        assert all("(http" in check for check in rule.checked), rule.id


def test_verified_means_every_part_of_the_citation_is_confirmed(rulebook) -> None:  # type: ignore[no-untyped-def]
    for rule in all_rules(rulebook):
        assert rule.is_verified is (not rule.unverified), rule.id
        assert set(rule.unverified) <= set(CITATION_PARTS), rule.id
        if rule.is_verified:
            assert "UNVERIFIED" not in rule.citation
            assert any(check.startswith(("paragraph", "content")) for check in rule.checked)
        else:
            assert rule.unverified_why, rule.id  # say why
            assert rule.citation.endswith(f"(UNVERIFIED: {', '.join(rule.unverified)})")


def test_no_rule_cites_an_unknown_paragraph(rulebook) -> None:  # type: ignore[no-untyped-def]
    for rule in rulebook.rules:
        assert "?" not in rule.citation, rule.id


def test_hs_codes_are_the_resolutions_only_where_its_text_gives_them(rulebook) -> None:  # type: ignore[no-untyped-def]
    from_text = {rule.id for rule in rulebook.rules if rule.hs_basis == "resolution"}
    assert from_text == {
        "unsc-2397-6-food",
        "unsc-2397-6-machinery",
        "unsc-2397-6-electrical",
        "unsc-2397-6-earth-stone",
        "unsc-2397-6-wood",
        "unsc-2397-6-vessels",
    }
    assert all(rule.hs_basis == "indicative" for rule in rulebook.rules if rule.id not in from_text)


def test_rule_ids_are_unique_and_hs_rules_have_codes(rulebook) -> None:  # type: ignore[no-untyped-def]
    ids = [rule.id for rule in rulebook.rules]
    assert len(ids) == len(set(ids))
    assert all(rule.hs_prefixes for rule in rulebook.rules)
    assert all(rule.cap is not None for rule in rulebook.rules if rule.effect == "cap")


def test_conversions_are_documented(rulebook) -> None:  # type: ignore[no-untyped-def]
    crude = rulebook.conversions["crude_tonnes_to_barrels"]
    assert crude.value == pytest.approx(4_000_000 / 525_000)
    assert rulebook.conversions["refined_tonnes_to_barrels"].verification == "unverified"


@pytest.mark.parametrize(
    ("list_name", "programs", "kind", "citation"),
    [
        ("un_sc", ("DPRK", "KPe", "1718"), "party", "UNSC 1718 para 8(d)"),
        ("un_sc", ("DPRK", "KPe", "1718"), "vessel", "UNSC 2397 para 9-15"),
        ("un_sc", ("Al-Qaida", "QDe"), "party", "UNSC Consolidated List program Al-Qaida, QDe"),
        ("ofac_sdn", ("DPRK3",), "party", "OFAC SDN List program DPRK3"),
        ("ofac_sdn", ("DPRK",), "vessel", "OFAC SDN List program DPRK"),
        ("ofac_cons", ("NS-MBS",), "party", "OFAC Consolidated (non-SDN) List program NS-MBS"),
        ("bis_dpl", (), "party", "BIS Denied Persons List"),
        ("eu_fsf", ("PRK",), "vessel", "eu_fsf list program PRK"),
    ],
)
def test_a_list_hit_cites_the_list_it_was_found_on(  # type: ignore[no-untyped-def]
    rulebook, list_name: str, programs: tuple[str, ...], kind: str, citation: str
) -> None:
    rule = rulebook.list_rule(list_name, programs, kind)
    assert rule.citation == citation
    assert rule.is_verified and rule.checked and rule.sources


def test_a_rule_without_a_reason_for_being_unverified_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    data["rules"][0]["unverified_why"] = ""
    broken = tmp_path / "rules.yaml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="unverified parts need an unverified_why"):
        load_rulebook(broken)


@pytest.mark.shared_data
def test_every_reference_measure_is_a_rule_or_explained(rulebook) -> None:  # type: ignore[no-untyped-def]
    with (SHARED_REFERENCE / "dprk_sectoral_measures.csv").open(newline="") as handle:
        reference = {row["measure_id"]: row for row in csv.DictReader(handle)}
    covered = {r.measure for r in rulebook.rules} | {rulebook.party_rule.measure}
    covered |= {rulebook.vessel_rule.measure} | set(rulebook.not_screened)
    assert set(reference) - covered == set()


@pytest.mark.shared_data
def test_a_paragraph_the_reference_left_unverified_is_checked_or_stays_unverified(rulebook) -> None:  # type: ignore[no-untyped-def]
    with (SHARED_REFERENCE / "dprk_sectoral_measures.csv").open(newline="") as handle:
        reference = {row["measure_id"]: row for row in csv.DictReader(handle)}
    for rule in rulebook.rules:
        if reference[rule.measure]["paragraph_verified"] == "no":
            checked = any(check.startswith("paragraph:") for check in rule.checked)
            assert checked or "paragraph" in rule.unverified, rule.id
