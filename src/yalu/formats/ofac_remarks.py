"""Parse the Remarks field of OFAC legacy CSV entries into facts.

OFAC packs most facts into one `;`-separated Remarks text: "DOB 13 Feb 1969; nationality
Korea, North; Passport 472234895 (Korea, North); a.k.a. 'KCS'; Vessel Registration
Identification IMO 7937317; Linked To: ...". `parse_remarks` returns what yalu matches on
(birth dates, nationalities, identifiers, weak aliases) and the listing dates used for
versions; everything else stays in the entity's notes as published.

Every quoted alias in Remarks is a *weak* AKA (nickname, nom de guerre, common acronym):
in the CSV, DEL, FF and PIP formats OFAC moves weak AKAs to Remarks and strong ones to
alt.csv (OFAC FAQ 123, https://ofac.treasury.gov/faqs/123).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yalu.core.countries import to_country_code
from yalu.formats.dates import parse_date, parse_dates
from yalu.formats.input_file import unique
from yalu.models.screening import Identifier, IdentifierKind

_ID_LABELS: tuple[tuple[IdentifierKind, str], ...] = (
    ("imo", r"Vessel Registration Identification|IMO(?: Number)?"),
    ("mmsi", r"MMSI"),
    ("swift", r"SWIFT/BIC"),
    ("passport", r"(?:Diplomatic |Official |Service )?Passport(?: No\.?| Number)?"),
    (
        "national_id",
        r"National ID No\.?|National ID Number|National Foreign ID Number|Cedula No\.?|"
        r"D\.N\.I\.|Identification Number|Personal ID Card|Identity Card(?: Number)?|"
        r"C\.U\.R\.P\.|Citizen's Card Number|Residency Number|Kenyan ID No\.|"
        r"Birth Certificate Number|SSN|NIE|C\.I\.|Numero de Identidad",
    ),
    (
        "registration",
        r"Registration ID|Registration Number|(?:UK )?Company Number|"
        r"Commercial Registry Number|Business Registration (?:Number|Document #)|"
        r"Folio Mercantil No\.?|Matricula Mercantil No\.?|Government Gazette Number|"
        r"Unified Social Credit Code \(USCC\)|Legal Entity Number|"
        r"Chamber of Commerce Number|Trade License No\.|Enterprise Number|"
        r"Certificate of Incorporation Number|Public Registration Number",
    ),
    (
        "tax",
        r"Tax ID No\.?|Tax Identification Number|NIT #|RUC #|R\.F\.C\.|RFC|C\.U\.I\.T\.|"
        r"V\.A\.T\. Number|VAT Number|Italian Fiscal Code|Fiscal Code",
    ),
    ("other", r"Aircraft Manufacturer's Serial Number \(MSN\)|Aircraft Tail Number"),
)
_ID_PATTERNS = tuple(
    (kind, re.compile(rf"^(?:{labels})\s+(.+)$", re.IGNORECASE)) for kind, labels in _ID_LABELS
)
_ID_VALUE = re.compile(
    r"^(.*?)(?:\s+\(([^)]*)\))?(?:\s+(?:issued|expires|Issue Date|Expiration Date)\b.*)?$"
)
_DOB = re.compile(r"^DOB\s+(.+)$")
_NATIONALITY = re.compile(r"^(?:nationality|citizen)\s+(.+)$", re.IGNORECASE)
_WEAK_ALIAS = re.compile(r"^[afn]\.k\.a\.?\s+'(.+)'$", re.IGNORECASE)
_LISTING = re.compile(r"^(?:Listing|Effective) Date \([^)]*\):?\s+(.+)$")
_ITEM_SPLIT = re.compile(r";\s*")


@dataclass(frozen=True, slots=True)
class RemarkFacts:
    """What the Remarks of one entry say, in yalu terms."""

    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    listing_dates: tuple[str, ...] = ()
    """ISO dates of "Listing Date (...)" and "Effective Date (...)" items."""


def parse_remarks(remarks: str) -> RemarkFacts:
    """Return the facts in an OFAC Remarks text (empty facts for "" or "-0-").

    Args:
        remarks: the Remarks cell, with any continuation from the comments file appended.
    """
    births: list[str] = []
    nationalities: list[str] = []
    identifiers: list[Identifier] = []
    weak: list[str] = []
    listings: list[str] = []
    for raw_item in _ITEM_SPLIT.split(remarks.strip().removesuffix(".")):
        item = raw_item.strip().removeprefix("alt. ").strip()
        if match := _DOB.match(item):
            births.extend(parse_dates(match.group(1)))
        elif match := _NATIONALITY.match(item):
            nationalities.append(to_country_code(match.group(1)) or "")
        elif match := _WEAK_ALIAS.match(item):
            weak.append(match.group(1).strip())
        elif match := _LISTING.match(item):
            listings.append(parse_date(match.group(1)) or "")
        elif identifier := parse_identifier(item):
            identifiers.append(identifier)
    return RemarkFacts(
        birth_dates=unique(births),
        nationalities=unique(nationalities),
        identifiers=tuple(dict.fromkeys(identifiers)),
        weak_aliases=unique(weak),
        listing_dates=unique(listings),
    )


def parse_identifier(item: str) -> Identifier | None:
    """Return the identifier an item states ("Passport 123 (Korea, North)"), if any."""
    for kind, pattern in _ID_PATTERNS:
        match = pattern.match(item)
        if match is None:
            continue
        value_match = _ID_VALUE.match(match.group(1).strip())
        if value_match is None:  # pragma: no cover - the pattern matches any text
            return None
        value, country_text = value_match.groups()
        value = value.strip().rstrip(".")
        if not any(ch.isalnum() for ch in value):
            return None
        if value.upper().startswith("IMO ") or kind == "imo":
            kind = "imo"
            value = value.upper().removeprefix("IMO").strip()
        country = to_country_code(country_text) if country_text else None
        return Identifier(kind, value, country)
    return None
