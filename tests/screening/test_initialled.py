"""Names written with initials are found though their other words are common (issue 12)."""

from pytest import MonkeyPatch

from yalu.models.screening import Entity, Query
from yalu.screening.initialled import letter_runs, starts_in_row
from yalu.screening.search import ScreeningIndex

# Names as long as the query (two words), holding its only word; retrieval prefers them.
CROWD = [
    Entity(f"m{i}", "Person", (f"Muhammad {given}",), "test")
    for i, given in enumerate(["Rahim", "Karim", "Salim", "Nasir", "Tariq", "Bashir"])
]


def test_letters_standing_alone_are_runs_and_words_are_not() -> None:
    assert letter_runs("Q. J. Muhammad") == {"qj"}
    assert letter_runs("P Andrey") == {"p"}
    assert letter_runs("G. P. G. Velez") == {"gpg"}
    assert letter_runs("Ali Hassan") == frozenset()


def test_a_run_of_letters_starts_words_in_a_row_of_two_letters_or_more() -> None:
    assert starts_in_row("qj", ("qansu", "jihad", "muhammad"))
    assert not starts_in_row("qj", ("jihad", "qansu", "muhammad"))
    assert not starts_in_row("qj", ("q", "jihad"))
    assert not starts_in_row("q", ("q", "jihad"))


def test_initials_and_a_common_word_find_the_name_they_start(monkeypatch: MonkeyPatch) -> None:
    # `Q. J.` reaches no name and `Muhammad` reaches them all alike: QANSU Jihad Muhammad
    # was never scored, though it scores far above the others.
    monkeypatch.setattr("yalu.screening.search.CANDIDATE_ENTITIES", 2)
    target = Entity("q", "Person", ("QANSU Jihad Muhammad",), "test")
    index = ScreeningIndex.build([*CROWD, target])
    found = index.screen(Query("Q. J. Muhammad"))
    assert found[0].entity_id == "q"
    assert found[0].score > found[1].score


def test_initials_find_no_name_whose_words_they_do_not_start(monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setattr("yalu.screening.search.CANDIDATE_ENTITIES", 2)
    other = Entity("j", "Person", ("JIHAD Qansu Muhammad",), "test")
    index = ScreeningIndex.build([*CROWD, other])
    assert "j" not in [match.entity_id for match in index.screen(Query("Q. J. Muhammad"))]
