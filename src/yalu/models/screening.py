"""Plain typed data for screening: list entities, queries and explained matches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, cast, get_args

from yalu.models.scores import format_effect

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
        programs: sanctions programs or regimes in the list's own words ("DPRK", "DPRK3",
            "1718", "Autonomous (DPRK)").
        listed_on: ISO date of listing, if published.
        source: short name of the list ("un_sc", "ofac_sdn", "ofac_cons", "us_csl", ...).
        source_version: the list's publication date or version string.
        notes: remarks as published (kept for the analyst, not matched).
        regimes: the same programmes in yalu's common vocabulary ("dprk/1718",
            "dprk/autonomous", "iran/autonomous"; `yalu.formats.regimes`).
        same_as: this entry's id on other lists, as the list itself states it
            ("un_sc:KPe.073" for a UK or EU entry citing its UN reference number).
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
    regimes: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()

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
    "legal_form": "legal form",
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

    def __reduce__(self) -> tuple[type[Feature], tuple[object, ...]]:
        """Pickle as a constructor call (see `_field_values`)."""
        return Feature, _FEATURE_VALUES(self)


Verdict = Literal["false_positive", "true_match"]
VERDICTS: tuple[str, ...] = get_args(Verdict)
"""An analyst's reviewed verdict on a candidate: not the listed party, or the listed party."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewed verdict on one candidate of one subject: what, why, who and when (UTC)."""

    verdict: Verdict
    reason: str
    by: str
    at: str


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
    decision: Decision | None = None
    """The reviewed decision in force for this subject and entry; it sets `is_match`."""
    programs: tuple[str, ...] = ()
    """The entity's programs as its list prints them (OFAC "DPRK3", UN "1718")."""

    def __reduce__(self) -> tuple[type[Match], tuple[object, ...]]:
        """Pickle as a constructor call (see `_field_values`)."""
        return Match, _MATCH_VALUES(self)

    @property
    def explanation(self) -> str:
        """Return a one-line human explanation of the score."""
        parts = [f"'{self.query_name}' ~ '{self.name}'"]
        parts += [f"{f.label} {format_effect(f.effect)} ({f.detail})" for f in self.features]
        if self.decision is not None:
            decision = self.decision
            parts.append(f"reviewed {decision.verdict} by {decision.by}: {decision.reason}")
        return "; ".join(parts)


def _field_values(cls: type) -> Callable[[Any], tuple[object, ...]]:
    """Return a function giving an instance's field values, in order, as one tuple.

    A batch sends every candidate from its workers back to the process writing the output:
    pickled as a constructor call, a `Match` is written and read about 1.5 times as fast as by
    the default protocol of frozen dataclasses (profiled, issue 17).
    """
    names = [item.name for item in fields(cls)]
    assert len(names) > 1, "attrgetter of one name gives a value, not a tuple"
    return cast(Callable[[Any], tuple[object, ...]], attrgetter(*names))


_FEATURE_VALUES = _field_values(Feature)
_MATCH_VALUES = _field_values(Match)


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """One list's entry within a group of entries that are the same person, body or vessel.

    `match` is the entry's score against the query; None when the entry was grouped with
    the others (by an identifier or a cited reference) but not scored against this query.
    """

    entity_id: str
    list: str
    schema: Schema
    caption: str
    list_version: str = ""
    regimes: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    match: Match | None = None


@dataclass(frozen=True, slots=True)
class MatchGroup:
    """One result row: the entries of every list that names the same real-world party.

    `entries` holds the scored entries best first, then the unscored ones; the first is
    always scored and gives the row its score and verdict. `reasons` says why the entries
    were grouped, one sentence per link ("KPe.002 (un_sc) and 9347 (ofac_sdn): ...").
    """

    entries: tuple[GroupEntry, ...]
    reasons: tuple[str, ...] = ()

    @property
    def best(self) -> Match:
        """Return the best-scored entry's match."""
        match = self.entries[0].match
        if match is None:  # pragma: no cover - groups are built with a scored first entry
            raise ValueError("a group's first entry must be scored")
        return match

    @property
    def lists(self) -> tuple[str, ...]:
        """Return every list that names the party, in entry order."""
        return tuple(dict.fromkeys(entry.list for entry in self.entries))

    @property
    def regimes(self) -> tuple[str, ...]:
        """Return the regimes of all entries, each once."""
        return tuple(dict.fromkeys(r for entry in self.entries for r in entry.regimes))

    @property
    def matches(self) -> tuple[Match, ...]:
        """Return the scored entries' matches, best first."""
        return tuple(entry.match for entry in self.entries if entry.match is not None)
