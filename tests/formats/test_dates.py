import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.formats.dates import latest_date, parse_date, parse_dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("01 Jan 1960", ("1960-01-01",)),
        ("1 January 1960", ("1960-01-01",)),
        ("Jan 1960", ("1960-01",)),
        ("1960", ("1960",)),
        ("circa 1960", ("1960",)),
        ("circa 1960.", ("1960",)),
        ("1958 to 1962", ("1958", "1959", "1960", "1961", "1962")),
        ("circa 1979-1982", ("1979", "1980", "1981", "1982")),
        ("01 Jan 1970 to 31 Dec 1970", ("1970",)),
        ("01 Mar 1970 to 30 Jun 1970", ("1970-03-01", "1970-06-30")),
        ("1900 to 1950", ("1900", "1950")),
        ("1960-01-08", ("1960-01-08",)),
        ("1960-01-08T00:00:00", ("1960-01-08",)),
        ("08/24/2022", ("2022-08-24",)),
        ("unknown", ()),
        ("32 Jan 1960", ()),
    ],
)
def test_list_date_spellings_become_iso_dates(text: str, dates: tuple[str, ...]) -> None:
    assert parse_dates(text) == dates


@given(st.dates())
def test_iso_dates_parse_to_themselves(date: object) -> None:
    assert parse_date(str(date)) == str(date)


def test_latest_date_ignores_future_typos() -> None:
    assert latest_date(["2022-08-29", "3017-08-22", None, ""]) == "2022-08-29"


def test_latest_date_keeps_a_newest_date_close_to_the_others() -> None:
    assert latest_date(["2022-08-29", "2023-05-01", "2023-04-30"]) == "2023-05-01"
    assert latest_date(["2022-08-29", "2041-01-01"]) == "2022-08-29"
    assert latest_date(["2012-08-29", "2020-01-01"]) == "2020-01-01"
    assert latest_date(["2021-03"]) == "2021-03"


def test_latest_date_of_nothing_is_empty() -> None:
    assert latest_date([]) == ""
