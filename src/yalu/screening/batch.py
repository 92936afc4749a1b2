"""Score a batch of queries on every core, or on a Dask cluster, in input order.

`score_in_order` is what `service.screen_rows` runs: the queries, which may be a stream,
are cut into partitions as workers free up (`core.parallel.map_partitions`), each partition
is scored against the one index the workers share, and the candidates come back in input
order, exactly as `ScreeningIndex.screen_many` would give them in this process. Reviewed
decisions, grouping and audit rows stay in the calling process (`service.screen_queries`),
so they are the same whichever way the scoring ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from yalu.core.parallel import Parallelism, map_partitions
from yalu.core.progress import ProgressCallback
from yalu.models.screening import Match, Query
from yalu.screening.search import ScreeningIndex

PARTITION_QUERIES = 500
"""Queries per partition: large enough that sending them costs little next to scoring."""


def score_partition(
    index: ScreeningIndex, queries: Sequence[Query], threshold: float, limit: int
) -> list[list[Match]]:
    """Return the candidates of each query of one partition (a worker runs this)."""
    return [index.screen(query, threshold=threshold, limit=limit) for query in queries]


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
    if parallelism is None or (parallelism.workers <= 1 and parallelism.dask is None):
        yield from index.screen_many(
            queries, threshold=threshold, limit=limit, on_progress=on_progress
        )
        return
    partitions = map_partitions(
        score_partition,
        queries,
        parallelism,
        shared=index,
        args=(threshold, limit),
        partition_size=PARTITION_QUERIES,
        on_progress=on_progress,
    )
    for found in partitions:
        yield from found
