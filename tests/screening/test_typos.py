"""Typo tolerance that keeps syllabic names apart (issue 12, item 1)."""

import pytest
from pytest import MonkeyPatch

from yalu.models.screening import Entity, Query
from yalu.screening.romanize import name_keys, phonetic_key, romanized_words
from yalu.screening.score import (
    DEFAULT_THRESHOLD,
    EDIT_COST,
    OTHER_SYLLABLE_SIMILARITY,
    TYPO_SIMILARITY,
    VOWEL_DROP_SIMILARITY,
    _as_written,
    _starts_as_written,
    score_names,
    typo_similarity,
)
from yalu.screening.search import ScreeningIndex

ENTITIES = [
    Entity("1", "Person", ("KIM Jong Un",), "test", nationalities=("kp",)),
    Entity("2", "Person", ("CHOE Ryong Hae",), "test", nationalities=("kp",)),
    Entity("3", "Person", ("CHOE Chun Yong",), "test", nationalities=("kp",)),
    Entity("4", "Organization", ("KOREA RYONBONG GENERAL CORPORATION",), "test"),
    Entity("5", "Person", ("KIM Jong Il",), "test"),
    Entity("6", "Person", ("Mohammed Abdullah Hussein",), "test"),
]


def similarity(a: str, b: str, syllabic: bool) -> float:
    return typo_similarity(a, b, phonetic_key(a), phonetic_key(b), syllabic)


def test_one_typo_scores_partly_not_zero() -> None:
    assert similarity("jnog", "jong", True) == TYPO_SIMILARITY  # swapped, not a syllable
    assert similarity("hea", "hae", True) > 0  # `hea` reads as two syllables: partial credit
    assert similarity("husein", "hussain", False) == 0.0  # two edits apart
    assert similarity("rynbng", "ryonbong", False) == VOWEL_DROP_SIMILARITY


def test_letters_ocr_confuses_are_one_typo() -> None:
    # Document capture reads `m` as `rn`, `d` as `cl`, `w` as `vv`: one typo each.
    assert similarity("kirn", "kim", True) == TYPO_SIMILARITY
    assert similarity("clalian", "dalian", False) == TYPO_SIMILARITY
    assert similarity("vvang", "wang", True) == TYPO_SIMILARITY
    assert similarity("kiran", "kim", True) == 0.0  # `r` and `n` apart are no `m`


def test_a_name_ocr_misread_finds_its_entry() -> None:
    found = ScreeningIndex.build(ENTITIES).screen(Query(name="Kirn Jong Un"))
    assert found[0].entity_id == "1"


def test_a_typo_that_makes_another_syllable_is_another_name() -> None:
    assert similarity("jang", "jong", True) == OTHER_SYLLABLE_SIMILARITY


def test_typos_rank_the_entity_first() -> None:
    index = ScreeningIndex.build(ENTITIES)
    for query, expected in (
        ("Choe Ryong Hea", "2"),
        ("Kim Jnog Un", "1"),
        ("Kim Jng Un", "1"),
        ("Rynbng General Corp", "4"),
        ("Mohammed Abdullah Huseinn", "6"),
    ):
        assert index.screen(Query(query))[0].entity_id == expected, query


def test_one_letter_different_korean_name_stays_under_the_threshold() -> None:
    index = ScreeningIndex.build(ENTITIES)
    best = index.screen(Query("Kim Jang Un"))[0]
    assert best.entity_id == "1" and not best.is_match


def test_a_typo_counts_in_a_syllabic_name_only_when_the_rest_agrees() -> None:
    index = ScreeningIndex.build(ENTITIES)
    assert index.screen(Query("Kim Jong Un"))[0].score == 1.0
    assert all(m.entity_id != "2" for m in index.screen(Query("Choe Hea")) if m.score > 0.5)


