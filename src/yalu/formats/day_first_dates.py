"""Read the dates of lists that write the day first (UK, Australia), placeholders included.

The UK Sanctions List prints `DD/MM/YYYY` and stands in for unknown parts with letters or
zeros: `dd/mm/1945` and `00/00/1975` are the year only, `dd/09/1958` a month, and
`15/08/19yy` no usable date at all. Australia's workbook prints one cell of several dates:
`a) 16/11/1977; b) 16 Nov 1974`, `Approximately 1967, or approximately 1961`,
`09/05/1982; alt DOB: 09/05/1981`. Other spellings go to `dates.parse_dates`.
"""

from __future__ import annotations

import re

from yalu.formats.dates import parse_dates
from yalu.formats.input_file import unique

_DAY_FIRST = re.compile(r"^(\d{1,2}|dd|00)/(\d{1,2}|mm|00)/(\d{2,4}|\d{2}yy|yyyy)$", re.IGNORECASE)
_ENUMERATION = re.compile(r"(?:^|[\s;,])\(?[a-h]\)\s*|;|,?\s+or\s+|\balt\.?(?: DOB)?:?\s+", re.I)
_DAY_DOT = re.compile(r"^(\d{1,2})\.\s*")


def parse_day_first(text: str) -> tuple[str, ...]:
    """Return the ISO date (possibly partial) of one day-first date, () if unreadable.

    Args:
        text: `16/11/1977`, `dd/mm/1945`, `00/00/1975`, `dd/09/1958`, or any spelling
            `dates.parse_dates` reads (`16 Nov 1974`, `1960`, `circa 1960`, ranges).
    """
    text = " ".join(text.split()).strip(" .;,")
    match = _DAY_FIRST.match(text)
    if match is None:
        return parse_dates(_DAY_DOT.sub(r"\1 ", text))
    day, month, year = match.groups()
    if not year.isdigit() or len(year) != 4:
        return ()
    if not month.isdigit() or int(month) == 0:
        return (year,)
    if not 1 <= int(month) <= 12:
        return ()
    if not day.isdigit() or int(day) == 0:
        return (f"{year}-{int(month):02d}",)
    if not 1 <= int(day) <= 31:
        return ()
    return (f"{year}-{int(month):02d}-{int(day):02d}",)


def parse_day_first_list(text: str) -> tuple[str, ...]:
    """Return every date of a cell listing several (`a) 1964; b) 1965`), each once."""
    return unique(
        date for part in _ENUMERATION.split(text) if part.strip() for date in parse_day_first(part)
    )
