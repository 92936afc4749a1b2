"""KeyIndex: the inverted index from phonetic keys to list names that retrieval uses.

Every key of every name, and every pair of adjacent keys run together (`Jong Un` →
`jongun`), maps to the names holding it. A query key also reaches keys one edit away
through a deletion neighbourhood (SymSpell-style: each indexed key of five letters or more
is stored under each of its one-letter deletions), and a key of five letters or more also
reaches keys with its consonants in the same order (`zoeiter` ~ `zeaeter`: Arabic and
Persian names transliterated with other vowels), which `score.token_similarity` credits.
Keys held by more than `frequent_cap` names (`kim`, `korea`, `trading`) only re-rank
candidates found through rarer keys.

Typos reach their names too (`score.typo_similarity` credits them): keys of three or four
letters that no list holds reach their deletion neighbourhoods as well (`Hea` reaches
`Hae`, at `SHORT_FUZZY_FACTOR`); a query word that no list holds, with two adjacent
letters swapped, is looked up swapped back (`Jnog` → `Jong`, whose key is two edits from
`Jnog`'s); in a syllabic name a syllable-final `g` is looked up as `ng` too (`Jog` →
`Jong`, `ng_variants`); and a word written without its inner vowels (`Rynbng`, `Gvts`) is
looked up by its consonants, after the key's spelling rules (`romanize.consonant_key`) and
as written (`romanize.inner_vowels_dropped`: `Gaviotas` is indexed under `gvts` too), and
weighs as the names it may stand for (`KeyIndex.word_weight`). The last key of a name,
when no list holds it, also reaches the longer keys it starts (`KeyIndex.completions`): a
name cut short by a fixed-width field (`Vladimiro` → `Vladimirovich`). In a syllabic
name, a query word is also looked up by its typos as written among the names that hold
every other word of the query (`KeyIndex.rest_agreeing_typos`: `Kim Jun Chol` reaches
KIM Mun Chol, though `Jun` is a listed syllable and `Kim` and `Chol` only re-rank).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from yalu.screening.romanize import consonant_key, inner_vowels_dropped, phonetic_key
from yalu.screening.score import (
    FUZZY_MIN_LENGTH,
    TRUNCATED_MIN_LENGTH,
    TYPO_MIN_LENGTH,
    IndexedName,
    consonants,
    has_no_inner_vowel,
    is_syllabic,
    key_weight,
    ocr_read,
    swapped_keys,
)

RARE_POSTINGS = 4
"""The names holding a query's rarest word are always scored when at most this many do."""
REST_AGREEING_SCORED = 4
"""The best names of `KeyIndex.rest_agreeing_typos` always scored, at most this many."""
FUZZY_FACTOR = 0.7
"""Retrieval credit of a key one edit away, relative to an exact key."""
VOWEL_FREE_FACTOR = 0.5
"""Retrieval credit of a key with the same consonants only, relative to an exact key."""
SHORT_FUZZY_FACTOR = 0.5
"""The same for keys shorter than `score.FUZZY_MIN_LENGTH`, one typo apart."""
TRUNCATED_TERMS = 20
"""A name's last key reaches at most this many longer keys it starts (a name cut short)."""
VOWEL_FREE_MIN_CONSONANTS = 3
"""Skeletons shorter than this (`ali` → `al`) reach too many names to retrieve by."""


def deletions(key: str) -> set[str]:
    """Return every string obtained by deleting one letter of `key`."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def deletion_neighbours(terms: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Return, for each one-letter deletion of a term of `TYPO_MIN_LENGTH` or more, the terms."""
    neighbours: defaultdict[str, list[str]] = defaultdict(list)
    for term in terms:
        if len(term) >= TYPO_MIN_LENGTH:
            for variant in deletions(term):
                neighbours[variant].append(term)
    return {variant: tuple(found) for variant, found in neighbours.items()}


def _started(ordered: Sequence[str], prefix: str, longer_by: int) -> Iterator[str]:
    """Yield, in order, the strings of `ordered` (sorted) that `prefix` starts.

    Only those `longer_by` letters longer than `prefix` or more.
    """
    for position in range(bisect.bisect_left(ordered, prefix), len(ordered)):
        item = ordered[position]
        if not item.startswith(prefix):
            return
        if len(item) >= len(prefix) + longer_by:
            yield item


def typo_variants(word: str) -> set[str]:
    """Return the keys of a word with one typo undone.

    Each pair of adjacent letters swapped back, and the letters OCR confuses read as one
    (`score.ocr_read`: `Kirn` is `Kim`).
    """
    if len(word) < TYPO_MIN_LENGTH or not word.isalpha():
        return set()
    return {*swapped_keys(word), phonetic_key(ocr_read(word))}


