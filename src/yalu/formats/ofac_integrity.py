"""Check that an OFAC legacy CSV set is whole: complete files of one generation.

OFAC's files carry no count or checksum inside them, but a whole set is recognisable:

- every record ends with a line break (CRLF), so a file that stops mid-record is cut short;
- OFAC ends the primary, alt and add files with the DOS end-of-file byte 0x1A (`sdn.csv`,
  `alt.csv`, `add.csv`, and every `cons_*` file; the 2021 `sdn_comments.csv` has none): in a
  set where some of those files end with it, one that does not was cut at a line boundary;
- every alt, add and comments row belongs to an entry of the primary file, so a row whose
  `ent_num` is missing there means the primary file lost lines (or the files come from two
  different days);
- `alt_num` and `add_num` number each alias and address once, so a repeated number is a
  repeated line (and a comments row never repeats another);
- Remarks longer than 1,000 characters are cut there and continue in the comments file, so
  a Remarks cell of exactly 1,000 characters with no continuation means the comments file
  lost lines.

Text is UTF-8, else Windows-1252 (OFAC's older exports), decoded strictly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from yalu.core.errors import ListFormatError
from yalu.formats.input_file import decode_text, read_bytes

END_MARK = b"\x1a"
"""The DOS end-of-file byte OFAC writes after the last record."""

REMARKS_CUT = 1000
"""Characters of Remarks kept in the primary file; the rest go to the comments file."""

LEGACY_ENCODING = "cp1252"
"""What OFAC's files are when they are not UTF-8."""

WHOLE_SET_HINT = "Download the whole set again (all files of the same day)"


@dataclass(frozen=True, slots=True)
class OfacFile:
    """One file of a set, decoded, with the end-of-file byte removed.

    Attributes:
        has_end_mark: the file ended with 0x1A (before any trailing NUL bytes).
    """

    path: Path
    text: str
    has_end_mark: bool


def read_ofac_file(path: Path) -> OfacFile:
    """Read one file of a set strictly; refuse it when its last record has no line break.

    Raises:
        InputError: the path is missing or unreadable.
        ListFormatError: the file is empty, is not UTF-8 or Windows-1252 text, or ends in
            the middle of a record.
    """
    data = read_bytes(path)
    has_end_mark = data.rstrip(b"\x00").endswith(END_MARK)
    text = decode_text(data, path, legacy=LEGACY_ENCODING).rstrip("\x1a\x00")
    if not text.endswith("\n"):
        raise ListFormatError(
            "the file ends in the middle of a record (no line break after the last one)",
            path=path,
            line=text.count("\n") + 1,
            hint="The download was cut short; download it again",
        )
    return OfacFile(path, text, has_end_mark)


def check_end_marks(files: Sequence[OfacFile]) -> None:
    """Refuse a set where some of the primary, alt and add files end with 0x1A and one not.

    Args:
        files: the primary, alt and add files present (not the comments file).

    Raises:
        ListFormatError: naming the file without the mark.
    """
    marked = [file for file in files if file.has_end_mark]
    if not marked or len(marked) == len(files):
        return
    for file in files:
        if not file.has_end_mark:
            raise ListFormatError(
                f"the file does not end with OFAC's end-of-file byte 0x1A, though "
                f"{marked[0].path.name} does: it was cut short",
                path=file.path,
                line=file.text.count("\n") + 1,
                hint=WHOLE_SET_HINT,
            )


def check_references(
    rows: Iterable[tuple[int, list[str]]], path: Path, primary: Path, known: set[str]
) -> None:
    """Refuse a sibling row whose ent_num is not an entry of the primary file.

    Raises:
        ListFormatError: naming the sibling's line.
    """
    for line, cells in rows:
        if cells[0].strip() not in known:
            raise ListFormatError(
                f"ent_num {cells[0].strip()} is not an entry of {primary.name}: "
                f"{primary.name} lost lines, or the files come from different days",
                path=path,
                line=line,
                hint=WHOLE_SET_HINT,
            )


def check_unique_numbers(rows: Iterable[tuple[int, list[str]]], path: Path, column: str) -> None:
    """Refuse a repeated alt_num or add_num (the second cell of alt and add rows).

    Raises:
        ListFormatError: naming the line that repeats an earlier one.
    """
    seen: dict[str, int] = {}
    for line, cells in rows:
        number = cells[1].strip()
        if number in seen:
            raise ListFormatError(
                f"{column} {number} repeats line {seen[number]}: the file repeats a record",
                path=path,
                line=line,
                hint=WHOLE_SET_HINT,
            )
        seen[number] = line


def check_unique_rows(rows: Iterable[tuple[int, list[str]]], path: Path) -> None:
    """Refuse a comments row that repeats an earlier one exactly (a repeated line).

    Raises:
        ListFormatError: naming the line that repeats an earlier one.
    """
    seen: dict[tuple[str, ...], int] = {}
    for line, cells in rows:
        key = tuple(cell.strip() for cell in cells)
        if key in seen:
            raise ListFormatError(
                f"the row repeats line {seen[key]}: the file repeats a record",
                path=path,
                line=line,
                hint=WHOLE_SET_HINT,
            )
        seen[key] = line


def check_continuations(
    rows: Iterable[tuple[int, list[str]]], primary: Path, comments: Path, continued: set[str]
) -> None:
    """Refuse Remarks cut at 1,000 characters that the comments file does not continue.

    Args:
        rows: the primary file's records.
        primary: the primary file, for messages.
        comments: the comments file (present).
        continued: the ent_nums the comments file continues.

    Raises:
        ListFormatError: naming the primary line whose Remarks stop short.
    """
    for line, cells in rows:
        ent_num = cells[0].strip()
        if len(cells[11]) == REMARKS_CUT and ent_num not in continued:
            raise ListFormatError(
                f"the Remarks of entry {ent_num} stop at {REMARKS_CUT:,} characters but "
                f"{comments.name} does not continue them: {comments.name} was cut short",
                path=primary,
                line=line,
                hint=WHOLE_SET_HINT,
            )
