"""Mutations of input files, and how a reader's answer to each is judged.

Shared by `benchmarks/fuzz_readers.py` (a long seeded run over every shared list and
sample file) and `tests/formats/test_fuzz_readers.py` (Hypothesis, small files). Readers
are found generically: every list reader of `yalu.formats.READERS`, picked by
`detect_format` for each file, so readers added later are fuzzed with no change here; plus
the shipment and supplier readers for the goods samples.

A mutated file must be refused in one line, or load correctly. "Correctly" is judged
against the unmutated file, loaded first as the version in use, through the same guards
`yalu lists load` runs (`yalu.screening.guards`): a truncated or duplicated file may only
load if it gives exactly the entities of the whole file.
"""

from __future__ import annotations

import csv
import io
import shutil
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from yalu.core.errors import YaluError
from yalu.formats import READERS, detect_format
from yalu.formats.shipments import read_shipments
from yalu.formats.suppliers import read_suppliers
from yalu.models.screening import ListSnapshot
from yalu.screening.guards import DEFAULT_GUARDS, ActiveList, check_new_version

TRUNCATIONS = ("truncate", "truncate_line")
DUPLICATIONS = ("duplicate_line",)
ENCODINGS = ("bad_byte", "latin1", "utf16")
MUTATIONS = (*TRUNCATIONS, "delete_line", *DUPLICATIONS, "flip", "swap_columns", *ENCODINGS)
"""Every kind of mutation, in report order."""

LEGACY_TEXT_FORMATS = frozenset({"ofac_sdn", "ofac_cons", "bis_dpl"})
"""Formats whose readers also accept Windows-1252 (their publishers' older exports)."""

INPUT_READERS: dict[str, Callable[[Path], object]] = {
    "shipments": read_shipments,
    "suppliers": read_suppliers,
}
"""Readers of files that are not lists (no version in use to compare with)."""