_SYLLABLE_FINAL_G = re.compile(r"(?<=[aeiou])g(?![aeiou])")


def ng_variants(word: str) -> set[str]:
    """Return the keys of a word with one syllable-final `g` read as `ng` (`Jog` → `Jong`).

    No Korean or Chinese syllable ends in a `g` alone, so in a syllabic name one is the
    `ng` of `Jong` or `Sheng` with its `n` dropped (`Shusheg`); the key's spelling rules
    read such a `g` as a final `k` (`chok`), two edits from `chong`.
    """
    return {
        phonetic_key(word[: found.start()] + "n" + word[found.start() :])
        for found in _SYLLABLE_FINAL_G.finditer(word)
    }


def is_vowel_dropped(word: str) -> bool:
    """Return True for a word written without its inner vowels.

    Three letters or more with no vowel but at its ends (`Mhmmd`, `Yhya`, `Slh` for
    `Saleh`, `Rz'i` for `Reza'i`), as `score.typo_similarity` compares them.
    """
    return word.isalpha() and has_no_inner_vowel(word)


def _vowel_free(key: str) -> str:
    """Return a key's consonant skeleton to retrieve by, or "" for a short key."""
    if len(key) < FUZZY_MIN_LENGTH:
        return ""
    skeleton = consonants(key)
    return skeleton if len(skeleton) >= VOWEL_FREE_MIN_CONSONANTS else ""


