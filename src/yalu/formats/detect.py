"""Tell a list file's format from its content (file names only break ties).

| format     | what the first bytes look like                                           |
|------------|--------------------------------------------------------------------------|
| un_xml     | XML whose root is `<CONSOLIDATED_LIST`                                    |
| eu_xml     | XML in the EU FSF namespace `http://eu.europa.ec/fpi/fsd/export`          |
| uk_xml     | XML whose root is `<Designations` (UK Sanctions List)                     |
| ca_xml     | XML whose root is `<data-set` (Canada's consolidated autonomous list)     |
| au_xlsx    | a ZIP file (an Excel workbook: DFAT's Consolidated List)                  |
| ftm_json   | JSON lines with "schema" and "properties"                                 |
| bis_dpl    | tab-separated header starting `"Name"` with `Standard_Order`              |
| us_csl     | CSV header with `_id`, `source`, `name` and `alt_names`                   |
| ofac_sdn   | headerless CSV rows `123,"NAME",...`; a directory with sdn.csv           |
| ofac_cons  | the same, when the file (or the only primary in a directory) is cons_*    |
| csv        | CSV header with a `name` column, or of plain column names                 |
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from yalu.core.errors import InputError, ListFormatError
from yalu.formats.input_file import read_bytes
from yalu.formats.plain_csv import sniff_delimiter

SNIFF_BYTES = 65536
_OFAC_ROW = re.compile(r'^\d+,(?:\d+,)?(?:"|-0-)')
_HEADER_CELL = re.compile(r"^[a-z_][a-z0-9_ ]*$")
_FORMAT_HINT = (
    "Pass the format explicitly (un_xml, eu_xml, uk_xml, au_xlsx, ca_xml, ofac_sdn, "
    "ofac_cons, us_csl, bis_dpl, ftm_json, csv)"
)
_XML_ROOTS = (
    ("<CONSOLIDATED_LIST", "un_xml"),
    ("http://eu.europa.ec/fpi/fsd/export", "eu_xml"),
    ("<Designations", "uk_xml"),
    ("<data-set", "ca_xml"),
)
_ZIP_MAGIC = b"PK\x03\x04"


def detect_format(path: Path) -> str:
    """Return the format name of a list file or OFAC directory, judged by its content.

    Raises:
        InputError: the path is missing or unreadable, or a directory without OFAC files.
        ListFormatError: the file is empty or its content matches no known format.
    """
    if path.is_dir():
        if (path / "sdn.csv").is_file():
            return "ofac_sdn"
        if (path / "cons_prim.csv").is_file():
            return "ofac_cons"
        raise InputError(
            "directory holds no list file",
            path=path,
            hint="Pass a list file, or a directory with sdn.csv or cons_prim.csv",
        )
    data = read_bytes(path)
    if data.startswith(_ZIP_MAGIC):
        # The only zipped format is a workbook; its reader tells a damaged one apart.
        return "au_xlsx"
    head = _head_text(data)
    first_line = head.split("\n", 1)[0].strip()
    if head.startswith("<"):
        for marker, name in _XML_ROOTS:
            if marker in head:
                return name
    elif head.startswith("{"):
        if _is_ftm_line(first_line):
            return "ftm_json"
    elif "\t" in first_line and "standard_order" in first_line.lower():
        return "bis_dpl"
    elif _OFAC_ROW.match(first_line):
        return "ofac_cons" if path.name.lower().startswith("cons") else "ofac_sdn"
    else:
        cells = [cell.strip().lower() for cell in _first_row(first_line)]
        if len(cells) == 1:
            cells = [
                cell.strip().lower() for cell in _first_row(first_line, sniff_delimiter(first_line))
            ]
        if {"_id", "source", "name", "alt_names"} <= set(cells):
            return "us_csl"
        if "name" in cells or (len(cells) > 1 and all(map(_HEADER_CELL.match, cells))):
            # A header of plain column names is yalu's CSV; its reader explains what is missing.
            return "csv"
    raise ListFormatError(
        "cannot tell which list format this file is", path=path, line=1, hint=_FORMAT_HINT
    )


def _head_text(data: bytes) -> str:
    """Return the start of the file's bytes as text, BOM and leading blanks dropped."""
    return data[:SNIFF_BYTES].decode("utf-8-sig", errors="replace").lstrip("\ufeff \t\r\n")


def _first_row(line: str, delimiter: str = ",") -> list[str]:
    """Return the cells of a CSV line (empty list if it does not parse)."""
    try:
        return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    except csv.Error:
        return []


def _is_ftm_line(line: str) -> bool:
    """Return True when a line is a FollowTheMoney entity object."""
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and "schema" in value and "properties" in value
