"""How old a list is, and the warning an analyst must see when it is old or undated.

A list's age is counted from the publisher's own date printed in the file (UN
`dateGenerated`, EU `generationDate`, ...). A file that prints no date (the OFAC CSV set)
has an unknown age, which is warned about too: the day it was loaded says nothing about
when it was published. The clock is the caller's (`today`), so results are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_MAX_AGE_DAYS = 30


@dataclass(frozen=True, slots=True)
class Freshness:
    """A list's publication date, its age on `today`, and the warning to show ("" if none)."""

    source: str
    published: str
    age_days: int | None
    warning: str

    @property
    def is_stale(self) -> bool:
        """Return True when the list is older than allowed or its age is unknown."""
        return bool(self.warning)


def published_day(published: str) -> date | None:
    """Return the day of an ISO date or time (`2026-02-27T00:00:09.554Z`), None if not one."""
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def list_freshness(
    source: str,
    published: str,
    *,
    today: date,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    newest_entry: str = "",
) -> Freshness:
    """Return how old the list `source` is on `today`, with a warning when it is stale.

    Args:
        source: the list's short name, for the warning.
        published: the publisher's date printed in the file, "" when it prints none.
        today: the day to count from (the caller's clock).
        max_age_days: a list published longer ago than this is warned about.
        newest_entry: the latest listing date of any entry, named when `published` is "".
    """
    day = published_day(published)
    if day is None:
        newest = f"; its newest entry is dated {newest_entry}" if newest_entry else ""
        warning = (
            f"{source}: publication date unknown (the file prints none{newest}); "
            "check it is the publisher's current list"
        )
        return Freshness(source, published, None, warning)
    age = (today - day).days
    warning = ""
    if age > max_age_days:
        warning = (
            f"{source}: published {day.isoformat()}, {age:,} days ago (more than "
            f"{max_age_days}); run `yalu lists update` or load a newer file"
        )
    return Freshness(source, published, age, warning)
