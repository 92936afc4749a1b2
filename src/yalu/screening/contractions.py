"""Company names contracted into one word from the starts of their words.

Spanish-speaking companies, and OFAC's listings of them, often go by a word made of the
first letters of each word of the full name: `PROFUTCOL` for `PROMESAS DEL FUTBOL
COLOMBIANO`, `COPETE` for `COLOMBO PERUANA DE TEJIDOS`, `INPESCA` for `INDUSTRIA DE PESCA
SOBRE EL PACIFICO`. Such a word shares no word with the name, so neither retrieval nor
name similarity can find it. `ContractionIndex` finds the names a one-word query contracts:
the query is the starts of the name's words in order, from its first word, joining words
and legal forms left out. One word in the middle and any words at the end may be left out
(`SOCOVALLE` for `SOCIEDAD CONSTRUCTORA Y ADMINISTRADORA DEL VALLE`).

A contraction is evidence, not proof: many names contract to one short word. It scores
`CONTRACTION_SIMILARITY`, below the default threshold, so the candidate is shown for review
and not reported as a match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from yalu.screening.forms import JOINING_WORDS
from yalu.screening.normalize import COMPANY_WORDS, normalize_name, split_words

CONTRACTION_SIMILARITY = 0.7
"""Name similarity of a contraction: ranked above weak partial matches, never a match."""
MIN_LENGTH = 5
"""Shorter words are acronyms (`forms.acronyms`) or ordinary words."""
MIN_PART = 2
"""Each word contributes at least this many letters (`CO`, `PE`, `TE`)."""
KEY_LENGTH = 4
"""Names are retrieved by the first letters a contraction of them can start with."""
MAX_MIDDLE_SKIPS = 1
"""Words of the name a contraction may leave out between two it uses (`ADMINISTRADORA`)."""
_LEFT_OUT = JOINING_WORDS | COMPANY_WORDS


def content_words(name: str) -> tuple[str, ...]:
    """Return a name's words without joining words and legal forms, in order."""
    words = split_words(normalize_name(name))  # `S.A.` is one word, `sa`
    return tuple(w for w in words if w.isascii() and w.isalpha() and w not in _LEFT_OUT)


def query_word(name: str) -> str | None:
    """Return the one word a query holds besides legal forms, if it may be a contraction."""
    words = content_words(name)
    if len(words) != 1 or len(words[0]) < MIN_LENGTH:
        return None
    return words[0]


def _starts(words: Sequence[str]) -> set[str]:
    """Return the first `KEY_LENGTH` letters any contraction of `words` can have."""
    found: set[str] = set()
    first = words[0]
    for size in range(MIN_PART, min(len(first), KEY_LENGTH) + 1):
        head = first[:size]
        if size == KEY_LENGTH:
            found.add(head)
            continue
        for skip in range(MAX_MIDDLE_SKIPS + 1):
            if 1 + skip < len(words):
                found.add((head + words[1 + skip])[:KEY_LENGTH])
    return found


@lru_cache(maxsize=65536)
def contracts(word: str, words: tuple[str, ...]) -> bool:
    """Return True when `word` is made of the starts of `words`, as the module describes.

    Args:
        word: one lower-case word, e.g. "profutcol".
        words: a name's content words (`content_words`), e.g. ("promesas", "futbol",
            "colombiano").
    """
    if len(words) < 2 or word == words[0]:
        return False

    def rest(at: int, index: int, used: int, skips: int) -> bool:
        if at == len(word):
            return used >= 2
        if index >= len(words):
            return False
        current = words[index]
        size = MIN_PART
        while size <= len(current) and at + size <= len(word):
            if word[at : at + size] != current[:size]:
                break
            if rest(at + size, index + 1, used + 1, skips):
                return True
            size += 1
        if used and skips < MAX_MIDDLE_SKIPS:
            return rest(at, index + 1, used, skips + 1)
        return False

    return rest(0, 0, 0, 0)


class ContractionIndex:
    """Organisation names by the first letters their contractions can start with."""

    def __init__(self, names: Iterable[tuple[int, str]]):
        """Index `(entity position, name)` pairs; names of one content word are left out."""
        keyed: defaultdict[str, list[tuple[int, str, tuple[str, ...]]]] = defaultdict(list)
        for entity, name in names:
            words = content_words(name)
            if len(words) >= 2:
                for key in _starts(words):
                    keyed[key].append((entity, name, words))
        self.keyed = {k: tuple(v) for k, v in keyed.items()}

    def find(self, word: str) -> list[tuple[int, str]]:
        """Return (entity position, name) for each name that `word` contracts."""
        return [
            (entity, name)
            for entity, name, words in self.keyed.get(word[:KEY_LENGTH], ())
            if contracts(word, words)
        ]
