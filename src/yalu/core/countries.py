"""Turn the country spellings of sanctions lists into ISO 3166-1 alpha-2 codes.

Lists spell countries their own way: "Korea, North" (OFAC), "Democratic People's Republic
of Korea" (UN), "DPRK", "KP", "PRK", "Burma", "Iran (Islamic Republic of)". `to_country_code`
maps all of them to one lower-case alpha-2 code ("kp"), using pycountry's names and codes
plus a small alias table for list spellings pycountry does not know.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ALIASES: dict[str, str] = {
    "north korea": "kp",
    "korea north": "kp",
    "korea, north": "kp",
    "dprk": "kp",
    "d.p.r.k.": "kp",
    "democratic people's republic of korea": "kp",
    "korea, democratic people's republic of": "kp",
    "korea dpr": "kp",
    "south korea": "kr",
    "korea south": "kr",
    "korea, south": "kr",
    "republic of korea": "kr",
    "korea": "kr",
    "burma": "mm",
    "russia": "ru",
    "russian federation": "ru",
    "former soviet union": "su",
    "soviet union": "su",
    "ussr": "su",
    "iran": "ir",
    "iran (islamic republic of)": "ir",
    "syria": "sy",
    "turkey": "tr",
    "vietnam": "vn",
    "laos": "la",
    "brunei": "bn",
    "macau": "mo",
    "macao": "mo",
    "hong kong": "hk",
    "china, hong kong special administrative region": "hk",
    "china, macao special administrative region": "mo",
    "taiwan": "tw",
    "bolivia": "bo",
    "venezuela": "ve",
    "tanzania": "tz",
    "moldova": "md",
    "palestinian": "ps",
    "palestine": "ps",
    "state of palestine": "ps",
    "west bank": "ps",
    "gaza": "ps",
    "kosovo": "xk",
    "congo, democratic republic of the": "cd",
    "democratic republic of the congo": "cd",
    "drc": "cd",
    "congo, republic of the": "cg",
    "republic of the congo": "cg",
    "cote d ivoire": "ci",
    "ivory coast": "ci",
    "the gambia": "gm",
    "gambia, the": "gm",
    "bahamas, the": "bs",
    "the bahamas": "bs",
    "netherlands antilles": "an",
    "macedonia": "mk",
    "macedonia, the former yugoslav republic of": "mk",
    "st. vincent and the grenadines": "vc",
    "st. kitts & nevis": "kn",
    "st. kitts and nevis": "kn",
    "st. lucia": "lc",
    "united states": "us",
    "usa": "us",
    "u.s.a.": "us",
    "united kingdom": "gb",
    "uk": "gb",
    "great britain": "gb",
    "uae": "ae",
    "prc": "cn",
    "people's republic of china": "cn",
}
"""List spellings pycountry does not resolve (or resolves differently), lower-cased."""

US_STATES = frozenset(
    (  # noqa: SIM905 - a word list reads better than 56 quoted codes
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
        "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP"
    ).split()
)
"""US state and territory codes, which US lists print instead of a country."""

_NOISE = re.compile(r"^(?:possibly|region:|probably|reportedly)\s+", re.IGNORECASE)


@lru_cache(maxsize=4096)
def to_country_code(text: str) -> str | None:
    """Return the lower-case ISO 3166-1 alpha-2 code of a country name or code.

    Accepts English names, alpha-2 and alpha-3 codes (any case) and the spellings used by
    the UN, OFAC and BIS lists ("Korea, North", "DPRK", "Burma", "Russia", ...). Kosovo is
    "xk" and the former Soviet Union "su", as in FollowTheMoney.

    Args:
        text: a country as printed on a list.

    Returns:
        The code ("kp"), or None when the text names no known country (or is empty).
    """
    key = " ".join(text.replace("\u2019", "'").split()).strip(" .;,").lower()
    key = _NOISE.sub("", key)
    if not key or key in {"-0-", "none identified", "undetermined", "unknown"}:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    return _lookup_pycountry(key)


def _lookup_pycountry(key: str) -> str | None:
    """Look a lower-cased name or code up in pycountry (imported here: it loads JSON)."""
    import pycountry

    try:
        country = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return str(country.alpha_2).lower()
