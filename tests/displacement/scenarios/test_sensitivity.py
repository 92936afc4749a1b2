"""The closing note reads its claims from the numbers."""

from __future__ import annotations

from yalu.displacement.scenarios.sensitivity import SensitivityRow, closing_note


def _row(
    lever: str, early: int, total: int, base: tuple[int, int] = (1000, 5000)
) -> SensitivityRow:
    return SensitivityRow(
        lever, "", 30, early, total, 10, total, 0, 0, early - base[0], total - base[1]
    )


def test_note_says_a_closure_delays_when_the_total_barely_moves() -> None:
    rows = [_row("baseline", 1000, 5000), _row("close A-B", 700, 4990)]
    note = closing_note(rows)
    assert "A-B -30.0% early, -0.2% overall" in note
    assert "delays arrivals more than it prevents them" in note


def test_note_says_no_closure_matters_when_none_moves_arrivals() -> None:
    rows = [_row("baseline", 1000, 5000), _row("close A-B", 999, 4999)]
    assert "No single closure changes arrivals by 1% or more" in closing_note(rows)


def test_note_says_people_stay_when_a_closure_cuts_the_total() -> None:
    rows = [_row("baseline", 1000, 5000), _row("close A-B", 600, 3000)]
    assert "partly stay inside the DPRK" in closing_note(rows)
