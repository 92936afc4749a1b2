"""Compare documented and real outputs modulo their volatile parts; shape real ones like docs.

A real output is written back in the shape of the documented one (its `...` elisions kept).

Volatile parts (`--check` compares them as placeholders; `--write` keeps them as they came):
times of day and timestamps, durations, ages in days, temporary folders, absolute paths to
the repository and to `../shared` (both differ between checkouts), process ids, client ports,
full SHA-256 digests, API keys and their ids, text cut by a table (`…`), and the width of
table columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from .markdown import ELISION

# Order matters: paths before timestamps (a folder name may hold digits), cut text last.
VOLATILE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\S*yalu-docs-[A-Za-z0-9_]+"), "<SANDBOX>"),
    (re.compile(r"(?<![\w.~])/(?:[^\s/'\"`]+/)*?(?=shared/data/)"), "<ROOT>/"),
    (
        re.compile(r"(?<![\w.~])/(?:[^\s/'\"`]+/)*?(?=(?:tests|docs|src|scripts|benchmarks)/)"),
        "<REPO>/",
    ),
    (
        re.compile(
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2}|\s?UTC)?"
        ),
        "<TIME>",
    ),
    (re.compile(r"\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b"), "<TIME>"),
    (re.compile(r"\b(loaded:? )\d{4}-\d{2}-\d{2}\b"), r"\1<DATE>"),
    (re.compile(r'("age_days": ?)\d+'), r"\1<AGE>"),
    (re.compile(r"\b\d[\d,]*(?:\.\d+)?\s?(?:ms|s|seconds?|min)\b"), "<DURATION>"),
    (re.compile(r"\(\d[\d,]* days?\)|\b\d[\d,]* days? ago\b"), "<AGE>"),
    (re.compile(r"(process \[|pid[ =:]?)\d+"), r"\1<PID>"),
    (re.compile(r"\b((?:127\.0\.0\.1|localhost):)\d{5}\b"), r"\1<PORT>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<DIGEST>"),
    (re.compile(r"\byalu_[0-9a-f]{12}_[A-Za-z0-9_-]+"), "<KEY>"),
    (re.compile(r"""(\bid |key_id"?: ?"?|│ )[0-9a-f]{12}(?=[ ."│]|$)"""), r"\1<KEY_ID>"),
    (re.compile(r"\S*…"), "…"),
    (re.compile(r"([━─═┅┄]){2,}"), r"\1"),
    (re.compile(r"[ \t]+"), " "),
)


def normalise(line: str, extra: Sequence[re.Pattern[str]] = ()) -> str:
    """Return a line with its volatile parts replaced by placeholders."""
    for pattern in extra:
        line = pattern.sub("<VOLATILE>", line)
    for pattern, placeholder in VOLATILE:
        line = pattern.sub(placeholder, line)
    return line.strip()


def normalise_all(lines: Iterable[str], extra: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """Return every line normalised, without the blank lines at the end."""
    result = [normalise(line, extra) for line in lines]
    while result and not result[-1]:
        result.pop()
    return result


def shape_like(
    documented: Sequence[str], actual: Sequence[str], extra: Sequence[re.Pattern[str]] = ()
) -> list[str]:
    """Return the actual output, with the documented output's `...` elisions kept.

    Each `...` line of the documented output stands for the actual lines that fall between
    the documented lines around it; the documented lines are found in the actual output by
    their normalised text. Lines that are new elsewhere are kept, lines gone are dropped.
    """
    actual = _without_trailing_blanks([line.rstrip() for line in actual])
    if not any(line.strip() == ELISION for line in documented):
        return actual
    literal: list[str] = []
    gaps: set[int] = set()
    for line in documented:
        if line.strip() == ELISION:
            gaps.add(len(literal))
        else:
            literal.append(line)
    matcher = SequenceMatcher(
        None, normalise_all(literal, extra), [normalise(line, extra) for line in actual],
        autojunk=False,
    )  # fmt: skip
    shaped: list[str] = []
    emitted: set[int] = set()

    def elide(position: int) -> None:
        if position in gaps and position not in emitted:
            shaped.append(ELISION)
            emitted.add(position)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                elide(i1 + offset)
                shaped.append(actual[j1 + offset])
        elif tag == "insert" and i1 in gaps:
            elide(i1)
        elif tag == "insert":
            shaped.extend(actual[j1:j2])
        elif tag == "delete":
            for position in range(i1, i2):
                elide(position)
        else:  # replace
            elide(i1)
            shaped.extend(actual[j1:j2])
            for position in range(i1 + 1, i2):
                elide(position)
    elide(len(literal))
    return shaped


def _without_trailing_blanks(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def same_output(
    documented: Sequence[str], shaped: Sequence[str], extra: Sequence[re.Pattern[str]] = ()
) -> bool:
    """Return whether two outputs are the same but for their volatile parts.

    A table is compared by its text alone, without borders or spaces, so that a cell wrapped
    at another point (a path longer in another checkout) or a column of another width is the
    same table.
    """
    return _comparable(documented, extra) == _comparable(shaped, extra)


# In a table joined without spaces, a path cut by a wrap and joined again.
JOINED_PATH = re.compile(r"/(?:[^\s/]+/)*?(?=shared/data/|(?:tests|docs|src)/)")
TABLE_LINE = re.compile(r"^\s*[┏┃┡│├└╭╰┗┣╇╋┼]")
TABLE_BORDERS = re.compile(r"[\s┏┓┗┛┃━┡┩╇┳┻╋┣┫│─├┤└┘┌┐┼┬┴╭╮╰╯═]+")


def _comparable(lines: Sequence[str], extra: Sequence[re.Pattern[str]]) -> list[str]:
    result: list[str] = []
    table: list[str] = []
    for line in [*lines, ""]:
        if TABLE_LINE.match(line):
            table.append(TABLE_BORDERS.sub("", normalise(line, extra)))
            continue
        if table:
            result.append(JOINED_PATH.sub("<ROOT>/", "".join(table)))
            table = []
        result.append(normalise(line, extra))
    while result and not result[-1]:
        result.pop()
    return result
