"""Build the screening accuracy sets from the lists themselves, with a fixed seed.

The transformations here are written from romanization tables, independently of
`yalu.screening` (which they must not import), so the sets are not tuned to the matcher:

(a) variants: Korean names re-spelt the way South Koreans and passports write them
    (Revised Romanization syllables, `Lee`/`Park`/`Choi` surnames), hyphens moved, family
    name moved to the end, and all three at once; Chinese names in Wade-Giles, hyphenated
    and reordered; original-script (hangul/hanzi) names with that name held out.
(b) held-out aliases: one strong alias of an entity is removed from the index (from every
    entity carrying it) and searched for by name alone. A name that any list marks weak
    (OFAC's Remarks a.k.a., UN "Low" quality: nicknames, noms de guerre, common acronyms)
    is not held out: OFAC expects such names to confirm a hit, not to be screened alone.
(c) names on no list: common Korean, Chinese and Western names, minus any whose spelling
    (in any of the romanizations generated) is a listed name; and real South Korean and
    Chinese companies and vessels that are on no list shared here (`UNLISTED_BODIES`,
    written from public knowledge: household names, large banks and shippers, well-known
    ships; every one was checked against the lists, and one whose name any list prints is
    left out by the same test as the people's names).

A case is right when the top match is the source entity, any entity that lists one of its
names (the held-out one included), or an entry of another list for the same person or body
(`same_entities`: a shared identifier, or a shared birth date and two name words).
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from yalu.models.screening import Entity

SEED = 20261123


def words(text: str) -> tuple[str, ...]:
    """Return the whitespace-separated words of a text block."""
    return tuple(text.split())


Key = tuple[str, str]

KOREAN_SURNAMES = {
    "ri": ["Lee", "Yi", "Rhee", "Li"],
    "pak": ["Park", "Bak"],
    "choe": ["Choi"],
    "o": ["Oh"],
    "kim": ["Kim", "Gim"],
    "jong": ["Jeong", "Jung", "Chung"],
    "chong": ["Jeong", "Chung"],
    "kang": ["Gang", "Kang"],
    "ryu": ["Yoo", "Yu"],
    "rim": ["Lim", "Im"],
    "yun": ["Yoon"],
    "so": ["Seo", "Suh"],
    "kwon": ["Gwon"],
    "sin": ["Shin"],
    "mun": ["Moon"],
    "ko": ["Go", "Koh"],
    "ju": ["Joo"],
    "jon": ["Jeon"],
    "chon": ["Jeon", "Cheon"],
    "jang": ["Jang", "Chang"],
    "chang": ["Jang"],
    "ro": ["Noh", "Roh"],
    "han": ["Han"],
    "hyon": ["Hyun", "Hyeon"],
    "paek": ["Baek", "Paik"],
    "ryom": ["Yeom"],
    "ra": ["Na"],
    "song": ["Seong", "Sung"],
    "hwang": ["Hwang"],
    "hong": ["Hong"],
    "cha": ["Cha"],
    "yang": ["Yang"],
    "an": ["Ahn"],
    "tong": ["Dong"],
    "ho": ["Heo", "Hur"],
    "yu": ["Yoo"],
    "kye": ["Gye"],
    "om": ["Eom"],
    "sim": ["Shim"],
    "chu": ["Choo"],
    "u": ["Woo"],
    "nam": ["Nam"],
    "kil": ["Gil"],
    "min": ["Min"],
    "pae": ["Bae"],
    "ham": ["Ham"],
    "pyon": ["Byeon"],
}
# MR syllables whose vowel is usually ŏ/ŭ in names, with their RR spelling (one or more).
KOREAN_SYLLABLES = {
    "chol": ["cheol", "chul"],
    "myong": ["myeong", "myung"],
    "hyon": ["hyeon", "hyun"],
    "kyong": ["gyeong", "kyung"],
    "pyong": ["pyeong"],
    "song": ["seong", "sung"],
    "jong": ["jeong"],
    "chong": ["jeong", "cheong"],
    "yong": ["yeong", "young"],
    "sok": ["seok", "suk"],
    "chon": ["cheon", "jeon"],
    "son": ["seon"],
    "hon": ["heon"],
    "un": ["eun", "un"],
    "ul": ["eul"],
    "kum": ["geum"],
    "tuk": ["deuk"],
    "ryong": ["ryong", "yong"],
    "kon": ["geon"],
    "hyok": ["hyeok"],
    "ryol": ["ryeol", "yeol"],
    "yon": ["yeon"],
    "ryon": ["ryeon", "yeon"],
    "sop": ["seop"],
    "bom": ["beom"],
    "pom": ["beom"],
    "chin": ["jin"],
    "ho": ["ho"],
    "il": ["il"],
    "chun": ["jun", "chun"],
    "chu": ["ju"],
    "chae": ["jae"],
    "chi": ["ji"],
    "chang": ["chang", "jang"],
    "tae": ["dae", "tae"],
    "kwang": ["gwang"],
    "kyu": ["gyu"],
    "ki": ["gi"],
    "kuk": ["guk"],
    "tong": ["dong"],
    "to": ["do"],
    "pok": ["bok"],
    "pong": ["bong"],
    "kil": ["gil"],
    "kun": ["geun", "gun"],
    "su": ["su", "soo"],
    "hun": ["hun", "hoon"],
    "mun": ["mun", "moon"],
    "sun": ["sun", "soon"],
    "yun": ["yun", "yoon"],
}
CHINESE_SURNAMES = frozenset(
    words(
        """
        cai cao chen cheng cui deng ding dong du feng gao guo han he hou hu huang jiang jin
        li liang lin liu lu luo ma pan peng qian qiu ren shen shi song su sun tan tang tian
        wan wang wei wu xiao xie xu xue yang yao ye yu yuan zeng zhang zhao zheng zhong zhou
        zhu
        """
    )
)
PINYIN_TO_WG_INITIAL = [
    ("zh", "ch"),
    ("ch", "ch'"),
    ("sh", "sh"),
    ("b", "p"),
    ("p", "p'"),
    ("d", "t"),
    ("t", "t'"),
    ("g", "k"),
    ("k", "k'"),
    ("r", "j"),
    ("z", "ts"),
    ("c", "ts'"),
    ("j", "ch"),
    ("q", "ch'"),
    ("x", "hs"),
]
COMMON_KOREAN_GIVEN = [
    tuple(w.split("-"))
    for w in words(
        """
        min-jun seo-yeon ji-hoon ji-woo seo-jun ha-eun do-yun ye-jin jun-ho su-bin hyun-woo
        ji-min min-seo eun-ji sung-min young-ho dong-hyun ji-yeon hye-jin jae-won sang-woo
        min-ji yu-na tae-yang da-eun joon-young eun-woo si-woo ha-jun ye-eun so-yeon woo-jin
        """
    )
]
COMMON_KOREAN_SURNAMES = words(
    """
    Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo
    Hong Jeon Ko Moon Yang Son Bae Baek
    """
)
COMMON_WESTERN_FIRST = words(
    """
    James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara
    Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy
    Anthony Sandra Mark Ashley Paul Emily Steven Donna Andrew Michelle Kenneth Carol Peter
    Anna Hans Sophie Pierre Marie Giovanni Giulia Jan Eva Lars Ingrid Carlos Lucia Miguel
    Elena
    """
)
COMMON_WESTERN_LAST = words(
    """
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
    Lopez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark
    Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter
    Mueller Schmidt Schneider Fischer Rossi Bianchi Dubois Moreau Jansen Nielsen Novak Silva
    """
)

UNLISTED_BODIES = (
    # South Korean companies
    "Samsung Electronics Co Ltd", "Hyundai Motor Company", "LG Chem Ltd", "SK Hynix Inc",
    "POSCO Holdings", "Kia Corporation", "Hanwha Ocean", "Lotte Chemical Corporation",
    "CJ CheilJedang", "Naver Corporation", "Kakao Corp", "Korean Air Lines",
    "Asiana Airlines", "HMM Co Ltd", "Pan Ocean Co Ltd", "Korea Electric Power Corporation",
    "Doosan Enerbility", "Shinhan Bank", "KB Kookmin Bank", "Woori Bank", "Hana Bank",
    "Korea Zinc", "Hyundai Heavy Industries", "Samsung Heavy Industries", "GS Caltex",
    "S-Oil Corporation", "Amorepacific", "Coupang", "Nongshim", "Orion Confectionery",
    "Celltrion", "Hyosung Corporation", "Kumho Tire", "Daewoo Engineering and Construction",
    "Korea Gas Corporation", "Hankook Tire", "E-mart", "Shinsegae", "Hanjin Transportation",
    "Sinokor Merchant Marine",
    # Chinese companies
    "Alibaba Group Holding", "Tencent Holdings", "Baidu Inc", "BYD Company Limited",
    "Geely Automobile Holdings", "Industrial and Commercial Bank of China",
    "China Construction Bank", "Agricultural Bank of China", "PetroChina Company Limited",
    "Lenovo Group", "Haier Smart Home", "Midea Group", "Gree Electric Appliances",
    "Anta Sports", "Li Ning Company", "Meituan", "JD.com", "Ping An Insurance",
    "Kweichow Moutai", "Tsingtao Brewery", "Yili Industrial Group", "Wanhua Chemical",
    "China Merchants Bank", "Bank of Communications", "Shanghai Pudong Development Bank",
    "Contemporary Amperex Technology", "NetEase", "Pinduoduo", "Anhui Conch Cement",
    "Shenzhen Mindray Bio-Medical Electronics",
    # ships
    "HMM Algeciras", "Hyundai Dream", "Sewol", "Hanjin Sooho", "Pan Begonia",
    "Xue Long", "Tian Kun Hao", "Zhen Hua 10", "Xin Los Angeles", "Yu Kun",
)  # fmt: skip
"""Real South Korean and Chinese companies and vessels that no list shared here names."""


@dataclass(frozen=True)
class Case:
    """One query with the entities that count as right (none for names on no list)."""

    set: str
    kind: str
    query: str
    expected: frozenset[Key] = frozenset()


@dataclass
class Cases:
    """The three sets, and the names to hold out of the second index."""

    variants: list[Case] = field(default_factory=list)
    held_out: list[Case] = field(default_factory=list)
    no_list: list[Case] = field(default_factory=list)
    perturbed: list[Case] = field(default_factory=list)
    removed: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))


def plain(name: str) -> str:
    """Return a name's identity for these sets: its letters and digits, sorted.

    Two names with the same letters in any order, spacing or punctuation (`CHO Chun-ryong`,
    `Cho Chun Ryong`, `RI U'N SO'NG`) are the same listed name.
    """
    return "".join(sorted(ch for ch in name.casefold() if ch.isalnum()))


def key_of(entity: Entity) -> Key:
    """Return the identity of an entity across lists: (source, id)."""
    return entity.source, entity.id


def holders(entities: Sequence[Entity]) -> dict[str, set[Key]]:
    """Map each plain name to the entities listing it."""
    found: dict[str, set[Key]] = defaultdict(set)
    for entity in entities:
        for name in (*entity.names, *entity.weak_aliases):
            found[plain(name)].add(key_of(entity))
    return found


def is_cjk(text: str) -> bool:
    """Return True when the text holds hangul or hanzi."""
    return re.search("[\uac00-\ud7a3\u4e00-\u9fff]", text) is not None


def korean_parts(entity: Entity) -> list[tuple[str, list[str], str]]:
    """Return (surname, given syllables, name) for a DPRK person's Korean-looking names."""
    if entity.schema != "Person":
        return []
    is_korean = any(p.startswith(("DPRK", "KP")) or p == "1718" for p in entity.programs)
    if not (is_korean or "kp" in entity.nationalities):
        return []
    parts = []
    for name in entity.names:
        words = re.sub(r"['’]", "", name).lower().replace("-", " ").split()
        if 2 <= len(words) <= 3 and words[0] in KOREAN_SURNAMES:
            parts.append((words[0], words[1:], name))
    return parts


