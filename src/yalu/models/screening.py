"""Plain typed data for screening: list entities, queries and explained matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Schema = Literal["Person", "Organization", "Company", "Vessel", "Aircraft", "LegalEntity"]
SCHEMAS: tuple[str, ...] = get_args(Schema)
"""Entity kinds, as in FollowTheMoney. LegalEntity means person-or-organization unknown."""

IdentifierKind = Literal[
    "imo", "passport", "national_id", "registration", "tax", "swift", "mmsi", "other"
]


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier printed on a list entry.

    `value` is as published; `normalized` is upper-case with spaces, dashes and dots removed
    (and the "IMO" prefix dropped for IMO numbers) and is what matching compares.
    """

    kind: IdentifierKind
    value: str
    country: str | None = None

    @property
    def normalized(self) -> str:
        """Return the comparable form of the value."""
        text = "".join(ch for ch in self.value.upper() if ch.isalnum())
        if self.kind == "imo" and text.startswith("IMO"):
            text = text[3:]
        return text


@dataclass(frozen=True, slots=True)
class Entity:
    """One entry of a sanctions list, in the list's own terms.

    Attributes:
        id: the list's own id (UN reference number, SDN ent_num, FtM id, ...).
        schema: what the entry is.
        names: primary name first, then strong aliases (a.k.a., f.k.a., good-quality).
        weak_aliases: low-quality aliases (UN "Low" quality, OFAC "weak aka").
        birth_dates: ISO dates, possibly partial ("1984", "1984-01", "1984-01-08").
        nationalities: ISO 3166-1 alpha-2 codes, lower case ("kp").
        countries: ISO alpha-2 codes of residence, registration, flag or address.
        addresses: free-text addresses.
        identifiers: passports, IMO numbers, registration numbers, ...
        programs: sanctions programs or regimes ("DPRK", "DPRK3", "1718").
        listed_on: ISO date of listing, if published.
        source: short name of the list ("un_sc", "ofac_sdn", "ofac_cons", "us_csl", ...).
        source_version: the list's publication date or version string.
        notes: remarks as published (kept for the analyst, not matched).
    """

    id: str
    schema: Schema
    names: tuple[str, ...]
    source: str
    source_version: str = ""
    weak_aliases: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()
    listed_on: str | None = None
    notes: str = ""

    @property
    def caption(self) -> str:
        """Return the primary name."""
        return self.names[0] if self.names else self.id

    @property
    def is_vessel(self) -> bool:
        """Return True for ships."""
        return self.schema == "Vessel"


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """A parsed list file (or file set): its source, version and entities.

    Attributes:
        version: what tells this content apart, taken from the content itself: the
            publisher's date where the file prints one, else `sha256 <12 hex digits>`.
        published: the publisher's own date or time printed in the file (UN
            `dateGenerated`, ...), "" when the file prints none.
        newest_entry: the latest listing or update date of any entry ("" if none); a lower
            bound of the publication date, never presented as one.
        digest: SHA-256 (hex) of the file's bytes (of every file of a set, in a fixed order).
    """

    source: str
    version: str
    entities: tuple[Entity, ...]
    path: str = ""
    format: str = ""
    published: str = ""
    newest_entry: str = ""
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Query:
    """What is screened: a name with optional facts that sharpen the score."""

    name: str
    id: str = ""
    schema: Schema | None = None
    birth_date: str | None = None
    nationality: str | None = None
    country: str | None = None
    imo_number: str | None = None
    passport_number: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    """Other input columns, carried through to the output in order."""


FEATURE_LABELS: dict[str, str] = {
    "weak_alias": "weak alias",
    "birth_date": "birth date",
    "other_names": "other names",
    "schema": "kind",
}
"""Feature names (stable identifiers, stored and in JSON) as an analyst reads them."""


@dataclass(frozen=True, slots=True)
class Feature:
    """One reason a score went up or down: `effect` is added to the score."""

    name: str
    effect: float
    detail: str

    @property
    def label(self) -> str:
        """Return the feature's name in plain words (`weak alias` for `weak_alias`)."""
        return FEATURE_LABELS.get(self.name, self.name)


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate list entity for a query, scored in 0..1 and explained."""

    entity_id: str
    list: str
    schema: Schema
    name: str
    """The list's name (or alias) that matched best."""
    query_name: str
    """The query's name form that met it (after transliteration, if any)."""
    score: float
    is_match: bool
    features: tuple[Feature, ...] = field(default=())
    caption: str = ""
    list_version: str = ""

    @property
    def explanation(self) -> str:
        """Return a one-line human explanation of the score."""
        parts = [f"'{self.query_name}' ~ '{self.name}'"]
        parts += [f"{f.label} {f.effect:+.2f} ({f.detail})" for f in self.features]
        return "; ".join(parts)
