"""Read common organisation words of other languages as their English word.

Sanctioned companies and bodies are listed under their name in the language of their
country, in English, or both (`Siman-e Shargh` and `Sharq Cement`, `Bank Torgovy Kapital`
and `Trade Capital Bank`, `Smart Ithalat Ihracat Dis Ticaret` and `Smart Import Export
Foreign Trade`). `translate_words` rewrites the words of `ORGANISATION_WORDS`, as
transliterated in the lists (Persian, Russian, Turkish, Arabic, Spanish, French,
Portuguese), and the usual English abbreviations (`Mfg`, `Intl`, `Shpg`), to the English
word before keys are made, so both forms share keys. Only words that describe what an
organisation is or does are here, none that is also a common Korean or Chinese syllable
(`chem` is pinyin `qian` in Wade-Giles); legal forms are dropped elsewhere
(`normalize.COMPANY_WORDS`).

Company names in hanzi run together a trade name and such words (`華信船務(香港)有限公司`
is `Huaxin Shipping (Hong Kong) Company Limited`). `hanzi_company_words` cuts the hanzi of
such a name at the words of `HANZI_WORDS` (simplified and traditional forms), writes those
in English and the rest in pinyin, one word per syllable (`hua xin shipping hong kong
company limited`): lists write a trade name run together or not (`HUAXIN`, `CHANG AN`),
and two words match one run together (`score.score_names`), not the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from yalu.screening.normalize import COMPANY_WORDS, is_cjk_word, is_hangul

_GLOSSARY: dict[str, str] = {
    "bank": "banka banco banque bankovskiy bankovsky bankovskii bankovskaya",
    "investment": "investitsionniy investitsionny investitsionnyi investitsionnaya inversiones "
    "inversion investissement investimentos sarmayegozari",
    "industries": "sanaye sanayi sanayii promyshlennost promyshlennaya industrias",
    "industrial": "sanati promyshlenny promyshlennyi",
    "cement": "siman simane cemento ciment",
    "communication": "mokhaberat svyaz comunicaciones communications",
    "trade": "torgovy torgovyi torgovaya torgovli ticaret tejarat tijarat tijara comercio",
    "capital": "kapital",
    "finance": "finans finansovaya finansovy finansovyi finanzas financiera",
    "credit": "kredit kreditny kreditnyi credito",
    "leasing": "lizing lizingovaya",
    "management": "menedzhment upravlenie upravleniye upravlyayushchaya",
    "assets": "aktivami aktivy",
    "settlements": "raschetov",
    "oil": "neft nefti naft nafti neftyanaya neftyanoy neftyanoi",
    "petroleum": "petroleos petroleo",
    "gas": "gaz gazovaya",
    "pipeline": "truboprovod",
    "tanker": "naftkesh",
    "import": "ithalat importadora",
    "export": "ihracat exportadora",
    "national": "melli natsionalny natsionalnyi natsionalnogo nacional nationale",
    "international": "mezhdunarodny mezhdunarodnyi mezhdunarodnaya mezhdunarodnykh "
    "beynolmelali beinolmelali internacional uluslararasi",
    "regional": "kraevoy regionalny oblastnoi oblastnoy oblastnaya",
    "state": "gosudarstvennaya gosudarstvenny gosudarstvennyi gosudarstvennoe",
    "federal": "federalnaya federalnoe federalny federalnogo",
    "agency": "agentstvo agencia",
    "automated": "avtomatizirovanniy avtomatizirovannye avtomatizirovannyye",
    "technologies": "tekhnologii tekhnologiya tecnologia tecnologias technologii fanavari",
    "technical": "tekhnicheskiy tekhnicheskii tecnica tecnico",
    "systems": "sistemy sistemas",
    "system": "sistema",
    "electronics": "elektronika electronica",
    "chemical": "khimicheski khimicheskiy khimicheskii khimicheskaya quimica",
    "metallurgical": "metallurgicheski metallurgicheskiy metallurgicheskii",
    "concern": "kontsern",
    "transport": "transporta transportnaya haml",
    "airline": "havapeymayi havapeymaei aviakompaniya aerolineas",
    "aviation": "aviatsionny aviatsionnyi aviatsionnaya aviacion",
    "aerospace": "aerokosmicheskaya aerokosmicheskiy",
    "air": "havai havaei",
    "space": "kosmicheskaya kosmicheskiy espacial",
    "shipping": "kashtirani kashtiranie naviera sudokhodnaya sudokhodstvo parokhodstvo",
    "shipbuilding": "sudostroitelny sudostroitelnyi sudostroitelnaya",
    "maritime": "morskoy morskoi maritima daryayi",
    "insurance": "bimeh sigorta strakhovaya strakhovanie seguros",
    "construction": "sakhteman sakhtemani stroitelnaya stroitelny construccion constructora "
    "stroitelstvo",
    "housing": "maskan vivienda",
    "development": "tose tosee toseh razvitiya desarrollo",
    "company": "sherkat kompaniya compania companhia compagnie sirketi sharikat",
    "organization": "sazman sazeman organizatsiya organizacion munazzamat",
    "foundation": "bonyad fundacion fondation",
    "cooperation": "taavon taavoni kooperativ cooperativa",
    "ministry": "vezarat ministerstvo ministerio",
    "agriculture": "keshavarzi",
    "agricultural": "agricola selskokhozyaystvennaya",
    "engineering": "mohandesi inzhiniring ingenieria inzhenerny inzhenernyi",
    "design": "konstruktorskoe konstruktorskoye proektny proektnyi",
    "bureau": "byuro",
    "services": "khadamat uslugi servicios",
    "distribution": "distribucion distribuidora",
    "products": "productos produktsiya",
    "steel": "foulad folad acero celik",
    "petrochemical": "petroshimi neftekhimiya petroquimica",
    "refinery": "palayesh palaieshgah",
    "commercial": "tejari kommercheskiy kommercheskii kommercheski comercial",
    "scientific": "nauchno nauchnyi nauchny nauchnyy cientifico",
    "research": "tahghighat tahqiqat issledovatelskiy issledovatelskii issledovatelsky "
    "pazhuhesh pazhouhesh investigacion",
    "production": "proizvodstvennoe proizvodstvennoye proizvodstvennaya produccion",
    "plant": "zavod zavody karkhaneh",
    "factory": "fabrika fabrica",
    "exchange": "sarafi cambio",
    "house": "casa",
    "university": "daneshgah universitet universidad",
    "academy": "akademiya academia",
    "medical": "pezeshki meditsinsky meditsinskiy medica",
    "security": "bezopasnosti seguridad amniyat amniyati",
    "defence": "oborony oboronnaya oboronny defensa",
    "police": "politsiya policia shurta",
    "intelligence": "ettelaat razvedka inteligencia",
    "army": "jaish jaysh ejercito armiya artesh",
    "party": "partiya partido hizb",
    "front": "jabhat jabha frente",
    "movement": "harakat haraka movimiento dvizhenie nehzat",
    "liberation": "tahrir liberacion",
    "charitable": "khayriya khairiya khayriyya benefica",
    "relief": "ighatha igatha",
    "union": "ittihad ettehadiye soyuz",
    "world": "mundial jahani",
    "new": "novy novaya nuevo nueva novin",
    "east": "shargh sharq vostochny vostok",
    "west": "zapadny gharb",
    "south": "jonub jonoub yuzhny",
    "north": "shomal severny",
    "white": "sefid",
    "islamic": "eslami islami islamskiy islamiya islamiyya islamia islamiyah",
    "central": "markazi tsentralny tsentralnyi tsentralnaya",
    "center": "tsentr markaz centro",
    "energy": "energetika energia energeticheskaya",
}
VOWELLESS_MIN_LENGTH: Final = 6
"""Shorter legal-form words are abbreviations already (`corp`, `ltd`, `sarl`)."""
_ABBREVIATIONS: dict[str, str] = {
    "manufacturing": "mfg mfrs",
    "international": "intl",
    "national": "natl",
    "association": "assn assoc",
    "department": "dept",
    "services": "svcs svc",
    "technology": "tech",
    "engineering": "engg",
    "shipping": "shpg",
    "trading": "trdg",
    "management": "mgmt",
    "development": "devt dvpt",
    "government": "govt",
    "university": "univ",
    "institute": "inst",
    "academy": "acad",
    "holdings": "hldgs",
    "group": "grp",
    "brothers": "bros",
    "industries": "inds",
    "pharmaceutical": "pharm",
    "center": "ctr cntr",
    "foundation": "fdn",
    "telecommunications": "telecom",
}


def without_inner_vowels(word: str) -> str:
    """Return a word without the vowels between its first and last letters (`cmpny`)."""
    return word[0] + _INNER_VOWELS.sub("", word[1:-1]) + word[-1]


_INNER_VOWELS: Final = re.compile("[aeiou]")
VOWELLESS_LEGAL_FORMS: dict[str, str] = {
    without_inner_vowels(word): word
    for word in sorted(COMPANY_WORDS)
    if len(word) >= VOWELLESS_MIN_LENGTH and without_inner_vowels(word) != word
}
"""A legal-form word without its inner vowels → the word (`CMPNY`, `LMTD`, `CRPRTN`):
dropped like it, where it would stay an unmatched word of the query."""
ORGANISATION_WORDS: dict[str, str] = {
    variant: english
    for glossary in (_GLOSSARY, _ABBREVIATIONS)
    for english, variants in glossary.items()
    for variant in variants.split()
} | VOWELLESS_LEGAL_FORMS
"""Transliterated organisation word, English abbreviation or legal form without its
vowels → English word."""


_HANZI_GLOSSARY: dict[str, str] = {
    "company limited": "有限公司 有限責任公司 有限责任公司",
    "general company": "总公司 總公司 总会社 總會社",
    "company": "公司 会社 會社",
    "group": "集团 集團",
    "joint stock": "股份",
    "international": "国际 國際",
    "shipping": "海运 海運 船务 船務 航运 航運",
    "transport": "运输 運輸",
    "logistics": "物流",
    "technology": "技术 技術 科技",
    "foreign trade": "对外贸易 對外貿易",
    "trade bank": "贸易银行 貿易銀行",
    "trading": "贸易 貿易 商贸 商貿",
    "import export": "进出口 進出口",
    "industrial": "实业 實業",
    "industry": "工业 工業",
    "machinery": "机械 機械",
    "electronics": "电子 電子",
    "bank": "银行 銀行",
    "credit": "信贷 信貸",
    "insurance": "保险 保險",
    "commercial": "商业 商業",
    "national": "国家 國家",
    "factory": "工厂 工廠",
    "air": "航空",
    "oil": "石油",
    "chemical": "化工",
    "mining": "矿业 礦業",
    "energy": "能源",
    "investment": "投资 投資",
    "development": "发展 發展 开发 開發",
    "steel": "钢铁 鋼鐵",
    "joint": "联合 聯合",
    "hong kong": "香港",
    "china": "中国 中國",
    "korea": "朝鲜 朝鮮",
}
HANZI_WORDS: dict[str, str] = {
    hanzi: english for english, forms in _HANZI_GLOSSARY.items() for hanzi in forms.split()
}
"""Hanzi business word → English word(s)."""
_HANZI_LONGEST = max(len(word) for word in HANZI_WORDS)
HANZI_COMPANY_MIN_LENGTH = 5
"""A name with this many hanzi or more, one of them starting a `HANZI_WORDS` word, is a
company name; Chinese personal names have two to four characters."""
HANZI_COMPANY_ENDINGS: Final = ("公司", "会社", "會社", "银行", "銀行", "航空", "集团", "集團")
"""Words that end a company's name and no person's: a name of four hanzi ending with one
is a company's too (`大成银行`, Daesong Bank; `高丽航空`, Air Koryo)."""


