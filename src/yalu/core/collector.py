"""Pause Python's cyclic garbage collector while many long-lived objects are made.

Building or decoding a screening index makes millions of tuples, strings and lists that
all live on. Each collection the allocations set off walks every one of them again: about
a third of an index build and half of a cached index's decoding (profiled, issue 17).
Reference counting still frees what dies meanwhile; only cycles wait for the next
collection after the pause. The switch is the process's: a server's other threads run
without the collector for the same few seconds.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """Disable the cyclic collector for the block; enable it again if it was enabled."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
