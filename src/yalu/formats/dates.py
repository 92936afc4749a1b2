"""Parse dates: the spellings of sanctions lists, and dates people type into a query.

Lists (`parse_date`, `parse_dates`), partial where the list is: "01 Jan 1960" ->
"1960-01-01"; "Jan 1960" -> "1960-01"; "1960", "circa 1960" -> "1960"; "1958 to 1962" ->
each year; "01 Jan 1970 to 31 Dec 1970" -> "1970"; "1960-01-08" and "08/01/1960" (US
month/day/year, as the US lists print it) are accepted too.

Queries (`parse_query_date`: `--birth-date`, the `birth_date` column, the API and the
form) are read whole or refused, never in part: ISO dates, year-months and years; a month
written as a word ("1 May 1964", "May 1964"); and day/month/year or month/day/year with
`/`, `.` or `-` only when a number above 12 shows which is the day. "01/05/1964" could be
1 May or 5 January, so it is refused with a message naming the accepted forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from yalu.core.errors import InputError

MAX_RANGE_YEARS = 20
"""A birth-year range wider than this keeps only its two ends."""

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DMY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_RANGE = re.compile(r"^(.+?)\s*(?:\bto\b|-|–)\s*(.+)$")
_QUALIFIER = re.compile(r"^(?:circa|ca\.|approximately|about|approx\.?)\s+", re.IGNORECASE)


def parse_date(text: str) -> str | None:
    """Return one date as ISO ("1960", "1960-01" or "1960-01-08"), or None if unreadable."""
    text = _QUALIFIER.sub("", text.strip().strip(".;,")).strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _iso(year, month, day)
    if match := _DMY.match(text):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            return None
        return _iso(year, str(month), day)
    if match := _US.match(text):
        month, day, year = match.groups()
        return _iso(year, month, day)
    return None


def parse_dates(text: str) -> tuple[str, ...]:
    """Return the ISO dates a list's date text stands for; ranges become each year.

    Args:
        text: "01 Jan 1960", "circa 1960", "1958 to 1962", "1970-01-01", ...

    Returns:
        Zero or more ISO dates, possibly partial; empty when nothing is readable.
    """
    text = _QUALIFIER.sub("", text.strip().strip(".;,")).strip()
    single = parse_date(text)
    if single is not None:
        return (single,)
    match = _RANGE.match(text)
    if match is None:
        return ()
    start, end = parse_date(match.group(1)), parse_date(match.group(2))
    if start is None or end is None:
        return tuple(date for date in (start, end) if date)
    if start[5:] in ("", "01", "01-01") and end[5:] in ("", "12", "12-31"):
        first, last = int(start[:4]), int(end[:4])
        if 0 <= last - first <= MAX_RANGE_YEARS:
            return tuple(str(year) for year in range(first, last + 1))
    return (start, end) if start != end else (start,)


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    """Join date parts into ISO form, or None when month or day is out of range."""
    if not month:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if not day:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


OUTLIER_GAP_DAYS = 3653
"""A latest date ten years past every other date is taken for a typo (3017 for 2017)."""


def latest_date(dates: Iterable[str | None]) -> str:
    """Return the latest ISO date, leaving out typos far ahead of the rest; "" if none.

    Lists carry typos such as "3017-08-22" in update columns. The newest date is dropped
    while it lies more than `OUTLIER_GAP_DAYS` after the next newest one, so one typo
    cannot pass for the newest entry. The result depends on the dates alone, never on the
    day it is computed.
    """
    ordered = sorted({date for date in dates if date})
    while len(ordered) > 1 and _days_between(ordered[-2], ordered[-1]) > OUTLIER_GAP_DAYS:
        ordered.pop()
    return ordered[-1] if ordered else ""


def _days_between(earlier: str, later: str) -> int:
    """Return the days from one ISO date (or year-month, or year) to another."""

    def day(text: str) -> date:
        parts = [*text.split("-"), "01", "01"][:3]
        return date(int(parts[0]), int(parts[1]), int(parts[2]))

    return (day(later) - day(earlier)).days


QUERY_DATE_FORMS = (
    "Write it as YYYY-MM-DD, YYYY-MM or YYYY (1964-05-01, 1964-05, 1964); DD/MM/YYYY and "
    "MM/DD/YYYY are read only when the day is above 12"
)
"""The hint of every refused query date: the forms that are accepted."""

_MONTH_WORDS = {
    **_MONTHS,
    **{
        name: number
        for number, name in enumerate(
            (
                "january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december",
            ),
            start=1,
        )
    },
    "sept": 9,
}  # fmt: skip
_YEAR_FIRST = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?")
_YEAR_LAST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_WORD_DAY_FIRST = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?[\s./-]+)?([a-z]+)\.?[\s./,-]+(\d{4})")
_WORD_MONTH_FIRST = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def parse_query_date(text: str, *, field: str = "birth date") -> str:
    """Return a date typed by a user as ISO ("1964-05-01", "1964-05" or "1964").

    Args:
        text: the date as typed, e.g. "1964-05-01", "1964", "13/05/1964", "1 May 1964".
        field: what the date is, for the message.

    Raises:
        InputError: the text is not a date in an accepted form, names a day that does not
            exist (1964-02-30), or could be two dates (01/05/1964: 1 May or 5 January).
    """
    typed = " ".join(text.split())
    iso = _read_query_date(typed.lower(), field, typed)
    if iso is None:
        raise InputError(f"{field} '{typed}' is not a date", hint=QUERY_DATE_FORMS)
    return iso


def _read_query_date(text: str, field: str, typed: str) -> str | None:
    """Return the ISO date `text` stands for, None if no form fits; raise if ambiguous."""
    if match := _YEAR_FIRST.fullmatch(text):
        year, _, month, day = match.groups()
        return _checked(year, month, day, field, typed)
    if match := _MONTH_YEAR.fullmatch(text):
        month, year = match.groups()
        return _checked(year, month, None, field, typed)
    if match := _YEAR_LAST.fullmatch(text):
        first, _, second, year = match.groups()
        if int(first) > 12 or first == second:
            return _checked(year, second, first, field, typed)
        if int(second) > 12:
            return _checked(year, first, second, field, typed)
        as_day_month = _checked(year, second, first, field, typed)
        as_month_day = _checked(year, first, second, field, typed)
        raise InputError(
            f"{field} '{typed}' could be {as_day_month} (day/month) or {as_month_day} (month/day)",
            hint=QUERY_DATE_FORMS,
        )
    for pattern, order in ((_WORD_DAY_FIRST, (0, 1, 2)), (_WORD_MONTH_FIRST, (1, 0, 2))):
        if match := pattern.fullmatch(text):
            day, word, year = (match.group(1 + index) for index in order)
            month = _MONTH_WORDS.get(word)
            if month is None:
                return None
            return _checked(year, str(month), day, field, typed)
    return None


def _checked(year: str, month: str | None, day: str | None, field: str, typed: str) -> str:
    """Return the ISO form of a date read from a query, refusing days that do not exist."""
    try:
        if int(year) < 1000:
            raise ValueError("year before 1000")
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise InputError(f"{field} '{typed}' is not a real date", hint=QUERY_DATE_FORMS) from exc
    if month is None:
        return year
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"
