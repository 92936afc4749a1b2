"""Which entries a screening searches: all, or those of some lists, programme, type or country.

A `Scope` is a filter on list entries, applied before scoring (`LoadedIndex.index_in` builds
the index of the entries in scope once and keeps it), so a filtered screening finds the best
candidates among those entries, not the few of the best that happen to pass. The page's
filters and the engine's `program` option both become one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from yalu.core.errors import InputError
from yalu.models.screening import SCHEMAS, Entity
from yalu.screening.programs import has_program, parse_program
from yalu.screening.queries import parse_country


@dataclass(frozen=True, slots=True)
class Scope:
    """A filter on list entries; empty fields filter nothing.

    Attributes:
        lists: only entries of these lists (sources such as `un_sc`).
        program: only entries under this programme (`programs.parse_program`).
        schema: only entries of this type (`Person`, `Vessel`, ...).
        country: only entries naming this country (ISO alpha-2, lower case) as a
            nationality or a country of residence, registration, flag or address.
    """

    lists: tuple[str, ...] = ()
    program: str | None = None
    schema: str | None = None
    country: str | None = None

    @property
    def is_everything(self) -> bool:
        """Return True when the scope filters nothing."""
        return not (self.lists or self.program or self.schema or self.country)

    def includes(self, entity: Entity) -> bool:
        """Return True when `entity` is in scope."""
        if self.lists and entity.source not in self.lists:
            return False
        if self.program is not None and not has_program(entity, self.program):
            return False
        if self.schema is not None and entity.schema != self.schema:
            return False
        return self.country is None or (
            self.country in entity.countries or self.country in entity.nationalities
        )

    def describe(self) -> str:
        """Return the filters in words (`lists un_sc; programme dprk`), "" for everything."""
        parts = [
            f"lists {', '.join(self.lists)}" if self.lists else "",
            f"programme {self.program}" if self.program else "",
            f"type {self.schema}" if self.schema else "",
            f"country {self.country.upper()}" if self.country else "",
        ]
        return "; ".join(part for part in parts if part)


def parse_scope(
    *,
    lists: Iterable[str] = (),
    program: str | None = None,
    schema: str | None = None,
    country: str | None = None,
    known_lists: Iterable[str] = (),
) -> Scope:
    """Return the scope the filters name; blank values filter nothing.

    Args:
        lists: list sources to keep; each must be one of `known_lists` when that is given.
        program: a programme family or regime (`dprk`, `dprk/1718`).
        schema: an entity type of `SCHEMAS`.
        country: a country name or code.
        known_lists: the sources of the lists in use.

    Raises:
        InputError: a list, programme, type or country is unknown.
    """
    chosen = tuple(sorted({name.strip() for name in lists if name.strip()}))
    known = set(known_lists)
    unknown = [name for name in chosen if known and name not in known]
    if unknown:
        raise InputError(
            f"list '{unknown[0]}' is not in use",
            hint=f"Choose among {', '.join(sorted(known))}",
        )
    type_ = (schema or "").strip() or None
    if type_ is not None and type_ not in SCHEMAS:
        raise InputError(f"unknown type '{type_}'", hint=f"Use one of {', '.join(SCHEMAS)}")
    return Scope(
        lists=chosen,
        program=parse_program(program),
        schema=type_,
        country=parse_country(country, field="country filter"),
    )