def respell_korean(rng: random.Random, surname: str, given: list[str]) -> tuple[str, list[str]]:
    """Return a South Korean / passport spelling of a DPRK-romanized name."""
    family = rng.choice(KOREAN_SURNAMES[surname])
    syllables = [rng.choice(KOREAN_SYLLABLES.get(s, [s])) for s in given]
    return family, syllables


def write_given(rng: random.Random, syllables: list[str], style: str | None = None) -> str:
    """Write given-name syllables spaced, hyphenated or run together."""
    style = style or rng.choice(["space", "hyphen", "joined", "Hyphen"])
    if style == "space":
        return " ".join(s.capitalize() for s in syllables)
    if style == "joined":
        return "".join(syllables).capitalize()
    if style == "Hyphen":
        return "-".join(s.capitalize() for s in syllables)
    return "-".join(syllables).capitalize()


def korean_variants(rng: random.Random, surname: str, given: list[str]) -> dict[str, str]:
    """Return the four Korean variant kinds of one name."""
    family, rr = respell_korean(rng, surname, given)
    mr_family = surname.capitalize()
    original_style = "space" if len(given) > 1 else "joined"
    hyphen_style = rng.choice(["hyphen", "joined", "Hyphen"] if len(given) > 1 else ["joined"])
    return {
        "ko_rr": f"{family} {write_given(rng, rr, original_style)}",
        "ko_hyphen": f"{mr_family} {write_given(rng, given, hyphen_style)}",
        "ko_order": f"{write_given(rng, given, original_style)} {mr_family}",
        "ko_all": f"{write_given(rng, rr, hyphen_style)} {family}",
    }


