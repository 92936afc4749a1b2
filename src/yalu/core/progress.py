"""The progress callback engines accept; interfaces decide how to render it."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int], None]
"""Called with the number of items done so far (rows ingested, names screened, days run)."""
