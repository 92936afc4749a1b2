"""Download the official list files, then read and ingest them as new versions.

Each list comes from its publisher's own address (`OFFICIAL_LISTS`; docs/how-to/screening.md
names the pages that give them), or from a mirror serving the same file names. Files go to
a temporary folder that is removed afterwards. A download that fails (offline,
refused, HTTP error, interrupted) or a file that does not parse leaves the active version in
place, and the error says so. Offline users load downloaded files with `yalu lists load`.
"""

from __future__ import annotations

import http.client
import logging
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from yalu import __version__
from yalu.core.errors import InputError, NetworkError, YaluError
from yalu.core.progress import ProgressCallback
from yalu.formats import read_list
from yalu.screening.guards import DEFAULT_GUARDS, LoadGuards
from yalu.screening.ingest import IngestReport, ingest, kept_version_note
from yalu.screening.store import Store

logger = logging.getLogger(__name__)

_CHUNK_BYTES = 64 * 1024
_OFAC = "https://www.treasury.gov/ofac/downloads"


@dataclass(frozen=True, slots=True)
class ListDownload:
    """Where one official list is published.

    Attributes:
        source: the list's short name, as readers set `Entity.source`.
        format: the reader to use (a key of `yalu.formats.READERS`).
        urls: every file of the list; a single file is read as a file, several as a folder.
        optional: file names that may be missing on the server (skipped on HTTP 404).
        names: the file name of each URL, for a URL that does not end with one (the EU's
            `.../content?token=...`); a mirror serves the files under these names.
    """

    source: str
    format: str
    urls: tuple[str, ...]
    optional: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def file_names(self) -> tuple[str, ...]:
        """Return the file name of each URL: `names`, else the last part of its path."""
        return self.names or tuple(_file_name(url) for url in self.urls)

    @property
    def host(self) -> str:
        """Return the host the files come from."""
        return urlsplit(self.urls[0]).netloc


OFFICIAL_LISTS: dict[str, ListDownload] = {
    "un_sc": ListDownload(
        "un_sc", "un_xml", ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",)
    ),
    "ofac_sdn": ListDownload(
        "ofac_sdn",
        "ofac_sdn",
        tuple(f"{_OFAC}/{name}.csv" for name in ("sdn", "alt", "add", "sdn_comments")),
        optional=("sdn_comments.csv",),
    ),
    "ofac_cons": ListDownload(
        "ofac_cons",
        "ofac_cons",
        tuple(
            f"{_OFAC}/consolidated/{name}.csv"
            for name in ("cons_prim", "cons_alt", "cons_add", "cons_comments")
        ),
        optional=("cons_comments.csv",),
    ),
    "eu_fsf": ListDownload(
        "eu_fsf",
        "eu_xml",
        (
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
            "content?token=dG9rZW4tMjAxNw",
        ),
        names=("xmlFullSanctionsList_1_1.xml",),
    ),
    "uk_fcdo": ListDownload(
        "uk_fcdo", "uk_xml", ("https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",)
    ),
    "au_dfat": ListDownload(
        "au_dfat",
        "au_xlsx",
        ("https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",),
    ),
    "ca_sema": ListDownload(
        "ca_sema",
        "ca_xml",
        (
            "https://www.international.gc.ca/world-monde/assets/office_docs/"
            "international_relations-relations_internationales/sanctions/sema-lmes.xml",
        ),
    ),
}
"""The lists `yalu lists update` downloads, by source name."""


def from_mirror(download: ListDownload, base_url: str) -> ListDownload:
    """Return `download` fetching the same file names from `base_url` instead."""
    base = base_url.rstrip("/")
    names = download.file_names
    return replace(download, urls=tuple(f"{base}/{name}" for name in names), names=names)


def official_downloads(
    names: Sequence[str] | None = None, *, mirror: str | None = None
) -> list[ListDownload]:
    """Return the downloads of the named official lists (all when None), from `mirror` if set.

    Raises:
        InputError: a name is not one of `OFFICIAL_LISTS`.
    """
    chosen = list(names or OFFICIAL_LISTS)
    unknown = [name for name in chosen if name not in OFFICIAL_LISTS]
    if unknown:
        raise InputError(
            f"unknown list '{unknown[0]}'", hint="Use one of " + ", ".join(OFFICIAL_LISTS)
        )
    downloads = [OFFICIAL_LISTS[name] for name in chosen]
    return [from_mirror(d, mirror) for d in downloads] if mirror else downloads


