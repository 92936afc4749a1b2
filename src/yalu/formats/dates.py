"""Parse the date spellings of sanctions lists into ISO dates, partial where the list is.

"01 Jan 1960" -> "1960-01-01"; "Jan 1960" -> "1960-01"; "1960", "circa 1960" -> "1960";
"1958 to 1962" -> each year; "01 Jan 1970 to 31 Dec 1970" -> "1970"; "1960-01-08" and
"08/01/1960" (US month/day/year) are accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

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
