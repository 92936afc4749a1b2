"""Tests for yalu.screening.contractions: one-word contractions of company names."""

from __future__ import annotations

import pytest

from yalu.models.screening import Entity, Query
from yalu.screening import DEFAULT_THRESHOLD, ScreeningIndex
from yalu.screening.contractions import (
    CONTRACTION_SIMILARITY,
    ContractionIndex,
    content_words,
    contracts,
    query_word,
)


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("profutcol", "PROMESAS DEL FUTBOL COLOMBIANO S.A."),
        ("copete", "COLOMBO PERUANA DE TEJIDOS S.A."),
        ("inpesca", "INDUSTRIA DE PESCA SOBRE EL PACIFICO S.A"),  # words left at the end
        ("socovalle", "SOCIEDAD CONSTRUCTORA Y ADMINISTRADORA DEL VALLE LTDA."),  # one skipped
        ("agronilo", "AGROPECUARIA EL NILO S.A."),
    ],
)
def test_a_word_made_of_the_starts_of_a_names_words_contracts_it(word: str, name: str) -> None:
    assert contracts(word, content_words(name))


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("transmike", "TRANSPORTES MICHAEL LTDA."),  # `ke` starts no word
        ("futcol", "PROMESAS DEL FUTBOL COLOMBIANO"),  # the first word must be used
        ("pfutcol", "PROMESAS DEL FUTBOL COLOMBIANO"),  # each word gives two letters or more
        ("coltej", "COLOMBO PERUANA NACIONAL DE TEJIDOS"),  # two words skipped in the middle
        ("promesas", "PROMESAS DEL FUTBOL COLOMBIANO"),  # one word is not a contraction
    ],
)
def test_other_words_do_not_contract_the_name(word: str, name: str) -> None:
    assert not contracts(word, content_words(name))
    assert ContractionIndex([(0, name)]).find(word) == []


@pytest.mark.parametrize(
    ("query", "word"),
    [("PROFUTCOL S.A.", "profutcol"), ("Inpesca", "inpesca"), ("Ryonbong Corp", "ryonbong")],
)
def test_a_query_of_one_word_besides_legal_forms_may_be_a_contraction(
    query: str, word: str
) -> None:
    assert query_word(query) == word


@pytest.mark.parametrize("query", ["Korea Ryonbong", "COPE S.A.", "Kim Chol"])
def test_queries_of_several_words_or_short_ones_are_not(query: str) -> None:
    assert query_word(query) is None


def test_screening_shows_the_contracted_company_for_review_not_as_a_match() -> None:
    index = ScreeningIndex.build(
        [
            Entity("c1", "Company", ("PROMESAS DEL FUTBOL COLOMBIANO S.A.",), "test"),
            Entity("p1", "Person", ("PROMESAS Futbol Colombiano",), "test"),
        ]
    )
    (match,) = index.screen(Query("PROFUTCOL S.A."))
    assert match.entity_id == "c1"  # people's names are not contracted
    assert match.score == CONTRACTION_SIMILARITY < DEFAULT_THRESHOLD
    assert not match.is_match
    assert "contracts the starts of the name's words" in match.explanation
