from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.core.errors import InputError
from yalu.formats.dates import (
    QUERY_DATE_FORMS,
    latest_date,
    parse_date,
    parse_dates,
    parse_query_date,
)


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
def test_iso_dates_parse_to_themselves(day: object) -> None:
    assert parse_date(str(day)) == str(day)


def test_latest_date_ignores_future_typos() -> None:
    assert latest_date(["2022-08-29", "3017-08-22", None, ""]) == "2022-08-29"


def test_latest_date_keeps_a_newest_date_close_to_the_others() -> None:
    assert latest_date(["2022-08-29", "2023-05-01", "2023-04-30"]) == "2023-05-01"
    assert latest_date(["2022-08-29", "2041-01-01"]) == "2022-08-29"
    assert latest_date(["2012-08-29", "2020-01-01"]) == "2020-01-01"
    assert latest_date(["2021-03"]) == "2021-03"


def test_latest_date_of_nothing_is_empty() -> None:
    assert latest_date([]) == ""


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("1964", "1964"),
        ("1964-05", "1964-05"),
        ("1964-05-01", "1964-05-01"),
        ("1964/5/1", "1964-05-01"),
        ("1964.05.01", "1964-05-01"),
        ("13/05/1964", "1964-05-13"),  # the day is above 12: day/month
        ("05/13/1964", "1964-05-13"),  # ... month/day
        ("13.05.1964", "1964-05-13"),
        ("13-05-1964", "1964-05-13"),
        ("05/05/1964", "1964-05-05"),  # both readings are the same day
        ("05/1964", "1964-05"),
        ("1 May 1964", "1964-05-01"),
        ("01-MAY-1964", "1964-05-01"),
        ("May 1, 1964", "1964-05-01"),
        ("May 1964", "1964-05"),
        ("12 September 1964", "1964-09-12"),
        ("  1964-05-01 ", "1964-05-01"),
    ],
)
def test_query_dates_in_accepted_forms_are_read_whole(typed: str, iso: str) -> None:
    assert parse_query_date(typed) == iso


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("01/05/1964", "birth date '01/05/1964' could be 1964-05-01 (day/month) or 1964-01-05"),
        ("12.11.1970", "birth date '12.11.1970' could be 1970-11-12 (day/month) or 1970-12-11"),
        ("not-a-date", "birth date 'not-a-date' is not a date"),
        ("01/0", "birth date '01/0' is not a date"),
        ("1964-02-30", "birth date '1964-02-30' is not a real date"),
        ("31/02/1964", "birth date '31/02/1964' is not a real date"),
        ("1964-13", "birth date '1964-13' is not a real date"),
        ("circa 1964", "birth date 'circa 1964' is not a date"),
        ("1958 to 1962", "birth date '1958 to 1962' is not a date"),
        ("64", "birth date '64' is not a date"),
        ("1/5/64", "birth date '1/5/64' is not a date"),
        ("1964-05-01T00:00", "birth date '1964-05-01T00:00' is not a date"),
        ("12 Foo 1964", "birth date '12 Foo 1964' is not a date"),
    ],
)
def test_query_dates_are_refused_with_the_accepted_forms(typed: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_query_date(typed)
    assert caught.value.problem.startswith(problem)
    assert caught.value.hint == QUERY_DATE_FORMS
    assert "YYYY-MM-DD, YYYY-MM or YYYY" in str(caught.value)


@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["/", ".", "-"]))
def test_day_month_year_is_read_as_one_date_or_refused_never_in_part(
    day: date, separator: str
) -> None:
    typed = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"
    try:
        iso = parse_query_date(typed)
    except InputError as error:
        assert day.day <= 12 and day.day != day.month, typed
        assert "could be" in error.problem
        return
    assert iso == day.isoformat()


@given(st.dates(min_value=date(1000, 1, 1)))
def test_iso_query_dates_are_themselves(day: date) -> None:
    assert parse_query_date(day.isoformat()) == day.isoformat()
    assert parse_query_date(day.isoformat()[:7]) == day.isoformat()[:7]
