"""Read Australia's DFAT Consolidated List workbook (`regulation8_consolidated.xlsx`).

The workbook is read with openpyxl. Its first sheet has one row per name, under the
header `Reference, Name of Individual or Entity, Type, Name Type, Date of Birth, Place
of Birth, Citizenship, Address, Additional Information, Listing Information, Committees,
Control Date` (columns are found by name, in any order and case). Rows are grouped into
one entity by the number their `Reference` starts with (`1113`, `1113a`, `1113b`, and
`34c1` under `34`), and the entity's id is that number ("1113").

Quirks handled: trailing spaces and case variants in `Type` ("Entity ", "individual"),
`Name Type` ("Primary Name ", "primary name", "Aka", "AKA") and `Committees` ("1718
(DPRK)  "); blank rows; references typed as numbers; dates typed as dates, as years or as
text listing several (`a) 16/11/1977; b) 16 Nov 1974`, day first); citizenship written
as adjectives ("Russian and Ukrainian"). IMO, passport, registration and tax numbers are
read from `Additional Information` where it labels them.

Names: the `Primary Name` row first, then `aka`, `Original Script`, `Formerly known as`
and `Previously listed as` rows, in file order. Programs: the `Committees` cells as
published; regimes: a committee number (`1718 (DPRK)`) is the UN regime, `Autonomous
(DPRK)` Australia's own.

Version: the workbook prints no publication date, so the version is the SHA-256 of the
file. Its document properties hold the time it was last saved (2024-11-11 for the copy
in ../shared), which anyone re-saving the file changes, so yalu does not present it as
DFAT's publication date; the latest `Control Date` is kept as the newest entry's date.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from yalu.core.countries import to_country_code
from yalu.core.errors import ListFormatError
from yalu.formats.dates import latest_date, parse_date
from yalu.formats.day_first_dates import parse_day_first_list
from yalu.formats.demonyms import parse_nationalities
from yalu.formats.input_file import TRUNCATED_HINT, make_snapshot, read_bytes, unique
from yalu.formats.regimes import lookup, to_regimes
from yalu.models.screening import Entity, Identifier, IdentifierKind, ListSnapshot, Schema

SOURCE = "au_dfat"
REQUIRED_COLUMNS = ("Reference", "Name of Individual or Entity", "Type", "Name Type", "Committees")
OPTIONAL_COLUMNS = (
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "Control Date",
)
_HINT = (
    "The DFAT Consolidated List workbook's first row names the columns "
    + ", ".join(REQUIRED_COLUMNS)
    + ", ...; download regulation8_consolidated.xlsx again from dfat.gov.au"
)
_SCHEMAS: dict[str, Schema] = {"individual": "Person", "entity": "Organization"}
_HEADER_ROWS = 10
"""The header is looked for in the first rows; the widest of them sets the columns read."""
_REFERENCE = re.compile(r"^(\d+)")
_COMMITTEE = re.compile(r"(autonomous|\d+(?:/\d+)*)\s*\(((?:[^()]|\([^()]*\))*)\)", re.IGNORECASE)
_LISTED_ON = re.compile(r"\bon:?\s*(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})")
_ENUMERATED = re.compile(r"(?:^|\s)\(?[a-h]\)\s+")
_NUMBERS: tuple[tuple[IdentifierKind, re.Pattern[str]], ...] = (
    ("imo", re.compile(r"\bIMO\b[^0-9;]{0,30}?(\d{7})\b", re.IGNORECASE)),
    (
        "passport",
        re.compile(r"\bpassport\s+(?:no\.?|number)\s*[:.]?\s*([A-Z]{0,2}\d{6,10})\b", re.I),
    ),
    (
        "tax",
        re.compile(
            r"\b(?:tax\s+id(?:entification)?|INN)\s*(?:no\.?|number)?\s*[:.]?\s*(\d{6,15})\b", re.I
        ),
    ),
    (
        "registration",
        re.compile(
            r"\b(?:company|registration|OGRN)\s*(?:identification\s*)?(?:no\.?|number)?\s*[:.]?"
            r"\s*(\d{6,15})\b",
            re.IGNORECASE,
        ),
    ),
)


def read_au_xlsx(path: Path) -> ListSnapshot:
    """Read the DFAT Consolidated List workbook.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the file is not a complete workbook, a required column is
            missing, a row's Reference does not start with a number or has no name, or
            there are no rows (the message names the file and row).
    """
    rows = _read_rows(path)
    header_line, header = next(rows, (1, []))
    columns = _columns(header, path, header_line)
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for line, cells in rows:
        record = {
            name: cells[index] if index < len(cells) else None for name, index in columns.items()
        }
        if all(_cell(value) == "" for value in record.values()):
            continue
        reference = _cell(record["Reference"])
        number = _REFERENCE.match(reference)
        if number is None or not _cell(record["Name of Individual or Entity"]):
            problem = (
                f"Reference {reference!r} does not start with a number"
                if number is None
                else f"row with Reference {reference} has no name"
            )
            raise ListFormatError(problem, path=path, line=line, hint=TRUNCATED_HINT)
        groups.setdefault(number.group(1), []).append((line, record))
    entities = [_read_group(reference, group) for reference, group in groups.items()]
    controls = [
        _iso_day(record.get("Control Date")) for group in groups.values() for _, record in group
    ]
    return make_snapshot(
        source=SOURCE,
        entities=entities,
        path=path,
        newest_entry=latest_date(controls),
        format="au_xlsx",
    )


def _read_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """Yield (row number, cell values) of the first sheet; a broken workbook raises first."""
    import openpyxl  # a dependency of yalu, imported here to keep `yalu --help` quick
    from openpyxl.utils.exceptions import InvalidFileException

    data = read_bytes(path)  # one-line errors for a missing, unreadable or empty file
    try:
        # From bytes: openpyxl would refuse a path not ending in .xlsx.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The sheet is 255 columns wide, nearly all empty: read only as far as the header.
        top = list(sheet.iter_rows(max_row=_HEADER_ROWS, values_only=True))
        width = max((_last_filled(row) for row in top), default=0)
        rows = [tuple(row) for row in sheet.iter_rows(max_col=max(width, 1), values_only=True)]
        workbook.close()
    except (
        zipfile.BadZipFile,
        zlib.error,  # a damaged compressed part
        EOFError,
        SyntaxError,  # a damaged XML part (ElementTree's ParseError)
        InvalidFileException,
        KeyError,
        ValueError,
        IndexError,
        OSError,
    ) as exc:
        raise ListFormatError(
            f"not a complete Excel workbook ({type(exc).__name__}: {exc})",
            path=path,
            hint=TRUNCATED_HINT,
        ) from exc
    for line, cells in enumerate(rows, start=1):
        if any(_cell(value) for value in cells):
            yield line, cells


def _last_filled(row: Sequence[Any]) -> int:
    """Return the position after the last non-empty cell of `row` (0 if none)."""
    return max((index + 1 for index, value in enumerate(row) if _cell(value)), default=0)


def _columns(header: Sequence[Any], path: Path, line: int) -> dict[str, int]:
    """Return the index of each known column; raise if a required one is missing."""
    found = {" ".join(_cell(value).split()).casefold(): index for index, value in enumerate(header)}
    missing = [name for name in REQUIRED_COLUMNS if name.casefold() not in found]
    if missing:
        named = ", ".join(_cell(value) for value in header if _cell(value)) or "nothing"
        raise ListFormatError(
            f"missing column {', '.join(missing)} (the first row names: {named})",
            path=path,
            line=line,
            hint=_HINT,
        )
    return {
        name: found[name.casefold()]
        for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
        if name.casefold() in found
    }


def _cell(value: Any) -> str:
    """Return a cell as stripped text ("" for empty; no-break spaces are spaces)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return _iso_day(value)
    return " ".join(str(value).replace("\xa0", " ").split())