def test_a_listed_word_one_letter_from_another_is_another_name_not_a_typo() -> None:
    # `Young` is a word of some list name, one letter from `Wong`: it ranks David Wong
    # without making a match; words no list holds (`Davd Wnog`) are typos of it.
    index = ScreeningIndex.build(
        [
            Entity("w", "Person", ("David Wong",), "test"),
            Entity("y", "Person", ("YOUNG Chan",), "test"),
        ]
    )
    young = index.screen(Query("David Young"))[0]
    assert young.entity_id == "w" and not young.is_match
    assert index.screen(Query("Davd Wnog"))[0].entity_id == "w"


def test_a_listed_syllable_one_letter_from_a_word_no_syllables_make_is_another_name() -> None:
    # `Cao` (a Chinese family name some list holds) is one letter from the Burmese `Zaw`,
    # which is no Korean or Chinese syllable: a whole listed syllable is not a typo of it.
    # A damaged word no list holds (`Zaq`) still is.
    index = ScreeningIndex.build(
        [
            Entity("z", "Person", ("Zaw Min",), "test"),
            Entity("c", "Person", ("CAO Jianming",), "test"),
        ]
    )
    cao = index.screen(Query("Cao Min"))[0]
    assert cao.entity_id == "z" and not cao.is_match
    assert index.screen(Query("Zaq Min"))[0].is_match


def test_a_word_without_its_inner_vowels_as_written_finds_the_full_word() -> None:
    # `Gvts` is `Gaviotas` shortened letter for letter; the key's spelling rules would
    # read the cluster `ts` in `gvts` otherwise than the `t` and `s` of `gaviotas`.
    assert similarity("gvts", "gaviotas", False) == VOWEL_DROP_SIMILARITY
    assert similarity("scrty", "security", False) == VOWEL_DROP_SIMILARITY
    index = ScreeningIndex.build(
        [
            Entity("g", "Company", ("GAVIOTAS LTDA.",), "test"),
            Entity("p", "Company", ("PUMA SECURITY COMPANY",), "test"),
            *ENTITIES,
        ]
    )
    assert index.screen(Query("GVTS LTD."))[0].entity_id == "g"
    assert index.screen(Query("PM SCRTY CMPNY"))[0].entity_id == "p"


def test_a_word_without_its_vowels_may_drop_them_from_any_spelling_of_a_given_name() -> None:
    # Names keep `Hossein` as `husayn` and `Youssef` as `yusuf` (`arabic.ARABIC_SPELLINGS`),
    # whose consonants are not those of `Hssn` and `Yssf`.
    assert similarity("hssn", "husayn", False) == VOWEL_DROP_SIMILARITY
    assert similarity("yssf", "yusuf", False) == VOWEL_DROP_SIMILARITY
    assert similarity("hssn", "yusuf", False) == 0.0
    index = ScreeningIndex.build([Entity("h", "Person", ("Hossein NEJAT",), "test"), *ENTITIES])
    found = index.screen(Query("Hssn Njt"))[0]
    assert (found.entity_id, found.score) == ("h", VOWEL_DROP_SIMILARITY)


def test_a_letter_changed_that_changes_the_key_by_two_still_finds_the_word() -> None:
    # `x` keys as `ks`: `Vostokgaxprom` is one letter from `Vostokgazprom` as written,
    # two as keys (`vostokaksprom`, `vostokazprom`), and no key one edit away reached it.
    assert phonetic_key("vostokgaxprom") == "vostokaksprom"
    assert phonetic_key("vostokgazprom") == "vostokazprom"
    index = ScreeningIndex.build(
        [Entity("v", "Company", ("VOSTOKGAZPROM, OAO",), "test"), *ENTITIES]
    )
    found = index.screen(Query("VOSTOKGAXPROM, OAO"))
    assert [match.entity_id for match in found] == ["v"]
    assert found[0].score >= DEFAULT_THRESHOLD


