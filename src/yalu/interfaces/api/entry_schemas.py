"""`GET /entities/{list}/{id}` as JSON: a list entry, its list version, the same party elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from yalu.models.screening import Entity
    from yalu.screening.entries import ListEntry
    from yalu.screening.freshness import Freshness


class IdentifierOut(BaseModel):
    """An identifier printed on the entry (passport, IMO number, registration, ...)."""

    kind: str
    value: str = Field(description="As published.")
    country: str | None = Field(default=None, description="Issuing country (ISO alpha-2).")


class EntityOut(BaseModel):
    """Every field the list gives for one entry, in the list's own terms."""

    id: str = Field(description="The list's own id (UN reference number, SDN entry number).")
    list_: str = Field(alias="list")
    schema_: str = Field(alias="schema", description="Person, Organization, Vessel, ...")
    caption: str = Field(description="The primary name.")
    names: list[str] = Field(description="Primary name first, then strong aliases.")
    weak_aliases: list[str]
    birth_dates: list[str]
    nationalities: list[str]
    countries: list[str]
    addresses: list[str]
    identifiers: list[IdentifierOut]
    programs: list[str] = Field(description="Programmes in the list's own words.")
    regimes: list[str] = Field(description="The same in yalu's vocabulary (dprk/1718, ...).")
    listed_on: str | None
    notes: str = Field(description="Remarks as published.")
    same_as: list[str] = Field(description="Ids on other lists the entry itself cites.")

    @classmethod
    def from_entity(cls, entity: Entity) -> EntityOut:
        """Build from an entity as stored."""
        return cls.model_validate(
            {
                "id": entity.id,
                "list": entity.source,
                "schema": entity.schema,
                "caption": entity.caption,
                "names": list(entity.names),
                "weak_aliases": list(entity.weak_aliases),
                "birth_dates": list(entity.birth_dates),
                "nationalities": list(entity.nationalities),
                "countries": list(entity.countries),
                "addresses": list(entity.addresses),
                "identifiers": [
                    {"kind": i.kind, "value": i.value, "country": i.country}
                    for i in entity.identifiers
                ],
                "programs": list(entity.programs),
                "regimes": list(entity.regimes),
                "listed_on": entity.listed_on,
                "notes": entity.notes,
                "same_as": list(entity.same_as),
            }
        )


class ListVersionOut(BaseModel):
    """The active version of the entry's list, and its age."""

    source: str
    version: str
    label: str = Field(description="The version as people read it.")
    published: str = Field(description="The publisher's date printed in the file, or ''.")
    age_days: int | None = Field(description="Days since publication; null when undated.")
    warning: str = Field(description="Why the list may be out of date, or ''.")


class SamePartyOut(BaseModel):
    """An entry of another list that names the same party."""

    list_: str = Field(alias="list")
    id: str
    schema_: str = Field(alias="schema")
    caption: str


class EntryOut(BaseModel):
    """One entry of an active list, its list version and the same party on other lists."""

    entity: EntityOut
    list_version: ListVersionOut
    same_party: list[SamePartyOut]
    grouped_because: list[str] = Field(description="Why they are the same party, one per link.")

    @classmethod
    def from_entry(cls, entry: ListEntry, freshness: Freshness) -> EntryOut:
        """Build from the engine's entry and its list's age."""
        version = entry.list_version
        return cls.model_validate(
            {
                "entity": EntityOut.from_entity(entry.entity),
                "list_version": {
                    "source": version.source,
                    "version": version.version,
                    "label": version.label or version.version,
                    "published": version.published,
                    "age_days": freshness.age_days,
                    "warning": freshness.warning,
                },
                "same_party": [
                    {"list": e.source, "id": e.id, "schema": e.schema, "caption": e.caption}
                    for e in entry.same_party
                ],
                "grouped_because": list(entry.reasons),
            }
        )
