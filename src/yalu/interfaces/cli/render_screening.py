"""Render list versions and screening results: Rich tables, CSV, JSON and JSON lines."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import orjson
from rich.console import Console
from rich.table import Table
from rich.text import Text

from yalu.formats.safe_csv import safe_csv_writer
from yalu.models.scores import SHOWN_DECIMALS, format_effect, format_score
from yalu.models.screening import Match, MatchGroup, Query

if TYPE_CHECKING:  # the engine is imported by the commands, not at `yalu --help`
    from yalu.screening.freshness import Freshness
    from yalu.screening.service import ScreeningResult
    from yalu.screening.store import ListVersion

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
    "lists",
    "entries",
    "regimes",
)
"""A row per party; `entries` names each list's entry (`un_sc:KPe.002; ofac_sdn:9347`)."""


def print_table(table: Table, file: TextIO | None = None) -> None:
    """Print `table` to stdout (or `file`); 160 columns wide when not a terminal."""
    stream = sys.stdout if file is None else file
    Console(file=stream, width=None if stream.isatty() else 160).print(table)


def versions_table(
    versions: Sequence[ListVersion], ages: Sequence[Freshness], *, show_active: bool = False
) -> Table:
    """Return the `lists status` table: source, version, published (age), loaded, entities, ...

    `ages` holds each version's freshness, in the order of `versions`; a stale or undated
    list's publication cell ends with `!`. With `show_active` (every version), the table
    starts with each version's id (what `lists rollback` takes) and ends with `active`.
    """
    columns = ["source", "version", "published", "loaded (UTC)", "entities", "format", "path"]
    if show_active:
        columns = ["id", *columns, "active"]
    table = Table(*columns)
    table.columns[columns.index("path")].overflow = "fold"  # wrapped, never cut
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
            row = [str(version.id), *row, "yes" if version.is_active else ""]
        table.add_row(*row)
    return table


def match_object(match: Match) -> dict[str, Any]:
    """Return the JSON object of one candidate, as documented for `--format json`.

    `codec.summarize_match` writes it (the one place a match becomes JSON); a candidate
    with a reviewed decision in force also has `"decision"`.
    """
    from yalu.screening.codec import summarize_match

    return summarize_match(match)


def row_object(group: MatchGroup) -> dict[str, Any]:
    """Return one result row: its best entry's fields, then every list's entry.

    The explanation ends by saying why the entries were grouped; `lists`, `regimes`,
    `entries` and `grouped_because` are `codec.encode_group`'s.
    """
    from yalu.screening.codec import encode_group, grouping_sentence

    data = match_object(group.best)
    if sentence := grouping_sentence(group):
        data["explanation"] = f"{data['explanation']}; {sentence}"
    data.update(encode_group(group))
    return data


def result_object(result: ScreeningResult) -> dict[str, Any]:
    """Return `{"id", "name", <carried columns>..., "matches": [...]}` for one query."""
    data: dict[str, Any] = {"id": result.query.id, "name": result.query.name}
    for column, value in result.query.extra:
        data.setdefault(column, value)
    data["matches"] = [row_object(group) for group in result.groups]
    return data


def results_table(
    results: Iterable[ScreeningResult],
    *,
    title: str,
    show_query: bool,
    decimals: int = SHOWN_DECIMALS,
) -> Table:
    """Return a Rich table of candidates, best first, with their explanations.

    Scores are cut to `decimals` (`yalu.models.scores`), never rounded up.
    """
    table = Table(title=title, title_justify="left", show_lines=True)
    if show_query:
        table.add_column("query")
    add_match_columns(table)
    for result in results:
        label = f"{result.query.id}: {result.query.name}"
        if not result.groups:
            table.add_row(
                *([label] if show_query else []), "", "", "", "", "", "", "no candidates", ""
            )
        for rank, group in enumerate(result.groups, start=1):
            cells = group_cells(rank, group, decimals=decimals)
            table.add_row(*([label] if show_query else []), *cells)
    return table


def add_match_columns(table: Table) -> None:
    """Add the candidate columns: rank, score, verdict, list, schema, id, name, why."""
    for column in ("#", "score", "match", "list", "schema", "id", "name"):
        table.add_column(column, justify="right" if column in ("#", "score") else "left")
    table.add_column("why", ratio=1)


