"""Read common organisation words of other languages as their English word.

Sanctioned companies and bodies are listed under their name in the language of their
country, in English, or both (`Siman-e Shargh` and `Sharq Cement`, `Bank Torgovy Kapital`
and `Trade Capital Bank`, `Smart Ithalat Ihracat Dis Ticaret` and `Smart Import Export
Foreign Trade`). `translate_words` rewrites the words of `ORGANISATION_WORDS`, as
transliterated in the lists (Persian, Russian, Turkish, Arabic, Spanish, French,
Portuguese), to the English word before keys are made, so both forms share keys. Only
words that describe what an organisation is or does are here, none that is also a common
Korean or Chinese syllable; legal forms are dropped elsewhere (`normalize.COMPANY_WORDS`).
"""

from __future__ import annotations

from collections.abc import Sequence

_GLOSSARY: dict[str, str] = {
    "bank": "banka banco banque bankovskiy bankovsky bankovskii",
    "investment": "investitsionniy investitsionny investitsionnyi investitsionnaya inversiones "
    "inversion investissement investimentos sarmayegozari",
    "industries": "sanaye sanayi sanayii promyshlennost promyshlennaya industrias",
    "cement": "siman simane cemento ciment",
    "communication": "mokhaberat svyaz comunicaciones communications",
    "trade": "torgovy torgovyi torgovaya torgovli ticaret tejarat tijarat tijara",
    "capital": "kapital",
    "oil": "neft nefti naft nafti",
    "gas": "gaz gazovaya",
    "import": "ithalat importadora",
    "export": "ihracat exportadora",
    "national": "melli natsionalny natsionalnyi natsionalnogo nacional nationale",
    "regional": "kraevoy regionalny",
    "automated": "avtomatizirovanniy avtomatizirovannye avtomatizirovannyye",
    "technologies": "tekhnologii tekhnologiya tecnologia technologii",
    "transport": "transporta transportnaya haml",
    "airline": "havapeymayi havapeymaei aviakompaniya",
    "shipping": "kashtirani kashtiranie",
    "insurance": "bimeh sigorta strakhovaya seguros",
    "construction": "sakhteman sakhtemani stroitelnaya stroitelny construccion",
    "development": "tose tosee toseh razvitiya desarrollo",
    "company": "sherkat kompaniya compania",
    "organization": "sazman sazeman organizatsiya organizacion",
    "foundation": "bonyad fundacion fondation",
    "cooperation": "taavon taavoni kooperativ cooperativa",
    "ministry": "vezarat ministerstvo ministerio",
    "engineering": "mohandesi inzhiniring ingenieria",
    "services": "khadamat uslugi servicios",
    "steel": "foulad folad",
    "petrochemical": "petroshimi neftekhimiya petroquimica",
    "refinery": "palayesh palaieshgah",
    "commercial": "tejari kommercheskiy kommercheskii comercial",
    "scientific": "nauchno nauchnyi nauchny",
    "research": "tahghighat tahqiqat issledovatelskiy",
    "production": "proizvodstvennoe proizvodstvennoye proizvodstvennaya",
    "plant": "zavod karkhaneh",
    "exchange": "sarafi",
    "university": "daneshgah universitet universidad",
    "east": "shargh sharq vostochny",
    "south": "jonub jonoub yuzhny",
    "north": "shomal severny",
    "white": "sefid",
    "islamic": "eslami islami islamskiy",
    "central": "markazi tsentralny tsentralnyi",
    "energy": "energetika energia",
}
ORGANISATION_WORDS: dict[str, str] = {
    variant: english for english, variants in _GLOSSARY.items() for variant in variants.split()
}
"""Transliterated organisation word → English word."""


def translate_words(words: Sequence[str]) -> list[str]:
    """Return lower-case words with organisation words of other languages in English.

    Args:
        words: lower-case Latin words of a name, e.g. `["siman", "shargh"]`.

    Returns:
        e.g. `["cement", "east"]`.
    """
    return [ORGANISATION_WORDS.get(word, word) for word in words]