def hanzi_company_words(normalized: str, to_pinyin: Callable[[str], list[str]]) -> list[str] | None:
    """Return the words of a company name written in hanzi, or None for any other name.

    Args:
        normalized: the name from `normalize.normalize_name`, e.g. `華信船務 香港 有限公司`.
        to_pinyin: romanizes the hanzi left between known words, one syllable per word
            (`華信` → `hua`, `xin`).

    Returns:
        e.g. `["hua", "xin", "shipping", "hong", "kong", "company", "limited"]`.
    """
    words = normalized.split()
    if not is_hanzi_company(words):
        return None
    return [part for w in words for part in (_cut(w, to_pinyin) if _is_hanzi(w) else [w])]


def is_hanzi_company(words: Sequence[str]) -> bool:
    """Return True for a name in hanzi long enough to be a company's, holding a business word.

    `HANZI_COMPANY_MIN_LENGTH` hanzi or more (Chinese personal names have two to four),
    one of them starting a `HANZI_WORDS` word (`朝鲜大成银行`: `朝鲜`, `银行`); or four
    ending with a word of `HANZI_COMPANY_ENDINGS` (`大成银行`).
    """
    hanzi = "".join(w for w in words if _is_hanzi(w))
    if len(hanzi) == HANZI_COMPANY_MIN_LENGTH - 1:
        return hanzi.endswith(HANZI_COMPANY_ENDINGS)
    return len(hanzi) >= HANZI_COMPANY_MIN_LENGTH and any(w in hanzi for w in HANZI_WORDS)