def pinyin_syllables() -> frozenset[str]:
    """Return every toneless pinyin syllable, from pypinyin's dictionary."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(
        to_normal(p).replace("ü", "v") for v in pinyin_dict.values() for p in v.split(",")
    )


def segment_pinyin(word: str, syllables: frozenset[str]) -> list[str] | None:
    """Split a run-together pinyin word into syllables (longest first), or None."""
    if not word:
        return []
    for size in range(min(6, len(word)), 0, -1):
        head = word[:size]
        if head in syllables:
            rest = segment_pinyin(word[size:], syllables)
            if rest is not None:
                return [head, *rest]
    return None


def to_wade_giles(syllable: str) -> str:
    """Return a pinyin syllable in Wade-Giles (apostrophes kept)."""
    special = {
        "zi": "tzu",
        "ci": "tz'u",
        "si": "ssu",
        "zhi": "chih",
        "chi": "ch'ih",
        "shi": "shih",
        "ri": "jih",
        "you": "yu",
        "yan": "yen",
        "ye": "yeh",
    }
    if syllable in special:
        return special[syllable]
    initial, rest = "", syllable
    for pinyin, wade in PINYIN_TO_WG_INITIAL:
        if syllable.startswith(pinyin):
            initial, rest = wade, syllable[len(pinyin) :]
            break
    rest = re.sub("ong$", "ung", rest)
    rest = re.sub("ian$", "ien", rest)
    rest = re.sub("ie$", "ieh", rest)
    return initial + rest


def chinese_parts(entity: Entity, syllables: frozenset[str]) -> list[tuple[str, list[str], str]]:
    """Return (surname, given syllables, name) for a Chinese person's pinyin names."""
    places = {*entity.nationalities, *entity.countries}
    if entity.schema != "Person" or not places & {"cn", "hk", "tw", "mo"}:
        return []
    parts = []
    for name in entity.names:
        words = name.lower().replace("-", " ").split()
        if not 2 <= len(words) <= 3 or words[0] not in CHINESE_SURNAMES:
            continue
        given = [segment_pinyin(w, syllables) for w in words[1:]]
        # Chinese given names have one or two syllables; more is an English name in pinyin
        # letters ("Teresa" = te-re-sa), not a Chinese name.
        if all(g for g in given) and sum(len(g or []) for g in given) <= 2:
            parts.append((words[0], [s for g in given for s in g if g], name))
    return parts


