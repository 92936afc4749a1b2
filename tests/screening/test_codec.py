from hypothesis import given
from hypothesis import strategies as st

from yalu.models.screening import SCHEMAS, Entity, Identifier
from yalu.screening.codec import decode_entity, encode_entity

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
)


@given(entities)
def test_every_entity_survives_encode_then_decode(entity: Entity) -> None:
    assert decode_entity(encode_entity(entity)) == entity
