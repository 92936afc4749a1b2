"""`yalu lists load|update|status|rollback|prune`: keep the sanctions lists current."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yalu.core.actor import cli_actor
from yalu.core.clock import utc_today
from yalu.core.config import load_settings
from yalu.core.errors import InputError
from yalu.interfaces.cli.console import progress_bar, stderr_console, warn
from yalu.interfaces.cli.render_screening import print_table, versions_table

if TYPE_CHECKING:
    from yalu.screening.guards import LoadGuards
    from yalu.screening.store import Store

app = typer.Typer(help="Load, update and inspect the sanctions lists.", no_args_is_help=True)

FORMAT_HELP = (
    "Reader to use (un_xml, eu_xml, uk_xml, au_xlsx, ca_xml, ofac_sdn, ofac_cons, us_csl, "
    "bis_dpl, ftm_json, csv); detected from the file when omitted."
)


AllowShrinkOption = Annotated[
    bool,
    typer.Option(
        "--allow-shrink",
        help="Load a version that drops more than list_max_shrink of the active version's "
        "entities, or holds only its first entities (a list that really shrank).",
    ),
]
AllowDuplicatesOption = Annotated[
    bool,
    typer.Option(
        "--allow-duplicates", help="Load a version in which several entities share an id."
    ),
]


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
    allow_shrink: AllowShrinkOption = False,
    allow_duplicates: AllowDuplicatesOption = False,
    sha256: Annotated[
        list[str] | None,
        typer.Option(
            "--sha256",
            metavar="HEX",
            help="SHA-256 the publisher announces for one of the files (OFAC's hash page); "
            "repeatable. Nothing is loaded unless each matches a file given.",
        ),
    ] = None,
) -> None:
    """Load list files as new versions, all in one transaction: every list, or none.

    Every file is read and checked first: if any is malformed, or looks cut short or
    repeated against the version in use (see --allow-shrink), nothing is loaded.
    """
    if old_format is not None:  # --format names an output format in every other command
        warn(ctx, "lists load --format is now --reader")
    format = reader or old_format
    from yalu.formats import read_list
    from yalu.formats.checksums import check_sha256
    from yalu.screening.ingest import ingest_many
    from yalu.screening.store import open_store

    settings = load_settings()
    check_sha256(paths, sha256 or [])
    snapshots = []
    for path in paths:
        with progress_bar(ctx, f"Reading {path.name}"):
            try:
                snapshot = read_list(path, format)
            except InputError as exc:
                raise _nothing_loaded(exc) from exc
        snapshots.append(replace(snapshot, path=str(path.resolve())))
    guards = _guards(settings.list_max_shrink, allow_shrink, allow_duplicates)
    total = sum(len(snapshot.entities) for snapshot in snapshots)
    with open_store(settings.database_url) as store:
        with progress_bar(ctx, f"Loading {len(snapshots)} lists", total=total) as done:
            try:
                reports = ingest_many(snapshots, store, on_progress=done, guards=guards)
            except InputError as exc:
                if len(snapshots) > 1:  # say that the other lists were not loaded either
                    raise _nothing_loaded(exc) from exc
                raise
        for report, path in zip(reports, paths, strict=True):
            typer.echo(f"Loaded {report.summary_from(str(path))}")
        _build_index(ctx, store)


def _guards(max_shrink: float, allow_shrink: bool, allow_duplicates: bool) -> LoadGuards:
    from yalu.screening.guards import LoadGuards

    return LoadGuards(
        max_shrink=max_shrink, allow_shrink=allow_shrink, allow_duplicates=allow_duplicates
    )


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
        typer.Option(
            help="Base URL of a mirror serving the same file names (e.g. an intranet); "
            "default the list_mirror_url setting."
        ),
    ] = None,
    allow_shrink: AllowShrinkOption = False,
    allow_duplicates: AllowDuplicatesOption = False,
) -> None:
    """Download the official lists (UN, OFAC, EU, UK, Australia, Canada) and load them.

    A failed or truncated download keeps the version in use.
    """
    from yalu.screening.store import open_store
    from yalu.screening.update import official_downloads, update_list

    settings = load_settings()
    downloads = official_downloads(source, mirror=mirror or settings.list_mirror_url or None)
    guards = _guards(settings.list_max_shrink, allow_shrink, allow_duplicates)
    with open_store(settings.database_url) as store:
        for download in downloads:
            with progress_bar(ctx, f"Downloading {download.source} (bytes)") as on_download:
                report = update_list(
                    download,
                    store,
                    timeout_s=settings.download_timeout_s,
                    on_download=on_download,
                    guards=guards,
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


@app.command("rollback")
def rollback(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The list, e.g. ofac_sdn or un_sc.")],
    version: Annotated[
        str | None,
        typer.Argument(
            help="Version id (`lists status --all`), or its text or start (2026-02-27). "
            "Default: the version loaded before the active one."
        ),
    ] = None,
) -> None:
    """Make an earlier stored version of a list the active one again."""
    from yalu.screening.lifecycle import rollback as roll_back
    from yalu.screening.store import open_store

    settings = load_settings()
    with open_store(settings.database_url) as store:
        report = roll_back(store, source, version)
        typer.echo(f"Rolled back: {report.summary}")
        _build_index(ctx, store)


@app.command("prune")
def prune(
    keep: Annotated[
        int,
        typer.Option(
            "--keep", min=1, help="Versions kept per list: the active one, then the newest."
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Also delete old versions that audit rows cite (their rows stay)."
        ),
    ] = False,
) -> None:
    """Delete old list versions, keeping per list the active one and the newest others.

    Versions that audit rows cite are kept unless --force, so every screening stays
    reviewable against the list it used. SQLite files shrink afterwards (VACUUM).
    """
    from yalu.screening.lifecycle import prune as prune_versions
    from yalu.screening.store import open_store

    settings = load_settings()
    with open_store(settings.database_url) as store:
        report = prune_versions(store, keep, actor=cli_actor(), force=force)
    for version in report.deleted:
        typer.echo(
            f"Deleted {version.source} version {version.version} (id {version.id}, "
            f"{version.entity_count:,} entities, loaded {version.loaded_at})"
        )
    line = (
        f"Pruned {_count(len(report.deleted), 'version')} ({report.entity_count:,} entities); "
        f"kept {_count(len(report.kept_cited), 'older version')} that audit rows cite"
    )
    if report.kept_cited:
        line += " (--force deletes them too)"
    if report.size_before is not None and report.size_after is not None:
        line += f". Database {_megabytes(report.size_before)} -> {_megabytes(report.size_after)}"
    typer.echo(line)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
