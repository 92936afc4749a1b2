"""Render list versions and screening results: Rich tables, CSV, JSON and JSON lines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TextIO, get_args

from rich.console import Console
from rich.table import Table
from rich.text import Text

from yalu.models.screening import Match

if TYPE_CHECKING:  # the engine is imported by the commands, not at `yalu --help`
    from yalu.screening.freshness import Freshness
    from yalu.screening.service import ScreeningResult
    from yalu.screening.store import ListVersion

OutputFormat = Literal["table", "csv", "json", "jsonl"]
OUTPUT_FORMATS: tuple[str, ...] = get_args(OutputFormat)

CSV_MATCH_COLUMNS = (
    "rank",
    "entity_id",
    "list",
    "schema",
    "matched_name",
    "list_name",
    "score",
    "match",
    "explanation",
)


def print_table(table: Table, file: TextIO | None = None) -> None:
    """Print `table` to stdout (or `file`); 160 columns wide when not a terminal."""
    is_terminal = file is None and sys.stdout.isatty()
    Console(file=file, width=None if is_terminal else 160).print(table)


def versions_table(
    versions: Sequence[ListVersion], ages: Sequence[Freshness], *, show_active: bool = False
) -> Table:
    """Return the `lists status` table: source, version, published (age), loaded, entities, ...

    `ages` holds each version's freshness, in the order of `versions`; a stale or undated
    list's publication cell ends with `!`.
    """
    table = Table("source", "version", "published", "loaded (UTC)", "entities", "format")
    table.add_column("path", overflow="fold")  # a long path wraps, never loses its end
    if show_active:
        table.add_column("active")
    for version, age in zip(versions, ages, strict=True):
        published = (
            "unknown"
            if age.age_days is None
            else f"{version.published[:10]} ({age.age_days:,} days)"
        )
        row = [
            version.source,
            version.version,
            Text(f"{published} !", style="bold yellow") if age.is_stale else published,
            version.loaded_at.replace("T", " ").removesuffix("+00:00"),
            f"{version.entity_count:,}",
            version.format,
            version.path,
        ]
        if show_active:
            row.append("yes" if version.is_active else "")
        table.add_row(*row)
    return table


def match_object(match: Match) -> dict[str, Any]:
    """Return the JSON object of one candidate, as documented for `--format json`."""
    return {
        "entity_id": match.entity_id,
        "list": match.list,
        "schema": match.schema,
        "name": match.caption or match.name,
        "score": round(match.score, 4),
        "match": match.is_match,
        "explanation": match.explanation,
    }


def result_object(result: ScreeningResult) -> dict[str, Any]:
    """Return `{"id", "name", <carried columns>..., "matches": [...]}` for one query."""
    data: dict[str, Any] = {"id": result.query.id, "name": result.query.name}
    for column, value in result.query.extra:
        data.setdefault(column, value)
    data["matches"] = [match_object(match) for match in result.matches]
    return data


def results_table(results: Iterable[ScreeningResult], *, title: str, show_query: bool) -> Table:
    """Return a Rich table of candidates, best first, with their explanations."""
    table = Table(title=title, title_justify="left", show_lines=True)
    if show_query:
        table.add_column("query")
    add_match_columns(table)
    for result in results:
        label = f"{result.query.id}: {result.query.name}"
        if not result.matches:
            table.add_row(
                *([label] if show_query else []), "", "", "", "", "", "", "no candidates", ""
            )
        for rank, match in enumerate(result.matches, start=1):
            table.add_row(*([label] if show_query else []), *match_cells(rank, match))
    return table


def add_match_columns(table: Table) -> None:
    """Add the candidate columns: rank, score, verdict, list, schema, id, name, why."""
    for column in ("#", "score", "match", "list", "schema", "id", "name"):
        table.add_column(column, justify="right" if column in ("#", "score") else "left")
    table.add_column("why", ratio=1)


def match_cells(rank: int, match: Match) -> list[str | Text]:
    """Return one candidate's cells, in the order of `add_match_columns`."""
    verdict = Text("MATCH", style="bold red") if match.is_match else Text("-")
    name = match.caption or match.name
    if match.name and match.name != name:
        name += f"\n(a.k.a. {match.name})"
    return [
        str(rank),
        f"{match.score:.2f}",
        verdict,
        match.list,
        match.schema,
        match.entity_id,
        name,
        _explain(match),
    ]


def _explain(match: Match) -> str:
    """Return the explanation as one feature per line, for the table."""
    lines = [f"name: '{match.query_name}' ~ '{match.name}'"]
    lines += [f"{f.label} {f.effect:+.2f}: {f.detail}" for f in match.features]
    return "\n".join(lines)


def write_csv(results: Iterable[ScreeningResult], out: TextIO) -> None:
    """Write one row per candidate (one empty-candidate row for a query with none)."""
    writer: Any = None
    for result in results:
        if writer is None:
            query_columns = ["id", "name", *(column for column, _ in result.query.extra)]
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow([*query_columns, *CSV_MATCH_COLUMNS])
        base = [result.query.id, result.query.name, *(value for _, value in result.query.extra)]
        if not result.matches:
            writer.writerow([*base, *([""] * len(CSV_MATCH_COLUMNS))])
        for rank, match in enumerate(result.matches, start=1):
            writer.writerow(
                [
                    *base,
                    rank,
                    match.entity_id,
                    match.list,
                    match.schema,
                    match.name,
                    match.caption or match.name,
                    f"{match.score:.4f}",
                    "yes" if match.is_match else "no",
                    match.explanation,
                ]
            )


def write_json(results: Iterable[ScreeningResult], out: TextIO, *, lines: bool) -> None:
    """Write a JSON array (`lines=False`) or one JSON object per line, in input order."""
    if lines:
        for result in results:
            out.write(json.dumps(result_object(result), ensure_ascii=False) + "\n")
        return
    out.write("[")
    for index, result in enumerate(results):
        out.write(",\n " if index else "\n ")
        out.write(json.dumps(result_object(result), ensure_ascii=False))
    out.write("\n]\n")
