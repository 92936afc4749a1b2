import pytest

from yalu.formats.day_first_dates import parse_day_first, parse_day_first_list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16/11/1977", ("1977-11-16",)),
        ("09/05/1982", ("1982-05-09",)),
        ("dd/mm/1945", ("1945",)),
        ("00/00/1975", ("1975",)),
        ("dd/09/1958", ("1958-09",)),
        ("15/08/19yy", ()),
        ("31/13/1990", ()),
        ("16 Nov 1974", ("1974-11-16",)),
        ("21. Jul 1997", ("1997-07-21",)),
        ("Sep-99", ()),
    ],
)
def test_one_day_first_date(text: str, expected: tuple[str, ...]) -> None:
    assert parse_day_first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a) 16/11/1977; b) 16 Nov 1974", ("1977-11-16", "1974-11-16")),
        ("a) 1964; b)1965", ("1964", "1965")),
        ("Approximately 1967, or approximately 1961", ("1967", "1961")),
        ("09/05/1982; alt DOB: 09/05/1981", ("1982-05-09", "1981-05-09")),
        ("a) Approximately 1955- 1958", ("1955", "1956", "1957", "1958")),
        ("24 August 1962\xa0\xa0", ("1962-08-24",)),
    ],
)
def test_a_cell_listing_several_dates(text: str, expected: tuple[str, ...]) -> None:
    assert parse_day_first_list(text) == expected
