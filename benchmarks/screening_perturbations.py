"""Perturbation and typo sets for the screening benchmark, built with seeds of our own.

Like `screening_cases.py`, this module never imports yalu's matcher, so the sets are not
shaped by it:

(d) perturbations: the perturbation classes of the PyPI package
    `sanctions-screening-benchmark` (module `ssb.perturb`, MIT licence, version 0.1.0),
    applied to the primary names of list entities drawn with our seed. The package's own
    functions make every variant (its `seed` argument is ours); we only choose the names
    and draw `per_class` cases per class. Classes that yield fewer variants than asked
    (`diacritics_expand` needs umlauts, `translit` needs names of its clusters) are kept
    with the count they have and reported as such.
(e) Korean and Chinese typos: one realistic keying error (a QWERTY neighbour, two letters
    swapped, a letter dropped or doubled) in one word of three letters or more of a DPRK
    person's or Chinese person's listed name, chosen with our seed (`ko_typo`, `zh_typo`).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from screening_cases import Case, Key, chinese_parts, korean_parts, pinyin_syllables, plain
from yalu.models.screening import Entity

QWERTY_NEIGHBOURS = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "ol", "a": "qsz", "s": "awdx", "d": "sefc", "f": "drgv",
    "g": "fthb", "h": "gyjn", "j": "hukm", "k": "jil", "l": "kop", "z": "asx", "x": "zsdc",
    "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}  # fmt: skip
"""Keys next to each other on a QWERTY keyboard."""


def perturbation_classes() -> dict[str, object]:
    """Return the package's perturbation classes by name (its REGISTRY), or {} if missing."""
    try:
        from ssb.perturb import REGISTRY
    except ImportError:
        return {}
    return dict(REGISTRY)


def add_perturbations(
    entities: Sequence[Entity],
    rng: random.Random,
    names: dict[str, set[Key]],
    per_class: int,
    seed: int,
) -> list[Case]:
    """Return set (d): `per_class` perturbed primary names per class, as cases.

    Args:
        entities: every entity of every list.
        rng: our random generator (chooses the names).
        names: plain name -> the entities listing it (`screening_cases.holders`).
        per_class: cases per class at most.
        seed: passed to the package's perturbation functions.
    """
    classes = perturbation_classes()
    pool = [e for e in entities if e.names and len(plain(e.names[0])) >= 4]
    order = rng.sample(pool, len(pool))
    cases: list[Case] = []
    for name in sorted(classes):
        perturb = classes[name].fn  # type: ignore[attr-defined]
        chosen: list[Case] = []
        for entity in order:
            if len(chosen) >= per_class:
                break
            source = entity.names[0]
            variants = perturb(source, seed)
            if not variants:
                continue
            query = variants[rng.randrange(len(variants))]
            if not any(ch.isalnum() for ch in query):
                continue
            group = frozenset(k for n in entity.names for k in names[plain(n)])
            chosen.append(Case("perturbed", name, query, group))
        cases.extend(chosen)
    return cases


def typo(rng: random.Random, word: str) -> str:
    """Return `word` with one keying error at a random place (letters only)."""
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    kind = rng.choice(["neighbour", "swap", "drop", "double"])
    i = rng.choice(letters)
    if kind == "swap" and i + 1 < len(word) and word[i + 1].isalpha() and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[: i + 1] + word[i] + word[i + 1 :]
    near = QWERTY_NEIGHBOURS.get(word[i].lower(), "")
    if not near:
        return word[:i] + word[i + 1 :]
    replacement = rng.choice(near)
    return word[:i] + (replacement.upper() if word[i].isupper() else replacement) + word[i + 1 :]


def add_typos(
    entities: Sequence[Entity],
    rng: random.Random,
    names: dict[str, set[Key]],
    per_kind: int,
) -> list[Case]:
    """Return set (e): Korean and Chinese listed names with one typo in one word."""
    syllables = pinyin_syllables()
    pools: dict[str, list[Case]] = defaultdict(list)
    for entity in entities:
        group = frozenset(k for n in entity.names for k in names[plain(n)])
        for kind, parts in (
            ("ko_typo", korean_parts(entity)),
            ("zh_typo", chinese_parts(entity, syllables)),
        ):
            for _, _, name in parts:
                words = name.split()
                long_words = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 3]
                if not long_words:
                    continue
                i = rng.choice(long_words)
                changed = typo(rng, words[i])
                if changed.casefold() == words[i].casefold():
                    continue
                query = " ".join([*words[:i], changed, *words[i + 1 :]])
                pools[kind].append(Case("variants", kind, query, group))
    cases = []
    for kind in sorted(pools):
        cases.extend(rng.sample(pools[kind], min(per_kind, len(pools[kind]))))
    return cases
