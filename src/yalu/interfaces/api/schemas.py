"""Request and response bodies of the HTTP API (pydantic), mirroring the CLI's JSON output.

A screening result is `{"id", "name", "matches": [...]}` with one match per real-world party:
`{"entity_id", "list", "schema", "name", "score", "match", "explanation"}` of its best-scored
entry, then `lists`, `regimes`, `entries` (each list's own entry) and `grouped_because`,
exactly as `yalu screen --format jsonl` prints it.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from yalu.models.screening import Match, MatchGroup

if TYPE_CHECKING:
    from yalu.models.audit import ScreeningRecord
    from yalu.screening.freshness import Freshness
    from yalu.screening.service import ScreeningResult
    from yalu.screening.store import ListVersion

Threshold = Field(
    default=None, ge=0.0, le=1.0, description="Match score in 0..1 (default: match_threshold)."
)
Limit = Field(default=None, ge=1, le=100, description="Candidates per name (default: match_limit).")
Program = Field(
    default=None,
    max_length=64,
    description="Only entries under this programme: a family (dprk, iran, russia, ...) or a "
    "regime (dprk/1718, dprk/autonomous).",
)


class QueryIn(BaseModel):
    """One name to screen, with optional facts that sharpen the score."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="The name to screen, in any script.")
    id: str | None = Field(default=None, description="Your reference, echoed back.")
    schema_: str | None = Field(
        default=None,
        alias="schema",
        description="Person, Organization, Company, Vessel, Aircraft or LegalEntity.",
    )
    birth_date: str | None = Field(
        default=None,
        description="YYYY-MM-DD, YYYY-MM or YYYY; DD/MM/YYYY or MM/DD/YYYY only when the day "
        "is above 12 (01/05/1964 could be two dates and is refused with 422).",
    )
    nationality: str | None = Field(default=None, description="Country code or name.")
    country: str | None = Field(default=None, description="Country of residence or flag.")
    imo_number: str | None = Field(default=None, description="Vessel IMO number.")
    passport_number: str | None = Field(default=None, description="Passport number.")


class ScreenRequest(QueryIn):
    """`POST /screen`: one query, and optionally its own threshold, limit and programme."""

    threshold: float | None = Threshold
    limit: int | None = Limit
    program: str | None = Program


class BatchRequest(BaseModel):
    """`POST /screen/batch`: up to 1,000 queries screened with one threshold and limit."""

    model_config = ConfigDict(extra="forbid")

    queries: list[QueryIn] = Field(min_length=1, max_length=100_000)
    """At most the `max_batch_size` setting (1,000 by default), checked by the route."""
    threshold: float | None = Threshold
    limit: int | None = Limit
    program: str | None = Program


class EntryOut(BaseModel):
    """One list's own entry of a party; unscored (nulls) when grouped but not a candidate."""

    entity_id: str
    list_: str = Field(alias="list")
    list_version: str = ""
    schema_: str = Field(alias="schema")
    name: str
    score: float | None
    match: bool | None
    explanation: str | None
    regimes: list[str] = Field(description="Programmes in yalu's vocabulary (dprk/1718, ...).")
    programs: list[str] = Field(description="Programmes in the list's own words.")


def without_no_decision(data: dict[str, Any]) -> dict[str, Any]:
    """Return a candidate's JSON without `"decision": null` (the key means a decision)."""
    if data.get("decision", ...) is None:
        del data["decision"]
    return data


class DecisionOut(BaseModel):
    """A reviewed decision in force on a candidate (`POST /decisions`)."""

    verdict: str = Field(description="false_positive or true_match.")
    reason: str
    by: str = Field(description="Who decided.")
    at: str = Field(description="When (ISO time, UTC).")


