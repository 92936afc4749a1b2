"""Read Canada's Consolidated Autonomous Sanctions List XML (SEMA and JVCFOA), both layouts.

The file is `data-set/record`, one record per designation. Global Affairs Canada has
published two sets of tag names; both are read, tag by tag:

| older (2020)    | bilingual (2023 on)                                                    |
|-----------------|------------------------------------------------------------------------|
| Country         | Country-Pays (the regulation: "Russia / Russie", or "Justice for ...") |
| LastName        | LastName-NomDeFamille                                                  |
| GivenName       | GivenName-Prenom                                                       |
| Entity          | EntityOrShip-EntiteOuNavire                                            |
| Aliases         | Aliases-Alias                                                          |
| DateOfBirth     | DateOfBirthOrShipBuildDate-DateDeNaissanceOuDateDeConstructionDuNavire |
| Title           | TitleOrShipType-TitreOuTypeDeNavire                                    |
| Schedule, Item  | Schedule-Annexe, Item-NumeroDarticle                                   |
|                 | ShipIMONumber-NumeroOMIDuNavire, DateOfListing-DateDinscription        |

- id: `<regulation>/<schedule>/<item>` ("Russia/1, Part 1/1520"), the regulation being
  the English part of `Country` (or the bracketed abbreviation, "JVCFOR"), "-" for no
  schedule (or "N/A").
- schema: a person when a last or given name is given; a Vessel when a ship IMO number is
  given (its build year is not a birth date); an Organization otherwise.
- names: given name then last name; an entity name written in English and French
  ("Islamic Revolutionary Guard Corps/Corps des Gardiens ...") gives both; aliases are
  split on ";" when the cell has one, else on ","; a script label ("Arabic:") is dropped.
- birth dates: ISO, with "1972-08-10 or 1972-08-11" giving both; "Sep-99" and prose
  ("born in the early 1970s") are unreadable and left out.
- programs: the `Country` cell as published; regimes: Canada's own (autonomous).
- version: the file prints no date, so the SHA-256 of its content; the latest
  `DateOfListing` is kept as the newest entry's date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from yalu.core.errors import ListFormatError
from yalu.formats.dates import latest_date, parse_dates
from yalu.formats.input_file import TRUNCATED_HINT, make_snapshot, parse_xml, unique
from yalu.formats.regimes import lookup, to_regimes
from yalu.models.screening import Entity, Identifier, ListSnapshot, Schema

SOURCE = "ca_sema"
_HINT = (
    "Pass Global Affairs Canada's consolidated autonomous sanctions list XML "
    "(sema-lmes.xml from international.gc.ca)"
)
_FIELDS = {
    "country": ("Country", "Country-Pays"),
    "last_name": ("LastName", "LastName-NomDeFamille"),
    "given_name": ("GivenName", "GivenName-Prenom"),
    "entity": ("Entity", "EntityOrShip-EntiteOuNavire"),
    "aliases": ("Aliases", "Aliases-Alias"),
    "born": (
        "DateOfBirth",
        "DateOfBirthOrShipBuildDate-DateDeNaissanceOuDateDeConstructionDuNavire",
    ),
    "title": ("Title", "TitleOrShipType-TitreOuTypeDeNavire"),
    "schedule": ("Schedule", "Schedule-Annexe"),
    "item": ("Item", "Item-NumeroDarticle"),
    "imo": ("ShipIMONumber", "ShipIMONumber-NumeroOMIDuNavire"),
    "listed": ("DateOfListing", "DateOfListing-DateDinscription"),
}
_ABBREVIATION = re.compile(r"\(([A-Z]{3,})\)")
_SCRIPT_LABEL = re.compile(r"\b(?:Arabic|Russian|Cyrillic|Chinese|Persian|Farsi|Belarusian)\s*:\s*")
_BILINGUAL = re.compile(r"(?<=\w)/(?=\w)")
_DATE_SEPARATOR = re.compile(r"\s+(?:or|and)\s+|;")


def read_ca_xml(path: Path) -> ListSnapshot:
    """Read Canada's consolidated autonomous sanctions list XML, in either layout.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the XML is malformed or truncated, is not the Canadian list,
            holds no records, or a record has no name or no item number.
    """
    root = _parse(path)
    entities: list[Entity] = []
    listed: list[str] = []
    for number, record in enumerate(root.iterfind("record"), start=1):
        fields = {key: _field(record, tags) for key, tags in _FIELDS.items()}
        entities.append(_read_record(fields, number, path))
        listed.append(fields["listed"])
    return make_snapshot(
        source=SOURCE,
        entities=entities,
        path=path,
        newest_entry=latest_date(listed),
        format="ca_xml",
    )


def _parse(path: Path) -> ET.Element:
    """Parse the file and check its root element."""
    root = parse_xml(path)
    if root.tag != "data-set" or root.find("record") is None:
        found = f"<{root.tag}>" + ("" if root.tag != "data-set" else " without <record>")
        raise ListFormatError(
            f"root element is {found}, not <data-set> of <record>", path=path, line=1, hint=_HINT
        )
    return root


def _field(record: ET.Element, tags: tuple[str, ...]) -> str:
    """Return the whitespace-collapsed text of the first of `tags` present, or ""."""
    for tag in tags:
        text = record.findtext(tag)
        if text is not None:
            return " ".join(text.replace("\xa0", " ").split())
    return ""


def _regulation(country: str) -> str:
    """Return the English short name of a `Country` cell: "Russia", "JVCFOR"."""
    english = country.split(" / ", 1)[0].strip()
    abbreviation = _ABBREVIATION.search(english)
    return abbreviation.group(1) if abbreviation else english


def _read_record(fields: dict[str, str], number: int, path: Path) -> Entity:
    """Turn one record into an Entity (`number` is its position, for messages)."""
    person = " ".join(part for part in (fields["given_name"], fields["last_name"]) if part)
    entity = fields["entity"]
    if not (person or entity) or not fields["item"]:
        missing = "item number" if person or entity else "name"
        raise ListFormatError(
            f"record {number} ({fields['country'] or 'no country'}) has no {missing}",
            path=path,
            hint=TRUNCATED_HINT,
        )
    imo = "".join(ch for ch in fields["imo"] if ch.isdigit())
    schema: Schema = "Person" if person else ("Vessel" if imo else "Organization")
    names = [person] if person else [part.strip() for part in _BILINGUAL.split(entity)]
    if not person and not all(" " in part for part in names):
        names = [entity]  # "Sepah/GRI": a slash inside a name, not two languages
    regulation = _regulation(fields["country"])
    schedule = fields["schedule"] if fields["schedule"] not in ("", "N/A") else "-"
    notes = [f"{'ship type' if imo else 'title'}: {fields['title']}" if fields["title"] else ""]
    if imo and fields["born"]:
        notes.append(f"built: {fields['born']}")
    return Entity(
        id=f"{regulation}/{schedule}/{fields['item']}",
        schema=schema,
        names=unique([*names, *_aliases(fields["aliases"], is_person=bool(person))]),
        source=SOURCE,
        birth_dates=() if schema != "Person" else _birth_dates(fields["born"]),
        identifiers=(Identifier("imo", imo),) if imo else (),
        programs=unique([fields["country"]]),
        listed_on=fields["listed"] or None,
        notes="; ".join(part for part in notes if part),
        regimes=to_regimes(lookup(SOURCE, regulation), "autonomous"),
    )


def _aliases(cell: str, *, is_person: bool) -> list[str]:
    """Split an aliases cell: on ";" when it has one, else on ","; drop script labels.

    A person's last alias may be joined by "and" ("..., Abdul Rahim Dagalo and Abdelrahim
    Hamdan Dagalo Mousa"); an entity's name may hold "and", so it is not split there.
    """
    if not cell:
        return []
    parts = cell.split(";") if ";" in cell else cell.split(",")
    if is_person:
        parts = [piece for part in parts for piece in part.split(" and ")]
    names: list[str] = []
    for part in parts:
        names.extend(piece.strip(" .") for piece in _SCRIPT_LABEL.split(part))
    return [name for name in names if name]


def _birth_dates(cell: str) -> tuple[str, ...]:
    """Return the ISO dates of a birth date cell ("1972-08-10 or 1972-08-11")."""
    return unique(date for part in _DATE_SEPARATOR.split(cell) for date in parse_dates(part))