def chinese_variants(rng: random.Random, surname: str, given: list[str]) -> dict[str, str]:
    """Return the four Chinese variant kinds of one pinyin name."""
    wade = [to_wade_giles(s) for s in given]
    wade_family = to_wade_giles(surname).capitalize()
    return {
        "zh_wade_giles": f"{wade_family} {write_given(rng, wade, 'hyphen')}",
        "zh_hyphen": f"{surname.capitalize()} {write_given(rng, given, 'Hyphen')}",
        "zh_order": f"{write_given(rng, given, 'joined')} {surname.capitalize()}",
        "zh_all": f"{write_given(rng, wade, 'Hyphen')} {wade_family}",
    }


def add_variants(
    cases: Cases,
    entities: Sequence[Entity],
    rng: random.Random,
    names: dict[str, set[Key]],
    per_kind: int,
) -> None:
    """Add set (a): romanization, hyphenation and order variants, and original scripts."""
    syllables = pinyin_syllables()
    pools: dict[str, list[Case]] = defaultdict(list)
    for entity in entities:
        group = frozenset(k for n in entity.names for k in names[plain(n)])
        for language, parts in (
            ("ko", korean_parts(entity)),
            ("zh", chinese_parts(entity, syllables)),
        ):
            for surname, given, name in parts:
                make = korean_variants if language == "ko" else chinese_variants
                for kind, query in make(rng, surname, given).items():
                    if query.casefold() != name.casefold():
                        pools[kind].append(Case("variants", kind, query, group))
        for name in entity.names[1:]:
            if is_cjk(name) and not re.search("[A-Za-z]", name):
                pools["cjk_original"].append(Case("variants", "cjk_original", name, group))
    for kind in sorted(pools):
        chosen = rng.sample(pools[kind], min(per_kind, len(pools[kind])))
        cases.variants.extend(chosen)
        if kind == "cjk_original":
            for case in chosen:
                for key in case.expected:
                    cases.removed[key].add(plain(case.query))


