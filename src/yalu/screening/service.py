"""Screen queries against the active lists (or list files) and record the audit trail.

`load_active_index` builds the search index over every active list version once and caches
it in the store, as plain checked data (`index_codec.py`, never a pickle), under a key made of
the active version ids and the matching code, so `yalu screen` does not rebuild it on each
run. `screen_queries` groups each query's candidates into one row per real-world party
(`same_entity.py`), optionally within one programme (`programs.py`), writes one audit row per
query, naming who screened and the digest of the matching code (`matching_code_digest`), and
yields a result only once its row is committed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, astuple, dataclass, field, replace
from datetime import date
from functools import cache
from importlib import import_module, resources
from itertools import tee
from pathlib import Path

from yalu import __version__
from yalu.core.actor import cli_actor
from yalu.core.errors import InputError, NotFoundError
from yalu.core.parallel import Parallelism
from yalu.core.progress import ProgressCallback
from yalu.formats import read_list
from yalu.models.audit import ListUsed, ScreeningRecord
from yalu.models.screening import Entity, GroupEntry, Match, MatchGroup, Query
from yalu.screening.audit import add_screenings, new_screening
from yalu.screening.batch import Scorer, finish_in_order, score_in_order
from yalu.screening.chunked_reviews import CHUNK_QUERIES, ChunkedReviews
from yalu.screening.codec import candidate_rows
from yalu.screening.decisions import Reviewer
from yalu.screening.file_cache import entry_path, files_digest, read_entry, write_entry
from yalu.screening.freshness import Freshness, list_freshness
from yalu.screening.index_codec import IndexCacheError, decode_index, encode_index
from yalu.screening.same_entity import EntityLinks, group_matches
from yalu.screening.scopes import Scope
from yalu.screening.search import ScreeningIndex
from yalu.screening.store import ListVersion, Store, short_version

logger = logging.getLogger(__name__)

AUDIT_BATCH = 500
"""Queries screened, and audit rows written in one transaction, before results are shown."""
_CACHE_FORMAT = "3"  # 2: entities carry regimes and same_as; 3: plain data, no pickle
MAX_CANDIDATES = 100
"""At most this many candidates are scored per query before they are grouped into rows."""
MAX_SUBSETS = 16
"""Filtered indexes (`LoadedIndex.index_in`) kept in memory at once."""


@dataclass(frozen=True, slots=True)
class ListInUse:
    """A list the index was built from: a stored version (id > 0) or a file (id 0).

    `label` is the version as people read it (`ListVersion.label`); `published` and
    `newest_entry` are the dates the content gives, "" when it gives none.
    """

    id: int
    source: str
    version: str
    entity_count: int
    label: str = ""
    published: str = ""
    newest_entry: str = ""

    def freshness(self, *, today: date, max_age_days: int) -> Freshness:
        """Return this list's age on `today` and the warning to show when it is stale."""
        return list_freshness(
            self.source,
            self.published,
            today=today,
            max_age_days=max_age_days,
            newest_entry=self.newest_entry,
        )


