"""Reading, validating and writing FLEE case folders."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from tests.paths import FIXTURES, SHARED_CASES
from yalu.core.errors import CaseFormatError
from yalu.formats.flee import read_case, read_settings, write_case
from yalu.models.displacement import Case

TINY = FIXTURES / "flee" / "tiny_case"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """Return a writable copy of the tiny fixture case."""
    target = tmp_path / "tiny_case"
    shutil.copytree(TINY, target)
    return target


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "locations", "routes", "camps", "days", "start"),
    [
        # locations.csv has 24 / 31 / 64 lines including the header row.
        ("mali2012", 23, 35, 7, 300, date(2012, 2, 29)),
        ("burundi2015", 30, 41, 5, 396, date(2015, 5, 1)),
        ("car2013", 63, 86, 14, 820, date(2013, 12, 1)),
    ],
)
def test_published_cases_read_with_their_counts(
    shared_data: Path,
    name: str,
    locations: int,
    routes: int,
    camps: int,
    days: int,
    start: date,
) -> None:
    case = read_case(SHARED_CASES / name)
    assert len(case.locations) == locations
    assert len(case.routes) == routes
    assert len(case.camp_names) == camps
    assert case.length_days == days
    assert case.start_date == start
    assert case.conflicts is not None
    assert case.conflicts.intensity.shape[0] >= days
    assert case.observed is not None
    assert set(case.camp_names) <= set(case.observed.camps)


@pytest.mark.shared_data
def test_burundi_forwarding_hub_is_a_forward_point(shared_data: Path) -> None:
    case = read_case(SHARED_CASES / "burundi2015")
    kagunga = case.locations[case.location_index["Kagunga"]]
    assert kagunga.kind == "forward"


@pytest.mark.shared_data
def test_car_merges_two_files_for_inke_with_flee_quirks(shared_data: Path) -> None:
    case = read_case(SHARED_CASES / "car2013")
    assert case.observed is not None
    inke = case.observed.camps["Inke"]
    assert np.all(np.diff(inke.days) >= 0)
    assert len(np.unique(inke.days)) < len(inke.days)  # FLEE's merge repeats its last day


def test_tiny_case_reads_every_table() -> None:
    case = read_case(TINY)
    assert case.name == "tiny_case"
    assert [loc.name for loc in case.locations] == ["Origin", "Junction", "CampNorth", "CampSouth"]
    assert case.camp_names == ("CampNorth", "CampSouth")
    camp_north = case.locations[2]
    assert (camp_north.population, camp_north.capacity) == (0, 500)
    assert case.locations[0].population == 10000
    assert [r.forced_redirection for r in case.routes] == [0, 0, 0, 0]
    assert case.routes[3].distance_km == 300.0
    assert case.closures[0].kind == "link"
    assert (case.closures[0].start_day, case.closures[0].end_day) == (0, 5)
    assert case.conflicts is not None
    assert case.conflicts.location_names == ("Origin", "Junction")
    assert case.conflicts.intensity[6, 1] == 0.5
    assert case.corrections[0].camp == "CampSouth"
    assert case.settings.move.max_move_speed == 200.0
    assert case.settings.move.default_movechance == 0.3  # FLEE's default, not in the file


def test_tiny_case_observed_series_are_merged_and_corrected() -> None:
    case = read_case(TINY)
    assert case.observed is not None
    north = case.observed.camps["CampNorth"]
    assert north.days.tolist() == [0, 2, 4, 6]
    assert north.values.tolist() == [100.0, 210.0, 210.0, 320.0]
    south = case.observed.camps["CampSouth"]
    assert south.values.tolist() == [64.0, 80.0, 80.0, 100.0]
    exact = read_case(TINY, merge="exact").observed
    assert exact is not None
    assert exact.camps["CampNorth"].days.tolist() == [0, 2, 4, 6, 10]


def _assert_cases_equal(left: Case, right: Case) -> None:
    assert left.locations == right.locations
    assert left.routes == right.routes
    assert left.closures == right.closures
    assert left.corrections == right.corrections
    assert left.settings == right.settings
    assert (left.start_date, left.length_days) == (right.start_date, right.length_days)
    assert (left.conflicts is None) == (right.conflicts is None)
    if left.conflicts is not None and right.conflicts is not None:
        assert left.conflicts.location_names == right.conflicts.location_names
        np.testing.assert_array_equal(left.conflicts.intensity, right.conflicts.intensity)
    assert left.observed is not None and right.observed is not None
    assert list(left.observed.camps) == list(right.observed.camps)
    for name, series in left.observed.camps.items():
        np.testing.assert_array_equal(series.days, right.observed.camps[name].days)
        np.testing.assert_allclose(series.values, right.observed.camps[name].values)
    np.testing.assert_allclose(left.observed.total.values, right.observed.total.values)


def test_written_case_reads_back_equal(tmp_path: Path) -> None:
    case = read_case(TINY)
    write_case(case, tmp_path / "copy")
    _assert_cases_equal(case, read_case(tmp_path / "copy"))


@pytest.mark.shared_data
def test_car_case_survives_write_and_read(shared_data: Path, tmp_path: Path) -> None:
    case = read_case(SHARED_CASES / "car2013")
    write_case(case, tmp_path / "car")
    _assert_cases_equal(case, read_case(tmp_path / "car"))


def test_misspelt_setting_is_logged_with_a_suggestion(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text("move_rules:\n  max_move_sped: 100\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = read_settings(path)
    assert "max_move_sped" in caplog.text
    assert "max_move_speed" in caplog.text
    assert settings.move.max_move_speed == 360.0


def test_quoted_boolean_setting_is_read_as_meant_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text("spawn_rules:\n  insert_day0: 1\nmove_rules:\n  start_on_foot: 'False'\n")
    with caplog.at_level(logging.WARNING):
        settings = read_settings(path)
    assert settings.move.start_on_foot is False
    assert settings.spawn.insert_day0 is True
    assert f"{path}:4: start_on_foot is the text 'False', read as false" in caplog.text


ALTERNATIVE_SPELLINGS = [
    ("move_rules:\n  awareness_level: 1.5\n", "move.awareness_level", 1),
    ("move_rules:\n  max_move_speed: '200'\n", "move.max_move_speed", 200.0),
    ("move_rules:\n  camp_weight: 2\n", "move.camp_weight", 2.0),
    ("optimisations:\n  hasten: 10.0\n", "hasten", 10),
    ("spawn_rules:\n  conflict_spawn_decay: {0: 1.0, 1: 0.5}\n", "spawn.conflict_spawn_decay",
     (1.0, 0.5)),
    ("spawn_rules:\n  conflict_spawn_decay: ['1.0', 0.25]\n", "spawn.conflict_spawn_decay",
     (1.0, 0.25)),
    ("spawn_rules:\n  insert_day0: 'no'\n", "spawn.insert_day0", False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "attribute", "value"), ALTERNATIVE_SPELLINGS)
def test_setting_spellings_flee_runs_are_read(
    tmp_path: Path, text: str, attribute: str, value: object
) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text(text, encoding="utf-8")
    read: object = read_settings(path)
    for part in attribute.split("."):
        read = getattr(read, part)
    assert read == value


@pytest.mark.parametrize("key", ["empty_camps_on_day0", "EmptyCampsOnDay0", "camps_are_sinks"])
def test_renamed_flee_keys_are_known(
    tmp_path: Path, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text(f"spawn_rules:\n  {key}: False\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        read_settings(path)
    assert "unknown setting" not in caplog.text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("move_rules:\n  max_move_speed: fast\n", "max_move_speed is 'fast', not a finite number"),
        ("move_rules:\n  start_on_foot: maybe\n", "start_on_foot is 'maybe', not true or false"),
        ("move_rules:\n  softening: .nan\n", "softening is nan, not a finite number"),
        ("spawn_rules:\n  conflict_spawn_decay: {1: 0.5}\n", "not a list of numbers"),
    ],
)
def test_setting_spellings_nobody_reads_are_refused(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFormatError) as caught:
        read_settings(path)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert fragment in str(caught.value)


def test_hasten_below_one_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text("optimisations:\n  hasten: 0\n", encoding="utf-8")
    with pytest.raises(CaseFormatError, match=r"simsetting.yml:2: hasten is 0"):
        read_settings(path)


def _edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(case: Path) -> None:
        path = case / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _delete(relative: str) -> Callable[[Path], None]:
    def apply(case: Path) -> None:
        (case / relative).unlink()

    return apply


LOC = "input_csv/locations.csv"
MALFORMED = [
    ("missing locations", _delete(LOC), LOC, None, "locations.csv is missing"),
    ("header without #", _edit(LOC, "#name", "name"), LOC, 1, "not the #-header"),
    ("short header", _edit(LOC, ",conflict_date,population", ""), LOC, 1, "#-header"),
    ("bad population", _edit(LOC, "0,10000", "0,n/a"), LOC, 2, "population 'n/a'"),
    ("duplicate name", _edit(LOC, "Junction,North", "Origin,North"), LOC, 3, "listed twice"),
    (
        "unknown route end",
        _edit("input_csv/routes.csv", "Origin,Junction", "Origin,Junktion"),
        "input_csv/routes.csv",
        2,
        "'Junktion' is not in locations.csv",
    ),
    (
        "negative distance",
        _edit("input_csv/routes.csv", "Junction,CampNorth,50", "Junction,CampNorth,-50"),
        "input_csv/routes.csv",
        3,
        "distance '-50' is not positive",
    ),
    (
        "zero distance",
        _edit("input_csv/routes.csv", "Origin,CampSouth,300", "Origin,CampSouth,0"),
        "input_csv/routes.csv",
        5,
        "distance '0' is not positive",
    ),
    (
        "unknown closure location",
        _edit("input_csv/closures.csv", "link,Origin", "link,Orgin"),
        "input_csv/closures.csv",
        2,
        "'Orgin' is not in locations.csv",
    ),
    (
        "unknown conflict column",
        _edit("input_csv/conflicts.csv", "#Day,Origin,Junction", "#Day,Origin,Nowhere"),
        "input_csv/conflicts.csv",
        1,
        "'Nowhere' is not in locations.csv",
    ),
    (
        "conflicts without header",
        _edit("input_csv/conflicts.csv", "#Day,Origin,Junction\n", ""),
        "input_csv/conflicts.csv",
        1,
        "not a header",
    ),
    (
        "empty conflict cell",
        _edit("input_csv/conflicts.csv", "3,1,0\n", "3,,0\n"),
        "input_csv/conflicts.csv",
        5,
        "cell for 'Origin' is empty",
    ),
    (
        "too few conflict rows",
        _edit("input_csv/conflicts.csv", "9,1,0.5\n", ""),
        "input_csv/conflicts.csv",
        10,
        "9 day rows",
    ),
    (
        "bad start date",
        _edit("input_csv/sim_period.csv", "2020-01-01", "2020-13-01"),
        "input_csv/sim_period.csv",
        1,
        "StartDate '2020-13-01'",
    ),
    (
        "sim_period without Length",
        _edit("input_csv/sim_period.csv", "Length,10\n", ""),
        "input_csv/sim_period.csv",
        1,
        "the Length row is missing",
    ),
    (
        "unknown corrected camp",
        _edit("input_csv/registration_corrections.csv", "CampSouth", "CampWest"),
        "input_csv/registration_corrections.csv",
        1,
        "'CampWest' is not in locations.csv",
    ),
    (
        "correction off the series",
        _edit("input_csv/registration_corrections.csv", "2020-01-06", "2020-01-07"),
        "input_csv/registration_corrections.csv",
        1,
        "dated on no data point",
    ),
    (
        "bad correction date",
        _edit("input_csv/registration_corrections.csv", "2020-01-06", "6 Jan 2020"),
        "input_csv/registration_corrections.csv",
        1,
        "'6 Jan 2020' is not a YYYY-MM-DD date",
    ),
    (
        "camp missing from data_layout",
        _edit("source_data/data_layout.csv", "CampSouth,south.csv\n", ""),
        LOC,
        5,
        "camp 'CampSouth' has no row",
    ),
    (
        "data_layout missing",
        _delete("source_data/data_layout.csv"),
        "source_data/data_layout.csv",
        None,
        "data_layout.csv is missing",
    ),
    (
        "data_layout without total first",
        _edit("source_data/data_layout.csv", "total,refugees.csv\n", ""),
        "source_data/data_layout.csv",
        1,
        "not the total",
    ),
    (
        "bad date in a series",
        _edit("source_data/south.csv", "2020-01-04", "2020-01-32"),
        "source_data/south.csv",
        3,
        "'2020-01-32' is not a YYYY-MM-DD date",
    ),
    (
        "non-numeric count in a series",
        _edit("source_data/south.csv", "2020-01-04,50", "2020-01-04,fifty"),
        "source_data/south.csv",
        3,
        "count 'fifty' is not a number",
    ),
    (
        "series file missing",
        _delete("source_data/north-b.csv"),
        "source_data/north-b.csv",
        None,
        "observed data file is missing",
    ),
    (
        "wrong setting type",
        _edit("simsetting.yml", "awareness_level: 1", "awareness_level: high"),
        "simsetting.yml",
        9,
        "awareness_level is 'high'",
    ),
]


@pytest.mark.parametrize(
    ("edit", "relative", "line", "fragment"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_case_error_names_file_and_line(
    tiny: Path,
    edit: Callable[[Path], None],
    relative: str,
    line: int | None,
    fragment: str,
) -> None:
    edit(tiny)
    with pytest.raises(CaseFormatError) as caught:
        read_case(tiny)
    message = str(caught.value)
    where = f"{tiny / relative}:{line}: " if line is not None else f"{tiny / relative}: "
    assert message.startswith(where), message
    assert fragment in message
    assert "\n" not in message


def test_missing_case_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(CaseFormatError, match=r"nowhere: case folder is missing"):
        read_case(tmp_path / "nowhere")


def test_idle_unknown_conflict_column_is_ignored(
    tiny: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tiny / "input_csv" / "conflicts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",Isale"] + [row + ",0" for row in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        case = read_case(tiny)
    assert case.conflicts is not None
    assert case.conflicts.location_names == ("Origin", "Junction")
    assert "Isale" in caplog.text


def test_conflicts_longer_than_the_period_run_and_the_extra_days_are_unused(tiny: Path) -> None:
    from yalu.displacement import run_case

    before = run_case(read_case(tiny), seed=3)
    path = tiny / "input_csv" / "conflicts.csv"
    extra = "".join(f"{day},0,1\n" for day in range(10, 40))
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    case = read_case(tiny)
    assert case.conflicts is not None
    assert case.conflicts.days == 40
    after = run_case(case, seed=3)
    assert after.days == 10
    assert np.array_equal(before.population, after.population)


def test_the_yalu_section_is_known_and_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "simsetting.yml"
    path.write_text("yalu:\n  stay_in_camps: false\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = read_settings(path)
    assert settings.extra["yalu"] == {"stay_in_camps": False}
    assert "unknown setting" not in caplog.text
