"""Import optional (heavy) dependencies at the point of use, with a clear error."""

from __future__ import annotations

import importlib
from types import ModuleType

from yalu.core.errors import MissingExtraError


def require(module: str, *, extra: str, purpose: str | None = None) -> ModuleType:
    """Import `module` or raise MissingExtraError naming the extra that provides it.

    Args:
        module: dotted module name, e.g. "dask.distributed".
        extra: the yalu extra that installs it, e.g. "dask".
        purpose: what needs it, for the message (defaults to the module name).
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        what = purpose or f"This feature needs {module.split('.')[0]}"
        raise MissingExtraError(what, hint=f"pip install 'yalu[{extra}]'") from exc
