"""Read and write sanctions list files: one module per format, one registry.

`read_list(path)` detects the format from the file's content and returns a `ListSnapshot`;
`READERS` maps each format name to its reader, so a new format is one module and one line
here. Readers parse the whole input before returning and raise `ListFormatError` (with
path and line) on any structural problem, or `InputError` for a missing or unreadable path,
so callers can load a list atomically.

Formats: `un_xml` (UN Security Council consolidated XML), `eu_xml` (EU Financial Sanctions
Files XML), `uk_xml` (UK Sanctions List XML), `au_xlsx` (Australia's DFAT Consolidated List
workbook), `ca_xml` (Canada's consolidated autonomous sanctions list XML), `ofac_sdn` and
`ofac_cons` (OFAC legacy CSV sets), `us_csl` (US Consolidated Screening List CSV), `bis_dpl`
(BIS Denied Persons List), `ftm_json` (FollowTheMoney entity JSON lines; also written by
`write_ftm_json`), `csv` (yalu's plain CSV with a `name` column).

Every entity comes back with its regimes in yalu's common vocabulary (`regimes.py`): the
readers of lists that say which designations implement the UN's set them, and `read_list`
derives the others' from their programme words.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from yalu.core.errors import InputError
from yalu.formats.au_xlsx import read_au_xlsx
from yalu.formats.bis_dpl import read_bis_dpl
from yalu.formats.ca_xml import read_ca_xml
from yalu.formats.detect import detect_format
from yalu.formats.eu_xml import read_eu_xml
from yalu.formats.ftm_json import read_ftm_json, write_ftm_json
from yalu.formats.ofac_csv import read_ofac_cons, read_ofac_sdn
from yalu.formats.plain_csv import read_plain_csv
from yalu.formats.regimes import regimes_of
from yalu.formats.uk_xml import read_uk_xml
from yalu.formats.un_xml import read_un_xml
from yalu.formats.us_csl import read_us_csl
from yalu.models.screening import ListSnapshot


class Reader(Protocol):
    """Read one list file (or OFAC directory) fully into a snapshot."""

    def __call__(self, path: Path, /) -> ListSnapshot:
        """Return the parsed list; raise ListFormatError or InputError on bad input."""
        ...


READERS: dict[str, Reader] = {
    "un_xml": read_un_xml,
    "eu_xml": read_eu_xml,
    "uk_xml": read_uk_xml,
    "au_xlsx": read_au_xlsx,
    "ca_xml": read_ca_xml,
    "ofac_sdn": read_ofac_sdn,
    "ofac_cons": read_ofac_cons,
    "us_csl": read_us_csl,
    "bis_dpl": read_bis_dpl,
    "ftm_json": read_ftm_json,
    "csv": read_plain_csv,
}
"""Format name -> reader."""


def read_list(path: str | Path, format: str | None = None) -> ListSnapshot:
    """Read a sanctions list file, detecting its format from its content unless given.

    Args:
        path: a list file, or a directory holding an OFAC CSV set.
        format: one of `READERS` (e.g. "un_xml"); None detects it.

    Returns:
        The parsed list, with `format` set to the format name and every entity's regimes
        (derived from its programme words where the reader left them empty).

    Raises:
        InputError: the path is missing or unreadable, or `format` is unknown.
        ListFormatError: the file cannot be parsed (message names file and line).
    """
    path = Path(path)
    name = format or detect_format(path)
    reader = READERS.get(name)
    if reader is None:
        raise InputError(
            f"unknown list format {name!r}", hint=f"Use one of: {', '.join(sorted(READERS))}"
        )
    snapshot = reader(path)
    return replace(
        snapshot,
        entities=tuple(
            entity
            if entity.regimes
            else replace(entity, regimes=regimes_of(entity.source, entity.programs))
            for entity in snapshot.entities
        ),
    )


__all__ = ["READERS", "Reader", "detect_format", "read_list", "write_ftm_json"]
