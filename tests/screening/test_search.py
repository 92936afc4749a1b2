"""Tests for yalu.screening.search: the ScreeningIndex API, on hand-built and real lists."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import SHARED_LISTS
from yalu.core.errors import InputError
from yalu.models.screening import Entity, Identifier, Query
from yalu.screening import ScreeningIndex
from yalu.screening.features import RANK_CEILING, WEAK_ALIAS_PENALTY
from yalu.screening.romanize import joined_keys, name_keys
from yalu.screening.search import forms_agree, written_closeness

ENTITIES = [
    Entity(
        "p1",
        "Person",
        ("KIM JONG UN", "Kim Jong-un"),
        "test",
        birth_dates=("1984-01-08",),
        nationalities=("kp",),
    ),
    Entity("p2", "Person", ("KIM JONG CHOL",), "test"),
    Entity("p3", "Person", ("KIM YO JONG",), "test"),
    Entity("p4", "Person", ("KIM JONG IL",), "test"),
    Entity("p5", "Person", ("RI MYONG SU",), "test"),
    Entity("p6", "Person", ("CHOE RYONG HAE",), "test", weak_aliases=("CHOE RYONG-HAI",)),
    Entity("p7", "Person", ("PAK PONG JU",), "test"),
    Entity("p8", "Person", ("O KUK RYOL",), "test"),
    Entity("p9", "Person", ("XI JINPING",), "test"),
    Entity("c1", "Company", ("KOREA RYONBONG GENERAL CORPORATION",), "test"),
    Entity("c2", "Organization", ("CHOSON KWANGSON BANKING CORPORATION",), "test"),
    Entity(
        "v1", "Vessel", ("CHON MA SAN",), "test", identifiers=(Identifier("imo", "IMO 8660313"),)
    ),
]


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(ENTITIES)


def top_id(index: ScreeningIndex, name: str, **facts: str) -> str | None:
    matches = index.screen(Query(name, **facts))  # type: ignore[arg-type]
    return matches[0].entity_id if matches and matches[0].is_match else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kim Jong Un", "p1"),
        ("Kim Jong-un", "p1"),
        ("Gim Jeong-eun", "p1"),
        ("Jong-Un Kim", "p1"),
        ("김정은", "p1"),
        ("Lee Myeong-su", "p5"),
        ("리명수", "p5"),
        ("Choi Ryong-hae", "p6"),
        ("최룡해", "p6"),
        ("Park Bong-ju", "p7"),
        ("Oh Guk-ryeol", "p8"),
        ("Hsi Chin-p'ing", "p9"),
        ("习近平", "p9"),
        ("Korea Ryeonbong General Corp", "c1"),
        ("Lyonbong General Co Ltd", "c1"),
        ("Joseon Gwangseon Banking Corp", "c2"),
    ],
)
def test_variant_spellings_find_the_listed_entity_first(
    index: ScreeningIndex, query: str, expected: str
) -> None:
    assert top_id(index, query) == expected


def test_kim_jong_un_matches_only_kim_jong_un(index: ScreeningIndex) -> None:
    matches = index.screen(Query("KIM JONG UN"))
    assert [m.entity_id for m in matches if m.is_match] == ["p1"]


@pytest.mark.parametrize(
    "query", ["Kim Min-jun", "Park Ji-hoon", "Wang Wei", "Li Na", "John Smith"]
)
def test_common_names_on_no_list_do_not_match(index: ScreeningIndex, query: str) -> None:
    assert top_id(index, query) is None


def test_matches_are_sorted_best_first_and_limited(index: ScreeningIndex) -> None:
    matches = index.screen(Query("Kim Jong"), limit=3)
    assert len(matches) == 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert not any(m.is_match for m in matches)


def test_match_explains_which_names_met(index: ScreeningIndex) -> None:
    match = index.screen(Query("김정은"))[0]
    assert match.query_name == "Gim Jeongeun"
    assert match.name in {"KIM JONG UN", "Kim Jong-un"}
    assert match.features[0].name == "name"
    assert "Gim Jeongeun" in match.explanation


def test_conflicting_birth_year_turns_a_name_match_into_a_non_match(index: ScreeningIndex) -> None:
    match = index.screen(Query("Kim Jong Un", birth_date="1950"))[0]
    assert not match.is_match
    assert any(f.name == "birth_date" and f.effect < 0 for f in match.features)


def test_exact_imo_number_decides_even_with_another_name(index: ScreeningIndex) -> None:
    match = index.screen(Query("Unknown Ship", imo_number="8660313"))[0]
    assert (match.entity_id, match.score, match.is_match) == ("v1", 1.0, True)
    assert any(f.name == "identifier" for f in match.features)


def test_weak_alias_match_carries_a_penalty(index: ScreeningIndex) -> None:
    match = index.screen(Query("Choe Ryong-hai"))[0]
    assert match.entity_id == "p6"
    assert match.name == "CHOE RYONG HAE" or any(f.name == "weak_alias" for f in match.features)


@pytest.mark.parametrize("name", ["", "   ", "---"])
def test_blank_query_name_is_an_input_error(index: ScreeningIndex, name: str) -> None:
    with pytest.raises(InputError):
        index.screen(Query(name))


def test_screen_many_yields_results_in_input_order_and_reports_progress(
    index: ScreeningIndex,
) -> None:
    done: list[int] = []
    queries = [Query("Pak Pong Ju"), Query("Xi Jinping"), Query("Kim Jong Un")]
    results = list(index.screen_many(queries, on_progress=done.append))
    assert [r[0].entity_id for r in results] == ["p7", "p9", "p1"]
    assert done[-1] == 3


def test_index_survives_pickling_and_counts_entities(index: ScreeningIndex) -> None:
    restored = pickle.loads(pickle.dumps(index))
    assert len(restored) == len(ENTITIES)
    assert top_id(restored, "Gim Jeong-eun") == "p1"


def test_build_reports_progress() -> None:
    done: list[int] = []
    ScreeningIndex.build(ENTITIES, on_progress=done.append)
    assert done[-1] == len(ENTITIES)


@pytest.mark.shared_data
def test_real_lists_find_the_dprk_leader_in_any_spelling_and_only_him() -> None:
    from yalu.formats import read_list

    entities = [
        *read_list(SHARED_LISTS / "UN_consolidated.xml").entities,
        *read_list(SHARED_LISTS / "ofac_sdn_2021").entities,
    ]
    index = ScreeningIndex.build(entities)
    for spelling in ("KIM JONG UN", "Gim Jeong-eun", "김정은", "Jong-un Kim"):
        matching = [m for m in index.screen(Query(spelling)) if m.is_match]
        assert [m.caption for m in matching] == ["KIM Jong Un"], spelling


SMALL_INDEX = ScreeningIndex.build(ENTITIES)


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=40), st.integers(min_value=1, max_value=8))
def test_any_query_is_refused_clearly_or_answered_within_limit_and_range(
    name: str, limit: int
) -> None:
    try:
        matches = SMALL_INDEX.screen(Query(name), limit=limit)
    except InputError:
        return
    assert len(matches) <= limit
    assert all(0.0 <= m.score <= 1.0 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@pytest.mark.parametrize(("threshold", "limit"), [(-0.1, 5), (1.5, 5), (0.8, 0)])
def test_threshold_outside_unit_interval_or_limit_below_one_is_an_input_error(
    threshold: float, limit: int
) -> None:
    with pytest.raises(InputError):
        SMALL_INDEX.screen(Query("Kim Jong Un"), threshold=threshold, limit=limit)


FORMS = [
    *ENTITIES,
    Entity("c3", "Company", ("NAFTIRAN INTERTRADE CO. (NICO) SARL",), "test"),
    Entity("c4", "Organization", ("LAREDO DRUG TRAFFICKING ORGANIZATION",), "test"),
    Entity("c5", "Company", ("ZIMBABWE MINING DEVELOPMENT CORPORATION",), "test"),
    Entity("c6", "Organization", ("Islamic Army of Aden",), "test"),
    Entity("c7", "Company", ("CEMENT INDUSTRY INVESTMENT AND DEVELOPMENT COMPANY",), "test"),
    Entity("p10", "Person", ("SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI",), "test"),
    Entity("p11", "Person", ("AL-HAKIM Abdullah Yahya", "Abdallah al-Mu'ayyad"), "test"),
    Entity("p12", "Person", ("MUBARAK Ahmad 'Abd al-Aziz",), "test"),
    Entity("p13", "Person", ("Harry Example Jones",), "test"),
    Entity("p14", "Person", ("RAHIM Fazal",), "test"),
    Entity("p15", "Person", ("RAHIM Fadil",), "test"),
    Entity("p18", "Person", ("RAHIM Fakhil",), "test"),
    Entity("p16", "Person", ("LOUNICI Djamel",), "test"),
    Entity("p17", "Person", ("LOUNICI Kamel",), "test"),
    Entity("p19", "Person", ("LIN Rongnan",), "test", countries=("cn",)),
    Entity("p20", "Person", ("LIN Chongnan",), "test", countries=("kp",)),
]


@pytest.fixture(scope="module")
def forms_index() -> ScreeningIndex:
    return ScreeningIndex.build(FORMS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("KRGC", "c1"),  # acronym of Korea Ryonbong General Corporation
        ("ZMDC", "c5"),
        ("Laredo DTO", "c4"),  # first word kept, the rest as initials
        ("I. A. O. Aden", "c6"),  # initials but the last word, as `J. R. Smith`
        ("C. I. I. A. D. Company", "c7"),  # initials of every word but the legal form
        ("NICO", "c3"),  # bracketed short name
        ("Naftiran Intertrade SARL", "c3"),  # the name without its bracket
        ("سعد عبد المجيد الفيصل التكريتي", "p10"),  # Arabic script, Latin listing
        ("MUBARAK Ahmed Abdel Aziz", "p12"),  # Ahmed = Ahmad, Abdel = Abd al
        ("جمال لونيسي", "p16"),  # French spelling: `Dj` is ج, `ci` is سي
    ],
)
def test_acronyms_brackets_and_arabic_forms_find_the_entity(
    forms_index: ScreeningIndex, query: str, expected: str
) -> None:
    assert top_id(forms_index, query) == expected


def test_an_arabic_letter_latin_writes_two_ways_matches_either_spelling(
    forms_index: ScreeningIndex,
) -> None:
    # ض is `d` as Arabic says it (`Fadil`) and `z` as Pashto and Urdu do (`Fazal`).
    matches = forms_index.screen(Query(name="فضل رحيم"), limit=5)
    assert {m.entity_id for m in matches if m.is_match} == {"p14", "p15"}
    fazal = next(m for m in matches if m.entity_id == "p14")
    assert "ض read as z, as in Persian, Urdu and Pashto" in fazal.explanation


def test_a_chinese_name_in_wade_giles_is_also_read_as_pinyin(forms_index: ScreeningIndex) -> None:
    # WG `Jung` is pinyin `Rong`; read as written, it is the Korean 정 (`Chong`).
    matches = {m.entity_id: m for m in forms_index.screen(Query(name="Lin Jung-nan"))}
    assert matches["p19"].is_match and matches["p20"].is_match
    assert "Lin Jung-nan read as Wade-Giles: all words" in matches["p19"].explanation
    assert "Wade-Giles" not in matches["p20"].explanation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mubarak Ahmad Abd al-Aziz (محمد علي)", "p12"),  # the Latin part is right
        ("Jonas Exemplar (Harry Example Jones)", "p13"),  # the bracketed alias is right
    ],
)
def test_a_query_in_two_scripts_or_with_brackets_is_also_screened_by_parts(
    forms_index: ScreeningIndex, query: str, expected: str
) -> None:
    match = forms_index.screen(Query(query))[0]
    assert (match.entity_id, match.score) == (expected, 1.0)


def test_forms_scored_only_on_their_exact_key_do_not_weigh_words() -> None:
    # Acronyms and syllables run together are derived from the names: counting them
    # would change every word's weight, and make `krgc` a word some list holds.
    index = ScreeningIndex.build(
        [
            Entity("c1", "Company", ("Korea Ryonbong General Corporation",), "test"),
            Entity("p1", "Person", ("KIM JONG UN",), "test"),
        ]
    )
    assert len(index.names) > 2  # the acronyms and `kimjongun` are indexed...
    assert index.keys.name_count == 2  # ...but the words weigh by the two names
    assert index.keys.document_frequency.get("krgc", 0) == 0
    assert index.keys.document_frequency["kim"] == 1


@pytest.mark.parametrize("query", ["KJU", "KJC", "HEJ"])
def test_people_get_no_acronyms(forms_index: ScreeningIndex, query: str) -> None:
    assert top_id(forms_index, query) is None


def test_syllables_written_as_one_word_find_the_name_written_apart_and_only_it() -> None:
    index = ScreeningIndex.build(
        [
            Entity("v1", "Vessel", ("CHON MA SAN",), "test"),
            Entity("v2", "Vessel", ("KUM UN SAN 3",), "test"),
            Entity("p1", "Person", ("KIM Jong Un",), "test"),
        ]
    )
    assert top_id(index, "Chonmasan") == "v1"
    assert top_id(index, "Kumunsan 3") == "v2"
    assert index.screen(Query("Chonmasan"))[0].name == "CHON MA SAN"
    # One syllable apart is another name, not a typo of this one.
    assert all(m.entity_id != "p1" for m in index.screen(Query("Kimjongil")))


def test_among_equal_scores_the_name_with_the_querys_kind_of_legal_form_comes_first() -> None:
    index = ScreeningIndex.build(
        [
            Entity("1", "Company", ("AL KAWTHAR",), "a_list"),  # first by list and id
            Entity("2", "Company", ("Al Kawthar Company",), "b_list"),
            Entity("3", "Company", ("SPECIAL TECH CLOSED JOINT STOCK COMPANY",), "a_list"),
            Entity("4", "Company", ("SPECIAL TECH",), "b_list"),
        ]
    )
    assert [m.entity_id for m in index.screen(Query("Al Kawthar Co."), limit=2)] == ["2", "1"]
    assert [m.entity_id for m in index.screen(Query("Special Tech Ltd"), limit=2)] == ["4", "3"]


@pytest.mark.parametrize(
    ("query", "listed", "agreement"),
    [
        ({"limited"}, {"limited"}, 1),  # OOO and LLC
        ({"company"}, {"joint stock", "company"}, 1),  # a joint-stock company is a company
        ({"limited"}, {"joint stock", "company"}, -1),
        ({"limited"}, set(), 0),
        (set(), {"limited"}, 0),
    ],
)
def test_legal_forms_agree_by_kind(query: set[str], listed: set[str], agreement: int) -> None:
    assert forms_agree(frozenset(query), frozenset(listed)) == agreement


def test_a_candidate_that_scored_nothing_is_not_listed() -> None:
    # `Xiuying` is retrieved one letter from `Xiuyang`, but in Chinese names that letter
    # makes another syllable, so LI Xiuying scores 0 and is left out, limit or not.
    index = ScreeningIndex.build(
        [
            Entity("p1", "Person", ("LI Xiuying",), "test"),
            Entity("p2", "Person", ("WU Xiuyang",), "test"),
        ]
    )
    assert [m.entity_id for m in index.screen(Query("Xiuyang Wu"), limit=5)] == ["p2"]


def test_initials_one_letter_from_a_query_word_do_not_match() -> None:
    # JHAIG is keyed like `Jack` but for one letter: initials that differ name another body.
    index = ScreeningIndex.build(
        [Entity("c1", "Company", ("Jiangxi Hongdu Aviation Industry Group",), "test")]
    )
    assert index.screen(Query("Jack Xianhua")) == []
    assert index.screen(Query("JHAIG"))[0].score > 0.8


@pytest.mark.parametrize("query", ["CSC", "C. S. C."])
def test_initials_score_every_body_they_abbreviate_whatever_retrieval_keeps(
    query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On the full lists dozens of names reach `CSC` by its letters (`CESIC`, `CASIC`) and
    # fill the entities retrieval keeps; here it keeps one, and no rare word helps.
    monkeypatch.setattr("yalu.screening.search.CANDIDATE_ENTITIES", 1)
    monkeypatch.setattr("yalu.screening.retrieval.RARE_POSTINGS", 1)
    bodies = [
        Entity("a", "Company", ("Chonmyong Shipping Co",), "test"),
        Entity("b", "Company", ("Changgwang Sinyong Corporation",), "test"),
        Entity("c", "Company", ("Cheil Sugar Company",), "test"),
    ]
    index = ScreeningIndex.build([*bodies, Entity("p", "Person", ("CESIC Ranko",), "test")])
    assert sorted(m.entity_id for m in index.screen(Query(query)) if m.is_match) == ["a", "b", "c"]


def test_a_given_name_is_not_the_initials_of_a_company_and_its_legal_form() -> None:
    # `IPI S.A.` is two words once `S.A.` is one, too few to abbreviate: `Isa` is not it.
    # A longer name's initials take the legal form's letters (`TAUSA`, like `PDVSA`).
    index = ScreeningIndex.build(
        [
            Entity("c1", "Company", ("IPI S.A.",), "test"),
            Entity("c2", "Company", ("INPESCA S.A.",), "test"),
            Entity("c3", "Company", ("Iranian Space Agency",), "test"),
            Entity("c4", "Company", ("TRANSPORTES AEREOS UNIDOS S.A.",), "test"),
        ]
    )
    assert [m.entity_id for m in index.screen(Query("Isa")) if m.is_match] == ["c3"]
    assert [m.entity_id for m in index.screen(Query("TAUSA")) if m.is_match] == ["c4"]
    # Written as initials, the letters may be the company's and its legal form's.
    assert {m.entity_id for m in index.screen(Query("I. S. A.")) if m.is_match} == {
        "c1",
        "c2",
        "c3",
    }


def test_acronym_match_is_explained_as_a_weak_form_under_the_full_name(
    forms_index: ScreeningIndex,
) -> None:
    match = forms_index.screen(Query("KRGC"))[0]
    assert match.name == "KOREA RYONBONG GENERAL CORPORATION"
    assert "weak_alias" in [f.name for f in match.features]


def test_query_words_in_another_name_of_the_entity_add_to_the_score(
    forms_index: ScreeningIndex,
) -> None:
    match = forms_index.screen(Query("Mu'ayyad Abdullah Yahya al-Hakim"))[0]
    assert match.entity_id == "p11"
    assert next(f.effect for f in match.features if f.name == "other_names") > 0


def test_a_name_holding_the_query_words_outranks_one_helped_by_other_names() -> None:
    # Both names share `mahmud` and `khalid`, misspelt `khalod`; one holds `al` itself, the
    # other entity holds it in another name. Before, that help came from what the typo
    # lost too, and lifted MAHMUD Khalid above AL-MAHMUD Khalid.
    index = ScreeningIndex.build(
        [
            Entity("held", "Person", ("AL-MAHMUD Khalid",), "test"),
            Entity("helped", "Person", ("MAHMUD Khalid", "AL-HAKIM Abu Bakr"), "test"),
        ]
    )
    first, second = index.screen(Query("AL-MAHMUD Khalod"))[:2]
    assert (first.entity_id, second.entity_id) == ("held", "helped")
    assert first.score > second.score
    assert "other_names" in [f.name for f in second.features]


def test_names_holding_the_rarest_query_word_are_always_scored() -> None:
    # Twenty entities share three common words with the query; only one holds its rare
    # word, and summed retrieval credit alone would not reach it.
    crowd = [
        Entity(f"x{i}", "Person", (f"Kamal Ben Ahmed Ben Mohamed X{i}q",), "test")
        for i in range(20)
    ]
    index = ScreeningIndex.build([*crowd, Entity("d1", "Person", ("DARRAJI Kamel",), "test")])
    found = index.screen(Query("DARRAJI Kamal Ben Mohamed Ben Ahmed"), limit=30)
    assert "d1" in [m.entity_id for m in found]


def test_a_name_with_the_querys_very_keys_is_retrieved_before_ties() -> None:
    # "Yi Li" and "LI Yi" both key as (ri, ri); twenty names holding one "Li" tie with it
    # on retrieval credit and are indexed first.
    others = ["MA", "PU", "MYINT", "CHEN", "WANG", "ZHAO", "SUN", "ZHOU", "WU", "ZHENG"]
    crowd = [
        Entity(f"x{i}", "Person", (f"{surname} Li", f"Li {surname}{i}q"), "test")
        for i, surname in enumerate(others * 2)
    ]
    entities = [*crowd, Entity("y1", "Person", ("LI Hong Ri",), "test")]
    index = ScreeningIndex.build([*entities, Entity("y2", "Person", ("LI Yi",), "test")])
    assert top_id(index, "Yi Li") == "y2"


def test_a_word_spelt_with_other_vowels_is_retrieved_among_many_sharing_the_given_name() -> None:
    # "Zoeiter" and "Zeaiter" are one Arabic name; a hundred "Ali"s outrank it on the
    # given name alone, and no key one edit away leads to it.
    crowd = [Entity(f"a{i}", "Person", (f"Ali Q{i}x",), "test") for i in range(100)]
    index = ScreeningIndex.build([*crowd, Entity("z1", "Person", ("ZEAITER Ali",), "test")])
    assert index.screen(Query("ZOEITER Ali"))[0].entity_id == "z1"


@pytest.mark.parametrize(("query", "reached"), [("Zoeiter Hamdan", True), ("Zhang Xuemang", False)])
def test_only_non_syllabic_names_are_retrieved_by_their_consonants(
    query: str, reached: bool
) -> None:
    # One vowel makes another Chinese or Korean syllable: `Xuemang` is not `Xiaoming`.
    index = ScreeningIndex.build(
        [
            Entity("z1", "Person", ("ZEAITER Ali",), "test"),
            Entity("c1", "Person", ("LIU Xiaoming",), "test"),
        ]
    )
    found = index.keys.retrieve(name_keys(query), joined_keys(query))
    assert bool(found) is reached


def test_a_one_word_name_that_is_the_initials_of_another_matches_letter_for_letter() -> None:
    # GIA abbreviates Groupe Islamique Armé: `Kia` sounds like it but is another word.
    index = ScreeningIndex.build(
        [
            Entity(
                "o1", "Organization", ("ARMED ISLAMIC GROUP", "GIA", "Groupe Islamique Armé"), "t"
            ),
            Entity("p1", "Person", ("GIA Long",), "t"),
        ]
    )
    assert top_id(index, "GIA") == "o1"
    assert all(m.entity_id != "o1" for m in index.screen(Query("Kia Corporation")))
    assert all(m.entity_id != "o1" for m in index.screen(Query("Kia")))


def test_a_body_named_after_a_country_it_is_not_of_does_not_match() -> None:
    # Agricultural Bank of China is not Iran's agricultural bank, whatever the glossary
    # makes of `Keshavarzi`; the same bank named with its own country still matches.
    iran = Entity(
        "b1",
        "Company",
        ("BANK KESHAVARZI IRAN", "AGRICULTURAL BANK OF IRAN", "BANK KESHAVARZI"),
        "t",
        countries=("IR",),
    )
    index = ScreeningIndex.build([iran])
    china = index.screen(Query("Agricultural Bank of China"))
    assert not any(m.is_match for m in china)
    assert any(f.name == "place" and f.effect < 0 for f in china[0].features)
    assert index.screen(Query("Agricultural Bank of Iran"))[0].is_match
    # People are left alone: Jordan is also a given name.
    person = Entity("p1", "Person", ("Jordan PETERSEN",), "t", countries=("US",))
    assert ScreeningIndex.build([person]).screen(Query("Jordan Petersen"))[0].is_match


def test_a_name_that_states_a_legal_form_is_a_body_not_a_person() -> None:
    # `Naranjo S.A.` is a company: NARANJO Carlos shares its one word but is a person.
    index = ScreeningIndex.build(
        [
            Entity("p", "Person", ("NARANJO Carlos",), "t"),
            Entity("c", "Company", ("NARANJO ABAJO, S.A.",), "t"),
            Entity("k", "Person", ("SA Myong Il",), "t"),
        ]
    )
    found = index.screen(Query("NARANJO S.A."))
    assert [m.entity_id for m in found] == ["c", "p"]
    assert any(f.name == "schema" and f.effect < 0 for f in found[1].features)
    # A syllabic name is left alone: `Sa` is also a Korean family name.
    assert index.screen(Query("Sa Myong Il"))[0].score == 1.0
    # A schema the query gives is compared once, not twice.
    person = index.screen(Query("NARANJO S.A.", schema="Company"))[1]
    assert [f.name for f in person.features].count("schema") == 1


def test_a_name_that_states_a_legal_form_is_a_body_not_a_ship() -> None:
    ship = Entity("v", "Vessel", ("ORIENTAL",), "t")
    found = ScreeningIndex.build([ship]).screen(Query("ORIENTAL COMPANY SPRL"))[0]
    assert not found.is_match
    assert "the list has a Vessel" in found.explanation
    assert ScreeningIndex.build([ship]).screen(Query("ORIENTAL"))[0].is_match


def test_a_latin_name_keeps_the_list_order_among_equal_scores_whatever_the_countries() -> None:
    # The country-of-reading tie-break is for names in Han characters only: `Ri Song Chol`
    # in Latin letters ties the two entries and keeps them in list order.
    index = ScreeningIndex.build(
        [
            Entity("20121", "Person", ("RI Song Chol",), "ofac_sdn", nationalities=("kp",)),
            Entity("x", "Person", ("Ri Song Chol",), "us_csl"),
        ]
    )
    assert [m.list for m in index.screen(Query("Ri Song-Chol"))] == ["ofac_sdn", "us_csl"]


def test_equal_scores_put_the_name_closer_as_written_first_whatever_the_list() -> None:
    # Both names hold every word of the query; the second also its acronym, as typed.
    index = ScreeningIndex.build(
        [
            Entity("a1", "Organization", ("ATOMIC ENERGY ORGANIZATION OF IRAN",), "a_list"),
            Entity("b1", "Organization", ("Atomic Energy Organization of Iran (AEOI)",), "b_list"),
        ]
    )
    with_acronym = index.screen(Query("Atomic Energy Organization of Iran (AEOI)"))
    assert [(m.entity_id, m.score) for m in with_acronym] == [("b1", 1.0), ("a1", 1.0)]
    without = index.screen(Query("Atomic Energy Organization of Iran"))
    assert [(m.entity_id, m.score) for m in without] == [("a1", 1.0), ("b1", 1.0)]


def test_written_closeness_ignores_case_and_punctuation() -> None:
    assert written_closeness("Sa'id Mohamed", "SA'ID MOHAMED") == (100.0, 2, 100.0)
    assert written_closeness("Sa'id Mohamed", "SAEED Muhammad")[0] < 100.0


def test_among_names_one_letter_off_the_one_that_sounds_alike_is_closer() -> None:
    # `v` and `f` differ only by voicing; `v` and `k` do not sound alike.
    karanir, faranir = (
        written_closeness("Varanir", "Karanir"),
        written_closeness("Varanir", "Faranir"),
    )
    assert karanir[:2] == faranir[:2]
    assert faranir[2] > karanir[2]


def test_a_name_written_family_comma_given_is_closest_to_the_same_name_in_either_order() -> None:
    assert written_closeness("Stanković, Radovan", "Radovan Stanković")[0] == 100.0
    inverted = written_closeness("Stanković, Radovan", "STANKOVIC Radovan")[0]
    assert 90.0 < inverted < 100.0


def test_among_equal_scores_the_name_holding_the_query_words_as_written_comes_first() -> None:
    # The same person on two lists, keyed alike: the ratio of the whole names ties them.
    index = ScreeningIndex.build(
        [
            Entity("a", "Person", ("Yuriy Alexandrovich PRONKO",), "a_list"),
            Entity("b", "Person", ("Yuri Aleksandrovich PRONKO",), "b_list"),
        ]
    )
    first, second = index.screen(Query("Yuri PRONKO"))
    assert first.score == second.score
    assert first.entity_id == "b"


NATO = ("ALFA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL", "INDIA")
NATO += ("JULIETT", "KILO", "LIMA", "MIKE", "OSCAR")


def test_a_stated_legal_form_brings_the_names_of_that_kind_among_many_sharing_a_word() -> None:
    # More names hold `Trans` than are scored; the one that also says `OOD` is, and first.
    others = [
        Entity(str(i), "Organization", (f"TRANS {word}",), "test") for i, word in enumerate(NATO)
    ]
    index = ScreeningIndex.build([*others, Entity("n", "Organization", ("TRANS NOVE OOD",), "t")])
    assert index.screen(Query("TRANS OOD"))[0].entity_id == "n"


def test_a_legal_form_both_names_state_orders_them_but_makes_no_match() -> None:
    # `Scientific` is commoner than `Nove`: by name alone, the name lacking it ranks first.
    index = ScreeningIndex.build(
        [
            Entity("s", "Organization", ("TRANS SCIENTIFIC CORP.",), "test"),
            Entity("n", "Organization", ("TRANS NOVE OOD",), "test"),
            *(
                Entity(f"x{i}", "Organization", (f"{w} SCIENTIFIC",), "t")
                for i, w in enumerate(NATO[:8])
            ),
            *(
                Entity(f"t{i}", "Organization", (f"TRANS {w}",), "t")
                for i, w in enumerate(NATO[:6])
            ),
        ]
    )
    first, second = index.screen(Query("TRANS OOD"), limit=2)
    assert (first.entity_id, second.entity_id) == ("n", "s")
    assert first.features[0].effect < second.features[0].effect  # the name feature
    assert first.score < RANK_CEILING and not first.is_match
    assert "legal form +" in first.explanation and "both names state OOD" in first.explanation


def test_a_stated_legal_form_ranks_the_company_before_a_ship_of_its_first_word() -> None:
    # The ship ORIENTAL holds the query's one word that is not a legal form (0.75 after its
    # kind penalty); the company holds every word of it and states the same legal form.
    index = ScreeningIndex.build(
        [
            Entity("ship", "Vessel", ("ORIENTAL",), "test"),
            Entity("iron", "Organization", ("ORIENTAL IRON COMPANY SPRL",), "test"),
            Entity("other", "Organization", ("ALFA IRON",), "test"),
        ]
    )
    first, second = index.screen(Query("ORIENTAL COMPANY SPRL"), limit=2)
    assert (first.entity_id, second.entity_id) == ("iron", "ship")
    assert first.score < RANK_CEILING and not first.is_match


def test_a_bracketed_short_form_of_the_query_matches_as_a_weak_alias() -> None:
    index = ScreeningIndex.build(
        [
            Entity("centre", "Organization", ("Tadbir Sanaat Technology Center",), "test"),
            Entity("other", "Organization", ("TSS Co.",), "test"),
        ]
    )
    found = index.screen(Query("Hajji Tadbir Sanaat Technology Center (TSS)"), limit=2)
    assert [match.entity_id for match in found] == ["centre", "other"]
    assert found[1].score == pytest.approx(1.0 + WEAK_ALIAS_PENALTY)
    assert "only the name's bracketed part matched" in found[1].explanation


def test_a_name_written_as_the_query_is_scored_however_many_share_its_keys() -> None:
    # Twelve `SAEED Muhammad` key as `SA'ID Mohamed` does and take the candidates' places;
    # the name written as the query, but for its punctuation, is scored all the same.
    crowd = [Entity(f"c{n:02}", "Person", ("SAEED Muhammad",), "test") for n in range(12)]
    index = ScreeningIndex.build([*crowd, Entity("z", "Person", ("SA'ID Mohamed",), "test")])
    best = index.screen(Query("SA ID Mohamed"))[0]
    assert (best.entity_id, best.name) == ("z", "SA'ID Mohamed")
