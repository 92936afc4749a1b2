"""Read the fenced blocks of a Markdown file and their directives; put new contents back.

Every line outside the blocks that change is left as it was.

A directive comment sits just before the block it prepares (blank lines may separate them);
one directive per line::

    <!-- docs: setup yalu lists load tests/fixtures/screening/un_three.xml -->
    <!-- docs:
    port 8765
    background yalu serve --port 8765
    -->

`file NAME` takes the rest of its comment as the file's content, or, with nothing after it,
the content of the block it stands before. A block is skipped (not run) when the line just
before it, or before its directives, is a visible note that starts with
``*Not run by `make docs`:`` and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^`\s]*)[ \t]*$")
DIRECTIVE_OPEN = "<!-- docs:"
DIRECTIVE_CLOSE = "-->"
SKIP_NOTE = re.compile(r"^\s*\*Not run by `make docs`: (?P<reason>.+?)\*\s*$")
PROMPT = "$ "
ELISION = "..."


class MarkdownError(ValueError):
    """A directive or a console block that the runner cannot read."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line


@dataclass(frozen=True)
class Directive:
    """One `verb argument` line of a `<!-- docs: ... -->` comment (`body`: `file`'s content)."""

    verb: str
    argument: str
    line: int
    body: str | None = None


@dataclass(frozen=True)
class Command:
    """One `$ ` command of a console block, continuation lines included, and its output."""

    text: str
    output: tuple[str, ...]
    line: int


@dataclass
class Block:
    """One fenced block: where it is, what it holds, and what prepares it."""

    info: str
    indent: str
    first: int  # index of the first content line (the line after the opening fence)
    last: int  # index of the closing fence
    content: list[str]
    directives: list[Directive] = field(default_factory=list)
    skip_reason: str | None = None

    @property
    def is_console(self) -> bool:
        """Return whether the block is a transcript (```console)."""
        return self.info == "console"

    @property
    def line(self) -> int:
        """Return the 1-based line number of the opening fence."""
        return self.first


def read_blocks(lines: list[str]) -> list[Block]:
    """Return every fenced block of a document, with the directives that precede it."""
    blocks: list[Block] = []
    pending: list[Directive] = []
    skip_reason: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = FENCE.match(line)
        if line.strip().startswith(DIRECTIVE_OPEN):
            directives, index = _read_directive_comment(lines, index)
            pending.extend(directives)
            continue
        if opening:
            block, index = _read_block(lines, index, opening)
            block.directives, block.skip_reason = pending, skip_reason
            blocks.append(block)
            pending, skip_reason = [], None
            continue
        note = SKIP_NOTE.match(line)
        if note:
            skip_reason = note.group("reason")
        elif line.strip():
            if pending:
                raise MarkdownError(pending[0].line, "a docs directive is not followed by a block")
            skip_reason = None
        index += 1
    if pending:
        raise MarkdownError(pending[0].line, "a docs directive is not followed by a block")
    return blocks


def _read_directive_comment(lines: list[str], index: int) -> tuple[list[Directive], int]:
    start = index
    text = lines[index].strip()[len(DIRECTIVE_OPEN) :]
    body_lines: list[tuple[int, str]] = []
    while True:
        closed = text.rstrip().endswith(DIRECTIVE_CLOSE)
        if closed:
            text = text.rstrip()[: -len(DIRECTIVE_CLOSE)]
        body_lines.append((index + 1, text))
        index += 1
        if closed:
            break
        if index >= len(lines):
            raise MarkdownError(start + 1, "a `<!-- docs:` comment is never closed by `-->`")
        text = lines[index]
    directives: list[Directive] = []
    for position, (number, raw) in enumerate(body_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        verb, _, argument = stripped.partition(" ")
        if verb == "file":
            rest = [text for _, text in body_lines[position + 1 :]]
            body = "\n".join(rest).strip("\n")
            content = body + "\n" if body else None
            directives.append(Directive(verb, argument.strip(), number, content))
            break
        directives.append(Directive(verb, argument.strip(), number))
    return directives, index


def _read_block(lines: list[str], index: int, opening: re.Match[str]) -> tuple[Block, int]:
    indent, fence = opening.group("indent"), opening.group("fence")
    closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    end = index + 1
    while end < len(lines) and not closing.match(lines[end]):
        end += 1
    if end >= len(lines):
        raise MarkdownError(index + 1, f"the block opened by {fence} is never closed")
    content = [_dedent(line, indent) for line in lines[index + 1 : end]]
    block = Block(opening.group("info"), indent, index + 1, end, content)
    return block, end + 1


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def read_commands(block: Block) -> list[Command]:
    """Split a console block into its `$ ` commands and the output printed under each."""
    commands: list[Command] = []
    lines = block.content
    index = 0
    if lines and not lines[0].startswith(PROMPT.rstrip()):
        raise MarkdownError(block.first + 1, "a console block must start with a `$ ` command")
    while index < len(lines):
        start = index
        text = lines[index][len(PROMPT) :]
        while _continues(text):
            index += 1
            if index >= len(lines):
                raise MarkdownError(block.first + start + 1, "the command's quote is never closed")
            text += "\n" + lines[index]
        index += 1
        output_start = index
        while index < len(lines) and not lines[index].startswith(PROMPT):
            index += 1
        commands.append(Command(text, tuple(lines[output_start:index]), block.first + start + 1))
    return commands


def _continues(text: str) -> bool:
    """Return whether a shell command goes on on the next line (open quote, trailing backslash)."""
    quote = ""
    escaped = False
    at_word_start = True
    index = 0
    while index < len(text):
        character = text[index]
        if escaped:
            escaped = False
        elif quote == "'":
            quote = "" if character == "'" else quote
        elif character == "\\":
            escaped = True
        elif quote == '"':
            quote = "" if character == '"' else quote
        elif character in "'\"":
            quote = character
        elif character == "#" and at_word_start:  # a comment runs to the end of its line
            newline = text.find("\n", index)
            if newline < 0:
                return False
            index = newline
            continue
        at_word_start = not quote and not escaped and character in " \t\n;|&("
        index += 1
    return bool(quote) or escaped


def render_console(commands: list[tuple[str, list[str]]]) -> list[str]:
    """Return the lines of a console block: each `$ ` command, then its output."""
    lines: list[str] = []
    for text, output in commands:
        lines.extend((PROMPT + text).split("\n"))
        lines.extend(output)
    return lines


def replace_blocks(
    lines: list[str], replacements: dict[int, list[str]], blocks: list[Block]
) -> str:
    """Return the document with the content of some blocks (by `first` line) replaced."""
    result: list[str] = []
    cursor = 0
    for block in blocks:
        new = replacements.get(block.first)
        if new is None:
            continue
        result.extend(lines[cursor : block.first])
        result.extend(block.indent + line if line else "" for line in new)
        cursor = block.last
    result.extend(lines[cursor:])
    return "\n".join(result)
