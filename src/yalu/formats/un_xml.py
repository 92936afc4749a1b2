"""Read the UN Security Council Consolidated List (XML).

Each `INDIVIDUAL` becomes a Person and each `ENTITY` an Organization, with:

- id: `REFERENCE_NUMBER` ("KPi.001"); names: FIRST..FOURTH_NAME joined in published order,
  then aliases of quality Good / a.k.a. / f.k.a., then `NAME_ORIGINAL_SCRIPT` (hangul,
  hanzi, Arabic); Low-quality aliases go to `weak_aliases`.
- birth dates from DATE, YEAR or FROM_YEAR..TO_YEAR (each year); nationalities, document
  and address countries as ISO alpha-2; documents as identifiers.
- programs: `UN_LIST_TYPE` ("DPRK"), the reference prefix ("KPe") and the committee's
  founding resolution when known ("1718").
- Text is decoded by the XML declaration (UTF-8 for the published file), strictly: a byte
  that is not UTF-8 is refused naming its line and byte offset.
- IMO numbers printed in COMMENTS1 become `imo` identifiers. The consolidated list names
  ships rarely; an ENTITY with an IMO number and no company word in its name ("CO",
  "SHIPPING", "CORP", ...) is read as a Vessel, otherwise it stays an Organization (the
  number is then the IMO company number of a ship owner or manager).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from yalu.core.countries import to_country_code
from yalu.core.errors import ListFormatError
from yalu.formats.dates import parse_dates
from yalu.formats.input_file import (
    TRUNCATED_HINT,
    make_snapshot,
    parse_xml,
    unique,
)
from yalu.models.screening import Entity, Identifier, IdentifierKind, ListSnapshot, Schema

SOURCE = "un_sc"
_RESOLUTIONS = {
    "DPRK": "1718",
    "Al-Qaida": "1267",
    "Taliban": "1988",
    "Iraq": "1518",
    "DRC": "1533",
    "Libya": "1970",
    "Somalia": "2713",
    "CAR": "2127",
    "Haiti": "2653",
    "Yemen": "2140",
    "GB": "2048",
    "Sudan": "1591",
    "SouthSudan": "2206",
    "Iran": "2231",
}
_STRONG_QUALITIES = {"", "good", "a.k.a.", "f.k.a."}
_IMO = re.compile(r"\bIMO\b[^0-9]{0,25}(\d{7})\b")
_COMPANY_WORD = re.compile(
    r"\b(?:CO|COMPANY|CORP|CORPORATION|LTD|LIMITED|LLC|INC|JV|PTE|SHIPPING|TRADING|GROUP|"
    r"BANK|MARINE|FREIGHT|ENERGY|MANAGEMENT|ENTERPRISE|AGENCY|S\.?A)\b\.?",
    re.IGNORECASE,
)


def read_un_xml(path: Path) -> ListSnapshot:
    """Read a UN consolidated list XML file.

    Args:
        path: the XML file (as downloaded from scsanctions.un.org).

    Returns:
        Every individual and entity; version is the file's `dateGenerated`.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the XML is malformed or truncated, is not a UN list, or holds no
            entries (the message names the file and line).
    """
    root = _parse(path)
    version = root.get("dateGenerated", "")
    entities: list[Entity] = []
    for element in root.iterfind("INDIVIDUALS/INDIVIDUAL"):
        entities.append(_read_entry(element, "Person", path, version))
    for element in root.iterfind("ENTITIES/ENTITY"):
        entities.append(_read_entry(element, "Organization", path, version))
    return make_snapshot(
        source=SOURCE, entities=entities, path=path, published=version, format="un_xml"
    )


def _parse(path: Path) -> ET.Element:
    """Parse the file and check its root element."""
    root = parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(
            f"root element is <{root.tag}>, not <CONSOLIDATED_LIST>",
            path=path,
            line=1,
            hint="Pass the UN Security Council consolidated list XML",
        )
    return root


def _text(element: ET.Element, tag: str) -> str:
    """Return the stripped text of a child, or ""."""
    return " ".join((element.findtext(tag) or "").split())


def _read_entry(element: ET.Element, schema: Schema, path: Path, version: str) -> Entity:
    """Turn one INDIVIDUAL or ENTITY element into an Entity."""
    reference = _text(element, "REFERENCE_NUMBER")
    primary = " ".join(
        part
        for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        if (part := _text(element, tag))
    )
    if not reference or not primary:
        missing = "REFERENCE_NUMBER" if not reference else "a name"
        raise ListFormatError(
            f"<{element.tag}> with DATAID {_text(element, 'DATAID') or '?'} has no {missing}",
            path=path,
            hint=TRUNCATED_HINT,
        )
    strong, weak = _aliases(element)
    comments = _text(element, "COMMENTS1")
    identifiers = _documents(element)
    imo_numbers = unique(_IMO.findall(comments))
    identifiers += tuple(Identifier("imo", number) for number in imo_numbers)
    if schema == "Organization" and imo_numbers and not _COMPANY_WORD.search(primary):
        schema = "Vessel"
    list_type = _text(element, "UN_LIST_TYPE")
    programs = unique([list_type, reference.split(".")[0], _RESOLUTIONS.get(list_type, "")])
    addresses, address_countries = _addresses(element)
    return Entity(
        id=reference,
        schema=schema,
        names=unique([primary, *strong, _text(element, "NAME_ORIGINAL_SCRIPT")]),
        source=SOURCE,
        source_version=version,
        weak_aliases=unique(weak),
        birth_dates=_birth_dates(element),
        nationalities=unique(
            to_country_code(value.text or "") or ""
            for value in element.iterfind("NATIONALITY/VALUE")
        ),
        countries=address_countries,
        addresses=addresses,
        identifiers=identifiers,
        programs=programs,
        listed_on=_text(element, "LISTED_ON")[:10] or None,
        notes=comments,
    )


def _aliases(element: ET.Element) -> tuple[list[str], list[str]]:
    """Return (strong, weak) alias names."""
    strong: list[str] = []
    weak: list[str] = []
    for alias in element:
        if not alias.tag.endswith("_ALIAS"):
            continue
        name = _text(alias, "ALIAS_NAME")
        if name:
            quality = _text(alias, "QUALITY").lower()
            (strong if quality in _STRONG_QUALITIES else weak).append(name)
    return strong, weak


def _birth_dates(element: ET.Element) -> tuple[str, ...]:
    """Return ISO birth dates from every INDIVIDUAL_DATE_OF_BIRTH."""
    dates: list[str] = []
    for dob in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        if date := _text(dob, "DATE"):
            dates.extend(parse_dates(date))
        if year := _text(dob, "YEAR"):
            dates.extend(parse_dates(year))
        start, end = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
        if start and end:
            dates.extend(parse_dates(f"{start} to {end}"))
    return unique(dates)


def _document_kind(label: str) -> IdentifierKind:
    """Map a UN document type ("Passport", "Numéro de passeport") to an identifier kind."""
    label = label.lower()
    if "pass" in label or "pasaporte" in label:
        return "passport"
    if "identi" in label or "id card" in label:
        return "national_id"
    return "other"


def _documents(element: ET.Element) -> tuple[Identifier, ...]:
    """Return the identifiers of every INDIVIDUAL_DOCUMENT with a number."""
    identifiers: list[Identifier] = []
    for document in element.iterfind("INDIVIDUAL_DOCUMENT"):
        number = _text(document, "NUMBER")
        if not number:
            continue
        country = _text(document, "ISSUING_COUNTRY") or _text(document, "COUNTRY_OF_ISSUE")
        kind = _document_kind(_text(document, "TYPE_OF_DOCUMENT"))
        identifiers.append(Identifier(kind, number, to_country_code(country) if country else None))
    return tuple(identifiers)


def _addresses(element: ET.Element) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (addresses as text, their ISO country codes)."""
    addresses: list[str] = []
    countries: list[str] = []
    for address in element:
        if not address.tag.endswith("_ADDRESS"):
            continue
        tags = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        text = ", ".join(part for tag in tags if (part := _text(address, tag)))
        addresses.append(text)
        countries.append(to_country_code(_text(address, "COUNTRY")) or "")
    return unique(addresses), unique(countries)
