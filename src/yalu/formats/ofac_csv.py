"""Read OFAC's legacy CSV file sets: the SDN list and the Consolidated (non-SDN) list.

A set is a primary file and three optional siblings joined on `ent_num`, none with a header,
`-0- ` meaning empty:

| SDN              | Consolidated      | columns                                          |
|------------------|-------------------|--------------------------------------------------|
| sdn.csv          | cons_prim.csv     | ent_num, name, type, program, title, call_sign,  |
|                  |                   | vess_type, tonnage, GRT, vess_flag, vess_owner,  |
|                  |                   | remarks                                          |
| alt.csv          | cons_alt.csv      | ent_num, alt_num, alt_type (aka/fka/nka),        |
|                  |                   | alt_name, alt_remarks                            |
| add.csv          | cons_add.csv      | ent_num, add_num, address, city/state/postal,    |
|                  |                   | country, add_remarks                             |
| sdn_comments.csv | cons_comments.csv | ent_num, Remarks continuation (Remarks are cut   |
|                  |                   | at 1,000 characters)                             |

Person names lose the comma OFAC puts after the surname ("KIM, Jong Un" -> "KIM Jong Un",
published order kept). Facts inside Remarks are parsed by `yalu.formats.ofac_remarks`.

Text is UTF-8, or Windows-1252 when a file is not UTF-8 (OFAC's older exports), decoded
strictly. A set that is not whole (a file cut short, a repeated line, files of two different
days) is refused: see `yalu.formats.ofac_integrity`.

Version: the files print no publication date, so the version is the SHA-256 of their
content (`sha256 2a08fac873a3`); the latest "Listing Date"/"Effective Date" printed in the
Remarks (the Consolidated list prints them) is kept as the newest entry's date.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from yalu.core.countries import to_country_code
from yalu.core.errors import InputError, ListFormatError
from yalu.formats.dates import latest_date
from yalu.formats.input_file import TRUNCATED_HINT, iter_csv_rows, make_snapshot, unique
from yalu.formats.ofac_integrity import (
    OfacFile,
    check_continuations,
    check_end_marks,
    check_references,
    check_unique_numbers,
    check_unique_rows,
    read_ofac_file,
)
from yalu.formats.ofac_remarks import parse_remarks
from yalu.models.screening import Entity, ListSnapshot, Schema

logger = logging.getLogger(__name__)

EMPTY = "-0-"
SIBLING_NAMES = frozenset(
    {"alt.csv", "add.csv", "sdn_comments.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"}
)
_SCHEMAS: dict[str, Schema] = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
    "": "Organization",
}
_ALT_TYPES = ("aka", "fka", "nka")


@dataclass(frozen=True, slots=True)
class OfacFileSet:
    """The files of one OFAC list: primary plus siblings (None when absent)."""

    source: str
    primary: Path
    alt: Path | None
    add: Path | None
    comments: Path | None

    @property
    def present(self) -> tuple[Path, ...]:
        """Return the files that exist, primary first, in a fixed order."""
        return tuple(p for p in (self.primary, self.alt, self.add, self.comments) if p)


def locate_ofac_files(path: Path, source: str | None = None) -> OfacFileSet:
    """Find the primary file and its siblings from a directory or a primary file path.

    Args:
        path: a directory or a primary file.
        source: "ofac_sdn" or "ofac_cons" to choose between both lists in one directory
            and to override the name-based guess; None guesses from the file name
            (`cons_*` is the Consolidated list).

    Raises:
        InputError: the path does not exist, or a directory holds neither `sdn.csv` nor
            `cons_prim.csv`.
    """
    if path.is_dir():
        names = (
            ("cons_prim.csv", "sdn.csv") if source == "ofac_cons" else ("sdn.csv", "cons_prim.csv")
        )
        for name in names:
            if (path / name).is_file():
                return locate_ofac_files(path / name, source)
        raise InputError(
            "directory holds no OFAC list file",
            path=path,
            hint="It needs sdn.csv (SDN list) or cons_prim.csv (Consolidated list)",
        )
    if not path.exists():
        raise InputError("no such file", path=path, hint="Check the path and try again")
    if path.name.lower() in SIBLING_NAMES:
        # Given alt.csv (or add/comments), read the whole set it belongs to.
        is_cons = path.name.lower().startswith("cons")
        return locate_ofac_files(path.parent, source or ("ofac_cons" if is_cons else "ofac_sdn"))
    is_cons = path.name.lower().startswith("cons")
    prefix, comments = ("cons_", "cons_comments.csv") if is_cons else ("", "sdn_comments.csv")

    def sibling(name: str) -> Path | None:
        candidate = path.with_name(name)
        return candidate if candidate.is_file() and candidate != path else None

    return OfacFileSet(
        source=source or ("ofac_cons" if is_cons else "ofac_sdn"),
        primary=path,
        alt=sibling(f"{prefix}alt.csv"),
        add=sibling(f"{prefix}add.csv"),
        comments=sibling(comments),
    )


def read_ofac_sdn(path: Path) -> ListSnapshot:
    """Read the OFAC SDN CSV set (see `read_ofac_csv`) with source "ofac_sdn"."""
    return read_ofac_csv(path, source="ofac_sdn")


def read_ofac_cons(path: Path) -> ListSnapshot:
    """Read the OFAC Consolidated CSV set (see `read_ofac_csv`) with source "ofac_cons"."""
    return read_ofac_csv(path, source="ofac_cons")


def read_ofac_csv(path: Path, source: str | None = None) -> ListSnapshot:
    """Read an OFAC legacy CSV set (SDN or Consolidated) from its directory or primary file.

    Args:
        path: a directory holding `sdn.csv` or `cons_prim.csv`, or that file itself;
            siblings (alt, add, comments) next to it are joined when present.
        source: "ofac_sdn" or "ofac_cons"; None guesses from the file name.

    Returns:
        One entity per primary row; source "ofac_sdn" or "ofac_cons".

    Raises:
        InputError: the path is missing, unreadable or a directory without the files.
        ListFormatError: a file is not UTF-8 or Windows-1252 text, a row has the wrong
            number of columns, a non-numeric ent_num or an unknown SDN_Type or alt_type, the
            primary file has no rows, or the set is not whole (see `ofac_integrity`: a file
            cut short, a repeated line, a sibling row of an entry the primary lacks).
    """
    files = locate_ofac_files(path, source)
    missing = [name for name in ("alt", "add", "comments") if getattr(files, name) is None]
    if missing:
        logger.info("%s: no %s file beside it; reading without them", path, "/".join(missing))
    primary_rows, (alts, adds, comments) = _read_set(files)
    entities: list[Entity] = []
    listing_dates: list[str] = []
    for _, cells in primary_rows:
        ent_num = cells[0].strip()
        remarks = _clean(cells[11]) + "".join(_clean(row[1]) for row in comments[ent_num])
        entity, listed = _build_entity(
            ent_num, cells, remarks, (alts[ent_num], adds[ent_num]), files.source
        )
        entities.append(entity)
        listing_dates.extend(listed)
    return make_snapshot(
        source=files.source,
        entities=entities,
        path=path,
        files=files.present,
        newest_entry=latest_date(listing_dates),
    )


_Rows = list[tuple[int, list[str]]]
_Grouped = defaultdict[str, list[list[str]]]


def _read_set(files: OfacFileSet) -> tuple[_Rows, tuple[_Grouped, _Grouped, _Grouped]]:
    """Read and cross-check every file of a set (see `ofac_integrity`).

    Returns:
        The primary file's records, and the alt, add and comments rows by ent_num.
    """
    primary = read_ofac_file(files.primary)
    siblings = [
        (read_ofac_file(sibling) if sibling is not None else None, columns)
        for sibling, columns in ((files.alt, 5), (files.add, 6), (files.comments, 2))
    ]
    check_end_marks([primary, *(file for file, columns in siblings[:2] if file is not None)])
    primary_rows = list(iter_csv_rows(primary.text, files.primary, columns=12))
    for line, cells in primary_rows:
        _ent_num(cells[0], files.primary, line)
        _check_choice(cells, 2, _SCHEMAS, "SDN_Type", files.primary, line)
    known = {cells[0].strip() for _, cells in primary_rows}
    grouped: list[_Grouped] = []
    for file, columns in siblings:
        by_ent_num: _Grouped = defaultdict(list)
        if file is not None:
            for _, cells in _sibling_rows(file, columns, files.primary, known):
                by_ent_num[cells[0].strip()].append(cells)
        grouped.append(by_ent_num)
    if files.comments is not None:
        check_continuations(primary_rows, files.primary, files.comments, set(grouped[2]))
    return primary_rows, (grouped[0], grouped[1], grouped[2])


def _sibling_rows(file: OfacFile, columns: int, primary: Path, known: set[str]) -> _Rows:
    """Return a sibling's records, checked: numeric ent_nums of primary entries, no repeats."""
    rows = list(iter_csv_rows(file.text, file.path, columns=columns))
    for line, cells in rows:
        _ent_num(cells[0], file.path, line)
    check_references(rows, file.path, primary, known)
    if columns == 5:
        for line, cells in rows:
            _check_choice(cells, 2, _ALT_TYPES, "alt_type", file.path, line)
        check_unique_numbers(rows, file.path, "alt_num")
    elif columns == 6:
        check_unique_numbers(rows, file.path, "add_num")
    else:
        check_unique_rows(rows, file.path)
    return rows


