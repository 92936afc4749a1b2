"""`yalu lists load|update|status`: keep the sanctions lists in the local store current."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yalu.core.clock import utc_today
from yalu.core.config import load_settings
from yalu.core.errors import InputError
from yalu.interfaces.cli.console import progress_bar, stderr_console, warn
from yalu.interfaces.cli.render_screening import print_table, versions_table

if TYPE_CHECKING:
    from yalu.screening.store import Store

app = typer.Typer(help="Load, update and inspect the sanctions lists.", no_args_is_help=True)

FORMAT_HELP = (
    "Reader to use (un_xml, eu_xml, uk_xml, au_xlsx, ca_xml, ofac_sdn, ofac_cons, us_csl, "
    "bis_dpl, ftm_json, csv); detected from the file when omitted."
)


@app.command("load")
def load(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="List files, or OFAC folders holding sdn.csv/alt.csv/add.csv."),
    ],
    reader: Annotated[str | None, typer.Option("--reader", help=FORMAT_HELP)] = None,
    old_format: Annotated[
        str | None, typer.Option("--format", "-f", hidden=True, help="Old spelling of --reader.")
    ] = None,
) -> None:
    """Load list files as new versions; each becomes active only once fully loaded.

    Every file is read first: if any is malformed, nothing is loaded.
    """
    if old_format is not None:  # --format names an output format in every other command
        warn(ctx, "lists load --format is now --reader")
    format = reader or old_format
    from yalu.formats import read_list
    from yalu.screening.ingest import ingest
    from yalu.screening.store import open_store

    settings = load_settings()
    snapshots = []
    for path in paths:
        with progress_bar(ctx, f"Reading {path.name}"):
            try:
                snapshot = read_list(path, format)
            except InputError as exc:
                raise _nothing_loaded(exc) from exc
        snapshots.append(replace(snapshot, path=str(path.resolve())))
    with open_store(settings.database_url) as store:
        for snapshot in snapshots:
            name = Path(snapshot.path).name or snapshot.source
            with progress_bar(ctx, f"Loading {name}", total=len(snapshot.entities)) as done:
                report = ingest(snapshot, store, on_progress=done)
            typer.echo(f"Loaded {report.summary}")
        _build_index(ctx, store)


def _build_index(ctx: typer.Context, store: Store) -> None:
    """Build and cache the screening index now, so the next `yalu screen` is quick."""
    from yalu.screening.service import load_active_index

    total = sum(version.entity_count for version in store.active_versions())
    with progress_bar(ctx, "Indexing for screening", total=total) as done:
        load_active_index(store, on_progress=done)
    from yalu.interfaces.cli.monitor import after_lists_change

    after_lists_change(ctx, store)  # monitoring: re-screen subjects, raise alerts (issue 14)


def _nothing_loaded(error: InputError) -> InputError:
    """Return `error` with a hint saying nothing was loaded."""
    note = "Nothing was loaded; the lists in use are unchanged"
    hint = f"{error.hint.rstrip('. ')}. {note}" if error.hint else note
    try:
        return type(error)(
            error.problem, path=error.path, line=error.line, column=error.column, hint=hint
        )
    except TypeError:  # a subclass with its own constructor: keep it as raised
        return error


@app.command("update")
def update(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            help="Lists to download: un_sc, ofac_sdn, ofac_cons, eu_fsf, uk_fcdo, au_dfat, "
            "ca_sema (default all).",
        ),
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option(help="Base URL of a mirror serving the same file names (e.g. an intranet)."),
    ] = None,
) -> None:
    """Download the official lists (UN, OFAC, EU, UK, Australia, Canada) and load them.

    A failed or truncated download keeps the version in use.
    """
    from yalu.screening.store import open_store
    from yalu.screening.update import OFFICIAL_LISTS, from_mirror, update_list

    settings = load_settings()
    names = source or list(OFFICIAL_LISTS)
    unknown = [name for name in names if name not in OFFICIAL_LISTS]
    if unknown:
        raise InputError(
            f"unknown list '{unknown[0]}'", hint="Use one of " + ", ".join(OFFICIAL_LISTS)
        )
    with open_store(settings.database_url) as store:
        for name in names:
            download = OFFICIAL_LISTS[name]
            if mirror:
                download = from_mirror(download, mirror)
            with progress_bar(ctx, f"Downloading {name} (bytes)") as on_download:
                report = update_list(
                    download,
                    store,
                    timeout_s=settings.download_timeout_s,
                    on_download=on_download,
                )
            typer.echo(f"Updated {report.summary}")
        _build_index(ctx, store)


@app.command("status")
def status(
    ctx: typer.Context,
    all_versions: Annotated[
        bool, typer.Option("--all", help="Show every version ever loaded, not just active ones.")
    ] = False,
) -> None:
    """Show the lists in use: source, version, publication date and age, entity count, format.

    Warns on stderr about each list published more than `list_max_age_days` ago, or whose
    file prints no publication date.
    """
    from yalu.screening.store import open_store

    settings = load_settings()
    with open_store(settings.database_url) as store:
        versions = store.versions() if all_versions else store.active_versions()
        if not versions:
            stderr_console.print(
                "No lists loaded. Run `yalu lists load PATH` or `yalu lists update`."
            )
            return
        today = utc_today()
        ages = [
            version.freshness(today=today, max_age_days=settings.list_max_age_days)
            for version in versions
        ]
        print_table(versions_table(versions, ages, show_active=all_versions))
        for age, version in zip(ages, versions, strict=True):
            if age.warning and version.is_active:
                warn(ctx, age.warning)
