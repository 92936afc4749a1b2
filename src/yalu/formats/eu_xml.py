"""Read the EU Financial Sanctions Files (FSF) full XML (namespace `.../fpi/fsd/export`).

Each `sanctionEntity` becomes one entity:

- id: `euReferenceNumber` ("EU.4198.83"); an entry without one gets "EU logical id N".
  The logical id is kept in the notes.
- schema: `subjectType` `person` is a Person, `enterprise` an Organization (the file has
  no vessel type; IMO numbers on enterprises are company numbers, as on the UN list).
- names: the `wholeName` of every `nameAlias`, in file order (the file has no primary
  flag), the first in Latin letters put first (an entry may open with its Arabic or
  Cyrillic name); `strong="false"` aliases are weak.
- birth dates: the `birthdate` attribute (Gregorian even for an Islamic-calendar entry),
  else year, month and day of a Gregorian entry, else `yearRangeFrom..yearRangeTo`.
- nationalities: `citizenship` codes; countries: address codes ("00" means unknown).
- identifiers: `identification` numbers by `identificationTypeCode` (passport, id, imo,
  regnumber, fiscalcode, swiftbic, ...); "-" is no number.
- programs: each `regulation`'s `programme` ("PRK"); regimes from it, under the UN regime
  when the entry gives a UN reference number (`unitedNationId`), which also goes to
  `same_as` ("un_sc:LYi.028").
- version: the file's `generationDate`, the publisher's own time.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from yalu.core.countries import to_country_code
from yalu.core.errors import ListFormatError
from yalu.formats.dates import latest_date, parse_dates
from yalu.formats.input_file import TRUNCATED_HINT, make_snapshot, parse_xml, unique
from yalu.formats.regimes import Basis, lookup, to_regimes
from yalu.formats.un_reference import un_same_as
from yalu.models.screening import Entity, Identifier, IdentifierKind, ListSnapshot, Schema

SOURCE = "eu_fsf"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
_NS = {"e": NAMESPACE}
_HINT = (
    "Pass the EU Financial Sanctions Files full XML (xmlFullSanctionsList_1_1 from "
    "webgate.ec.europa.eu/fsd/fsf)"
)
_SCHEMAS: dict[str, Schema] = {"person": "Person", "enterprise": "Organization"}
_ID_KINDS: dict[str, IdentifierKind] = {
    "passport": "passport",
    "id": "national_id",
    "ssn": "national_id",
    "imo": "imo",
    "regnumber": "registration",
    "fiscalcode": "tax",
    "tax": "tax",
    "swiftbic": "swift",
}


def read_eu_xml(path: Path) -> ListSnapshot:
    """Read an EU Financial Sanctions Files full XML file.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the XML is malformed or truncated, is not an FSF export, holds
            no entries, or an entry has no name (the message names the file and line).
    """
    root = _parse(path)
    generated = root.get("generationDate", "")
    entities: list[Entity] = []
    published: list[str] = []
    for element in root.iterfind("e:sanctionEntity", _NS):
        entities.append(_read_entry(element, path))
        published.extend(
            regulation.get("publicationDate", "")
            for regulation in element.iterfind("e:regulation", _NS)
        )
    return make_snapshot(
        source=SOURCE,
        entities=entities,
        path=path,
        published=generated,
        newest_entry=latest_date(published),
        format="eu_xml",
    )


def _parse(path: Path) -> ET.Element:
    """Parse the file and check its root element."""
    root = parse_xml(path)
    if root.tag != f"{{{NAMESPACE}}}export":
        raise ListFormatError(
            f"root element is <{root.tag}>, not the FSF <export>", path=path, line=1, hint=_HINT
        )
    return root


def _read_entry(element: ET.Element, path: Path) -> Entity:
    """Turn one sanctionEntity element into an Entity."""
    logical_id = element.get("logicalId", "")
    reference = element.get("euReferenceNumber", "").strip()
    strong: list[str] = []
    weak: list[str] = []
    for alias in element.iterfind("e:nameAlias", _NS):
        name = " ".join(alias.get("wholeName", "").split())
        if name:
            (weak if alias.get("strong") == "false" else strong).append(name)
    if not strong and not weak:
        raise ListFormatError(
            f"sanctionEntity {reference or logical_id or '?'} has no nameAlias with a name",
            path=path,
            hint=TRUNCATED_HINT,
        )
    subject = element.find("e:subjectType", _NS)
    code = subject.get("code", "") if subject is not None else ""
    un_reference = element.get("unitedNationId", "").strip()
    programmes = unique(r.get("programme", "") for r in element.iterfind("e:regulation", _NS))
    basis: Basis = "un" if un_reference else "unknown"
    # A remark printed twice says nothing more (and a repeated line must not change the entry).
    remarks = unique(" ".join((r.text or "").split()) for r in element.iterfind("e:remark", _NS))
    names = _latin_first(unique(strong or weak[:1]))
    return Entity(
        id=reference or f"EU logical id {logical_id}",
        schema=_SCHEMAS.get(code, "LegalEntity"),
        names=names,
        source=SOURCE,
        weak_aliases=unique(name for name in weak if name not in names),
        birth_dates=_birth_dates(element),
        nationalities=unique(
            _country(c.get("countryIso2Code", "")) for c in element.iterfind("e:citizenship", _NS)
        ),
        countries=unique(
            _country(a.get("countryIso2Code", "")) for a in element.iterfind("e:address", _NS)
        ),
        addresses=unique(_address(a) for a in element.iterfind("e:address", _NS)),
        identifiers=_identifiers(element),
        programs=programmes,
        listed_on=element.get("designationDate") or None,
        notes="; ".join(part for part in (*remarks, f"EU logical id {logical_id}") if part),
        regimes=to_regimes((v for p in programmes for v in lookup(SOURCE, p)), basis),
        same_as=un_same_as(un_reference),
    )


def _latin_first(names: tuple[str, ...]) -> tuple[str, ...]:
    """Put the first name written in Latin letters first (the file may open with Arabic)."""
    latin = next((name for name in names if _is_latin(name)), None)
    if latin is None or latin == names[0]:
        return names
    return (latin, *(name for name in names if name != latin))


def _is_latin(name: str) -> bool:
    """Return True when most letters of `name` are ASCII or Latin-1 letters."""
    letters = [ch for ch in name if ch.isalpha()]
    return sum(ch < "\u0250" for ch in letters) * 2 > len(letters)


def _country(code: str) -> str:
    """Return a lower-case alpha-2 code, "" for the file's "00" (unknown)."""
    if not code or code == "00":
        return ""
    return to_country_code(code) or ""


