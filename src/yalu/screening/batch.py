"""Score a batch of queries on every core, or on a Dask cluster, in input order.

`score_in_order` is what `service.screen_rows` runs: the queries, which may be a stream,
are cut into partitions as workers free up (`core.parallel.map_partitions`), each partition
is scored against the one index the workers share, and the candidates come back in input
order, exactly as `ScreeningIndex.screen_many` would give them in this process. Reviewed
decisions, grouping and audit rows stay in the calling process (`service.screen_queries`),
so they are the same whichever way the scoring ran.

With `finish`, each query's candidates are turned into what the caller writes (grouped
rows rendered as a line of output, `service.render_rows`) where they were scored, so the
calling process reads back text, not candidates: with no decisions to apply and no audit
row to write (list files), that is all it needs, and it stays free to write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from yalu.core.parallel import Parallelism, map_partitions
from yalu.core.progress import ProgressCallback
from yalu.models.screening import Match, Query
from yalu.screening.search import ScreeningIndex

PARTITION_QUERIES = 500
"""Queries per partition: large enough that sending them costs little next to scoring."""

Finish = Callable[[Query, list[Match]], Any]
"""Turns a query and its candidates into what the caller wants back (a module-level
function or a picklable object: a worker or a Dask worker runs it)."""


@dataclass(frozen=True, slots=True)
class Scorer:
    """What every worker holds for the whole run: the index, and what to do with candidates.

    One object, so that Dask sends both once per worker, and the entities they share once.
    """

    index: ScreeningIndex
    finish: Finish | None = None

    def __call__(self, query: Query, threshold: float, limit: int) -> Any:
        """Return the query's candidates, best first, or what `finish` makes of them."""
        found = self.index.screen(query, threshold=threshold, limit=limit)
        return found if self.finish is None else self.finish(query, found)


def score_partition(
    scorer: Scorer, queries: Sequence[Query], threshold: float, limit: int
) -> list[Any]:
    """Return `scorer`'s answer for each query of one partition (a worker runs this)."""
    return [scorer(query, threshold, limit) for query in queries]


def score_in_order(
    index: ScreeningIndex,
    queries: Iterable[Query],
    *,
    threshold: float,
    limit: int,
    parallelism: Parallelism | None = None,
    on_progress: ProgressCallback | None = None,
) -> Iterator[list[Match]]:
    """Yield each query's candidates, best first, in input order.

    Args:
        index: the index to screen against (sent once to each worker).
        queries: what to screen; an iterator is read a few partitions ahead, never whole.
        threshold: score in 0..1 at or above which a candidate is a match.
        limit: candidates kept per query.
        parallelism: where to score (default: in this process).
        on_progress: called with the number of queries scored so far.

    Raises:
        InputError: a query name is empty (raised when its partition is reached).
        NetworkError: the Dask scheduler cannot be reached or was lost.
    """
    return finish_in_order(
        Scorer(index),
        queries,
        threshold=threshold,
        limit=limit,
        parallelism=parallelism,
        on_progress=on_progress,
    )


def finish_in_order(
    scorer: Scorer,
    queries: Iterable[Query],
    *,
    threshold: float,
    limit: int,
    parallelism: Parallelism | None = None,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Any]:
    """Yield `scorer`'s answer for each query, in input order.

    As `score_in_order`, which this is without `scorer.finish`; with it, `finish` runs
    where the query was scored, so only what it returns comes back from a worker.
    """
    if parallelism is None or (parallelism.workers <= 1 and parallelism.dask is None):
        for count, query in enumerate(queries, start=1):
            yield scorer(query, threshold, limit)
            if on_progress is not None:
                on_progress(count)
        return
    partitions = map_partitions(
        score_partition,
        queries,
        parallelism,
        shared=scorer,
        args=(threshold, limit),
        partition_size=PARTITION_QUERIES,
        on_progress=on_progress,
    )
    for answers in partitions:
        yield from answers
