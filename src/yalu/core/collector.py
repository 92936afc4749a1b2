"""Pause Python's cyclic garbage collector while many long-lived objects are made.

Building or decoding a screening index makes millions of tuples, strings and lists that
all live on. Each collection the allocations set off walks every one of them again: about
a third of an index build and half of a cached index's decoding (profiled, issue 17).
Reference counting still frees what dies meanwhile; only cycles wait for the next
collection after the pause. The switch is the process's: a server's other threads run
without the collector for the same few seconds.

A command that keeps what it made until it exits also freezes it (`freeze=True`): moved to
the permanent generation, it is never walked again. Without that, the first collections
after the pause walk the whole index (0.3 s after a build) and every full one after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector(*, freeze: bool = False) -> Iterator[None]:
    """Disable the cyclic collector for the block; enable it again if it was enabled.

    Args:
        freeze: once the block ran, move every object alive to the permanent generation
            (`gc.freeze`). Only for a process that keeps them to its end, such as a CLI
            command's index: a frozen cycle is never collected, so a server that replaces
            its index must not.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
