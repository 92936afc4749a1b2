from dataclasses import asdict, fields, replace

from hypothesis import given
from hypothesis import strategies as st

from yalu.models.screening import SCHEMAS, Decision, Entity, Feature, Identifier, Match
from yalu.screening.codec import (
    decode_entity,
    decode_match,
    encode_entity,
    encode_match,
    rounded,
    summarize_match,
)

texts = st.tuples(st.text(max_size=12)).map(tuple) | st.just(())
identifiers = st.builds(
    Identifier,
    kind=st.sampled_from(["imo", "passport", "other"]),
    value=st.text(min_size=1, max_size=10),
    country=st.none() | st.sampled_from(["kp", "cn"]),
)
entities = st.builds(
    Entity,
    id=st.text(min_size=1, max_size=10),
    schema=st.sampled_from(SCHEMAS),
    names=st.lists(st.text(max_size=20), min_size=1, max_size=3).map(tuple),
    source=st.sampled_from(["un_sc", "ofac_sdn"]),
    weak_aliases=texts,
    birth_dates=texts,
    identifiers=st.lists(identifiers, max_size=2).map(tuple),
    listed_on=st.none() | st.just("2009-04-24"),
    notes=st.text(max_size=20),
    regimes=st.sampled_from([(), ("dprk/1718",), ("dprk", "iran/autonomous")]),
    same_as=st.sampled_from([(), ("un_sc:KPe.002",)]),
)


@given(entities)
def test_an_entity_encodes_as_dataclasses_asdict_does(entity: Entity) -> None:
    # Stored entities were written from `asdict`; the faster encoder must write the same.
    assert encode_entity(entity) == asdict(entity)
    assert list(encode_entity(entity)) == list(asdict(entity))


@given(entities)
def test_every_entity_survives_encode_then_decode(entity: Entity) -> None:
    assert decode_entity(encode_entity(entity)) == entity


RYONBONG = Match(
    entity_id="KPe.002",
    list="un_sc",
    schema="Organization",
    name="KOREA RYONBONG GENERAL CORPORATION",
    query_name="Korea Ryonbong",
    score=0.912345,
    is_match=True,
    features=(Feature("name", 0.912345, "91% of word weight aligned"),),
    caption="KOREA RYONBONG GENERAL CORPORATION",
    list_version="2026-02-27",
)
"""A candidate with a score and an effect to round."""


def test_a_stored_match_reads_back_as_the_match_rounded_to_four_places() -> None:
    match = RYONBONG
    back = decode_match(encode_match(match))
    assert back.score == 0.9123 and back.features[0].effect == 0.9123
    assert back.explanation.split(";")[0] == match.explanation.split(";")[0]
    assert (back.entity_id, back.list, back.is_match, back.caption, back.list_version) == (
        "KPe.002",
        "un_sc",
        True,
        "KOREA RYONBONG GENERAL CORPORATION",
        "2026-02-27",
    )


def test_an_entity_stored_before_regimes_existed_still_decodes_and_gets_them() -> None:
    stored = {  # the JSON `lists load` wrote before regimes and same_as were recorded
        "id": "KPe.002",
        "schema": "Organization",
        "names": ["KOREA RYONBONG GENERAL CORPORATION"],
        "source": "un_sc",
        "programs": ["DPRK", "KPe", "1718"],
    }
    entity = decode_entity(stored)
    assert entity.regimes == ("dprk/1718",)
    assert entity.same_as == ()


def test_regimes_stored_empty_stay_empty() -> None:
    entity = Entity("1", "Person", ("Kim Chol",), "ofac_sdn", programs=("DPRK3",))
    assert decode_entity(encode_entity(entity)).regimes == ()


def _reviewed_match() -> Match:
    return replace(
        RYONBONG,
        is_match=False,
        caption="Korea Ryonbong General Corporation",
        decision=Decision("false_positive", "another company", "analyst", "2026-12-01T00:00:00Z"),
        programs=("1718",),
    )


def test_rounding_a_match_keeps_every_field_but_the_score_and_effects() -> None:
    match = _reviewed_match()
    kept = rounded(match)
    assert (kept.score, kept.features[0].effect) == (0.9123, 0.9123)
    for field in fields(Match):
        if field.name not in ("score", "features"):
            assert getattr(kept, field.name) == getattr(match, field.name), field.name


def test_a_summary_is_the_stored_match_with_the_caption_as_name() -> None:
    match = _reviewed_match()
    full = encode_match(match)
    assert summarize_match(match) == {
        "entity_id": "KPe.002",
        "list": "un_sc",
        "schema": "Organization",
        "name": "Korea Ryonbong General Corporation",
        "score": 0.9123,
        "match": False,
        "explanation": full["explanation"],
        "decision": full["decision"],
    }
    assert list(summarize_match(match))[:7] == [
        "entity_id",
        "list",
        "schema",
        "name",
        "score",
        "match",
        "explanation",
    ]