def test_a_short_word_without_its_vowels_finds_its_name_among_the_names_its_edits_reach(
    monkeypatch: MonkeyPatch,
) -> None:
    # `Yrra` is `Yarra` without its inner vowel; its edits (`ya`, `ra`, `era`, `ura`)
    # reach every name holding such a short word, all with the same low credit. The name
    # with its consonants must rank above them in retrieval, not tie with them.
    monkeypatch.setattr("yalu.screening.search.CANDIDATE_ENTITIES", 2)
    crowd = [
        Entity(word, "Company", (word,), "test")
        for word in ["ERA", "YA", "RA", "IRA", "ARA", "ORA", "YR", "URA"]
    ]
    index = ScreeningIndex.build([*crowd, Entity("y", "Company", ("YARRA ANSTALT",), "test")])
    assert index.screen(Query("YRRA"))[0].entity_id == "y"


def test_a_syllable_short_of_one_letter_ranks_its_name_under_the_threshold() -> None:
    # `Pm` is `Pom` without its vowel: in a syllabic name whose other words agree it
    # ranks JANG Pom Su above JANG Su, which holds every other word, but makes no match.
    assert similarity("pm", "pom", True) == OTHER_SYLLABLE_SIMILARITY
    assert similarity("pm", "pom", False) == 0.0  # not a syllabic name: as before
    assert similarity("pm", "pong", True) == 0.0  # two letters short
    assert similarity("pm", "bom", True) == OTHER_SYLLABLE_SIMILARITY  # keyed `pom`
    index = ScreeningIndex.build(
        [
            # `Jang Bom Su` and `Jang Pom Su` share their keys: the index keeps one name.
            Entity("pom", "Person", ("JANG Bom Su", "JANG Pom Su"), "test"),
            Entity("su", "Person", ("JANG Su",), "test"),
        ]
    )
    best = index.screen(Query("Jang Pm Su"))[0]
    assert best.entity_id == "pom" and not best.is_match


def test_a_two_letter_syllable_mistyped_ranks_its_name_under_the_threshold() -> None:
    # One letter changed in a two-letter syllable (`En` for `Un`), or a syllable without
    # its vowel read by the key's spelling rules (`Jn` for `Chin`, written `Jin` in RR).
    assert similarity("en", "un", True) == OTHER_SYLLABLE_SIMILARITY
    assert similarity("jn", "chin", True) == OTHER_SYLLABLE_SIMILARITY
    assert similarity("en", "un", False) == 0.0  # not a syllabic name: as before
    assert similarity("jn", "chong", True) == 0.0  # other consonants
    assert similarity("en", "so", True) == 0.0  # two letters changed
    index = ScreeningIndex.build(
        [
            Entity("un", "Person", ("RI Un Song",), "test"),
            Entity("chun", "Person", ("RI Chun Song",), "test"),
            Entity("chin", "Person", ("KIM Chin Sok",), "test"),
            Entity("chol", "Person", ("KIM Sok Chol",), "test"),
        ]
    )
    for query, expected in (("Ri En Song", "un"), ("Kim Jn-Sok", "chin")):
        best = index.screen(Query(query))[0]
        assert best.entity_id == expected and not best.is_match, query


def test_two_letters_swapped_in_another_romanization_are_one_typo() -> None:
    # `Guy` is `Gyu` (Revised Romanization) with two letters swapped; the list spells the
    # syllable `Kyu` (McCune-Reischauer). Written or keyed, the two are two edits apart.
    assert similarity("guy", "kyu", True) > 0
    assert similarity("guy", "kyu", False) == 0.0  # not a syllabic name: as before
    index = ScreeningIndex.build(
        [
            Entity("kyu", "Person", ("PAK Il-Kyu",), "test"),
            Entity("chun", "Person", ("PAK Chun Il",), "test"),
        ]
    )
    assert index.screen(Query("Pak Il-Guy"))[0].entity_id == "kyu"


def test_a_syllable_final_g_is_read_as_ng_with_its_n_dropped() -> None:
    from yalu.screening.retrieval import ng_variants

    assert ng_variants("yog") == {phonetic_key("yong")}
    assert ng_variants("shusheg") == {phonetic_key("shusheng")}
    assert ng_variants("jong") == set() and ng_variants("ogo") == set()
    # `Jog` keys as `chok`, two edits from `chong`: only the `ng` reading reaches KIM Jong,
    # here behind 301 names holding the frequent key `kim`.
    crowd = [Entity(f"c{n}", "Person", ("KIM Chol",), "test") for n in range(301)]
    index = ScreeningIndex.build([*crowd, Entity("jong", "Person", ("KIM Jong",), "test")])
    assert index.screen(Query("Kim Jog"))[0].entity_id == "jong"