def _check_choice(
    cells: list[str], index: int, allowed: Collection[str], column: str, path: Path, line: int
) -> None:
    """Refuse a cell outside its closed set of values (a shifted or swapped column)."""
    value = _clean(cells[index]).lower()
    if value not in allowed:
        choices = ", ".join(repr(choice) for choice in allowed if choice)
        if "" in allowed:
            choices += " or -0-"
        raise ListFormatError(
            f"{column} {cells[index].strip()!r} is not one of {choices}",
            path=path,
            line=line,
            column=index + 1,
            hint=TRUNCATED_HINT,
        )


def _clean(cell: str) -> str:
    """Return a cell with OFAC's empty marker turned into ""."""
    value = cell.strip()
    return "" if value == EMPTY else value


def _ent_num(cell: str, path: Path, line: int) -> str:
    """Return a validated ent_num."""
    value = cell.strip()
    if not value.isdigit():
        raise ListFormatError(
            f"ent_num {value!r} is not a number",
            path=path,
            line=line,
            column=1,
            hint=TRUNCATED_HINT,
        )
    return value


def to_person_name(name: str) -> str:
    """Drop the comma OFAC puts after a surname: "KIM, Jong Un" -> "KIM Jong Un"."""
    surname, comma, given = name.partition(", ")
    return f"{surname} {given}".strip() if comma else name