@dataclass(frozen=True, slots=True)
class LoadedIndex:
    """A search index, the lists it covers, and which of their entries are the same party.

    `links` is built from the index's entities when the index is loaded; `index_for` keeps
    the index of each programme screened within, built on first use.
    """

    index: ScreeningIndex
    lists: tuple[ListInUse, ...]
    was_cached: bool = False
    links: EntityLinks = field(init=False, compare=False, repr=False)
    subsets: dict[str, ScreeningIndex] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", EntityLinks(self.index.entities))

    def index_for(self, program: str | None) -> ScreeningIndex:
        """Return the index of the entries under `program` (all of them for None).

        Raises:
            NotFoundError: no entry of the lists in use is under `program`.
        """
        return self.index_in(Scope(program=program))

    def index_in(self, scope: Scope) -> ScreeningIndex:
        """Return the index of the entries in `scope`, built on first use and kept.

        At most `MAX_SUBSETS` filtered indexes are kept; the oldest is dropped first.

        Raises:
            NotFoundError: no entry of the lists in use is in `scope`.
        """
        if scope.is_everything:
            return self.index
        key = repr(scope)
        if key not in self.subsets:
            chosen = [e for e in self.index.entities if scope.includes(e)]
            if not chosen and scope == Scope(program=scope.program):
                raise NotFoundError(
                    f"no entry of the lists in use is under programme '{scope.program}'",
                    hint="Screen without a programme, or load a list that has it",
                )
            if not chosen:
                raise NotFoundError(
                    f"no entry of the lists in use is in scope ({scope.describe()})",
                    hint="Screen without this filter, or load a list that has such entries",
                )
            if len(self.subsets) >= MAX_SUBSETS:
                del self.subsets[next(iter(self.subsets))]
            self.subsets[key] = ScreeningIndex.build(chosen)
        return self.subsets[key]

    @property
    def entity_count(self) -> int:
        """Return how many list entities the index searches."""
        return sum(item.entity_count for item in self.lists)

    def describe_lists(self) -> str:
        """Return e.g. 'ofac_sdn@sha256:2a08fac8, un_sc@2026-02-27'."""
        return ", ".join(f"{item.source}@{short_version(item.version)}" for item in self.lists)

    def stale_warnings(self, *, today: date, max_age_days: int) -> list[str]:
        """Return one warning per list that is older than `max_age_days` or undated."""
        found = (item.freshness(today=today, max_age_days=max_age_days) for item in self.lists)
        return [item.warning for item in found if item.warning]


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """One screened query and its candidates, best first (including below-threshold ones).

    `groups` are the result rows: one per real-world party, with each list's entry;
    `matches` are their scored entries, row by row. Built from matches alone, each match is
    its own row.
    """

    query: Query
    matches: tuple[Match, ...]
    groups: tuple[MatchGroup, ...] = ()

    def __post_init__(self) -> None:
        if not self.groups and self.matches:
            singles = tuple(MatchGroup((_single(match),)) for match in self.matches)
            object.__setattr__(self, "groups", singles)

    @property
    def has_match(self) -> bool:
        """Return True when any candidate scored at or above the threshold."""
        return any(match.is_match for match in self.matches)


def _single(match: Match) -> GroupEntry:
    return GroupEntry(
        match.entity_id,
        match.list,
        match.schema,
        match.caption or match.name,
        match.list_version,
        match=match,
    )


def _in_use(version: ListVersion) -> ListInUse:
    return ListInUse(
        version.id,
        version.source,
        version.version,
        version.entity_count,
        label=version.label,
        published=version.published,
        newest_entry=version.newest_entry,
    )


_MATCHING = (
    "arabic contractions features forms glossary index_codec normalize retrieval romanize score"
    " search hanja entity_credit initialled wade_giles"
)
MATCHING_MODULES = tuple(import_module(f"yalu.screening.{name}") for name in _MATCHING.split())
"""The modules whose code shapes a built index: any change to one invalidates the cache."""
MATCHING_DATA = ("data/hanja_readings.csv",)
"""Data files of `yalu.screening` that shape matching: their bytes are digested too."""


@cache
def matching_code_digest() -> str:
    """Return the SHA-256 (hex) of the source of `MATCHING_MODULES` and of `MATCHING_DATA`.

    Recorded with each screening, so a replay can tell a change of matching code (or of the
    word tables it reads) from a change of lists.
    """
    # The source, also of a module compiled by mypyc (`setup.py`): the same code gives the
    # same digest, compiled or not.
    sources = [
        (
            module.__name__,
            Path(module.__file__).with_name(module.__name__.rsplit(".", 1)[1] + ".py"),
        )
        for module in MATCHING_MODULES
        if module.__file__
    ]
    data = resources.files("yalu.screening")
    return _named_digest(
        [
            *((name, source.read_bytes()) for name, source in sources),
            *((name, data.joinpath(name).read_bytes()) for name in MATCHING_DATA),
        ]
    )