def _file_name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


def _offline_error(url: str, reason: object) -> NetworkError:
    host = urlsplit(url).netloc or url
    return NetworkError(
        f"cannot reach {host} (offline?): {reason}",
        hint="Use `yalu lists load PATH` with downloaded files",
    )


def download_file(
    url: str, target: Path, *, timeout_s: float, on_progress: ProgressCallback | None = None
) -> int:
    """Download `url` to `target`, reporting bytes received; return the byte count.

    Raises:
        NetworkError: the host cannot be reached, answered with an HTTP error, timed out or
            closed the connection before sending the whole file.
        urllib.error.HTTPError: re-raised for the caller to tell 404 from other statuses.
    """
    request = urllib.request.Request(url, headers={"User-Agent": f"yalu/{__version__}"})
    done = 0
    with urllib.request.urlopen(request, timeout=timeout_s) as response, target.open("wb") as out:
        expected = response.headers.get("Content-Length")
        while chunk := response.read(_CHUNK_BYTES):
            out.write(chunk)
            done += len(chunk)
            if on_progress is not None:
                on_progress(done)
    if expected is not None and expected.isdigit() and done < int(expected):
        raise http.client.IncompleteRead(b"", int(expected) - done)
    return done


def download_list(
    download: ListDownload,
    directory: Path,
    *,
    timeout_s: float,
    on_progress: ProgressCallback | None = None,
) -> Path:
    """Download every file of `download` into `directory`; return what `read_list` takes.

    Args:
        download: the list to fetch.
        directory: an existing, empty folder.
        timeout_s: seconds to wait for each connection and read.
        on_progress: called with the total bytes received so far.

    Raises:
        NetworkError: any file failed to download (see `download_file`).
    """
    received = 0

    def report(done: int) -> None:
        if on_progress is not None:
            on_progress(received + done)

    for url, name in zip(download.urls, download.file_names, strict=True):
        try:
            received += download_file(
                url, directory / name, timeout_s=timeout_s, on_progress=report
            )
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and name in download.optional:
                logger.info("skipping %s: not published (HTTP 404)", url)
                continue
            raise NetworkError(
                f"{urlsplit(url).netloc} answered HTTP {exc.code} ({exc.reason}) for {url}",
                hint="Try again later, or use `yalu lists load PATH` with downloaded files",
            ) from exc
        except urllib.error.URLError as exc:
            raise _offline_error(url, exc.reason) from exc
        except TimeoutError as exc:
            raise _offline_error(url, f"no answer within {timeout_s:g}s") from exc
        except (http.client.HTTPException, ConnectionError) as exc:
            raise NetworkError(
                f"the download of {url} was interrupted ({type(exc).__name__})",
                hint="Try again, or use `yalu lists load PATH` with downloaded files",
            ) from exc
    if len(download.urls) == 1:
        return directory / download.file_names[0]
    return directory


def update_list(
    download: ListDownload,
    store: Store,
    *,
    timeout_s: float,
    on_download: ProgressCallback | None = None,
    on_ingest: ProgressCallback | None = None,
    on_read: Callable[[], None] | None = None,
    guards: LoadGuards = DEFAULT_GUARDS,
    actor: str | None = None,
) -> IngestReport:
    """Download, read and ingest one list; on any failure the active version stays.

    Args:
        download: the list to fetch (an entry of OFFICIAL_LISTS, possibly `from_mirror`).
        store: the open screening store.
        timeout_s: seconds to wait for each connection and read.
        on_download: called with the bytes received so far.
        on_ingest: called with the entities written so far.
        on_read: called once the files are downloaded, before they are parsed.
        guards: the checks against the active version (`yalu.screening.guards`).
        actor: who loads it, recorded with the version; None is the command line's user.

    Raises:
        NetworkError: the download failed.
        ListFormatError: the downloaded file does not parse (or holds no entities).
        StoreError: the database failed.
        Each message ends by saying which version stays active.
    """
    with tempfile.TemporaryDirectory(prefix="yalu-update-") as folder:
        origin = download.urls[0].rsplit("/", 1)[0]
        try:
            path = download_list(
                download, Path(folder), timeout_s=timeout_s, on_progress=on_download
            )
            if on_read is not None:
                on_read()
            snapshot = read_list(path, download.format)
            where = download.urls[0] if len(download.urls) == 1 else origin
            return ingest(
                replace(snapshot, path=where),
                store,
                on_progress=on_ingest,
                obtained="retrieved",
                guards=guards,
                actor=actor,
            )
        except YaluError as exc:
            note = kept_version_note(store, download.source)
            urls = {
                str(Path(folder) / name): url
                for name, url in zip(download.file_names, download.urls, strict=True)
            }
            raise _explained(exc, note, folder=folder, origin=origin, urls=urls) from exc


