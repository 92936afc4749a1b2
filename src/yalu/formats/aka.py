"""Split the aliases that a list writes inside one name cell.

US lists print some aliases in the name itself: `PEARL (A.K.A. NEI-CHIEN CHU) LI`,
`Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)`, `Chitron Electronics Company
Ltd., a.k.a. Chi-Chung Electronics Company Ltd.`, `FUYI SUN A/K/A FRANK SUN`. Left whole,
such a name holds a word `aka` and two people's words at once. A bracketed description
that ends a cell, `(DPRK individual)`, `(PRC entity)`, says who the party is, not what it is
called: it is dropped, or `Ri Sung Chol` would no longer read as a Korean name.
"""

from __future__ import annotations

import re

_DOTTED = r"(?:a\.\s?k\.\s?a\.?|a/k/a)"
_MARK = rf"(?:{_DOTTED}|aka),?\s+"
_BRACKETED = re.compile(r"\(\s*" + _MARK, re.IGNORECASE)
# Outside brackets a bare `aka` may be a word of the name (`Alaka Aka Oil`): only after a
# comma, or dotted or slashed.
_INLINE = re.compile(rf"(?:,\s*{_MARK}|\s+{_DOTTED},?\s+)", re.IGNORECASE)
_DESCRIPTION = re.compile(r"\s*\([^()]*\b(?:individual|entity)\)\s*$", re.IGNORECASE)


def split_aka(name: str) -> list[str]:
    """Return the names one cell holds: the name without its aliases, then each alias.

    `X (a.k.a. Y) Z` gives `X Z` and `Y` (brackets inside `Y` kept); `X, a.k.a. Y` and
    `X A/K/A Y` give `X` and `Y`. A cell without such a mark, or with a bracket left
    open, is one name. Spaces are tidied; nothing else changes.
    """
    if match := _BRACKETED.search(name):
        depth, end = 1, match.end()
        while end < len(name) and depth:
            depth += {"(": 1, ")": -1}.get(name[end], 0)
            end += 1
        alias, rest = name[match.end() : end - 1], f"{name[: match.start()]} {name[end:]}"
        if depth == 0 and alias.strip() and rest.strip():
            return [*split_aka(rest), *split_aka(alias)]
        return [_tidy(name)]
    parts = [_tidy(part) for part in _INLINE.split(name)]
    return [part for part in parts if part] or [_tidy(name)]


def _tidy(name: str) -> str:
    """Return a name tidied: one space between words, no edge commas, no description.

    The description is a bracketed one that ends the name (see the module docstring).
    """
    return " ".join(_DESCRIPTION.sub("", name).split()).strip(" ,")
