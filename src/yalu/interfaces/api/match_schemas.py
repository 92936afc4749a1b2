"""Bodies of `POST /match/{dataset}`, in the shapes of OpenSanctions' matching API (yente).

A request is `{"queries": {"q1": {"schema": "Person", "properties": {"name": [...]}}}}`
(yente's `EntityMatchQuery`); the answer is `{"responses": {"q1": {"status", "results",
"total", "query"}}, "limit"}` where each result is an FtM entity (`id`, `caption`, `schema`,
`properties`, `datasets`, `referents`, `target`) with `score`, `match` and `explanations`
(feature -> `{"detail", "score", "query", "candidate"}`). Written from yente's published
models and documentation, so clients of that API can point at yalu unchanged.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_QUERIES = 100
"""Examples in one request (yente's MAX_BATCH is 100 too)."""

EXAMPLE_REQUEST: dict[str, Any] = {
    "queries": {
        "q1": {
            "schema": "Person",
            "properties": {
                "name": ["Kang Chol Su", "강철수"],
                "birthDate": ["1969-02-13"],
                "passportNumber": ["472234895"],
            },
        },
        "q2": {
            "schema": "Company",
            "properties": {
                "name": ["Korea Ryonbong General Corporation"],
                "jurisdiction": ["North Korea"],
            },
        },
    }
}


class EntityExample(BaseModel):
    """An example entity: an FtM schema and properties, each a list of values."""

    id: str | None = Field(default=None, max_length=200, description="Your id, echoed back.")
    schema_: str = Field(alias="schema", max_length=64, examples=["Person"])
    properties: dict[str, Any] = Field(
        description="FtM property -> list of values: name, alias, birthDate, nationality, "
        "country, jurisdiction, passportNumber, idNumber, imoNumber are used; others ignored.",
        examples=[{"name": ["Kang Chol Su"], "birthDate": ["1969-02-13"]}],
    )

    model_config = ConfigDict(populate_by_name=True)


class MatchRequest(BaseModel):
    """yente's `EntityMatchQuery`: named example entities.

    `weights` and `config` are accepted and ignored (yalu's scoring is documented in
    docs/explanation/matching.md).
    """

    queries: dict[str, EntityExample] = Field(max_length=MAX_QUERIES)
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, str | int | float | bool | None] = Field(default_factory=dict)

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_REQUEST]})


class FeatureOut(BaseModel):
    """One feature of a score: its effect (`score`), in words, and the values compared."""

    detail: str | None
    score: float
    query: str | None = None
    candidate: str | None = None


class ScoredEntity(BaseModel):
    """A list entry in FtM form, with its score against the example."""

    id: str = Field(description="`list:id`, e.g. `un_sc:KPe.002` (see /entities/{list}/{id}).")
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str] = Field(description="Every list naming this party.")
    referents: list[str] = Field(description="The same party's entries on the other lists.")
    target: bool = True
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    score: float
    match: bool = Field(description="Whether the score is at or above the threshold.")
    explanations: dict[str, FeatureOut]

    model_config = ConfigDict(populate_by_name=True)


class TotalOut(BaseModel):
    """How many results there are."""

    value: int
    relation: str = "eq"


class ExampleOut(BaseModel):
    """The example as understood: the properties yalu used."""

    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]

    model_config = ConfigDict(populate_by_name=True)


class MatchesOut(BaseModel):
    """The results of one example, best first."""

    status: int = 200
    results: list[ScoredEntity]
    total: TotalOut
    query: ExampleOut


class MatchResponse(BaseModel):
    """yente's `EntityMatchResponse`: one `MatchesOut` per example, by the caller's key."""

    responses: dict[str, MatchesOut]
    limit: int