GIVEN_NAMES = ("Li", "Hua", "Ming", "Jian", "Ping", "Yong", "Gang", "Jun", "Hong", "Tao", "Bo")


def test_a_typo_the_keys_read_apart_still_finds_a_chinese_name() -> None:
    # `Wenqing` keys as `wenching` and `Wenqng` as `wenkng`: three edits apart as keys, one
    # letter as written. Eleven other SUNs share the family name with the query.
    others = [Entity(f"s{n}", "Person", (f"SUN {g}",), "test") for n, g in enumerate(GIVEN_NAMES)]
    index = ScreeningIndex.build([*others, Entity("z1", "Person", ("SUN Wenqing",), "test")])
    assert phonetic_key("wenqng") not in index.keys.postings
    assert "wenqing" in index.keys.syllabic_typos("wenqng")
    best = index.screen(Query("SUN Wenqng"))[0]
    assert best.entity_id == "z1"


def test_a_typo_into_a_listed_syllable_reaches_the_name_whose_other_words_agree() -> None:
    # `Jun` is a word lists hold, so retrieval takes it as written (key `chun`); `Kim` and
    # `Chol` are held by over 300 names, so they only re-rank: KIM Mun Chol, which holds
    # every other word of the query, is reached through `Mun`, one typo from `Jun`.
    frequent = [Entity(f"f{n}", "Person", ("KIM Chol Ho",), "test") for n in range(301)]
    crowd = [
        Entity(f"c{n}", "Person", (f"KIM {g} Chun",), "test") for n, g in enumerate(GIVEN_NAMES)
    ]
    mun = Entity("mun", "Person", ("KIM Mun Chol",), "test")
    index = ScreeningIndex.build([*frequent, *crowd, mun])
    assert "kim" in index.keys.frequent and "chol" in index.keys.frequent
    assert "mun" in index.keys.syllabic_typos("jun")
    assert index.screen(Query("Kim Jun Chol"))[0].entity_id == "mun"
    # A damaged family name reaches every name of the family: the one holding the rest of
    # the query, as written (`Qu` keys as `ku` after `Cehn`), is among those scored.
    family = [
        Entity(f"c{g}{h}", "Person", (f"CHEN {g}{h.lower()}",), "test")
        for g in GIVEN_NAMES
        for h in GIVEN_NAMES
    ]
    chen_qu = Entity("qu", "Person", ("CHEN Qu",), "test")
    assert ScreeningIndex.build([*family, chen_qu]).screen(Query("Cehn Qu"))[0].entity_id == "qu"
    # The name holding every word still ranks first.
    exact = Entity("exact", "Person", ("KIM Jun Chol",), "test")
    index = ScreeningIndex.build([*frequent, *crowd, mun, exact])
    assert index.screen(Query("Kim Jun Chol"))[0].entity_id == "exact"


def test_a_name_agreeing_on_all_but_a_mistyped_word_is_scored_even_when_outranked() -> None:
    # `Cyong` is one letter from `Kyong` and from `Chong`: eleven MUN Kyongs, and `Mun
    # Kyong` run together, give them more retrieval credit than MUN Chong Chol, which
    # holds every other word of the query. The best such names are always scored.
    crowd = [
        Entity(f"k{n}", "Person", (f"MUN Kyong {g}",), "test") for n, g in enumerate(GIVEN_NAMES)
    ]
    chols = [
        Entity(f"c{g}{h}", "Person", (f"KIM Chol {g}{h.lower()}",), "test")
        for g in GIVEN_NAMES
        for h in GIVEN_NAMES
    ]
    chong = Entity("chong", "Person", ("MUN Chong Chol",), "test")
    index = ScreeningIndex.build([*crowd, *chols, chong])
    assert index.screen(Query("MUN Cyong Chol"))[0].entity_id == "chong"