def add_held_out(
    cases: Cases,
    entities: Sequence[Entity],
    rng: random.Random,
    names: dict[str, set[Key]],
    count: int,
) -> None:
    """Add set (b): one strong alias per sampled entity, held out of the second index."""
    weak = {plain(n) for entity in entities for n in entity.weak_aliases}

    def usable(name: str) -> bool:
        return len(plain(name)) >= 4 and not is_cjk(name) and plain(name) not in weak

    pool = []
    for entity in entities:
        strong = [n for n in entity.names if usable(n)]
        plains = {plain(n) for n in entity.names}
        if len(plains) >= 2 and len(strong) >= 2:
            pool.append(entity)
    used: set[Key] = set()
    for entity in rng.sample(pool, len(pool)):
        if len(cases.held_out) >= count or key_of(entity) in used:
            continue
        alias = rng.choice([n for n in entity.names[1:] if usable(n)] or [entity.names[0]])
        keeping = {plain(n) for n in entity.names} - {plain(alias)}
        group = {k for p in keeping for k in names[p]}
        if not keeping or not group:
            continue
        # Every entity listing the alias is right too, as in set (a): OFAC's `ZORSECURITY`
        # lists `TSOR SECURITY`, an alias of BIS's `Zorsecurity Center`.
        holders = names[plain(alias)]
        for key in holders:
            cases.removed[key].add(plain(alias))
        used.update(group | holders)
        cases.held_out.append(Case("held_out", "alias", alias, frozenset(group | holders)))


RR_TO_MR = {
    "Lee": ["Ri", "Yi", "I", "Li"],
    "Park": ["Pak"],
    "Choi": ["Choe"],
    "Jung": ["Jong", "Chong"],
    "Cho": ["Cho", "Jo"],
    "Yoon": ["Yun"],
    "Jang": ["Jang", "Chang"],
    "Lim": ["Rim", "Im"],
    "Oh": ["O"],
    "Seo": ["So"],
    "Shin": ["Sin"],
    "Ahn": ["An"],
    "Yoo": ["Yu", "Ryu"],
    "Jeon": ["Jon", "Chon"],
    "Moon": ["Mun"],
    "Yang": ["Yang", "Ryang"],
    "Bae": ["Pae"],
    "Baek": ["Paek"],
    "jun": ["chun", "jun"],
    "seo": ["so"],
    "yeon": ["yon"],
    "ji": ["chi", "ji"],
    "hoon": ["hun"],
    "woo": ["u", "woo"],
    "eun": ["un"],
    "do": ["to", "do"],
    "jin": ["chin", "jin"],
    "bin": ["pin", "bin"],
    "hyun": ["hyon"],
    "sung": ["song"],
    "young": ["yong"],
    "dong": ["tong", "dong"],
    "jae": ["chae", "jae"],
    "tae": ["thae", "tae"],
    "da": ["ta", "da"],
    "joon": ["chun", "jun"],
    "ye": ["ye"],
    "hye": ["hye"],
    "yu": ["yu", "ryu"],
}
"""Revised Romanization (or passport) spellings to their McCune-Reischauer / DPRK ones."""
CHINESE_GIVEN = [
    "wei",
    "fang",
    "na",
    "min",
    "jing",
    "li",
    "qiang",
    "lei",
    "jun",
    "yang",
    "yong",
    "yan",
    "jie",
    "juan",
    "tao",
    "ming",
    "chao",
    "xiuying",
    "xia",
    "ping",
    "gang",
    "hui",
    "hong",
    "hua",
    "xin",
    "yu",
    "hao",
    "yi",
    "xiaoming",
    "jianguo",
]


