import pytest

from yalu.formats.un_reference import to_un_reference, un_same_as


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KPe.073", "KPe.073"),
        ("LYi.28", "LYi.028"),
        ("UN Ref KPe.073", "KPe.073"),
        (" TAe.010 ", "TAe.010"),
        ("OFSI 13644", None),
        ("", None),
    ],
)
def test_un_reference_numbers_take_the_un_lists_spelling(text: str, expected: str | None) -> None:
    assert to_un_reference(text) == expected


def test_a_cited_number_becomes_a_same_as_link() -> None:
    assert un_same_as("LYi.28") == ("un_sc:LYi.028",)
    assert un_same_as("") == ()