def test_a_damaged_family_name_keeps_the_given_name_it_was_written_with() -> None:
    # A typo in the family name unmakes the Chinese reading of the whole name: `Quanguo`
    # keys as `chuanguo` after `Chen` but as `kuanguo` after `Hcen`. Written, it is equal.
    assert name_keys("HCEN Quanguo")[1] != name_keys("CHEN Quanguo")[1]
    others = [Entity(f"c{n}", "Person", (f"CHEN {g}",), "test") for n, g in enumerate(GIVEN_NAMES)]
    index = ScreeningIndex.build([*others, Entity("z1", "Person", ("CHEN Quanguo",), "test")])
    best = index.screen(Query("HCEN Quanguo"))[0]
    assert best.entity_id == "z1"


def written_similarity(query: str, listed: str) -> float:
    a, b = name_keys(query), name_keys(listed)
    return score_names(
        a,
        (1.0,) * len(a),
        b,
        (1.0,) * len(b),
        query_words=romanized_words(query),
        candidate_words=romanized_words(listed),
    )


def test_a_one_letter_key_of_a_longer_word_is_no_initial() -> None:
    # `Ni` keys as `i` (the Korean initial-sound rule); written, it is no initial of `Ivanov`.
    assert name_keys("Sergeevich Ni")[-1] == "i"
    with_ni = written_similarity("Andrey Sergeevich Ni", "Andrey Sergeevich Ivanov")
    assert with_ni == written_similarity("Andrey Sergeevich Ni", "Andrey Sergeevich Petrov")
    # A letter written alone still is.
    with_i = written_similarity("Andrey Sergeevich I", "Andrey Sergeevich Ivanov")
    assert with_i > written_similarity("Andrey Sergeevich I", "Andrey Sergeevich Petrov")


def test_initials_run_together_stand_for_the_adjacent_words_they_start() -> None:
    # `split_words` writes `N. P.` as one word, `np`: it stands for two words, not none.
    full = written_similarity("N. P. Patrushev", "Nikolai Platonovich PATRUSHEV")
    assert full > written_similarity("N. P. Patrushev", "Andrey PATRUSHEV")
    assert full == written_similarity("Nikolai Platonovich PATRUSHEV", "N. P. Patrushev")
    assert full < DEFAULT_THRESHOLD  # initials are a lead, not a match
    # A three-letter word with a vowel is a word (a name cut short), not three initials.
    assert written_similarity("Maria Lvo", "Maria Lyudmila Vasilyevna Orlova") == (
        written_similarity("Maria Xvo", "Maria Lyudmila Vasilyevna Orlova")
    )
    index = ScreeningIndex.build(
        [
            Entity("7", "Person", ("Andrey PATRUSHEV",), "test"),
            Entity("8", "Person", ("Nikolai Platonovich PATRUSHEV",), "test"),
        ]
    )
    assert index.screen(Query("N. P. Patrushev"))[0].entity_id == "8"


def test_one_initial_stands_for_the_word_it_starts_as_written() -> None:
    # The keys spell `Babri` `papri`; the initial `B` starts it as written.
    initial = written_similarity("B Mehran", "BABRI Mehran")
    assert initial > written_similarity("B Mehran", "KHAN Mehran")
    assert initial > written_similarity("B Mehran", "BEHRAN TRADING")
    assert initial < DEFAULT_THRESHOLD  # an initial is a lead, not a match
    # `y` is Spanish for "and", not an initial.
    assert written_similarity("Y Mehran", "YAZDI Mehran") == (
        written_similarity("Y Mehran", "KHAN Mehran")
    )