def _is_hanzi(word: str) -> bool:
    """Return True for a word of hanzi only."""
    return is_cjk_word(word) and not is_hangul(word)


def hanzi_company_parts(run: str) -> list[tuple[str, bool]]:
    """Return a hanzi run cut at its `HANZI_WORDS`, longest first.

    Each part is `(English words, True)` for a business word, `(hanzi, False)` for the
    text between: `朝鲜大成银行` → `[("korea", True), ("大成", False), ("bank", True)]`.
    """
    parts: list[tuple[str, bool]] = []
    start = position = 0
    while position < len(run):
        for size in range(min(_HANZI_LONGEST, len(run) - position), 1, -1):
            english = HANZI_WORDS.get(run[position : position + size])
            if english:
                if start < position:
                    parts.append((run[start:position], False))
                parts.append((english, True))
                position += size
                start = position
                break
        else:
            position += 1
    if start < len(run):
        parts.append((run[start:], False))
    return parts


def _cut(run: str, to_pinyin: Callable[[str], list[str]]) -> list[str]:
    """Return a hanzi run as its `HANZI_WORDS` in English and the rest in pinyin syllables."""
    words: list[str] = []
    for text, is_english in hanzi_company_parts(run):
        words.extend(text.split() if is_english else to_pinyin(text))
    return words


def translate_words(words: Sequence[str]) -> list[str]:
    """Return lower-case words with organisation words of other languages in English.

    Args:
        words: lower-case Latin words of a name, e.g. `["siman", "shargh"]`.

    Returns:
        e.g. `["cement", "east"]`.
    """
    return [ORGANISATION_WORDS.get(word, word) for word in words]