_BAD_BYTES = (b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\x81")


@dataclass(frozen=True, slots=True)
class Sample:
    """A file (or OFAC folder) and the reader that reads it."""

    path: Path
    format: str

    @property
    def files(self) -> list[Path]:
        """Return the files a mutation may change: the file, or the folder's files."""
        if self.path.is_dir():
            return sorted(p for p in self.path.iterdir() if p.is_file())
        return [self.path]

    @property
    def size(self) -> int:
        """Return the sample's size in bytes."""
        return sum(file.stat().st_size for file in self.files)

    @property
    def is_list(self) -> bool:
        """Return True for a sanctions list (compared with the version in use)."""
        return self.format in READERS

    @property
    def label(self) -> str:
        """Return `folder/name` for reports."""
        return f"{self.path.parent.name}/{self.path.name}"


def find_samples(roots: Sequence[Path], *, max_bytes: int | None = None) -> list[Sample]:
    """Return the readable samples directly in `roots` (and their OFAC folders), by path.

    A file no reader claims (an xlsx before its reader exists, a README) is left out.
    """
    found: list[Sample] = []
    for root in roots:
        for path in sorted(root.iterdir()):
            sample = _sample(path)
            if sample is not None and (max_bytes is None or sample.size <= max_bytes):
                found.append(sample)
    return found


def _sample(path: Path) -> Sample | None:
    if path.name in ("shipments.csv", "suppliers.csv"):
        return Sample(path, path.stem)
    if path.suffix == ".md":
        return None
    try:
        return Sample(path, detect_format(path))
    except YaluError:
        return None


def mutate(data: bytes, kind: str, position: float, extra: int) -> bytes:
    """Return `data` changed by one mutation.

    Args:
        data: the file's bytes.
        kind: one of `MUTATIONS`.
        position: where, as a share of the file or of its lines, in [0, 1).
        extra: a second free choice (the bit flipped, the columns swapped, the bad bytes).
    """
    lines = data.splitlines(keepends=True) or [b""]
    at = min(int(position * len(lines)), len(lines) - 1)
    if kind == "truncate":
        return data[: int(position * len(data))]
    if kind == "truncate_line":
        return b"".join(lines[:at])
    if kind == "delete_line":
        return b"".join(lines[:at] + lines[at + 1 :])
    if kind == "duplicate_line":
        return b"".join(lines[: at + 1] + lines[at:])
    if kind == "flip":
        offset = min(int(position * len(data)), max(len(data) - 1, 0))
        flipped = bytes([data[offset] ^ (1 << (extra % 8))]) if data else b""
        return data[:offset] + flipped + data[offset + 1 :]
    if kind == "swap_columns":
        swapped = _swap_columns(data, extra)
        if swapped is not None:
            return swapped
        return b"".join([*lines[:at], *lines[at + 1 : at + 2], lines[at], *lines[at + 2 :]])
    if kind == "bad_byte":
        offset = int(position * len(data))
        return data[:offset] + _BAD_BYTES[extra % len(_BAD_BYTES)] + data[offset:]
    if kind == "latin1":
        text = data.decode("utf-8", errors="replace")
        if not text.isascii():
            return text.encode("latin-1", errors="replace")
        offset = int(position * len(data))
        return data[:offset] + "\u00e9".encode("latin-1") + data[offset:]
    if kind == "utf16":
        return data.decode("utf-8", errors="replace").encode("utf-16")
    raise ValueError(f"unknown mutation {kind!r}")


def _swap_columns(data: bytes, extra: int) -> bytes | None:
    """Swap two columns in every row of delimited text; None when the data is not that."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    head = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if "\t" in head else ","
    if delimiter not in head or head.lstrip().startswith(("<", "{")):
        return None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None
    width = max(len(row) for row in rows)
    first, second = extra % width, (extra // width + 1 + extra % width) % width
    for row in rows:
        if max(first, second) < len(row):
            row[first], row[second] = row[second], row[first]
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if '"' in head else csv.QUOTE_MINIMAL
    csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=quoting).writerows(rows)
    return out.getvalue().encode("utf-8")


def write_mutant(sample: Sample, folder: Path, kind: str, position: float, extra: int) -> Path:
    """Copy the sample into `folder`, mutate one of its files, and return the copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sample.path.name
    if target.exists():
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    if sample.path.is_dir():
        shutil.copytree(sample.path, target)
        files = sorted(p for p in target.iterdir() if p.is_file())
        changed = files[extra % len(files)]
    else:
        shutil.copyfile(sample.path, target)
        changed = target
    changed.write_bytes(mutate(changed.read_bytes(), kind, position, extra // 8))
    return target


@dataclass(frozen=True, slots=True)
class Baseline:
    """The whole sample as read, to judge mutants against (`content` None: it did not load).

    Attributes:
        trimmed: the sample without its unfinished last line, when only that loads: mutate
            this file instead.
    """

    content: object | None
    active: ActiveList | None
    note: str = ""
    trimmed: Path | None = None

    def fuzzed(self, sample: Sample) -> Sample:
        """Return the sample to mutate: the trimmed copy, or the sample itself."""
        return Sample(self.trimmed, sample.format) if self.trimmed else sample


def read_sample(sample: Sample, path: Path) -> object:
    """Read `path` with the sample's reader (raises what the reader raises)."""
    if sample.is_list:
        return READERS[sample.format](path)
    return INPUT_READERS[sample.format](path)


def baseline(sample: Sample, folder: Path) -> Baseline:
    """Read the whole sample; if it is refused, try it without its last, unfinished line.

    (The shared `us_csl_2023.csv` is itself cut in the middle of a record.)
    """
    try:
        return _baseline_of(sample, read_sample(sample, sample.path))
    except YaluError as error:
        refused = f"line {error.line}: {error.problem}" if error.line else error.problem
    if sample.path.is_file():
        data = sample.path.read_bytes()
        trimmed = folder / sample.path.name
        trimmed.write_bytes(data[: data.rfind(b"\n") + 1])
        try:
            whole = _baseline_of(sample, read_sample(sample, trimmed))
        except YaluError:
            pass
        else:
            note = f"refused as published ({refused}); fuzzed up to its last line break"
            return replace(whole, note=note, trimmed=trimmed)
    return Baseline(None, None, f"refused ({refused}): checked for crashes only")


def _baseline_of(sample: Sample, result: object) -> Baseline:
    if isinstance(result, ListSnapshot):
        active = ActiveList(
            "the whole file",
            [entity.id for entity in result.entities],
            lambda: iter(result.entities),
        )
        return Baseline(content_of(result), active)
    return Baseline(content_of(result), None)


def content_of(result: object) -> object:
    """Return what a reader's result says, comparable with `==` (no version label)."""
    if isinstance(result, ListSnapshot):
        return tuple(replace(entity, source_version="") for entity in result.entities)
    return _plain(result)


def _plain(value: Any) -> object:
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if is_dataclass(value) and not isinstance(value, type):
        return tuple((field.name, _plain(getattr(value, field.name))) for field in fields(value))
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    return value


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a reader answered one mutant.

    Attributes:
        verdict: "refused" (one-line error), "same" (loaded, same content as the whole
            file), "changed" (loaded, different content), "multi_line" (an error message
            over several lines), "traceback" (an exception outside the yalu family).
        message: the error message or traceback's last line.
    """

    verdict: str
    message: str = ""


def judge(sample: Sample, path: Path, base: Baseline) -> Outcome:
    """Read a mutant as `yalu lists load` would (reader, then guards) and judge the answer."""
    try:
        result = read_sample(sample, path)
        if isinstance(result, ListSnapshot):
            check_new_version(result, base.active, DEFAULT_GUARDS)
    except YaluError as error:
        message = str(error)
        return Outcome("multi_line" if "\n" in message else "refused", message)
    except Exception:
        return Outcome("traceback", traceback.format_exc().strip().splitlines()[-1])
    if base.content is not None and content_of(result) == base.content:
        return Outcome("same")
    return Outcome("changed")


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def expects_byte_offset(sample: Sample, mutant: Path) -> bool:
    """Return True when the mutant must be refused naming the byte offset of a bad byte.

    The sample is UTF-8 text of a format that reads nothing else, and the mutant is not
    UTF-8 (and not UTF-16 with a byte-order mark, which an XML declaration may allow).
    """
    if sample.format in LEGACY_TEXT_FORMATS or not all(map(_is_utf8, sample.files)):
        return False  # Windows-1252 is allowed, or a binary format (a workbook)
    mutants = sorted(p for p in mutant.iterdir() if p.is_file()) if mutant.is_dir() else [mutant]
    for file in mutants:
        if not _is_utf8(file):
            return not file.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
    return False


def is_failure(sample: Sample, kind: str, outcome: Outcome, base: Baseline, mutant: Path) -> str:
    """Return why this outcome breaks the rules ("" when it does not)."""
    if outcome.verdict in ("traceback", "multi_line"):
        return outcome.verdict
    if expects_byte_offset(sample, mutant) and "byte offset" not in outcome.message:
        return "bad byte not refused with its offset"
    if base.content is None or not sample.is_list:
        return ""
    if kind in TRUNCATIONS and outcome.verdict == "changed":
        return "truncated file accepted"
    if kind in DUPLICATIONS and outcome.verdict == "changed":
        if repeats_element_text(base.fuzzed(sample), mutant):
            return ""  # a text's line written twice is an edit of that text, not damage
        return "duplicated file accepted"
    return ""


def repeats_element_text(sample: Sample, mutant: Path) -> bool:
    """Return True when the mutant of an XML sample repeats a line of an element's text.

    A line without markup inside a text that spans lines (a UK statement of reasons) is
    part of that text only: written twice, it is a different text that no reader can tell
    from a publisher's edit. A repeated line of CSV or of markup is damage to be refused.
    """
    mutants = sorted(p for p in mutant.iterdir() if p.is_file()) if mutant.is_dir() else [mutant]
    for original, changed in zip(sample.files, mutants, strict=True):
        before, after = original.read_bytes(), changed.read_bytes()
        if before == after:
            continue
        if not before.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return False
        old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
        if len(new) != len(old) + 1:
            return False
        at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
        return b"<" not in new[at] and b">" not in new[at] and bool(new[at].strip())
    return False
