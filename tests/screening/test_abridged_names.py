"""Names written short: without their vowels, or cut by a fixed-width field (issue 12)."""

import pytest

from yalu.models.screening import Entity, Query
from yalu.screening.romanize import joined_keys, name_keys, phonetic_key
from yalu.screening.score import (
    TRUNCATED_SIMILARITY,
    VOWEL_DROP_SIMILARITY,
    score_names,
    typo_similarity,
)
from yalu.screening.search import ScreeningIndex

MUJAHID = Entity("1", "Person", ("MUJAHID Mohammed Yahya",), "test")
ARABIC = [  # written in Arabic script, these read without vowels: `mhmd yhya ...`
    Entity(str(n), "Person", (f"محمد يحيى {last}",), "test")
    for n, last in enumerate(("عمر", "أحمد", "علي"), start=2)
]
MUHAMMADS = [  # `Mhmmd` may be any of them: a common word, not a rare one
    Entity(str(n), "Person", (f"Mohammed {last}",), "test")
    for n, last in enumerate(("Karimi", "Rahimi", "Salimi", "Hakimi", "Nazari"), start=20)
]
OTHERS = ("Orlov", "Sokolov", "Popov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Volkov")
CUT = [
    Entity("30", "Person", ("Anna Yurievna TODOROVA",), "test"),
    Entity("29", "Person", ("Anna Yurievna TOKAREVA",), "test"),
    Entity("32", "Person", ("Aleksander Vladimirovich GUTSAN",), "test"),
    Entity("33", "Person", ("Aleksander KOVALENKO",), "test"),
    Entity("34", "Person", ("Vladimir Petrovich KOVAL",), "test"),
    # Names of the query's length sharing its first word come first among equal credits.
    *(Entity(f"4{n}", "Person", (f"Aleksander {name}",), "test") for n, name in enumerate(OTHERS)),
    *(Entity(f"5{n}", "Person", (f"{name} Aleksander",), "test") for n, name in enumerate(OTHERS)),
]


def similarity(a: str, b: str) -> float:
    return typo_similarity(a, b, phonetic_key(a), phonetic_key(b), False)


def test_three_consonants_are_a_word_without_its_vowels() -> None:
    assert similarity("slh", "saleh") == VOWEL_DROP_SIMILARITY
    assert similarity("jvr", "javier") == VOWEL_DROP_SIMILARITY
    assert similarity("slh", "sl") == 0.0  # the longer word has vowels to drop


def test_a_word_without_its_vowels_weighs_as_the_words_it_may_be() -> None:
    index = ScreeningIndex.build([MUJAHID, *ARABIC, *MUHAMMADS])
    key = phonetic_key("mhmmd")
    assert key not in index.keys.postings
    assert index.keys.word_weight(key, "mhmmd") < index.keys.weight(key)
    # A word that no list holds and that has its vowels keeps the weight of a rare word.
    rare = phonetic_key("zorbax")
    assert index.keys.word_weight(rare, "zorbax") == index.keys.weight(rare)


def test_a_name_cut_by_a_field_width_finds_its_entity() -> None:
    index = ScreeningIndex.build(CUT)
    assert index.screen(Query("Anna Yurievna TODORO"))[0].entity_id == "30"
    assert index.screen(Query("Aleksander Vladimiro"))[0].entity_id == "32"


def test_a_name_cut_where_the_cut_changes_the_key_finds_its_entity() -> None:
    # `Nikolaiovyc` keys as `nikolaeovyz`, which no key starts; as written it starts
    # `Nikolaiovych`. More names share the first word than are scored in full.
    others = [
        Entity(f"6{n}", "Person", (f"Gennadiy {name}",), "test") for n, name in enumerate(OTHERS)
    ]
    others += [
        Entity(f"7{n}", "Person", (f"{name} Gennadiy",), "test") for n, name in enumerate(OTHERS)
    ]
    cut = Entity("35", "Person", ("Gennadiy Nikolaiovych TSYPKALOV",), "test")
    index = ScreeningIndex.build([*others, cut])
    assert phonetic_key("nikolaiovyc") not in index.keys.postings
    assert index.screen(Query("Gennadiy Nikolaiovyc"))[0].entity_id == "35"


def cut_score(
    query: tuple[str, ...], listed: tuple[str, ...], known: tuple[bool, ...] = ()
) -> float:
    """Score two names whose words are their own keys, all of weight 1."""
    return score_names(
        query, (1.0,) * len(query), listed, (1.0,) * len(listed),
        query_words=query, candidate_words=listed, query_known=known,
    )  # fmt: skip


def test_only_the_last_word_of_a_longer_name_is_taken_as_cut() -> None:
    cut = cut_score(("anna", "todoro"), ("anna", "todorova"))
    assert cut == cut_score(("anna", "todorova"), ("anna", "todoro"))  # either side may be cut
    aligned = (2 + 2 * TRUNCATED_SIMILARITY) / 4  # both words aligned, one of them cut
    assert cut == pytest.approx(0.6 * aligned + 0.4 * aligned)
    assert cut_score(("todoro", "anna"), ("todorova", "anna")) < cut  # not the last word
    assert cut_score(("anna",), ("annabella",)) == 0.0  # a name of one word is not cut
    assert cut_score(("anna", "todo"), ("anna", "todorova")) < cut  # too short to tell


def test_a_cut_word_that_lists_hold_is_a_word_not_a_cut() -> None:
    # `Koval` is a listed name: `Aleksander Koval` is not `Aleksander Kovalenko` cut short.
    listed = ("aleksander", "kovalenko")
    assert cut_score(("aleksander", "koval"), listed, (False, True)) < cut_score(
        ("aleksander", "koval"), listed, (False, False)
    )


def test_a_join_that_keys_as_one_of_its_words_does_not_tip_the_score() -> None:
    # `Arquitectos S` run together keys as `arquitectos` alone (doubled letters collapse):
    # which of two mirror-image alignments wins must not hang on a weight's last digit.
    query, listed = "G Y R ARQUITECTOS, S", "G Y R ARQUITECTOS, S. DE R.L. DE C.V."
    keys, listed_keys = name_keys(query), name_keys(listed)
    assert joined_keys(query)[-1] == keys[-2]
    scores = {
        round(
            score_names(
                keys,
                (10.747, 10.747, 6.725 + nudge),
                listed_keys,
                (10.747, 10.747, 6.725, 1.2, 8.2, 1.2),
                query_joined=joined_keys(query),
                candidate_joined=joined_keys(listed),
            ),
            6,
        )
        for nudge in (-1e-9, 0.0, 1e-9)
    }
    assert len(scores) == 1