def _build_entity(
    ent_num: str,
    cells: list[str],
    remarks: str,
    siblings: tuple[list[list[str]], list[list[str]]],
    source: str,
) -> tuple[Entity, tuple[str, ...]]:
    """Return the entity of one primary row and the listing dates its remarks print.

    `siblings` holds the row's alt.csv and add.csv rows.
    """
    alts, adds = siblings
    sdn_type = _clean(cells[2]).lower()
    schema = _SCHEMAS.get(sdn_type, "Organization")
    facts = parse_remarks(remarks)
    # alt.csv holds the strong a.k.a./f.k.a./n.k.a.; Remarks the weak ones (OFAC FAQ 123).
    names: list[str] = [_clean(cells[1]), *(_clean(alt[3]) for alt in alts)]
    weak: list[str] = list(facts.weak_aliases)
    if schema == "Person":
        names = [to_person_name(name) for name in names]
        weak = [to_person_name(name) for name in weak]
    addresses = [", ".join(p for cell in add[2:5] if (p := _clean(cell))) for add in adds]
    countries = [to_country_code(_clean(add[4])) or "" for add in adds]
    countries.append(to_country_code(_clean(cells[9])) or "")
    programs = [p.strip(" []") for p in _clean(cells[3]).split("] [")]
    entity = Entity(
        id=ent_num,
        schema=schema,
        names=unique(names),
        source=source,
        weak_aliases=unique(weak),
        birth_dates=facts.birth_dates,
        nationalities=facts.nationalities,
        countries=unique(countries),
        addresses=unique(addresses),
        identifiers=facts.identifiers,
        programs=unique(programs),
        listed_on=min(facts.listing_dates, default=None),
        notes=remarks,
    )
    return entity, facts.listing_dates