def korean_spellings(family: str, given: tuple[str, str]) -> list[str]:
    """Return a common Korean name in RR and in every MR/DPRK spelling of its syllables."""
    from itertools import product

    options = [
        [*RR_TO_MR.get(family, [family]), family],
        [*RR_TO_MR.get(given[0], [given[0]]), given[0]],
        [*RR_TO_MR.get(given[1], [given[1]]), given[1]],
    ]
    return [" ".join(choice) for choice in product(*options)]


def add_no_list(cases: Cases, rng: random.Random, names: dict[str, set[Key]], count: int) -> None:
    """Add set (c): common names on no list, in any of their spellings generated here.

    A common Korean name whose McCune-Reischauer spelling is listed ("Kim Hyun-woo" when
    "KIM Hyon U" is listed) is on a list, and so is a Chinese name listed in Wade-Giles.
    """
    korean = [
        (f"{family} {given[0].capitalize()}-{given[1]}", korean_spellings(family, given))
        for family in COMMON_KOREAN_SURNAMES
        for given in COMMON_KOREAN_GIVEN
    ]
    chinese = []
    for family in sorted(CHINESE_SURNAMES):
        for given in CHINESE_GIVEN:
            wade = f"{to_wade_giles(family)} {to_wade_giles(given)}"
            chinese.append(
                (f"{family.capitalize()} {given.capitalize()}", [f"{family} {given}", wade])
            )
    western = [
        (f"{first} {last}", [f"{first} {last}"])
        for first in COMMON_WESTERN_FIRST
        for last in COMMON_WESTERN_LAST
    ]
    bodies = [(name, [name]) for name in UNLISTED_BODIES]
    for kind, pool in (("korean", korean), ("chinese", chinese), ("western", western)):
        fresh = [q for q, spellings in pool if not any(plain(s) in names for s in spellings)]
        for query in rng.sample(fresh, min(count, len(fresh))):
            cases.no_list.append(Case("no_list", kind, query))
    for query, spellings in bodies:
        if not any(plain(s) in names for s in spellings):
            cases.no_list.append(Case("no_list", "bodies", query))


def build_cases(
    entities: Iterable[Entity],
    *,
    per_kind: int = 150,
    held_out: int = 600,
    no_list: int = 400,
    per_class: int = 50,
    seed: int = SEED,
) -> Cases:
    """Build the three accuracy sets from list entities, reproducibly.

    Args:
        entities: every entity of every list.
        per_kind: variant cases per kind (set a).
        held_out: held-out alias cases (set b).
        no_list: names-on-no-list cases per kind (set c).
        per_class: cases per perturbation class (set d).
        seed: the random seed.
    """
    entities = list(entities)
    names = holders(entities)
    rng = random.Random(seed)
    cases = Cases()
    add_variants(cases, entities, rng, names, per_kind)
    add_held_out(cases, entities, rng, names, held_out)
    add_no_list(cases, rng, names, no_list)
    add_extra_sets(cases, entities, names, seed, per_kind, per_class)
    same = same_entities(entities)
    for part in (cases.variants, cases.held_out, cases.perturbed):
        part[:] = [
            replace(case, expected=frozenset().union(*(same[k] for k in case.expected)))
            for case in part
        ]
    return cases