def test_initials_written_apart_stand_for_the_words_they_start_vowels_included() -> None:
    # `E. I.` is run together as `ei`: initials before the last word, not a word.
    query = "E. I. RODRIGUEZ-JASSO"
    initials = written_similarity(query, "ELI ISAEL RODRIGUEZ-JASSO")
    assert initials > written_similarity(query, "JESSE RODRIGUEZ")
    # A name particle is a word (`al`), and so is a last word (`LVO`, cut short).
    particle = "Abu Maria al-Qatani"
    assert written_similarity(particle, "Abu Maria Alekseevna Lvova") == (
        written_similarity(particle, "Abu Maria Boris Lvova")
    )
    cut = "Maria Alekseevna LVO"
    assert written_similarity(cut, "Maria Alekseevna Lev Vasilievich Orlov") == (
        written_similarity(cut, "Maria Alekseevna Boris Vasilievich Orlov")
    )


def test_a_consonant_alone_in_a_korean_or_chinese_name_is_an_initial_a_vowel_a_syllable() -> None:
    assert written_similarity("W Zhiqing", "WANG Zhiqing") > written_similarity(
        "W Zhiqing", "LI Zhiqing"
    )
    assert written_similarity("H Kwang Il", "HAN Kwang Il") > written_similarity(
        "H Kwang Il", "KIM Kwang Il"
    )
    # `O` is a Korean family name (오), not the initial of `Ok`.
    assert written_similarity("O Kwang Il", "OK Kwang Il") == written_similarity(
        "O Kwang Il", "KIM Kwang Il"
    )


FAMILIES = ("IVANOV", "SMIRNOV", "KUZNETSOV", "SOKOLOV", "LEBEDEV", "KOZLOV", "NOVIKOV")
FAMILIES += ("MOROZOV", "VOLKOV", "ALEKSEEV", "STEPANOV", "SEMENOV", "EGOROV", "ORLOV")


def test_an_initial_brings_the_names_with_a_word_it_starts_among_many_sharing_a_word() -> None:
    # More names hold `Andrey` than are scored: the one whose other word `P` starts is.
    others = [
        Entity(str(i), "Person", (f"{family} Andrey",), "test") for i, family in enumerate(FAMILIES)
    ]
    index = ScreeningIndex.build([*others, Entity("p", "Person", ("PLOTNITSKIY Andrey",), "test")])
    assert index.screen(Query("P Andrey"))[0].entity_id == "p"


def syllabic_score(query: str, listed: str) -> float:
    query_keys, listed_keys = name_keys(query), name_keys(listed)
    return score_names(
        query_keys,
        [1.0] * len(query_keys),
        listed_keys,
        [1.0] * len(listed_keys),
        query_words=romanized_words(query),
        candidate_words=romanized_words(listed),
    )


def test_syllables_written_without_vowels_all_count_in_a_korean_name() -> None:
    # No Korean syllable lacks a vowel: `Kwng` and `Myng` are Kwang and Myong written
    # short, not other names' syllables, however many of them a name holds.
    assert syllabic_score("Kim Kwng Myng", "KIM Kwang Myong") > 0.8
    assert syllabic_score("Che Chn Sik", "CHOE Chun Sik") > 0.6
    # Still one syllable's vowel apart is another name, and other consonants too.
    assert syllabic_score("Kim Kwang Myang", "KIM Kwang Myong") < DEFAULT_THRESHOLD
    assert syllabic_score("Kim Kwng Myng", "KIM Kyong Min") < 0.3


def test_a_pair_of_words_scores_as_its_better_reading() -> None:
    # `Sonw` differs from `Snow` in its vowels only, and is two of its letters swapped:
    # the swap, the better reading, scores.
    assert written_similarity("Sonw", "Snow") == TYPO_SIMILARITY
    # `Snaw` is only the vowels apart.
    assert written_similarity("Sonw", "Snaw") < TYPO_SIMILARITY


def test_organisation_words_are_compared_as_written_in_their_language() -> None:
    # The keys read `Inversiones` and `Kompaniya` in English (`investment`, `company`);
    # a word without its vowels or with two letters swapped is compared as written.
    index = ScreeningIndex.build(
        [
            Entity("m", "Organization", ("MEDAL INVERSIONES, S.A.",), "test"),
            Entity("s", "Organization", ("METIL STEEL",), "test"),
            Entity("k", "Organization", ("KOMPANIYA GAZ-ALYANS, OOO",), "test"),
            Entity("o", "Organization", ("OOO KOMPANIYA GAZ-ALYANS",), "test"),
        ]
    )
    assert index.screen(Query("MDL INVRSNS, S.A."))[0].entity_id == "m"
    assert index.screen(Query("KOMPANIAY GAZ-ALYANS, OOO"))[0].entity_id == "k"