def _birth_dates(element: ET.Element) -> tuple[str, ...]:
    """Return ISO birth dates from every birthdate element."""
    dates: list[str] = []
    for birth in element.iterfind("e:birthdate", _NS):
        if value := birth.get("birthdate", ""):
            dates.extend(parse_dates(value))
        elif birth.get("calendarType", "GREGORIAN") == "GREGORIAN" and birth.get("year"):
            parts = [birth.get("year", ""), birth.get("monthOfYear"), birth.get("dayOfMonth")]
            dates.extend(parse_dates("-".join(part for part in parts if part)))
        elif (start := birth.get("yearRangeFrom")) and (end := birth.get("yearRangeTo")):
            dates.extend(parse_dates(f"{start} to {end}"))
    return unique(dates)


def _address(address: ET.Element) -> str:
    """Return an address as one line: street, PO box, city, zip code, region, country."""
    keys = ("street", "poBox", "city", "zipCode", "region", "place", "countryDescription")
    parts = [" ".join(address.get(key, "").split()) for key in keys]
    return ", ".join(part for part in parts if part and part != "UNKNOWN")


def _identifiers(element: ET.Element) -> tuple[Identifier, ...]:
    """Return the identification numbers, by kind, with their issuing country."""
    found: list[Identifier] = []
    for item in element.iterfind("e:identification", _NS):
        number = " ".join(item.get("number", "").split())
        if not any(ch.isalnum() for ch in number):
            continue
        kind = _ID_KINDS.get(item.get("identificationTypeCode", "").lower(), "other")
        found.append(Identifier(kind, number, _country(item.get("countryIso2Code", "")) or None))
    return tuple(dict.fromkeys(found))
