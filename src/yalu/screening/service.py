"""Screen queries against the active lists (or list files) and record the audit trail.

`load_active_index` builds the search index over every active list version once and caches it,
pickled, in the store under a key made of the active version ids and the matching code, so
`yalu screen` does not rebuild it on each run. `screen_queries` writes one audit row per query.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import import_module, resources
from pathlib import Path
from typing import Any

from yalu import __version__
from yalu.core.errors import InputError, NotFoundError
from yalu.core.progress import ProgressCallback
from yalu.formats import read_list
from yalu.models.screening import Entity, Match, Query
from yalu.screening.audit import add_screenings
from yalu.screening.codec import encode_match, encode_query
from yalu.screening.freshness import Freshness, list_freshness
from yalu.screening.search import ScreeningIndex
from yalu.screening.store import ListVersion, Store, short_version

logger = logging.getLogger(__name__)

_AUDIT_BATCH = 500
_CACHE_FORMAT = "1"


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
    """A search index and the lists it covers."""

    index: ScreeningIndex
    lists: tuple[ListInUse, ...]
    was_cached: bool = False

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
    """One screened query and its candidates, best first (including below-threshold ones)."""

    query: Query
    matches: tuple[Match, ...]

    @property
    def has_match(self) -> bool:
        """Return True when any candidate scored at or above the threshold."""
        return any(match.is_match for match in self.matches)


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
    "arabic contractions features forms glossary normalize retrieval romanize score search hanja"
)
MATCHING_MODULES = tuple(import_module(f"yalu.screening.{name}") for name in _MATCHING.split())
"""The modules whose code shapes a built index: any change to one invalidates the cache."""
MATCHING_DATA = ("data/hanja_readings.csv",)
"""Data files of `yalu.screening` that shape matching: their bytes are digested too."""


def index_cache_key(versions: Sequence[ListVersion]) -> str:
    """Return the cache key: the active version ids plus a digest of the matching code.

    Any change to normalisation, romanisation, scoring or the index invalidates the cache.
    """
    digest = hashlib.sha256(f"{_CACHE_FORMAT}|{__version__}".encode())
    for module in MATCHING_MODULES:
        if module.__file__:
            digest.update(Path(module.__file__).read_bytes())
    for name in MATCHING_DATA:
        digest.update(resources.files("yalu.screening").joinpath(name).read_bytes())
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
        use_cache: read and write the pickled index in the store.

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
                index = pickle.loads(cached)
            except Exception as exc:  # a stale or damaged pickle is rebuilt, not fatal
                logger.warning("rebuilding the screening index: cache unreadable (%s)", exc)
            else:
                if isinstance(index, ScreeningIndex):
                    return LoadedIndex(index, lists, was_cached=True)
    entities = list(store.entities([version.id for version in versions]))
    index = ScreeningIndex.build(entities, on_progress=on_progress)
    if use_cache:
        store.write_index_cache(key, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    return LoadedIndex(index, lists)


def build_file_index(
    paths: Sequence[Path],
    *,
    format: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> LoadedIndex:
    """Read list files directly (no store) and return an index over them.

    Raises:
        InputError: a path is missing or unreadable.
        ListFormatError: a file does not parse.
    """
    if not paths:
        raise InputError("no list files given", hint="Pass --source PATH")
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
) -> Iterator[ScreeningResult]:
    """Screen each query, in input order, writing one audit row per query to `store`.

    Args:
        loaded: the index and the lists it covers.
        queries: what to screen (names already validated by `queries.make_query`).
        threshold: score in 0..1 at or above which a candidate is a match.
        limit: candidates kept per query, best first.
        store: where audit rows go; None screens without an audit trail (list files).
        on_progress: called with the number of queries screened so far.

    Raises:
        InputError: a query has a blank name.
    """
    query_list = list(queries)
    used = lists_used(loaded)
    pending: list[dict[str, Any]] = []
    try:
        results = loaded.index.screen_many(
            query_list, threshold=threshold, limit=limit, on_progress=on_progress
        )
        for query, matches in zip(query_list, results, strict=True):
            if store is not None:
                pending.append(audit_row(query, matches, used, threshold, limit))
                if len(pending) >= _AUDIT_BATCH:
                    add_screenings(store, pending)
                    pending.clear()
            yield ScreeningResult(query, tuple(matches))
    finally:
        if store is not None and pending:
            add_screenings(store, pending)


def lists_used(loaded: LoadedIndex) -> list[dict[str, Any]]:
    """Return the lists an audit row names: each list version's id, source and version."""
    return [
        {"id": i.id, "source": i.source, "version": i.version, "published": i.published}
        for i in loaded.lists
    ]


def audit_row(
    query: Query,
    matches: Sequence[Match],
    used: list[dict[str, Any]],
    threshold: float,
    limit: int,
) -> dict[str, Any]:
    """Return the audit row of one screened query (`audit.add_screenings` writes it)."""
    return {
        "query": encode_query(query),
        "list_versions": used,
        "threshold": threshold,
        "limit": limit,
        "results": [encode_match(match) for match in matches],
    }


REVIEW_MARGIN = 0.1
"""Candidates this far below the threshold are kept for an analyst's review (goods checks)."""


def party_screener(
    loaded: LoadedIndex,
    *,
    threshold: float,
    limit: int,
    review_margin: float = REVIEW_MARGIN,
    audit: Callable[[dict[str, Any]], None] | None = None,
) -> Callable[[Query], list[Match]]:
    """Return the screener the goods engine takes: matches and near misses.

    Args:
        loaded: the index to screen against and the lists it covers.
        threshold: score at or above which a candidate is a match.
        limit: candidates looked at per party.
        review_margin: candidates scoring at least `threshold - review_margin` are kept too,
            so the goods engine can send the line to review.
        audit: called with the audit row of each screened party (every candidate up to
            `limit`, as `screen_queries` records them); None records nothing (list files).
    """
    used = lists_used(loaded)

    def screen_party(query: Query) -> list[Match]:
        found = loaded.index.screen(query, threshold=threshold, limit=limit)
        if audit is not None:
            audit(audit_row(query, found, used, threshold, limit))
        return [match for match in found if match.score >= threshold - review_margin]

    return screen_party