def match_cells(rank: int, match: Match, *, decimals: int = SHOWN_DECIMALS) -> list[str | Text]:
    """Return one candidate's cells, in the order of `add_match_columns`.

    The score is cut to `decimals`, so a shown score at the threshold is a match.
    """
    verdict = Text("MATCH", style="bold red") if match.is_match else Text("-")
    name = match.caption or match.name
    if match.name and match.name != name:
        name += f"\n(a.k.a. {match.name})"
    return [
        str(rank),
        format_score(match.score, decimals),
        verdict,
        match.list,
        match.schema,
        match.entity_id,
        name,
        _explain(match),
    ]


def group_cells(
    rank: int, group: MatchGroup, *, decimals: int = SHOWN_DECIMALS
) -> list[str | Text]:
    """Return one row's cells: the best entry's, with every list, id and grouping reason."""
    cells = match_cells(rank, group.best, decimals=decimals)
    if len(group.entries) > 1:
        cells[3] = "\n".join(entry.list for entry in group.entries)
        cells[5] = "\n".join(entry.entity_id for entry in group.entries)
        cells[7] = f"{cells[7]}\ngrouped: " + "\ngrouped: ".join(group.reasons)
    return cells


def _explain(match: Match) -> str:
    """Return the explanation as one feature per line, for the table."""
    lines = [f"name: '{match.query_name}' ~ '{match.name}'"]
    lines += [f"{f.label} {format_effect(f.effect)}: {f.detail}" for f in match.features]
    if match.decision is not None:
        decision = match.decision
        lines.append(
            f"reviewed {decision.verdict} by {decision.by} ({decision.at}): {decision.reason}"
        )
    return "\n".join(lines)


def write_csv(results: Iterable[ScreeningResult], out: TextIO) -> None:
    """Write one row per party (one empty-candidate row for a query with none)."""
    write_csv_texts(((result.query, csv_text(result)) for result in results), out)


def csv_text(result: ScreeningResult) -> str:
    """Return the CSV rows of one result, without the header (`write_csv`)."""
    text = io.StringIO()
    writer = safe_csv_writer(text)
    base = [result.query.id, result.query.name, *(value for _, value in result.query.extra)]
    if not result.groups:
        writer.writerow([*base, *([""] * len(CSV_MATCH_COLUMNS))])
    for rank, group in enumerate(result.groups, start=1):
        match = group.best
        writer.writerow(
            [
                *base,
                rank,
                match.entity_id,
                match.list,
                match.schema,
                match.name,
                match.caption or match.name,
                format_score(match.score, 4),
                "yes" if match.is_match else "no",
                row_object(group)["explanation"],
                "; ".join(group.lists),
                "; ".join(f"{entry.list}:{entry.entity_id}" for entry in group.entries),
                "; ".join(group.regimes),
            ]
        )
    return text.getvalue()


def write_csv_texts(texts: Iterable[tuple[Query, str]], out: TextIO) -> None:
    """Write the header, named after the first query's columns, then each query's rows."""
    for index, (query, text) in enumerate(texts):
        if not index:
            columns = ["id", "name", *(column for column, _ in query.extra)]
            safe_csv_writer(out).writerow([*columns, *CSV_MATCH_COLUMNS])
        out.write(text)


def write_json(results: Iterable[ScreeningResult], out: TextIO, *, lines: bool) -> None:
    """Write a JSON array (`lines=False`) or one JSON object per line, in input order."""
    write_json_texts((json_text(result) for result in results), out, lines=lines)


def json_text(result: ScreeningResult) -> str:
    """Return one result as compact JSON, as the HTTP API answers.

    By orjson: a fifth of the time of `json.dumps` on a batch's rows (profiled, issue 17).
    """
    return orjson.dumps(result_object(result)).decode()


def write_json_texts(texts: Iterable[str], out: TextIO, *, lines: bool) -> None:
    """Write results already in JSON (`json_text`) as an array or as JSON lines."""
    if lines:
        for text in texts:
            out.write(text + "\n")
        return
    out.write("[")
    for index, text in enumerate(texts):
        out.write(",\n " if index else "\n ")
        out.write(text)
    out.write("\n]\n")