class KeyIndex:
    """Inverted index from phonetic keys (and their joins) to name positions."""

    def __init__(
        self,
        names: Sequence[IndexedName] = (),
        document_frequency: dict[str, int] | None = None,
        name_count: int | None = None,
    ):
        """Index `names`; `document_frequency` counts the names holding each key.

        `name_count` is the number of names those counts are over (default: `names`).
        With no arguments, an empty index: compiled by mypyc, the class makes one to
        unpickle into.
        """
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            terms = set(name.keys)
            terms.update(name.joined)
            for term in terms:
                postings[term].append(position)
        self.postings: dict[str, tuple[int, ...]] = {t: tuple(p) for t, p in postings.items()}
        self.neighbours = deletion_neighbours(self.postings)
        vowel_free: defaultdict[str, set[int]] = defaultdict(set)
        for position, name in enumerate(names):
            for key in name.keys:
                if skeleton := _vowel_free(key):
                    vowel_free[skeleton].add(position)
        self.vowel_free: dict[str, tuple[int, ...]] = {
            k: tuple(sorted(p)) for k, p in vowel_free.items()
        }
        written: defaultdict[str, set[int]] = defaultdict(set)
        for position, name in enumerate(names):
            for word in name.words:
                shortened = inner_vowels_dropped(word)
                if shortened != word and len(shortened) >= VOWEL_FREE_MIN_CONSONANTS:
                    written[shortened].add(position)
        self.vowels_dropped: dict[str, tuple[int, ...]] = {
            k: tuple(sorted(p)) for k, p in written.items()
        }
        """Names by a word written without its inner vowels (`inner_vowels_dropped`)."""
        self.sorted_terms = sorted(self.postings)
        """Every indexed term in order, to find the keys a cut-short key starts."""
        self.index_written_words(names)
        self.index_syllabic_words(names)
        self.frequent_cap = max(300, len(names) // 100)
        self.frequent: dict[str, frozenset[int]] = {
            t: frozenset(p) for t, p in self.postings.items() if len(p) > self.frequent_cap
        }
        self.document_frequency = document_frequency or {}
        self.name_count = max(1, len(names) if name_count is None else name_count)
        bags: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            bags[tuple(sorted(name.keys))].append(position)
        self.bags: dict[tuple[str, ...], tuple[int, ...]] = {b: tuple(p) for b, p in bags.items()}
        """Names by their keys sorted: the names with a query's very keys, in any order."""
        self.lengths = bytes(min(len(name.keys), 255) for name in names)
        """Per name position: its number of words (at most 255)."""

    def index_syllabic_words(self, names: Sequence[IndexedName]) -> None:
        """Index the words of syllabic (Korean, Chinese) names as written, and deletions.

        Each word of three letters or more, under itself and each of its one-letter
        deletions, for `syllabic_typos`.
        """
        written: defaultdict[str, set[int]] = defaultdict(set)
        self.syllabic_terms: dict[int, frozenset[str]] = {}
        """Per syllabic name position: its keys and its words as written."""
        for position, name in enumerate(names):
            if name.words and is_syllabic(name.keys):
                self.syllabic_terms[position] = frozenset((*name.keys, *name.words))
                for word in name.words:
                    if len(word) >= TYPO_MIN_LENGTH:
                        written[word].add(position)
        self.syllabic_words: dict[str, tuple[int, ...]] = {
            w: tuple(sorted(p)) for w, p in written.items()
        }
        """Names of syllabic names by their words as written."""
        self.syllabic_neighbours = deletion_neighbours(self.syllabic_words)

    def syllabic_typos(self, word: str) -> set[str]:
        """Return the words of syllabic names one typo from `word` as written.

        The keys' spelling rules read a pinyin or Korean syllable by its neighbours
        (`Wenqing` keys as `wenching`, `Wenqng` as `wenkng`), so a typo there can put the
        keys three edits apart; written, the words are one letter apart (SymSpell-style).
        """
        near = set(self.syllabic_neighbours.get(word, ()))
        for variant in deletions(word):
            if variant in self.syllabic_words:
                near.add(variant)
            near.update(self.syllabic_neighbours.get(variant, ()))
        near.discard(word)
        return near

    def weight(self, key: str) -> float:
        """Return the weight of a key: its inverse document frequency, at least 1."""
        return key_weight(self.document_frequency.get(key, 0), self.name_count, key)

    def query_weights(self, keys: Sequence[str], words: Sequence[str]) -> tuple[float, ...]:
        """Return one weight per query key (`word_weight` when `words` align with `keys`)."""
        if len(words) != len(keys):
            return tuple(self.weight(key) for key in keys)
        return tuple(self.word_weight(key, word) for key, word in zip(keys, words, strict=True))

    def word_weight(self, key: str, word: str) -> float:
        """Return the weight of a query word: its key's, or for a vowel-less word, its names'.

        A word that no list holds, written without its vowels, weighs as the names it may
        stand for. `Mhmmd` is as common as `Muhammad`; weighed as a word no list holds, it
        would outweigh the rest of the name.
        """
        if key in self.postings or not is_vowel_dropped(word):
            return self.weight(key)
        names = len(set(self.vowel_dropped_postings(word)))
        return key_weight(names, self.name_count, key) if names else self.weight(key)

    def vowel_dropped_postings(self, word: str) -> tuple[int, ...]:
        """Return the names with a word that `word`, written without its vowels, may be.

        The same consonants after the key's spelling rules, or as written.
        """
        return (
            *self.vowel_free.get(consonant_key(word), ()),
            *self.vowels_dropped.get(inner_vowels_dropped(word), ()),
        )

    def expand(self, term: str) -> list[tuple[str, float]]:
        """Return indexed terms equal to or one edit from `term`, with retrieval credit."""
        found = [(term, 1.0)] if term in self.postings else []
        if len(term) < TYPO_MIN_LENGTH or (found and len(term) < FUZZY_MIN_LENGTH):
            return found
        near = set(self.neighbours.get(term, ()))
        for variant in deletions(term):
            if variant in self.postings and len(variant) >= TYPO_MIN_LENGTH:
                near.add(variant)
            near.update(self.neighbours.get(variant, ()))
        near.discard(term)
        credit = FUZZY_FACTOR if len(term) >= FUZZY_MIN_LENGTH else SHORT_FUZZY_FACTOR
        found.extend((other, credit) for other in sorted(near))
        return found

    def written_typos(self, word: str) -> list[str]:
        """Return the indexed keys one typo from `word` as written, found through its keys.

        The keys of `word` with one letter deleted, and the keys one letter longer than
        those: a letter added, dropped or changed, whatever the key's spelling rules make
        of it. For words no list holds that no key one edit away reaches (`expand`).
        """
        near: set[str] = set()
        for variant in deletions(word):
            key = phonetic_key(variant)
            if key in self.postings:
                near.add(key)
            near.update(self.neighbours.get(key, ()))
        return sorted(near)

    def completions(self, key: str) -> list[str]:
        """Return up to `TRUNCATED_TERMS` indexed keys that `key` starts, cut short.

        Keys two letters longer or more (`vlatimiro` → `vlatimirovich`); none for a key
        under `TRUNCATED_MIN_LENGTH`.
        """
        if len(key) < TRUNCATED_MIN_LENGTH:
            return []
        started = (t for t in _started(self.sorted_terms, key, 2) if t not in self.frequent)
        return list(islice(started, TRUNCATED_TERMS))

    def cut_completions(self, key: str, words: Sequence[str]) -> list[str]:
        """Return the keys a name's last key may have been cut from (`completions`).

        Also the keys of the words that its last word as written starts, one letter
        longer or more: a cut inside a digraph or before a word's last letter changes
        the key (`Nikolaiovyc`, cut from `Nikolaiovych`, keys as `nikolaeovyz`).
        """
        found = self.completions(key)
        word = words[-1] if words else ""
        if len(word) >= TRUNCATED_MIN_LENGTH:
            for longer in islice(_started(self.sorted_words, word, 1), TRUNCATED_TERMS):
                term = self.written_keys[longer]
                if term not in found and term not in self.frequent:
                    found.append(term)
        return found

    def index_written_words(self, names: Sequence[IndexedName]) -> None:
        """Index the words of the names as written, in order, each with its key."""
        keyed: dict[str, str] = {}
        for name in names:
            for word, key in zip(name.words, name.keys, strict=False):
                keyed.setdefault(word, key)
        self.written_keys = keyed
        """A word as written → its key (the first name's, where names key it apart)."""
        self.sorted_words = sorted(keyed)
        """Every word as written in order, to find the words a cut-short word starts."""

    def retrieve(
        self,
        keys: Sequence[str],
        joined: Sequence[str],
        words: Sequence[str] = (),
        weights: Sequence[float] | None = None,
    ) -> dict[int, float]:
        """Return candidate name positions with a retrieval score (summed key weights).

        Keys of a syllabic (Korean, Chinese) query do not reach other vowels: there one
        vowel makes another syllable, and scoring would not credit the pair. `words`, the
        query's words as written, reach names through typos (see the module docstring).
        `weights` are the keys' `query_weights`, when the caller has them already.
        """
        vowels_vary = not is_syllabic(keys)
        aligned = len(words) == len(keys)
        if weights is None:
            weights = self.query_weights(keys, words)
        terms = dict(zip(keys, weights, strict=True))
        for i, joined_key in enumerate(joined):
            terms.setdefault(joined_key, terms[keys[i]] + terms[keys[i + 1]])
        swapped: set[str] = set()
        # A name whose last word no list holds may have been cut short (`Vladimiro`).
        cut_short = vowels_vary and len(keys) > 1 and keys[-1] not in self.postings
        if aligned:
            for word, key in zip(words, keys, strict=True):
                variants = set() if vowels_vary else ng_variants(word)
                if key not in self.postings:  # a word some list holds is taken as written
                    variants |= typo_variants(word)
                for variant in variants:
                    if variant != key and variant in self.postings and variant not in terms:
                        terms[variant] = self.weight(variant) * FUZZY_FACTOR
                        swapped.add(variant)
        found: defaultdict[int, float] = defaultdict(float)
        frequent: list[tuple[str, float]] = []
        dropped = {
            key: word
            for word, key in zip(words, keys, strict=False)
            if aligned and is_vowel_dropped(word)
        }
        frequent_dropped: list[tuple[set[int], dict[int, float], float]] = []
        # A word no list holds is looked up as written among the words of Korean and Chinese
        # names, and one typo from them (`syllabic_typos`).
        unheld = {
            key: word
            for word, key in zip(words, keys, strict=False)
            if aligned and key not in self.postings and len(word) >= TYPO_MIN_LENGTH
        }
        for term, weight in terms.items():
            reached: dict[int, float] = {}  # credit each name has from this term
            # A word with two letters swapped back, or `ng` restored, is one edit already.
            expanded = [(term, 1.0)] if term in swapped else self.expand(term)
            if not expanded and vowels_vary and len(unheld.get(term, "")) >= FUZZY_MIN_LENGTH:
                # One letter changed may change a key by two (`Vostokgaxprom` keys as
                # `vostokaksprom`, `Vostokgazprom` as `vostokazprom`): the word is looked
                # up once more as written, one letter deleted (`written_typos`).
                expanded = [(near, FUZZY_FACTOR) for near in self.written_typos(unheld[term])]
            if cut_short and term == keys[-1]:
                expanded.extend(
                    (longer, FUZZY_FACTOR) for longer in self.cut_completions(term, words)
                )
            for indexed, credit in expanded:
                gained = weight * credit
                if indexed in self.frequent:
                    frequent.append((indexed, gained))
                    continue
                for position in self.postings[indexed]:
                    found[position] += gained
                    reached[position] = reached.get(position, 0.0) + gained
            if term in unheld:
                # The word as written first (`Quanguo` keys as `kuanguo` after a damaged
                # family name, as `chuanguo` after `Chen`), then its typos.
                word = unheld[term]
                near = [(word, 1.0)] if word in self.syllabic_words else []
                near.extend((typo, FUZZY_FACTOR) for typo in sorted(self.syllabic_typos(word)))
                for written, credit in near:
                    for position in self.syllabic_words[written]:
                        if position not in reached:
                            found[position] += weight * credit
                            reached[position] = weight * credit
            if term in dropped:
                # Written without its vowels, the word may be any word with its consonants.
                same_consonants = self.vowel_dropped_postings(dropped[term])
                credit = weight * FUZZY_FACTOR
            else:
                skeleton = _vowel_free(term) if vowels_vary and term in keys else ""
                same_consonants = self.vowel_free.get(skeleton, ())
                credit = weight * VOWEL_FREE_FACTOR
            if len(same_consonants) > self.frequent_cap:
                if term in dropped:  # like a frequent key: it only re-ranks
                    frequent_dropped.append((set(same_consonants), reached, credit))
                continue
            # A name an edit of the term reached too has the better credit, not both: a
            # short word's edits reach hundreds of names (`Yrra`: `ya`, `ra`, `era`).
            for position in same_consonants:
                more = credit - reached.get(position, 0.0)
                if more > 0:
                    found[position] += more
        if not found and frequent:
            return self._intersect_frequent(frequent, len(keys))
        for indexed, credit in frequent:
            members = self.frequent[indexed]
            for position in found:
                if position in members:
                    found[position] += credit
        for vowel_less, reached, credit in frequent_dropped:
            for position in found:
                if position in vowel_less and position not in reached:
                    found[position] += credit
        return found

    def rest_agreeing_typos(
        self, keys: Sequence[str], words: Sequence[str], weights: Sequence[float]
    ) -> dict[int, float]:
        """Return the syllabic names holding a query's words but one, that one mistyped.

        With their retrieval credit: the rest's weight and the mistyped word's at
        `FUZZY_FACTOR`, so they rank among the names sharing that word itself, below the
        name holding every word. A typo of a word some list holds (`Jun` in `Kim Jun Chol`,
        `Col` in `Yu Col U`) makes another name's syllable, and one of a family name
        (`Cehn Qu`) reaches every name of that family: only names agreeing on the rest,
        by key or as written (`Qu` keys as `ku` after `Cehn`, `chu` after `Chen`), count
        (`Kim Mun Chol`, `Yu Chol U`, `Chen Qu`).
        """
        if len(keys) < 2 or len(words) != len(keys):
            return {}
        found: dict[int, float] = {}
        for i, (key, word) in enumerate(zip(keys, words, strict=True)):
            if len(word) < TYPO_MIN_LENGTH:
                continue
            rest = [(k, w) for j, (k, w) in enumerate(zip(keys, words, strict=True)) if j != i]
            credit = sum(weights, 0.0) - weights[i] * (1 - FUZZY_FACTOR)
            for typo in sorted(self.syllabic_typos(word)):
                for position in self.syllabic_words[typo]:
                    terms = self.syllabic_terms[position]
                    if key not in terms and all(k in terms or w in terms for k, w in rest):
                        found[position] = max(found.get(position, 0.0), credit)
        return found

    def rarest_postings(self, keys: Sequence[str]) -> tuple[int, ...]:
        """Return the names holding the rarest of `keys`, if at most `RARE_POSTINGS` do."""
        held = [key for key in keys if key in self.postings]
        if not held:
            return ()
        rarest = min(held, key=lambda key: len(self.postings[key]))
        postings = self.postings[rarest]
        return postings if len(postings) <= RARE_POSTINGS else ()

    def _intersect_frequent(
        self, frequent: list[tuple[str, float]], length: int
    ) -> dict[int, float]:
        """Return names holding all of the frequent exact terms, capped in number.

        Names with as many words as the query (`length`) are kept first: `Yi Li` is
        `LI Yi` rather than `LI Hong Ri`, whatever their order in the index.
        """
        sets = sorted((self.frequent[t] for t, credit in frequent if credit > 0), key=len)
        common = set(sets[0]).intersection(*sets[1:]) if sets else set()
        total = sum((credit for _, credit in frequent), 0.0)
        lengths = self.lengths
        ranked = sorted(common, key=lambda position: (abs(lengths[position] - length), position))
        return {position: total for position in ranked[: self.frequent_cap]}
