"""Check list files against the SHA-256 values their publisher announces.

What each publisher offers, as its pages describe it (none signs its files):

| list                   | checksum or signature published                                   |
|------------------------|-------------------------------------------------------------------|
| OFAC SDN, Consolidated | SHA-256, SHA-384 and SHA-512 of each file, on the web page "Hash  |
|                        | Values for OFAC Sanctions List Files" linked from the SDN and     |
|                        | Consolidated data pages, renewed with each list update            |
| UN Security Council    | none                                                              |
| BIS Denied Persons     | none                                                              |
| US CSL (trade.gov)     | none                                                              |

OFAC's values are on a web page meant for people, so yalu does not fetch them: the user
copies a value from that page and passes it to `yalu lists load --sha256`. Every value given
must be the digest of one of the files read, or nothing is loaded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from yalu.core.errors import InputError
from yalu.formats.input_file import read_file_bytes

_HEX = re.compile(r"^[0-9a-f]{64}$")


def files_of(path: Path) -> list[Path]:
    """Return the files a list path names: the file itself, or a folder's files by name."""
    if path.is_dir():
        return sorted(child for child in path.iterdir() if child.is_file())
    return [path]


def sha256_of(path: Path) -> str:
    """Return the SHA-256 (hex) of a file's bytes.

    Raises:
        InputError: the file is missing or unreadable.
    """
    return hashlib.sha256(read_file_bytes(path)).hexdigest()


def check_sha256(paths: Sequence[Path], expected: Sequence[str]) -> None:
    """Raise unless each expected SHA-256 is the digest of one of the files `paths` name.

    Args:
        paths: the list files or folders given to `yalu lists load`.
        expected: hex digests as the publisher prints them (any case, spaces ignored).

    Raises:
        InputError: a value is not 64 hex digits, or no file has that digest (the message
            names each file's actual digest, shortened).
    """
    if not expected:
        return
    digests = {file: sha256_of(file) for path in paths for file in files_of(path)}
    found = set(digests.values())
    for value in expected:
        wanted = "".join(value.split()).lower()
        if not _HEX.match(wanted):
            raise InputError(
                f"--sha256 {value!r} is not a SHA-256 value (64 hexadecimal digits)",
                hint="Copy the SHA-256 value from the publisher's page",
            )
        if wanted not in found:
            actual = ", ".join(f"{file.name} has {digest[:12]}" for file, digest in digests.items())
            raise InputError(
                f"no file given has the SHA-256 {wanted[:12]}... ({actual})",
                hint="The files differ from the ones the publisher announced: download them "
                "again, and check the value is the one for the same day's files. "
                "Nothing was loaded",
            )