SCRIPTS = {"orig_cyrillic": "[\u0400-\u04ff]", "orig_arabic": "[\u0600-\u06ff]"}
"""Original scripts printed on the lists besides hanzi, with the letters that tell them."""


def add_extra_sets(
    cases: Cases,
    entities: Sequence[Entity],
    names: dict[str, set[Key]],
    seed: int,
    per_kind: int,
    per_class: int,
) -> None:
    """Add the sets added for issue 12, drawn with their own generator.

    The sets above keep the draws they had before (same seed, same cases): the hanzi
    originals are relabelled `orig_hanzi`; Cyrillic and Arabic names printed on the lists
    are held out like them (`orig_cyrillic`, `orig_arabic`); generated hangul and hanja
    forms of DPRK names (`screening_hanja_cases`), Korean and Chinese typos and the
    perturbation classes (`screening_perturbations`) are added.
    """
    from screening_hanja_cases import add_korean_scripts
    from screening_perturbations import add_perturbations, add_typos

    rng = random.Random(f"{seed}-issue-12")
    cases.variants[:] = [
        replace(c, kind="orig_hanzi") if c.kind == "cjk_original" else c for c in cases.variants
    ]
    for kind, letters in sorted(SCRIPTS.items()):
        pool = [
            Case("variants", kind, name, frozenset(k for n in e.names for k in names[plain(n)]))
            for e in entities
            for name in e.names[1:]
            if re.search(letters, name) and not re.search("[A-Za-z]", name)
        ]
        for case in rng.sample(pool, min(per_kind, len(pool))):
            cases.variants.append(case)
            for key in case.expected:
                cases.removed[key].add(plain(case.query))
    cases.variants.extend(add_korean_scripts(entities, rng, names, per_kind))
    cases.variants.extend(add_typos(entities, rng, names, per_kind))
    cases.perturbed.extend(add_perturbations(entities, rng, names, per_class, seed))


LINKING_IDENTIFIERS = frozenset({"imo", "passport", "national_id", "registration", "tax"})
"""Identifier kinds one entity holds alone (SWIFT codes are shared by a bank's branches)."""


def same_entities(entities: Sequence[Entity]) -> dict[Key, frozenset[Key]]:
    """Map each entity to the entities of every list that are the same person or body.

    Entries of different lists are linked when they share an identifier of a kind in
    `LINKING_IDENTIFIERS` (six characters or more) or, for people, a complete birth date
    and two words of four letters or more of one name (UN's `Ibraima CAMARÁ` and OFAC's
    `CAMARA, Ibraima Papa`, both born 1964-05-11). Linking is transitive.
    """
    parent: dict[Key, Key] = {key_of(e): key_of(e) for e in entities}

    def root(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    first: dict[tuple[str, ...], Key] = {}
    for entity in entities:
        key = key_of(entity)
        marks = [
            ("id", i.kind, i.normalized)
            for i in entity.identifiers
            if i.kind in LINKING_IDENTIFIERS and len(i.normalized) >= 6
        ]
        if entity.schema == "Person":
            for name in entity.names:
                found = sorted(set(re.findall(r"[^\W\d_]{4,}", folded(name))))
                marks += [
                    ("born", date, a, b)
                    for date in entity.birth_dates
                    if len(date) == 10
                    for a, b in itertools.combinations(found, 2)
                ]
        for mark in marks:
            other = first.setdefault(mark, key)
            if other[0] != key[0]:
                parent[root(key)] = root(other)
    groups: dict[Key, set[Key]] = defaultdict(set)
    for key in parent:
        groups[root(key)].add(key)
    return {key: frozenset(groups[root(key)]) for key in parent}


def folded(name: str) -> str:
    """Return a name case-folded and without accents (`CAMARÁ` → `camara`)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def hold_out(entities: Iterable[Entity], removed: dict[Key, set[str]]) -> list[Entity]:
    """Return the entities with the held-out names removed."""
    result = []
    for entity in entities:
        drop = removed.get(key_of(entity))
        if drop:
            kept = tuple(n for n in entity.names if plain(n) not in drop)
            weak = tuple(n for n in entity.weak_aliases if plain(n) not in drop)
            entity = replace(entity, names=kept, weak_aliases=weak)
        result.append(entity)
    return result
