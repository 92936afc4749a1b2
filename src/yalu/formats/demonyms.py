"""Read nationalities written as adjectives ("Russian", "North Korean") into ISO codes.

Australia's workbook writes citizenship as an adjective, several per cell and with noise:
"Russian and Ukrainian", "Possibly Ethiopian", "Yemeni" with no-break spaces after it,
"Indonesian (as at Dec. 2003)".
pycountry knows country names only, so the adjectives of the countries that appear on
sanctions lists are listed here; anything else goes to `core.countries.to_country_code`.
"""

from __future__ import annotations

import re

from yalu.core.countries import to_country_code
from yalu.formats.input_file import unique

DEMONYMS: dict[str, str] = {
    "afghan": "af",
    "afghani": "af",
    "algerian": "dz",
    "american": "us",
    "australian": "au",
    "azerbaijani": "az",
    "bahraini": "bh",
    "belarusian": "by",
    "belarussian": "by",
    "bosnian": "ba",
    "british": "gb",
    "bulgarian": "bg",
    "burmese": "mm",
    "burundian": "bi",
    "canadian": "ca",
    "central african": "cf",
    "chadian": "td",
    "chinese": "cn",
    "congolese": "cd",
    "cuban": "cu",
    "cypriot": "cy",
    "danish": "dk",
    "egyptian": "eg",
    "emirati": "ae",
    "eritrean": "er",
    "ethiopian": "et",
    "filipino": "ph",
    "french": "fr",
    "georgian": "ge",
    "german": "de",
    "indian": "in",
    "indonesian": "id",
    "iranian": "ir",
    "iraqi": "iq",
    "israeli": "il",
    "italian": "it",
    "jordanian": "jo",
    "kazakh": "kz",
    "kazakhstani": "kz",
    "kenyan": "ke",
    "kosovar": "xk",
    "kuwaiti": "kw",
    "kyrgyz": "kg",
    "lebanese": "lb",
    "libyan": "ly",
    "malaysian": "my",
    "malian": "ml",
    "mauritanian": "mr",
    "mauritian": "mu",
    "moldovan": "md",
    "moroccan": "ma",
    "myanma": "mm",
    "nicaraguan": "ni",
    "nigerian": "ng",
    "nigerien": "ne",
    "north korean": "kp",
    "norwegian": "no",
    "omani": "om",
    "pakistani": "pk",
    "palestinian": "ps",
    "qatari": "qa",
    "russian": "ru",
    "rwandan": "rw",
    "saudi": "sa",
    "saudi arabian": "sa",
    "senegalese": "sn",
    "serbian": "rs",
    "slovak": "sk",
    "somali": "so",
    "south korean": "kr",
    "south sudanese": "ss",
    "spanish": "es",
    "sudanese": "sd",
    "swedish": "se",
    "swiss": "ch",
    "syrian": "sy",
    "tajik": "tj",
    "trinidadian": "tt",
    "tunisian": "tn",
    "turkish": "tr",
    "turkiyish": "tr",
    "türkiyish": "tr",
    "ugandan": "ug",
    "ukrainian": "ua",
    "ukranian": "ua",
    "uzbek": "uz",
    "uzbekistani": "uz",
    "venezuelan": "ve",
    "yemeni": "ye",
    "zimbabwean": "zw",
}
"""English adjectives of nationality, lower case, to ISO 3166-1 alpha-2 codes."""

_PARTS = re.compile(r"\s*(?:[;,/]|\band\b|\bor\b|\(?\b[a-h]\))\s*", re.IGNORECASE)
_NOISE = re.compile(r"^(?:possibly|probably|reportedly|alt\.?|citizenship)\s+|\s*\(.*$", re.I)


def to_nationality_code(text: str) -> str | None:
    """Return the ISO code of one nationality, written as a country or an adjective."""
    key = _NOISE.sub("", " ".join(text.split()).strip(" .;,")).strip(" .;,")
    if not key:
        return None
    return to_country_code(key) or DEMONYMS.get(key.casefold())


def parse_nationalities(text: str) -> tuple[str, ...]:
    """Return the ISO codes of a cell naming one or more nationalities, each once.

    "Russian and Ukrainian" gives ("ru", "ua"); parts naming no country are dropped. A
    country name that holds "and" ("Trinidad and Tobago") is tried whole first.
    """
    whole = to_nationality_code(text)
    if whole is not None:
        return (whole,)
    return unique(code for part in _PARTS.split(text) if (code := to_nationality_code(part)))
