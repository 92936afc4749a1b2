from datetime import date

import pytest

from yalu.screening.freshness import list_freshness, published_day

TODAY = date(2026, 12, 4)


def test_list_published_within_the_allowed_age_has_no_warning() -> None:
    fresh = list_freshness("un_sc", "2026-11-20T00:00:09.554Z", today=TODAY, max_age_days=30)
    assert (fresh.age_days, fresh.warning, fresh.is_stale) == (14, "", False)


def test_list_published_longer_ago_is_warned_about_with_its_age() -> None:
    old = list_freshness("un_sc", "2026-02-27T00:00:09.554Z", today=TODAY, max_age_days=30)
    assert old.age_days == 280
    assert old.warning.startswith("un_sc: published 2026-02-27, 280 days ago (more than 30)")


def test_list_without_a_publication_date_is_warned_about_as_undated() -> None:
    undated = list_freshness(
        "ofac_cons", "", today=TODAY, max_age_days=30, newest_entry="2023-12-15"
    )
    assert undated.age_days is None and undated.is_stale
    assert "publication date unknown" in undated.warning
    assert "newest entry is dated 2023-12-15" in undated.warning


@pytest.mark.parametrize("max_age", [0, 13, 14])
def test_the_age_limit_is_a_setting(max_age: int) -> None:
    fresh = list_freshness("eu_fsf", "2026-11-20", today=TODAY, max_age_days=max_age)
    assert fresh.is_stale is (max_age < 14)


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-02-27T00:00:09.554Z", date(2026, 2, 27)), ("2026-08-05", date(2026, 8, 5))],
)
def test_published_day_reads_iso_dates_and_times(text: str, day: date) -> None:
    assert published_day(text) == day


@pytest.mark.parametrize("text", ["", "sha256 2a08fac873a3", "07/09/2026"])
def test_published_day_of_anything_else_is_none(text: str) -> None:
    assert published_day(text) is None