def _iso_day(value: Any) -> str:
    """Return a date cell as an ISO day, or text cells parsed (day first); "" if none."""
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if not value:
        return ""
    return next(iter(parse_day_first_list(str(value))), "")


def _read_group(reference: str, group: list[tuple[int, dict[str, Any]]]) -> Entity:
    """Turn the rows of one Reference number into an Entity."""
    records = [record for _, record in group]
    primary = next(
        (r for r in records if _cell(r["Name Type"]).casefold() == "primary name"), records[0]
    )
    names = [_cell(primary["Name of Individual or Entity"])]
    names += [_cell(r["Name of Individual or Entity"]) for r in records if r is not primary]

    def column(name: str) -> list[str]:
        return [text for r in records if (text := _cell(r.get(name)))]

    committees = unique(column("Committees"))
    information = unique(column("Additional Information"))
    listing = unique(column("Listing Information"))
    addresses = tuple(
        a
        for a in unique(
            part.strip(" ;,") for text in column("Address") for part in _ENUMERATED.split(text)
        )
        if a and a.upper() not in ("NA", "N/A")
    )
    listed = next((m.group(1) for text in listing if (m := _LISTED_ON.search(text))), "")
    return Entity(
        id=reference,
        schema=_SCHEMAS.get(_cell(primary["Type"]).casefold(), "LegalEntity"),
        names=unique(names),
        source=SOURCE,
        birth_dates=unique(d for r in records for d in _birth_dates(r.get("Date of Birth"))),
        nationalities=unique(
            c for text in column("Citizenship") for c in parse_nationalities(text)
        ),
        countries=unique(to_country_code(a.rsplit(",", 1)[-1]) or "" for a in addresses),
        addresses=addresses,
        identifiers=_identifiers(information),
        programs=committees,
        listed_on=parse_date(listed) if listed else None,
        notes="; ".join((*information, *listing)),
        regimes=_regimes(committees),
    )


def _birth_dates(value: Any) -> tuple[str, ...]:
    """Return the ISO dates of a Date of Birth cell (a date, a year or text)."""
    if isinstance(value, date):
        return (value.strftime("%Y-%m-%d"),)
    if isinstance(value, int):
        return (str(value),)
    return parse_day_first_list(_cell(value)) if value else ()


def _identifiers(texts: Sequence[str]) -> tuple[Identifier, ...]:
    """Return the labelled numbers of the Additional Information texts."""
    found = [
        Identifier(kind, match.group(1))
        for text in texts
        for kind, pattern in _NUMBERS
        for match in pattern.finditer(text)
    ]
    return tuple(dict.fromkeys(found))


def _regimes(committees: Sequence[str]) -> tuple[str, ...]:
    """Return the regimes of `Committees` cells: numbered ones UN, `Autonomous` Australia's."""
    regimes: list[str] = []
    for committee in committees:
        parts = _COMMITTEE.findall(committee)
        found = [
            regime
            for kind, name in parts
            for regime in to_regimes(
                lookup(SOURCE, name), "autonomous" if kind.lower() == "autonomous" else "un"
            )
        ]
        regimes.extend(found or to_regimes(lookup(SOURCE, committee), "unknown"))
    return unique(regimes)
