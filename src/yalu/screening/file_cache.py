"""Keep the index built from list files (`yalu screen --list-file`) in a cache folder.

Reading and indexing ten thousand entities takes seconds; the cached index takes a fraction
of that. An entry is named after the list files' resolved paths and format, and holds the
digest of their bytes (`files_digest`) with the code digest, the lists read from them, and
the index as `index_codec` plain data (never a pickle). A changed file, other matching code
or a damaged entry is rebuilt and the entry overwritten, so the folder holds one entry per
set of list files used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import orjson

from yalu.screening.index_codec import IndexCacheError, decode_index, encode_index
from yalu.screening.search import ScreeningIndex

logger = logging.getLogger(__name__)

ENTRY_SUFFIX = ".yalu-index"
_SEPARATOR = b"\n--\n"
_CHUNK_BYTES = 1 << 20


def files_digest(paths: Sequence[Path], format: str | None, code_digest: str) -> str:
    """Return the SHA-256 (hex) of the files' bytes, their format and the matching code.

    A folder (the OFAC CSV set) is digested file by file, in name order.
    """
    digest = hashlib.sha256(f"{format}\0{code_digest}\0".encode())
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(f"{file.relative_to(path) if path.is_dir() else ''}\0".encode())
            with file.open("rb") as handle:
                while chunk := handle.read(_CHUNK_BYTES):
                    digest.update(chunk)
            digest.update(b"\0")
    return digest.hexdigest()


def entry_path(folder: Path, paths: Sequence[Path], format: str | None) -> Path:
    """Return the cache entry of this set of list files (by resolved path and format)."""
    names = "\0".join(str(path.resolve()) for path in paths)
    return folder / (hashlib.sha256(f"{format}\0{names}".encode()).hexdigest()[:24] + ENTRY_SUFFIX)


def read_entry(entry: Path, digest: str) -> tuple[list[dict[str, object]], ScreeningIndex] | None:
    """Return the lists and index cached in `entry` for files of `digest`, or None.

    None when there is no entry, it was written for other bytes or code, or it fails the
    checks of `index_codec.decode_index` (the caller then rebuilds and overwrites it).
    """
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(_SEPARATOR)
    try:
        meta = orjson.loads(header)
        if not isinstance(meta, dict) or meta.get("digest") != digest:
            return None
        lists = meta["lists"]
        if not isinstance(lists, list) or not all(isinstance(item, dict) for item in lists):
            raise IndexCacheError("the cached lists are not a list of objects")
        return lists, decode_index(body)
    except (ValueError, KeyError) as exc:  # IndexCacheError is a ValueError
        logger.warning("rebuilding the index of the list files: cache unreadable (%s)", exc)
        return None


def write_entry(
    entry: Path, digest: str, lists: list[dict[str, object]], index: ScreeningIndex
) -> None:
    """Write the entry atomically (a reader sees the old or the new one), readable by its owner.

    A folder that cannot be written is logged and skipped: the cache only saves time.
    """
    header = orjson.dumps({"digest": digest, "lists": lists})
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(header + _SEPARATOR + encode_index(index))
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logger.warning("could not cache the index of the list files in %s (%s)", entry, exc)
