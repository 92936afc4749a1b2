"""Hangul and hanja (traditional and simplified) forms of DPRK names on the lists.

No list shared here prints a DPRK person's name in hangul or Han characters, so these
forms are written from the romanized names: each McCune-Reischauer syllable of a DPRK
person's listed name is written in hangul and in one of the Han characters commonly used
for it in Korean names (chosen with the seed), from the tables below, written by hand for
this benchmark and independent of yalu's own reading table. A Han character has one
Korean reading but a syllable has many characters, so a generated form is one plausible
spelling, not the person's own. `KNOWN_HANJA` adds the forms Chinese-language media print
for some listed people (public knowledge).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from screening_cases import Case, Key, korean_parts, plain
from yalu.models.screening import Entity

SYLLABLES: dict[str, tuple[str, str]] = {
    # family names
    "kim": ("김", "金"), "ri": ("리", "李"), "pak": ("박", "朴"), "choe": ("최", "崔"),
    "kang": ("강", "姜"), "han": ("한", "韓"), "o": ("오", "吳"), "so": ("서", "徐"),
    "sin": ("신", "申"), "hwang": ("황", "黃"), "an": ("안", "安"), "ryu": ("류", "柳"),
    "hong": ("홍", "洪弘"), "jon": ("전", "全"), "ko": ("고", "高"), "mun": ("문", "文"),
    "yang": ("양", "楊"), "pae": ("배", "裵"), "paek": ("백", "白"), "yun": ("윤", "尹潤"),
    "jang": ("장", "張"), "cho": ("조", "趙祖"), "jo": ("조", "趙"), "rim": ("림", "林"),
    "kwon": ("권", "權"), "ju": ("주", "朱珠"), "hyon": ("현", "玄賢鉉"), "ro": ("로", "盧"),
    "u": ("우", "禹宇"), "cha": ("차", "車"), "thae": ("태", "太"), "chong": ("정", "鄭"),
    # given-name syllables
    "jong": ("정", "正貞政"), "un": ("은", "恩銀"), "il": ("일", "日一"), "chol": ("철", "哲鐵"),
    "yong": ("영", "英永"), "ryong": ("룡", "龍"), "nam": ("남", "男南"), "ho": ("호", "浩鎬虎"),
    "su": ("수", "洙秀守"), "chun": ("춘", "春"), "hyok": ("혁", "赫革"), "kwang": ("광", "光"),
    "myong": ("명", "明"), "sok": ("석", "錫石"), "chang": ("창", "昌"), "pyong": ("병", "炳秉"),
    "hui": ("희", "姬熙"), "sun": ("순", "順"), "ok": ("옥", "玉"), "kyong": ("경", "京慶"),
    "hak": ("학", "學"), "jin": ("진", "鎭眞"), "tae": ("태", "泰"), "man": ("만", "萬"),
    "kil": ("길", "吉"), "gil": ("길", "吉"), "kun": ("근", "根"), "won": ("원", "元源"),
    "hae": ("해", "海"), "yo": ("여", "與汝"), "sik": ("식", "植"), "ki": ("기", "基己"),
    "jun": ("준", "俊"), "gon": ("건", "建"), "kon": ("건", "建"), "son": ("선", "善"),
    "sung": ("승", "勝"), "hun": ("훈", "勳"), "to": ("도", "道"), "tok": ("덕", "德"),
    "ung": ("웅", "雄"), "ryol": ("렬", "烈"), "kuk": ("국", "國"), "chu": ("주", "周"),
    "mi": ("미", "美"), "hyang": ("향", "香"), "hwa": ("화", "花華"), "song": ("성", "成誠"),
    "sam": ("삼", "三"), "se": ("세", "世"), "sang": ("상", "相"), "ryon": ("련", "蓮"),
    "pok": ("복", "福"), "chin": ("진", "鎭"), "chi": ("지", "智"), "ha": ("하", "河"),
    "sop": ("섭", "燮"), "in": ("인", "仁"), "ik": ("익", "益"), "kyu": ("규", "奎"),
    "pong": ("봉", "奉"), "tong": ("동", "東"), "pil": ("필", "弼"), "chan": ("찬", "贊"),
    "thaek": ("택", "澤"), "kyom": ("겸", "兼"), "rak": ("락", "洛"), "chae": ("재", "在"),
}  # fmt: skip
"""MR syllable (as the lists write it, lower case) -> (hangul, Han characters used for it)."""

SIMPLIFIED = str.maketrans(
    "龍與鐵萬學國東鄭韓黃張趙盧權錫勳鎭眞順慶華澤貞賢鉉蓮贊勝裵吳車鎬銀門",
    "龙与铁万学国东郑韩黄张赵卢权锡勋镇真顺庆华泽贞贤铉莲赞胜裴吴车镐银门",
)
"""Traditional -> simplified forms of the characters above that differ."""

KNOWN_HANJA: tuple[tuple[str, str], ...] = (
    ("金正恩", "KIM Jong Un"), ("金與正", "KIM Yo Jong"), ("金与正", "KIM Yo Jong"),
    ("崔龍海", "CHOE Ryong Hae"), ("崔龙海", "CHOE Ryong Hae"), ("李炳哲", "RI Pyong Chol"),
    ("金英哲", "KIM Yong Chol"), ("朴奉珠", "PAK Pong Ju"), ("玄永哲", "HYON Yong Chol"),
    ("李洙墉", "RI Su Yong"), ("趙甬元", "JO Yong Won"), ("黃炳瑞", "HWANG Pyong So"),
    ("吳克烈", "O Kuk Ryol"), ("金元弘", "KIM Won Hong"), ("李萬建", "RI Man Gon"),
)  # fmt: skip
"""Han-character forms of listed DPRK people's names as Chinese-language media print them."""


def korean_forms(rng: random.Random, surname: str, given: list[str]) -> dict[str, str] | None:
    """Return the hangul and Han-character forms of one name, or None if a syllable is unknown."""
    syllables = [surname, *given]
    if any(s not in SYLLABLES for s in syllables):
        return None
    hangul = "".join(SYLLABLES[s][0] for s in syllables)
    hanja = "".join(rng.choice(SYLLABLES[s][1]) for s in syllables)
    return {"orig_hangul": hangul, "orig_hanja": hanja}


def add_korean_scripts(
    entities: Sequence[Entity],
    rng: random.Random,
    names: dict[str, set[Key]],
    per_kind: int,
) -> list[Case]:
    """Return hangul and hanja (half simplified) forms of DPRK people's listed names."""
    pools: dict[str, list[Case]] = {"orig_hangul": [], "orig_hanja": []}
    for entity in entities:
        group = frozenset(k for n in entity.names for k in names[plain(n)])
        for surname, given, _ in korean_parts(entity):
            given = [s for part in given for s in part.split()]
            forms = korean_forms(rng, surname, given)
            if forms is None:
                continue
            if rng.random() < 0.5:
                forms["orig_hanja"] = forms["orig_hanja"].translate(SIMPLIFIED)
            for kind, query in forms.items():
                pools[kind].append(Case("originals", kind, query, group))
    cases: list[Case] = []
    for kind in sorted(pools):
        unique = list({c.query: c for c in pools[kind]}.values())
        cases.extend(rng.sample(unique, min(per_kind, len(unique))))
    for query, listed in KNOWN_HANJA:
        group = frozenset(names.get(plain(listed), set()))
        if group:
            cases.append(Case("originals", "orig_hanja", query, group))
    return cases
