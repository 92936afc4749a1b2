import pytest

from yalu.formats.demonyms import parse_nationalities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian and Ukrainian", ("ru", "ua")),
        ("North Korean", ("kp",)),
        ("Democratic People's Republic of Korea", ("kp",)),
        ("Yemeni\xa0\xa0", ("ye",)),
        ("Possibly Ethiopian", ("et",)),
        ("Indonesian (as at Dec. 2003)", ("id",)),
        ("Trinidad and Tobago", ("tt",)),
        ("Atlantean", ()),
    ],
)
def test_nationalities_written_as_adjectives_or_countries(
    text: str, expected: tuple[str, ...]
) -> None:
    assert parse_nationalities(text) == expected
