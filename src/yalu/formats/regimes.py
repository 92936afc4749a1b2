"""Map each list's programme words to yalu's common vocabulary of sanctions regimes.

The vocabulary and every list's codes live in `regimes.yml`, read once. A regime id is
`family/basis`: `dprk/1718` (the UN Security Council regime, on any list that says it
implements the UN listing), `dprk/autonomous` (a list's own designation) or `dprk` alone
(the list does not say which). Readers call `to_regimes` with the basis their list states;
`regimes_of` derives the regimes of lists whose programme words say everything (UN, OFAC,
CSL, BIS), which also fills in entities stored before regimes were recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml

Basis = Literal["un", "autonomous", "unknown"]
"""What a list says of a designation: implementing the UN's, its own, or nothing."""

AUTONOMOUS = "autonomous"
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


@dataclass(frozen=True, slots=True)
class Family:
    """A sanctions programme family ("dprk"), with the UN resolution of its regime if any."""

    id: str
    label: str
    un: str = ""

    @property
    def regimes(self) -> tuple[str, ...]:
        """Return every regime id of the family: UN first, then autonomous."""
        return tuple(f"{self.id}/{basis}" for basis in (self.un, AUTONOMOUS) if basis)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The families and, per list, its codes mapped to families or regime ids."""

    families: dict[str, Family]
    codes: dict[str, dict[str, tuple[str, ...]]]

    def regime_ids(self) -> tuple[str, ...]:
        """Return every regime id, family by family."""
        return tuple(regime for family in self.families.values() for regime in family.regimes)


def normalize_code(text: str) -> str:
    """Return a code as looked up: case folded, dashes unified, spaces collapsed."""
    return " ".join(_DASHES.sub("-", text).casefold().split())


@cache
def vocabulary() -> Vocabulary:
    """Return the vocabulary from `regimes.yml` (read once per process)."""
    text = resources.files("yalu.formats").joinpath("regimes.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    families = {
        key: Family(key, str(value["label"]), str(value.get("un", "")))
        for key, value in data["families"].items()
    }
    codes: dict[str, dict[str, tuple[str, ...]]] = {}
    for table, entries in data["codes"].items():
        codes[table] = {
            normalize_code(str(code)): tuple(value if isinstance(value, list) else [value])
            for code, value in entries.items()
        }
    return Vocabulary(families, codes)


def resolve(value: str, basis: Basis) -> str:
    """Return the regime id of a table value ("dprk" or "dprk/1718") under `basis`.

    A full id is kept. A family becomes `family/<UN resolution>` for a UN basis (when the
    family has a UN regime), `family/autonomous` for an autonomous one or for a family
    without a UN regime, and the bare family when the basis is unknown.
    """
    if "/" in value:
        return value
    family = vocabulary().families[value]
    if basis == "un" and family.un:
        return f"{value}/{family.un}"
    if basis == "autonomous" or not family.un:
        return f"{value}/{AUTONOMOUS}"
    return value


def lookup(table: str, code: str) -> tuple[str, ...]:
    """Return the values a list's code maps to in `table` (exact match), () if unknown."""
    codes = vocabulary().codes.get(table, {})
    return codes.get(normalize_code(code), ()) or codes.get("*", ())


def lookup_words(table: str, text: str) -> tuple[str, ...]:
    """Return the values of the longest code of `table` found in `text` as whole words.

    "The Republic of Guinea-Bissau (Sanctions) ..." finds "Guinea-Bissau", not "Republic of
    Guinea"; "South Sudan" is found before "Sudan". Returns () when no code is found.
    """
    haystack = normalize_code(text)
    codes = vocabulary().codes.get(table, {})
    for code in sorted(codes, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", haystack):
            return codes[code]
    return ()


def to_regimes(values: Iterable[str], basis: Basis) -> tuple[str, ...]:
    """Return the regime ids of table values under `basis`, each once, in order."""
    return tuple(dict.fromkeys(resolve(value, basis) for value in values))


def regimes_of(source: str, programs: Iterable[str]) -> tuple[str, ...]:
    """Return the regimes of an entry of `source` from its programme words alone.

    UN entries are under the UN regime; OFAC, CSL and BIS entries are the United States'
    own. For other sources, a programme word that is itself a regime id or a family is
    kept (FollowTheMoney or CSV files written by yalu); anything else maps to nothing.
    """
    words = list(programs)
    if source == "un_sc":
        return to_regimes((v for word in words for v in lookup("un_sc", word)), "un")
    if source in ("ofac_sdn", "ofac_cons", "us_csl", "bis_dpl"):
        tables = {"ofac_sdn": ("ofac",), "ofac_cons": ("ofac",), "us_csl": ("ofac", "us_csl")}
        found = [
            value
            for word in words
            for table in tables.get(source, (source,))
            for value in lookup(table, word)
        ]
        if source == "bis_dpl" and not found:
            found = list(lookup("bis_dpl", "*"))
        return to_regimes(found, "autonomous")
    known = set(vocabulary().regime_ids()) | set(vocabulary().families)
    return tuple(dict.fromkeys(word for word in map(normalize_code, words) if word in known))
