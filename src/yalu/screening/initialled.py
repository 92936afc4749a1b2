"""Retrieval of the names a query writes with initials (`Q. J. Muhammad`).

A query that writes some of a name's words as letters (`Q. J. Muhammad` for QANSU Jihad
Muhammad, `G. P. G. Velez` for GARCIA PIZARRO Gentil Velez) often keeps only words that
many names hold, which retrieval follows only to re-rank names found otherwise
(`KeyIndex.retrieve`), and letters that no name holds. Such names are found here: those
holding every other word of the query, however common, with words in a row that each run
of the query's letters starts. Scoring credits the same pairs (`score._initials_pairs`).
"""

from __future__ import annotations

from collections.abc import Sequence

from yalu.screening.normalize import normalize_name
from yalu.screening.retrieval import KeyIndex
from yalu.screening.score import INITIAL_SIMILARITY, IndexedName, is_syllabic

INITIALLED_POSTINGS = 20_000
"""Names holding the query's rarest other word read at most, per query."""


def letter_runs(text: str) -> frozenset[str]:
    """Return the runs of letters a name writes standing alone, run together (`qj`).

    `Q. J. Muhammad` → {"qj"}; `P Andrey` → {"p"}; `Ali Hassan` → none. `split_words`
    runs such letters together in the same way.
    """
    runs: list[str] = []
    in_run = False
    for word in normalize_name(text).split():
        is_letter = len(word) == 1 and word.isalpha()
        if is_letter and in_run:
            runs[-1] += word
        elif is_letter:
            runs.append(word)
        in_run = is_letter
    return frozenset(runs)


def starts_in_row(run: str, words: Sequence[str]) -> bool:
    """Return True when the letters of `run` start words in a row, of two letters or more.

    As scoring pairs them (`score._initials_pairs`).
    """
    size = len(run)
    return any(
        all(len(word) > 1 for word in words[j : j + size])
        and "".join(word[0] for word in words[j : j + size]) == run
        for j in range(len(words) - size + 1)
    )


def initialled_names(
    form: IndexedName, key_index: KeyIndex, names: Sequence[IndexedName]
) -> dict[int, float]:
    """Return the names a query with initials may be, with their retrieval credit.

    The names holding every word of the query that is not written as letters (by key),
    with words in a row that each run of its letters starts. Their credit is the one
    retrieval gives: those words' weights, and the letters' at `INITIAL_SIMILARITY`. None
    for a syllabic (Korean, Chinese) query, whose short words are syllables, nor for one
    of letters only (`forms.written_as_initials`), nor when a word is held by no name.
    """
    if len(form.words) != len(form.keys) or is_syllabic(form.keys):
        return {}
    runs = letter_runs(form.text)
    initials = [i for i, word in enumerate(form.words) if word in runs]
    rest = [i for i in range(len(form.keys)) if i not in initials]
    if not initials or not rest:
        return {}
    postings = sorted((key_index.postings.get(form.keys[i], ()) for i in rest), key=len)
    if not postings[0] or len(postings[0]) > INITIALLED_POSTINGS:
        return {}
    others = [frozenset(held) for held in postings[1:]]
    credit = sum((form.weights[i] for i in rest), 0.0) + INITIAL_SIMILARITY * sum(
        (form.weights[i] for i in initials), 0.0
    )
    letters = [form.words[i] for i in initials]
    return {
        position: credit
        for position in postings[0]
        if all(position in held for held in others)
        and all(starts_in_row(run, names[position].words) for run in letters)
    }