def _explained(
    error: YaluError, note: str, *, folder: str, origin: str, urls: dict[str, str]
) -> YaluError:
    """Return `error` naming the URL instead of the temporary file, ending with `note`."""
    if error.hint and "stays active" in error.hint:
        return error
    path = error.path
    if path is not None and path in urls:
        path = urls[path]
    elif path is not None and path.startswith(folder):
        path = origin + path[len(folder) :]
    hint = f"{error.hint.rstrip('. ')}. {note}" if error.hint else note
    try:
        return type(error)(
            error.problem, path=path, line=error.line, column=error.column, hint=hint
        )
    except TypeError:  # a subclass with its own constructor: keep it as raised
        return error


@dataclass(frozen=True, slots=True)
class ListUpdate:
    """How the update of one list ended: its new version, or why the old one stays."""

    source: str
    report: IngestReport | None
    error: str = ""
    """The one-line error (ending with which version stays active); empty on success."""

    @property
    def line(self) -> str:
        """Return one line for humans: `Updated ...` or `Not updated: ...`."""
        if self.report is not None:
            return f"Updated {self.report.summary}"
        return f"Not updated: {self.error}"


StepCallback = Callable[[str, str], None]
"""Called with a list's source and a line saying where its update is."""
OutcomeCallback = Callable[[ListUpdate], None]
"""Called with how each list's update ended."""


def update_lists(
    downloads: Sequence[ListDownload],
    store: Store,
    *,
    timeout_s: float,
    guards: LoadGuards = DEFAULT_GUARDS,
    on_step: StepCallback | None = None,
    on_outcome: OutcomeCallback | None = None,
    actor: str | None = None,
) -> list[ListUpdate]:
    """Update each list in turn; one that fails keeps its version and the next is tried.

    Args:
        downloads: the lists to fetch (`official_downloads`).
        store: the open screening store.
        timeout_s: seconds to wait for each connection and read.
        guards: the checks against each active version (`yalu.screening.guards`).
        on_step: called with the source and a line as each list is downloaded, read and
            loaded.
        on_outcome: called as each list's update ends, updated or not.
        actor: who loads them, recorded with each version; None is the command line's user.

    Raises:
        StoreError: the database failed outside any one list's update.
    """

    def step(source: str, line: str) -> None:
        if on_step is not None:
            on_step(source, line)

    outcomes = []
    for download in downloads:
        source = download.source
        step(source, "downloading")
        on_download, on_read, on_ingest = _steps_of(source, step)
        try:
            report = update_list(
                download,
                store,
                timeout_s=timeout_s,
                on_download=on_download,
                on_read=on_read,
                on_ingest=on_ingest,
                guards=guards,
                actor=actor,
            )
        except YaluError as error:
            outcome = ListUpdate(source, None, str(error))
        else:
            outcome = ListUpdate(source, report)
        if on_outcome is not None:
            on_outcome(outcome)
        outcomes.append(outcome)
    return outcomes


def _steps_of(
    source: str, step: StepCallback
) -> tuple[ProgressCallback, Callable[[], None], ProgressCallback]:
    """Return `update_list`'s callbacks for one list, each reporting a line to `step`."""

    def on_download(done: int) -> None:
        step(source, f"downloading: {done:,} bytes")

    def on_read() -> None:
        step(source, "reading the file")

    def on_ingest(done: int) -> None:
        step(source, f"loading: {done:,} entries")

    return on_download, on_read, on_ingest