def test_a_three_letter_word_without_its_inner_vowels_finds_its_name(
    monkeypatch: MonkeyPatch,
) -> None:
    # `Rz'i` is `Reza'i` without its inner vowels, its last one kept. Names sharing only
    # `Mohsen` must not crowd it out of retrieval.
    monkeypatch.setattr("yalu.screening.search.CANDIDATE_ENTITIES", 2)
    crowd = [
        Entity(given, "Person", (f"{given} Mohsen",), "test")
        for given in ["Karimi", "Ahmadi", "Hosseini", "Rahimi"]
    ]
    index = ScreeningIndex.build([*crowd, Entity("r", "Person", ("REZA'I Mohsen",), "test")])
    assert index.screen(Query("RZ'I Mhsn"))[0].entity_id == "r"


def test_words_one_key_edit_apart_but_far_apart_as_written_are_not_near() -> None:
    # `Shanti` and `Sindhi` key as `santi` and `sinti` (one edit) but are four letters
    # apart as written: no typo and no respelling makes one the other.
    assert written_similarity("Shanti", "Sindhi") < written_similarity("Shanti", "Shanty")
    assert written_similarity("Shanti", "Sindhi") == pytest.approx(1 - EDIT_COST * 4 / 6)


def test_a_name_missing_a_word_outranks_a_name_whose_words_only_key_alike() -> None:
    index = ScreeningIndex.build(
        [
            Entity("1", "Person", ("AL-SINDHI Abdallah",), "test"),
            Entity("2", "Person", ("AL-SHANTI Jamileh Abdullah",), "test"),
        ]
    )
    assert [m.entity_id for m in index.screen(Query("AL-SHANTI Abdullah"))] == ["2", "1"]


def test_only_words_far_apart_in_their_consonants_are_held_to_their_writing() -> None:
    assert _as_written(0.88, "shanti", "sindhi") == pytest.approx(1 - EDIT_COST * 4 / 6)
    assert _as_written(0.9, "shanti", "shanty") == 0.9  # one edit: a typo
    assert _as_written(0.7, "orgnztn", "organization") == 0.7  # vowels dropped
    assert _as_written(0.8, "hossien", "husayn") == 0.8  # `husayn`: a canonical spelling


def test_a_spelling_made_canonical_keeps_its_typo_credit() -> None:
    # `Hossein` is compared as `husayn` (one spelling of the Arabic name), far from the
    # misspelt `Hossien` as written: the keys decide, as before.
    assert romanized_words("Hossein") == ("husayn",)
    assert written_similarity("Hossien Nejat", "Hossein NEJAT") >= 0.9


def test_an_initial_is_the_first_letter_as_written() -> None:
    assert _starts_as_written((("j", "kim"), ("jong", "kim")), 0, 0, 0)
    assert not _starts_as_written((("y",), ("iran",)), 0, 0, 0)  # `Y.` keys as `i`
    assert not _starts_as_written((("ivanov",), ("ni",)), 1, 0, 0)  # `Ni` keys as `i`
    assert _starts_as_written(((), ()), 0, 0, 0)  # no words as written: the keys decide


def test_a_y_initial_does_not_stand_for_a_word_starting_with_i() -> None:
    index = ScreeningIndex.build(
        [
            Entity("1", "Organization", ("IRAN SHIP BUILDING CO.",), "test"),
            Entity("2", "Organization", ("YAROSLAVSKY SHIPBUILDING PLANT",), "test"),
            Entity("3", "Organization", ("BALTIC PLANT",), "test"),
        ]
    )
    assert index.screen(Query("Y. SHIPBUILDING PLANT"))[0].entity_id == "2"
