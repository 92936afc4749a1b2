"""`example_queries` reads an FtM example entity; `best_groups` merges its names' rows."""

import pytest

from yalu.core.errors import InputError
from yalu.models.screening import GroupEntry, Match, MatchGroup
from yalu.screening.by_example import best_groups, example_queries


def test_every_name_is_a_query_with_the_readable_facts() -> None:
    example = example_queries(
        "Person",
        {
            "name": ["Kang Chol Su", "강철수", "  "],
            "alias": ["Kang Chol Su"],
            "birthDate": ["soon", "1969-02-13"],
            "nationality": ["Narnia"],
            "country": "China",
            "passportNumber": ["472234895"],
            "notes": ["ignored"],
        },
        id="q1",
        where="queries.q1",
    )
    assert [q.name for q in example.queries] == ["Kang Chol Su", "강철수"]
    first = example.queries[0]
    assert (first.id, first.schema, first.birth_date) == ("q1", "Person", "1969-02-13")
    assert (first.country, first.nationality, first.passport_number) == ("cn", None, "472234895")
    assert example.understood == {
        "name": ("Kang Chol Su", "강철수"),
        "alias": ("Kang Chol Su",),
        "birthDate": ("1969-02-13",),
        "country": ("China",),
        "passportNumber": ("472234895",),
    }


def test_ftm_schemas_yalu_names_otherwise_are_read() -> None:
    assert example_queries("PublicBody", {"name": ["Ministry"]}, id="", where="q").schema == (
        "Organization"
    )


@pytest.mark.parametrize(
    ("schema", "properties", "said"),
    [
        ("Thing", {"name": ["x"]}, "q: schema 'Thing' cannot be screened"),
        ("Person", {"birthDate": ["1951"]}, "q: the example has no name"),
        ("Person", {"name": ["--"]}, "q: the example has no name"),
    ],
)
def test_unusable_examples_are_one_line(
    schema: str, properties: dict[str, object], said: str
) -> None:
    with pytest.raises(InputError) as caught:
        example_queries(schema, properties, id="", where="q")  # type: ignore[arg-type]
    assert str(caught.value).startswith(said)


def group(entity_id: str, score: float) -> MatchGroup:
    match = Match(entity_id, "un_sc", "Person", "N", "n", score, score >= 0.8)
    return MatchGroup((GroupEntry(entity_id, "un_sc", "Person", "N", match=match),))


def test_best_groups_keeps_each_party_once_at_its_best_score() -> None:
    merged = best_groups([[group("a", 0.5), group("b", 0.9)], [group("a", 0.95)]], limit=5)
    assert [(g.entries[0].entity_id, g.best.score) for g in merged] == [("a", 0.95), ("b", 0.9)]
    assert len(best_groups([[group("a", 0.5), group("b", 0.9)]], limit=1)) == 1