class MatchOut(BaseModel):
    """One real-world party: its best-scored entry (score in 0..1, explained) and every list's.

    The first seven fields are the best entry's, as before grouping; the explanation ends
    with why several lists' entries were grouped.
    """

    entity_id: str
    list_: str = Field(alias="list")
    schema_: str = Field(alias="schema")
    name: str
    score: float
    match: bool = Field(description="At or above the threshold, unless a decision says not.")
    explanation: str
    decision: DecisionOut | None = Field(
        default=None,
        description="The reviewed decision in force on this candidate; absent when none.",
    )

    lists: list[str] = Field(default_factory=list, description="Every list naming the party.")
    regimes: list[str] = Field(default_factory=list)
    entries: list[EntryOut] = Field(default_factory=list)
    grouped_because: list[str] = Field(
        default_factory=list, description="One sentence per link between the entries."
    )

    @model_serializer(mode="wrap")
    def _drop_no_decision(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return without_no_decision(handler(self))

    @classmethod
    def from_group(cls, group: MatchGroup) -> MatchOut:
        """Build one row: the best entry's fields, then every list's (`codec.encode_group`)."""
        from yalu.screening.codec import encode_group, grouping_sentence, summarize_match

        row = summarize_match(group.best)
        if sentence := grouping_sentence(group):
            row["explanation"] = f"{row['explanation']}; {sentence}"
        return cls.model_validate({**row, **encode_group(group)})

    @classmethod
    def from_match(cls, match: Match) -> MatchOut:
        """Build from an engine match (score cut to 4 decimals, as the CLI prints it)."""
        from yalu.screening.codec import summarize_match

        return cls.model_validate(summarize_match(match))


class ScreenResult(BaseModel):
    """One screened query and its candidates, best first."""

    id: str
    name: str
    matches: list[MatchOut]

    @classmethod
    def from_result(cls, result: ScreeningResult) -> ScreenResult:
        """Build from an engine result."""
        return cls(
            id=result.query.id,
            name=result.query.name,
            matches=[MatchOut.from_group(group) for group in result.groups],
        )


class ListOut(BaseModel):
    """One active list version, as `yalu lists status` shows it."""

    source: str
    version: str = Field(description="The content's label: publication date, or sha256 digest.")
    label: str = Field(description="The version as people read it (digest and load day).")
    published: str = Field(description="The publisher's date printed in the file, or ''.")
    newest_entry: str = Field(description="The latest listing date of any entry, or ''.")
    age_days: int | None = Field(description="Days since publication; null when undated.")
    warning: str = Field(description="Why the list may be out of date, or ''.")
    loaded_at: str
    loaded_by: str = Field(description="Who loaded it: a key's name, or `cli:<os user>`.")
    entity_count: int
    format: str
    path: str = Field(
        description="The file or folder name it was loaded from (never the server's path)."
    )

    @classmethod
    def from_version(cls, version: ListVersion, freshness: Freshness) -> ListOut:
        """Build from a stored list version and its age."""
        return cls(
            source=version.source,
            version=version.version,
            label=version.label,
            published=version.published,
            newest_entry=version.newest_entry,
            age_days=freshness.age_days,
            warning=freshness.warning,
            loaded_at=version.loaded_at,
            loaded_by=version.actor,
            entity_count=version.entity_count,
            format=version.format,
            path=public_path(version.path),
        )


def public_path(path: str) -> str:
    """Return a list's source as a client may see it: the file or folder name only.

    An upload (`upload: sdn.csv, alt.csv`) is kept; `/srv/lists/sdn` becomes `sdn`.
    """
    if path.startswith("upload:"):
        return path
    return PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name


class ListsOut(BaseModel):
    """`GET /lists`: the lists in use; empty until `yalu lists load` has run."""

    lists: list[ListOut]
    entity_count: int


class HealthOut(BaseModel):
    """`GET /health`: the server is up, and whether its database can be read."""

    status: str
    version: str
    database: str = Field(description="`readable`, or `unreadable` (see the server's log).")


class ReadyOut(BaseModel):
    """`GET /ready`: the server can screen (lists loaded, database readable, index warm)."""

    status: str
    lists: int = Field(description="Active list versions.")
    entity_count: int


class ErrorOut(BaseModel):
    """Every error response: the exception class and the one-line message."""

    error: str
    detail: str


class ShipmentLineIn(BaseModel):
    """One shipment line, with the columns of the shipment CSV (docs/how-to/goods.md)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    date: str = Field(description="ISO date, e.g. 2018-03-01.")
    hs_code: str = Field(description="2 to 10 digits, dots allowed (0303.11).")
    description: str = ""
    origin: str = ""
    destination: str = ""
    exporter: str = ""
    importer: str = ""
    vessel_name: str = ""
    vessel_imo: str = ""
    quantity: float | str | None = None
    unit: str = ""
    value: float | str | None = Field(default=None, description="US dollars.")


class GoodsRequest(BaseModel):
    """`POST /goods/check` as JSON: shipment lines, and optionally a threshold."""

    model_config = ConfigDict(extra="forbid")

    lines: list[ShipmentLineIn] = Field(min_length=1, max_length=100_000)
    threshold: float | None = Threshold


class AuditListOut(BaseModel):
    """One list version a screening searched."""

    id: int = Field(description="The stored list version (as `yalu lists status --all`).")
    source: str
    version: str
    published: str = Field(default="", description="The publisher's date, '' if unknown.")


class AuditFeatureOut(BaseModel):
    """One reason a candidate's score went up or down: `effect` was added to the score."""

    name: str
    effect: float
    detail: str


class AuditMatchOut(BaseModel):
    """One candidate of an audited screening, with every feature behind its score."""

    entity_id: str
    list_: str = Field(alias="list")
    list_version: str = ""
    schema_: str = Field(alias="schema")
    caption: str = Field(default="", description="The entity's primary name.")
    name: str = Field(description="The list name or alias that matched best.")
    query_name: str = Field(description="The query's name form that met it.")
    score: float
    match: bool = Field(description="True when the score reached the screening's threshold.")
    features: list[AuditFeatureOut] = Field(default_factory=list)
    explanation: str = ""
    decision: DecisionOut | None = Field(
        default=None, description="The reviewed decision in force; absent when none."
    )

    row: int | None = Field(default=None, description="The result row it was shown in.")
    lists: list[str] = Field(default_factory=list, description="Every list naming that party.")
    grouped_because: list[str] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _drop_no_decision(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return without_no_decision(handler(self))


class ScreeningOut(BaseModel):
    """`GET /screenings/{id}`: one audit row, as `yalu audit show ID --format json`."""

    id: int
    screened_at: str = Field(description="ISO time, UTC.")
    actor: str = Field(
        description="Who screened: the API key's name, or `cli:<os user>`; '' in rows "
        "written before yalu recorded it."
    )
    query: dict[str, str | dict[str, str]] = Field(
        description="The query's name and the facts that were set (`extra`: carried columns)."
    )
    list_versions: list[AuditListOut]
    threshold: float
    limit: int
    results: list[AuditMatchOut] = Field(description="Candidates, best first.")
    code_digest: str = Field(
        description="SHA-256 of the matching code that scored the candidates ('' in older rows)."
    )

    @classmethod
    def from_record(cls, record: ScreeningRecord) -> ScreeningOut:
        """Build from a stored audit row."""
        from yalu.screening.codec import encode_record

        return cls.model_validate(encode_record(record))


class KeyIn(BaseModel):
    """`POST /keys`: a new key's name and role."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Who uses the key; recorded with everything done with it.")
    role: str = Field(description="analyst, reviewer, auditor or admin.")


class KeyOut(BaseModel):
    """An API key as `yalu keys list` shows it (never the key or its hash)."""

    name: str
    role: str
    key_id: str = Field(description="The public part of the key, `yalu_<key_id>_...`.")
    created_at: str
    created_by: str
    revoked_at: str | None
    revoked_by: str | None


class NewKeyOut(KeyOut):
    """`POST /keys`: the new key, shown this once."""

    key: str = Field(description="The key: send it as `Authorization: Bearer KEY`.")


class ListLoadOut(BaseModel):
    """`POST /lists/load`: the version loaded and the one it replaces."""

    source: str
    version: str
    entity_count: int
    loaded_by: str
    replaces: str | None = Field(description="The version it replaces, or null.")
