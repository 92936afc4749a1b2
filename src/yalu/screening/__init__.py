"""Screen names against sanctions lists, across scripts and romanizations, with reasons.

`ScreeningIndex.build(entities)` indexes list entities (from `yalu.formats`); `screen`
returns scored, explained `Match`es for a `Query`. Korean and Chinese names match whatever
their romanization (McCune-Reischauer, the DPRK system, Revised Romanization, pinyin,
Wade-Giles), hyphenation, word order or script (hangul, hanzi); see
docs/explanation/matching.md.
"""

from yalu.screening.compiled import use_sources_when_stale

use_sources_when_stale()  # before any compiled module is imported

from yalu.screening.normalize import normalize_name  # noqa: E402
from yalu.screening.romanize import name_keys, phonetic_key  # noqa: E402
from yalu.screening.score import DEFAULT_THRESHOLD, score_names  # noqa: E402
from yalu.screening.search import ScreeningIndex  # noqa: E402

__all__ = [
    "DEFAULT_THRESHOLD",
    "ScreeningIndex",
    "name_keys",
    "normalize_name",
    "phonetic_key",
    "score_names",
]
