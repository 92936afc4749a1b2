"""`yalu screen NAME` and `yalu screen --input FILE`: screen names against the lists."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from yalu.core.clock import utc_today
from yalu.core.collector import paused_collector
from yalu.core.config import Settings, load_settings
from yalu.core.errors import InputError
from yalu.core.parallel import Parallelism
from yalu.interfaces.cli.console import check_format, progress_bar, warn
from yalu.interfaces.cli.dask_option import DaskOpt, WorkersOpt, batch_parallelism
from yalu.interfaces.cli.list_files import (
    ListFileOption,
    OldSourceOption,
    index_cache_dir,
    list_files,
)
from yalu.interfaces.cli.output import (
    OUTPUT_FORMATS,
    FormatOption,
    OutputOption,
    open_output,
    write_as,
)
from yalu.interfaces.cli.render_screening import (
    csv_text,
    json_text,
    print_table,
    results_table,
    write_csv,
    write_csv_texts,
    write_json,
    write_json_texts,
)
from yalu.models.scores import format_threshold, shown_decimals
from yalu.models.screening import Query


def screen(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="The name to screen.")] = None,
    input: Annotated[
        str | None,
        typer.Option(
            "--input",
            "-i",
            metavar="FILE",
            help="CSV of names to screen ('-' for stdin). Header: name (required), optional "
            "id, schema, birth_date, nationality, country, imo_number, passport_number; "
            "other columns are carried through.",
        ),
    ] = None,
    schema: Annotated[
        str | None, typer.Option(help="Person, Organization, Company, Vessel or Aircraft.")
    ] = None,
    birth_date: Annotated[
        str | None,
        typer.Option(
            help="YYYY-MM-DD, YYYY-MM or YYYY; DD/MM/YYYY or MM/DD/YYYY only when the day is "
            "above 12."
        ),
    ] = None,
    nationality: Annotated[str | None, typer.Option(help="Country code or name.")] = None,
    country: Annotated[str | None, typer.Option(help="Country of residence or flag.")] = None,
    imo_number: Annotated[str | None, typer.Option(help="Vessel IMO number.")] = None,
    passport_number: Annotated[str | None, typer.Option(help="Passport number.")] = None,
    threshold: Annotated[
        float | None, typer.Option(help="Match score in 0..1 (default: match_threshold).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Candidates per name (default: match_limit).")
    ] = None,
    format: FormatOption = "table",
    output: OutputOption = "-",
    list_file: ListFileOption = None,
    source: OldSourceOption = None,
    program: Annotated[
        str | None,
        typer.Option(
            help="Only entries under this sanctions programme: a family (dprk, iran, russia, "
            "...) or one regime (dprk/1718, dprk/autonomous)."
        ),
    ] = None,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """Screen one name, or a CSV of names, and explain every candidate's score.

    Results go to stdout or --output, and to the audit trail (except with --list-file). A
    file of names is screened on every core (--workers N for fewer), or on Dask (--dask).
    """
    from yalu.screening.programs import parse_program
    from yalu.screening.queries import decode_query_bytes, has_surrogates, make_query
    from yalu.screening.query_file import open_query_file, open_query_text

    settings = load_settings(match_threshold=threshold, match_limit=limit)
    check_format(format, OUTPUT_FORMATS)
    chosen_program = parse_program(program)
    facts = {
        "schema": schema,
        "birth_date": birth_date,
        "nationality": nationality,
        "country": country,
        "imo_number": imo_number,
        "passport_number": passport_number,
    }
    queries: Iterable[Query]
    if input is not None:
        if name is not None:
            raise InputError("give either a NAME or --input FILE, not both")
        given = [key for key, value in facts.items() if value is not None]
        if given:
            option = "--" + given[0].replace("_", "-")
            raise InputError(
                f"{option} applies to a single NAME",
                hint=f"With --input, put {given[0]} as a column of the file",
            )
        if input == "-":
            text = decode_query_bytes(sys.stdin.buffer.read(), "<stdin>")
            names = open_query_text(text, "<stdin>", max_name_chars=settings.max_name_chars)
        else:
            names = open_query_file(Path(input), max_name_chars=settings.max_name_chars)
        queries, count = names, names.count
    elif name is not None:
        if has_surrogates(name):
            warn(ctx, "the name holds bytes that are not UTF-8; each is read as \ufffd (U+FFFD)")
        queries = [
            make_query(
                name,
                id="1",
                schema=schema,
                birth_date=birth_date,
                nationality=nationality,
                country=country,
                imo_number=imo_number,
                passport_number=passport_number,
                max_name_chars=settings.max_name_chars,
            )
        ]
        count = 1
    else:
        raise InputError(
            "nothing to screen",
            hint='Pass a name (yalu screen "Kim Chol") or a file (yalu screen --input names.csv)',
        )
    files = list_files(ctx, list_file, source)
    _run(
        ctx,
        queries,
        settings,
        count=count,
        format=format,
        output=output,
        sources=files,
        program=chosen_program,
        parallelism=batch_parallelism(workers, dask),
    )


def _run(
    ctx: typer.Context,
    queries: Iterable[Query],
    settings: Settings,
    *,
    count: int,
    format: str,
    output: str,
    sources: list[Path],
    program: str | None = None,
    parallelism: Parallelism | None = None,
) -> None:
    from yalu.screening.service import (
        build_file_index,
        load_active_index,
        render_rows,
        screen_queries,
    )
    from yalu.screening.store import open_store

    with ExitStack() as stack:
        store = None
        if sources:
            with (
                progress_bar(ctx, "Reading and indexing list files") as done,
                paused_collector(freeze=True),
            ):
                loaded = build_file_index(
                    sources, on_progress=done, cache_dir=index_cache_dir(settings)
                )
        else:
            store = stack.enter_context(open_store(settings.database_url))
            with progress_bar(ctx, "Indexing the lists") as done, paused_collector(freeze=True):
                loaded = load_active_index(store, on_progress=done)
        out = stack.enter_context(open_output(output))
        for warning in loaded.stale_warnings(
            today=utc_today(), max_age_days=settings.list_max_age_days
        ):
            warn(ctx, warning)
        with progress_bar(ctx, f"Screening {count} names", total=count) as done:
            if store is None and format != "table":
                # No decision to apply and no audit row: the workers render the rows.
                texts = render_rows(
                    loaded,
                    queries,
                    render=csv_text if format == "csv" else json_text,
                    threshold=settings.match_threshold,
                    limit=settings.match_limit,
                    on_progress=done,
                    program=program,
                    parallelism=parallelism,
                )
                if format == "csv":
                    write_csv_texts(texts, out)
                else:
                    write_json_texts((text for _, text in texts), out, lines=format == "jsonl")
                return
            results = screen_queries(
                loaded,
                queries,
                threshold=settings.match_threshold,
                limit=settings.match_limit,
                store=store,
                on_progress=done,
                program=program,
                parallelism=parallelism,
            )
            title = (
                f"Screened against {loaded.describe_lists()} ({loaded.entity_count:,} "
                f"entities), threshold {format_threshold(settings.match_threshold)}"
            )
            if program is not None:
                title += f", programme {program}"
            decimals = shown_decimals(settings.match_threshold)
            write_as(
                format,
                out,
                table=lambda file: print_table(
                    results_table(
                        list(results), title=title, show_query=count > 1, decimals=decimals
                    ),
                    file=file,
                ),
                csv=lambda file: write_csv(results, file),
                json=lambda file: write_json(results, file, lines=False),
                jsonl=lambda file: write_json(results, file, lines=True),
            )