@cache
def reader_code_digest() -> str:
    """Return the SHA-256 (hex) of the sources of `yalu.formats`, file by file in name order.

    The index cached for list files (`build_file_index`) holds what the readers made of
    them: a reader's fix must read the files again. (A store's lists were read when
    loaded; `yalu lists load` reads them again.)
    """
    package = resources.files("yalu.formats")
    sources = sorted(
        (item for item in package.iterdir() if item.name.endswith(".py")), key=lambda f: f.name
    )
    return _named_digest([(source.name, source.read_bytes()) for source in sources])


def _named_digest(parts: Sequence[tuple[str, bytes]]) -> str:
    """Return the SHA-256 (hex) of each part's name, a NUL and its bytes, in order."""
    digest = hashlib.sha256()
    for name, content in parts:
        digest.update(f"{name}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def index_cache_key(versions: Sequence[ListVersion]) -> str:
    """Return the cache key: the active version ids plus a digest of the matching code.

    Any change to normalisation, romanisation, scoring or the index invalidates the cache.
    """
    digest = hashlib.sha256(f"{_CACHE_FORMAT}|{__version__}|{matching_code_digest()}".encode())
    ids = ",".join(str(version.id) for version in sorted(versions, key=lambda v: v.id))
    return f"versions={ids};code={digest.hexdigest()[:16]}"


def load_active_index(
    store: Store,
    *,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> LoadedIndex:
    """Return the index over every active list, from the cache when it is current.

    Args:
        store: the open screening store.
        on_progress: called with entities indexed so far when the index is (re)built.
        use_cache: read and write the cached index in the store (`index_codec.py`); a
            cached index that fails its checks is rebuilt.

    Raises:
        NotFoundError: no list has been loaded yet.
    """
    versions = store.active_versions()
    if not versions:
        raise NotFoundError(
            "no sanctions lists are loaded",
            hint="Run `yalu lists load PATH` with list files, or `yalu lists update` online",
        )
    lists = tuple(_in_use(version) for version in versions)
    key = index_cache_key(versions)
    if use_cache:
        cached = store.read_index_cache(key)
        if cached is not None:
            try:
                return LoadedIndex(decode_index(cached), lists, was_cached=True)
            except IndexCacheError as exc:  # damaged, foreign or older: rebuilt, never run
                logger.warning("rebuilding the screening index: cache unreadable (%s)", exc)
    entities = list(store.entities([version.id for version in versions]))
    index = ScreeningIndex.build(entities, on_progress=on_progress)
    if use_cache:
        store.write_index_cache(key, encode_index(index))
    return LoadedIndex(index, lists)


def load_versions_index(
    store: Store, version_ids: Sequence[int], *, on_progress: ProgressCallback | None = None
) -> LoadedIndex:
    """Return the index over the stored versions `version_ids`, built in this order.

    The cached index is used when they are exactly the active versions; otherwise the
    index is built afresh (replaying a screening made before a newer version was loaded).

    Raises:
        StoreError: a version is not in the store.
    """
    versions = [store.version(version_id) for version_id in version_ids]
    if [version.id for version in store.active_versions()] == list(version_ids):
        return load_active_index(store, on_progress=on_progress)
    index = ScreeningIndex.build(store.entities(version_ids), on_progress=on_progress)
    return LoadedIndex(index, tuple(_in_use(version) for version in versions))


def build_file_index(
    paths: Sequence[Path],
    *,
    format: str | None = None,
    on_progress: ProgressCallback | None = None,
    cache_dir: Path | None = None,
) -> LoadedIndex:
    """Read list files directly (no store) and return an index over them.

    Args:
        paths: list files (or folders, for the OFAC CSV set).
        format: the files' format; None detects it.
        on_progress: called with entities indexed so far when the index is built.
        cache_dir: where the index built from these files is kept, by the digest of their
            bytes, of the matching code and of the readers' (`file_cache.py`); None
            builds it every time.

    Raises:
        InputError: a path is missing or unreadable.
        ListFormatError: a file does not parse.
    """
    if not paths:
        raise InputError("no list files given", hint="Pass --source PATH")
    if cache_dir is None:
        return _read_file_index(paths, format, on_progress)
    for path in paths:
        if not path.exists():
            read_list(path, format)  # raises the reader's one-line error
    digest = files_digest(paths, format, matching_code_digest() + reader_code_digest())
    entry = entry_path(cache_dir, paths, format)
    cached = read_entry(entry, digest)
    if cached is not None:
        try:
            lists = tuple(ListInUse(**item) for item in cached[0])  # type: ignore[arg-type]
        except TypeError as exc:
            logger.warning("rebuilding the index of the list files: %s", exc)
        else:
            if all(isinstance(v, str | int) for item in lists for v in astuple(item)):
                return LoadedIndex(cached[1], lists, was_cached=True)
    loaded = _read_file_index(paths, format, on_progress)
    write_entry(entry, digest, [asdict(item) for item in loaded.lists], loaded.index)
    return loaded


def _read_file_index(
    paths: Sequence[Path], format: str | None, on_progress: ProgressCallback | None
) -> LoadedIndex:
    """Read the list files and build the index over their entities."""
    entities: list[Entity] = []
    lists: list[ListInUse] = []
    for path in paths:
        snapshot = read_list(path, format)
        entities.extend(snapshot.entities)
        label = snapshot.version if snapshot.published else f"{snapshot.version}, read from file"
        lists.append(
            ListInUse(
                0,
                snapshot.source,
                snapshot.version,
                len(snapshot.entities),
                label=label,
                published=snapshot.published,
                newest_entry=snapshot.newest_entry,
            )
        )
    return LoadedIndex(ScreeningIndex.build(entities, on_progress=on_progress), tuple(lists))


def screen_queries(
    loaded: LoadedIndex,
    queries: Iterable[Query],
    *,
    threshold: float,
    limit: int,
    store: Store | None = None,
    on_progress: ProgressCallback | None = None,
    program: str | None = None,
    actor: str | None = None,
    parallelism: Parallelism | None = None,
    write_audit: Callable[[list[ScreeningRecord]], None] | None = None,
    scope: Scope | None = None,
    chunk_size: int = CHUNK_QUERIES,
) -> Iterator[ScreeningResult]:
    """Screen each query, in input order, writing one audit row per query to `store`.

    Each query's candidates are grouped into rows, one per real-world party, with the entry
    of every list that names it (`same_entity.group_matches`).

    A result is yielded only once its audit row is committed: queries are screened in
    batches of `AUDIT_BATCH`, each batch's rows are written in one transaction, then its
    results are yielded. A process killed half-way has shown no result without a row.

    `queries` may be a stream (`query_file.QueryFile`): it is read as the scoring needs it,
    never whole, so memory does not grow with its length.

    Args:
        loaded: the index and the lists it covers.
        queries: what to screen (names already validated by `queries.make_query`); any
            iterable, read a few partitions ahead of the results.
        threshold: score in 0..1 at or above which a candidate is a match.
        limit: rows (parties) kept per query, best first.
        store: where audit rows go; None screens without an audit trail (list files).
        on_progress: called with the number of queries screened so far.
        program: screen only the entries under this programme (`programs.parse_program`);
            None screens every entry.
        actor: who screens, recorded in each audit row; None is the command line's user
            (`cli:<os user>`), the server passes the API key's name.
        parallelism: where the queries are scored (`batch.score_in_order`); None scores
            them in this process. Results, rows and audit rows do not depend on it.
        write_audit: commits a batch's audit rows (returning once they are durable) instead
            of `audit.add_screenings(store, ...)`; the server shares transactions between
            requests this way.
        scope: screen only the entries in this scope (`scopes.Scope`; its programme is
            replaced by `program` when that is given); the audit row names only the
            lists in scope.
        chunk_size: queries whose reviewed decisions are read from `store` at once
            (`chunked_reviews.ChunkedReviews`).

    Raises:
        InputError: a query has a blank name.
        NotFoundError: no entry of the lists in use is under `program` or in `scope`.
        StoreError: an audit row cannot be written; the batch's results are not yielded.
    """
    chosen = _scope(scope, program)
    used = tuple(
        item for item in lists_used(loaded) if not chosen.lists or item.source in chosen.lists
    )
    who = actor if actor is not None else cli_actor()
    reviews = ChunkedReviews(store, loaded.index.entities, chunk_size=chunk_size)
    found = screen_rows(
        loaded,
        reviews.read(queries),
        threshold=threshold,
        limit=limit,
        review=reviews,
        scope=chosen,
        on_progress=on_progress,
        parallelism=parallelism,
    )
    batch: list[ScreeningResult] = []
    for result in found:
        batch.append(result)
        if len(batch) == AUDIT_BATCH:
            yield from _audited(batch, store, used, threshold, limit, who, write_audit)
            batch = []
    yield from _audited(batch, store, used, threshold, limit, who, write_audit)


def screen_rows(
    loaded: LoadedIndex,
    queries: Iterable[Query],
    *,
    threshold: float,
    limit: int,
    review: Reviewer | None = None,
    program: str | None = None,
    on_progress: ProgressCallback | None = None,
    parallelism: Parallelism | None = None,
    scope: Scope | None = None,
) -> Iterator[ScreeningResult]:
    """Screen each query and group its candidates into rows, recording nothing.

    `screen_queries` records what this yields; a replay (`replay.py`) compares with it.

    Args:
        loaded: the index and the lists it covers.
        queries: what to screen; an iterator is read only a few partitions ahead.
        threshold: score in 0..1 at or above which a candidate is a match.
        limit: rows (parties) kept per query, best first.
        review: applies the reviewed decisions in force (`decisions.decision_reviewer`);
            None applies none.
        program: screen only the entries under this programme; None screens every entry.
        on_progress: called with the number of queries screened so far.
        parallelism: where the queries are scored; None scores them in this process.
        scope: screen only the entries in this scope (`program`, when given, replaces
            its programme).

    Raises:
        NotFoundError: no entry of the lists in use is under `program` or in `scope`.
        NetworkError: the Dask scheduler cannot be reached or was lost.
    """
    chosen = _scope(scope, program)
    rows = RowGrouper.of(loaded, chosen, limit)
    # The second copy holds only the queries read ahead of their results (in flight).
    scored, queries = tee(queries)
    results = score_in_order(
        loaded.index_in(chosen),
        scored,
        threshold=threshold,
        limit=_candidates_for(loaded, limit),
        parallelism=parallelism,
        on_progress=on_progress,
    )
    for query, found in zip(queries, results, strict=True):
        yield rows(query, review(query, found) if review is not None else found)


def render_rows(
    loaded: LoadedIndex,
    queries: Iterable[Query],
    *,
    render: Callable[[ScreeningResult], str],
    threshold: float,
    limit: int,
    program: str | None = None,
    on_progress: ProgressCallback | None = None,
    parallelism: Parallelism | None = None,
) -> Iterator[tuple[Query, str]]:
    """Yield each query with `render` of its result, rendered where the query was scored.

    `render(result)` for each result `screen_rows` gives with no decisions to apply, which
    a batch against list files (no store, no audit row) writes as it is: the workers group
    and render, and send back text, which costs this process less to read than candidates
    (issue 17). The output is the same whichever way it ran.

    Args:
        loaded: the index and the lists it covers.
        queries: what to screen; an iterator is read only a few partitions ahead.
        render: turns a result into its text (a module-level function: workers run it).
        threshold: score in 0..1 at or above which a candidate is a match.
        limit: rows (parties) kept per query, best first.
        program: screen only the entries under this programme; None screens every entry.
        on_progress: called with the number of queries screened so far.
        parallelism: where the queries are scored; None scores them in this process.

    Raises:
        NotFoundError: no entry of the lists in use is under `program`.
        NetworkError: the Dask scheduler cannot be reached or was lost.
    """
    chosen = _scope(None, program)
    finish = _Rendered(RowGrouper.of(loaded, chosen, limit), render)
    scored, queries = tee(queries)
    texts = finish_in_order(
        Scorer(loaded.index_in(chosen), finish),
        scored,
        threshold=threshold,
        limit=_candidates_for(loaded, limit),
        parallelism=parallelism,
        on_progress=on_progress,
    )
    yield from zip(queries, texts, strict=True)


@dataclass(frozen=True, slots=True)
class RowGrouper:
    """Groups a query's candidates into its result rows (`same_entity.group_matches`).

    Picklable, so that a worker can run it where the query was scored (`render_rows`).
    """

    links: EntityLinks
    limit: int
    keep: Callable[[Entity], bool] | None = None

    @classmethod
    def of(cls, loaded: LoadedIndex, scope: Scope, limit: int) -> RowGrouper:
        """Return the grouper of `limit` rows over the entries of `loaded` in `scope`."""
        return cls(loaded.links, limit, None if scope.is_everything else scope.includes)

    def __call__(self, query: Query, matches: Sequence[Match]) -> ScreeningResult:
        """Return `query`'s result: its candidates (best first) grouped into rows."""
        groups = group_matches(matches, self.links, limit=self.limit, keep=self.keep)
        shown = tuple(match for group in groups for match in group.matches)
        return ScreeningResult(query, shown, groups)


@dataclass(frozen=True, slots=True)
class _Rendered:
    """Groups a query's candidates into rows and renders the result (`render_rows`)."""

    rows: RowGrouper
    render: Callable[[ScreeningResult], str]

    def __call__(self, query: Query, matches: Sequence[Match]) -> str:
        return self.render(self.rows(query, matches))


def _candidates_for(loaded: LoadedIndex, limit: int) -> int:
    """Return how many candidates to score for `limit` rows.

    Every list may hold an entry of the same party: enough to fill the rows.
    """
    return min(MAX_CANDIDATES, max(limit, limit * len(loaded.lists)))


def _scope(scope: Scope | None, program: str | None) -> Scope:
    """Return `scope` (everything for None) with its programme replaced by `program`."""
    chosen = scope or Scope()
    return chosen if program is None else replace(chosen, program=program)


def _audited(
    batch: list[ScreeningResult],
    store: Store | None,
    used: Sequence[ListUsed],
    threshold: float,
    limit: int,
    actor: str,
    write_audit: Callable[[list[ScreeningRecord]], None] | None = None,
) -> list[ScreeningResult]:
    """Commit the audit rows of `batch` (when there is a store), then return it."""
    if store is not None and batch:
        records = [
            audit_row(r.query, r.matches, used, threshold, limit, actor, groups=r.groups)
            for r in batch
        ]
        if write_audit is not None:
            write_audit(records)
        else:
            add_screenings(store, records)
    return batch


WARM_UP_NAMES = ("Kim Jong Un", "Korea Ryonbong General Corporation", "Ri Chol Ho")
"""Screened once by `warm_up`: Korean, company and syllabic names touch every table."""


def warm_up(loaded: LoadedIndex) -> None:
    """Compute, once, every table the matcher otherwise builds on first use.

    The romanisation syllable table (`romanize.syllable_keys`, about a second) and the
    family-name keys are built, then a few names are screened (recording nothing), so the
    first real screening of a server just started waits for nothing.
    """
    from yalu.screening.queries import make_query
    from yalu.screening.romanize import family_name_keys, syllable_keys

    family_name_keys()
    syllable_keys()
    queries = [make_query(name, id=str(n)) for n, name in enumerate(WARM_UP_NAMES, start=1)]
    for _ in screen_rows(loaded, queries, threshold=1.0, limit=1):
        pass


def lists_used(loaded: LoadedIndex) -> tuple[ListUsed, ...]:
    """Return the lists an audit row names: each list version's id, source and version."""
    return tuple(ListUsed(i.id, i.source, i.version, i.published) for i in loaded.lists)


def audit_row(
    query: Query,
    matches: Sequence[Match],
    used: Sequence[ListUsed],
    threshold: float,
    limit: int,
    actor: str,
    *,
    groups: Sequence[MatchGroup] = (),
) -> ScreeningRecord:
    """Return the audit record of one screened query (`audit.add_screenings` writes it).

    With `groups`, each candidate also records its row and the row's grouping
    (`codec.candidate_rows`); `matches` are then the groups' scored entries.
    """
    return new_screening(
        query,
        matches,
        used,
        threshold=threshold,
        limit=limit,
        actor=actor,
        code_digest=matching_code_digest(),
        rows=candidate_rows(groups),
    )


REVIEW_MARGIN = 0.1
"""Candidates this far below the threshold are kept for an analyst's review (goods checks)."""


def party_screener(
    loaded: LoadedIndex,
    *,
    threshold: float,
    limit: int,
    review_margin: float = REVIEW_MARGIN,
    audit: Callable[[ScreeningRecord], None] | None = None,
    actor: str | None = None,
    parallelism: Parallelism | None = None,
) -> PartyScreener:
    """Return the screener the goods engine takes: matches and near misses.

    Args:
        loaded: the index to screen against and the lists it covers.
        threshold: score at or above which a candidate is a match.
        limit: candidates looked at per party.
        review_margin: candidates scoring at least `threshold - review_margin` are kept too,
            so the goods engine can send the line to review.
        audit: called with the audit record of each screened party (every candidate up to
            `limit`, as `screen_queries` records them), in input order; None records
            nothing (list files).
        actor: who screens, as for `screen_queries`.
        parallelism: where `PartyScreener.screen_many` scores a batch of parties; None
            scores them in this process. Results and records do not depend on it.
    """
    who = actor if actor is not None else cli_actor()
    return PartyScreener(
        loaded, threshold, limit, review_margin, audit, who, parallelism, lists_used(loaded)
    )


@dataclass(frozen=True, slots=True)
class PartyScreener:
    """Screens one party (`__call__`) or a batch of them (`screen_many`) for the goods engine.

    Built by `party_screener`; see its arguments.
    """

    loaded: LoadedIndex
    threshold: float
    limit: int
    review_margin: float
    audit: Callable[[ScreeningRecord], None] | None
    actor: str
    parallelism: Parallelism | None
    used: tuple[ListUsed, ...]

    def __call__(self, query: Query) -> list[Match]:
        """Return the matches and near misses of one party, recording its audit row."""
        found = self.loaded.index.screen(query, threshold=self.threshold, limit=self.limit)
        return self._kept(query, found)

    def screen_many(
        self, queries: Sequence[Query], *, on_progress: ProgressCallback | None = None
    ) -> list[list[Match]]:
        """Return what `__call__` returns for each query, in order, scored as `parallelism` says."""
        scored = score_in_order(
            self.loaded.index,
            queries,
            threshold=self.threshold,
            limit=self.limit,
            parallelism=self.parallelism,
            on_progress=on_progress,
        )
        return [self._kept(query, found) for query, found in zip(queries, scored, strict=True)]

    def _kept(self, query: Query, found: list[Match]) -> list[Match]:
        if self.audit is not None:
            row = audit_row(query, found, self.used, self.threshold, self.limit, self.actor)
            self.audit(row)
        return [match for match in found if match.score >= self.threshold - self.review_margin]
