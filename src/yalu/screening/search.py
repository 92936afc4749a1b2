"""ScreeningIndex: find and score the list entities a name may refer to.

Retrieval never scans every name. Each list name is reduced to phonetic keys
(`romanize.name_keys`); an inverted index maps every key, and every pair of adjacent keys
run together (`Jong Un` → `jongun`), to the names holding it. A query key also reaches
keys one edit away through a deletion neighbourhood (SymSpell-style: each indexed key of
five letters or more is stored under each of its one-letter deletions). Keys held by more
than `frequent_cap` names (`kim`, `korea`, `trading`) only re-rank candidates found
through rarer keys. The best `CANDIDATE_ENTITIES` entities are then scored in full
(`score.py`).
"""

from __future__ import annotations

import heapq
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from yalu.core.errors import InputError
from yalu.core.progress import ProgressCallback
from yalu.models.screening import Entity, Feature, Identifier, IdentifierKind, Match, Query
from yalu.screening.arabic import is_arabic, skeleton_keys
from yalu.screening.features import score_entity
from yalu.screening.forms import RawName, entity_names
from yalu.screening.normalize import is_cjk
from yalu.screening.romanize import display_romanized, joined_keys, name_keys, syllable_keys
from yalu.screening.score import DEFAULT_THRESHOLD, FUZZY_MIN_LENGTH, IndexedName, key_weight

logger = logging.getLogger(__name__)

CANDIDATE_ENTITIES = 12
"""How many entities, best retrieved first, are scored in full per query."""
LENGTH_PENALTY = 0.05
"""Retrieval credit lost per word of difference between a list name and the query."""
FUZZY_FACTOR = 0.7
"""Retrieval credit of a key one edit away, relative to an exact key."""


def deletions(key: str) -> set[str]:
    """Return every string obtained by deleting one letter of `key`."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


class KeyIndex:
    """Inverted index from phonetic keys (and their joins) to name positions."""

    def __init__(self, names: Sequence[IndexedName], document_frequency: dict[str, int]):
        """Index `names`; `document_frequency` counts the names holding each key."""
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            terms = set(name.keys)
            terms.update(name.joined)
            for term in terms:
                postings[term].append(position)
        self.postings: dict[str, tuple[int, ...]] = {t: tuple(p) for t, p in postings.items()}
        neighbours: defaultdict[str, list[str]] = defaultdict(list)
        for term in self.postings:
            if len(term) >= FUZZY_MIN_LENGTH:
                for variant in deletions(term):
                    neighbours[variant].append(term)
        self.neighbours: dict[str, tuple[str, ...]] = {v: tuple(t) for v, t in neighbours.items()}
        self.frequent_cap = max(300, len(names) // 100)
        self.frequent: dict[str, frozenset[int]] = {
            t: frozenset(p) for t, p in self.postings.items() if len(p) > self.frequent_cap
        }
        self.document_frequency = document_frequency
        self.name_count = max(1, len(names))

    def weight(self, key: str) -> float:
        """Return the weight of a key: its inverse document frequency, at least 1."""
        return key_weight(self.document_frequency.get(key, 0), self.name_count, key)

    def expand(self, term: str) -> list[tuple[str, float]]:
        """Return indexed terms equal to or one edit from `term`, with retrieval credit."""
        found = [(term, 1.0)] if term in self.postings else []
        if len(term) < FUZZY_MIN_LENGTH:
            return found
        near = set(self.neighbours.get(term, ()))
        for variant in deletions(term):
            if variant in self.postings and len(variant) >= FUZZY_MIN_LENGTH:
                near.add(variant)
            near.update(self.neighbours.get(variant, ()))
        near.discard(term)
        found.extend((other, FUZZY_FACTOR) for other in sorted(near))
        return found

    def retrieve(self, keys: Sequence[str], joined: Sequence[str]) -> dict[int, float]:
        """Return candidate name positions with a retrieval score (summed key weights)."""
        terms = {key: self.weight(key) for key in keys}
        for i, joined_key in enumerate(joined):
            terms.setdefault(joined_key, terms[keys[i]] + terms[keys[i + 1]])
        found: defaultdict[int, float] = defaultdict(float)
        frequent: list[tuple[str, float]] = []
        for term, weight in terms.items():
            for indexed, credit in self.expand(term):
                if indexed in self.frequent:
                    frequent.append((indexed, weight * credit))
                    continue
                for position in self.postings[indexed]:
                    found[position] += weight * credit
        if not found and frequent:
            return self._intersect_frequent(frequent)
        for indexed, credit in frequent:
            members = self.frequent[indexed]
            for position in found:
                if position in members:
                    found[position] += credit
        return found

    def _intersect_frequent(self, frequent: list[tuple[str, float]]) -> dict[int, float]:
        """Return names holding all of the frequent exact terms, capped in number."""
        sets = sorted((self.frequent[t] for t, credit in frequent if credit > 0), key=len)
        common = set(sets[0]).intersection(*sets[1:]) if sets else set()
        total = sum(credit for _, credit in frequent)
        return {position: total for position in sorted(common)[: self.frequent_cap]}


class ScreeningIndex:
    """An index of list entities, screened by name and optional facts.

    Build it once with `ScreeningIndex.build(entities)`; it is picklable, so a store may
    cache it. `screen` returns explained `Match`es, best first.
    """

    def __init__(self) -> None:
        """Create an empty index; use `build`."""
        self.entities: list[Entity] = []
        self.names: list[IndexedName] = []
        self.names_of: list[tuple[int, ...]] = []
        self.identifiers: dict[tuple[str, str], list[int]] = {}
        self.keys = KeyIndex([], {})
        self.skeletons: list[IndexedName] = []
        self.skeleton_keys = KeyIndex([], {})

    @classmethod
    def build(
        cls, entities: Iterable[Entity], on_progress: ProgressCallback | None = None
    ) -> ScreeningIndex:
        """Index entities by the phonetic keys of all their names and by identifiers.

        Args:
            entities: list entities, e.g. from `yalu.formats.read_list(path).entities`.
            on_progress: called with the number of entities indexed so far.
        """
        index = cls()
        raw: list[RawName] = []
        for count, entity in enumerate(entities, start=1):
            position = len(index.entities)
            index.entities.append(entity)
            raw.extend(entity_names(position, entity))
            for identifier in entity.identifiers:
                key = (identifier.kind, identifier.normalized)
                index.identifiers.setdefault(key, []).append(position)
            if on_progress is not None and count % 1000 == 0:
                on_progress(count)
        if on_progress is not None:
            on_progress(len(index.entities))
        index._index_names(raw)
        logger.info("indexed %d entities, %d names", len(index.entities), len(index.names))
        return index

    def _index_names(self, raw: list[RawName]) -> None:
        """Weigh the keys of every name and build the inverted index."""
        frequency: defaultdict[str, int] = defaultdict(int)
        for _, _, keys, _, _ in raw:
            for key in set(keys):
                frequency[key] += 1
        names_of: list[list[int]] = [[] for _ in self.entities]
        for entity, text, keys, joined, is_weak in raw:
            weights = tuple(key_weight(frequency[k], len(raw), k) for k in keys)
            names_of[entity].append(len(self.names))
            self.names.append(IndexedName(entity, text, keys, joined, weights, is_weak))
        self.names_of = [tuple(n) for n in names_of]
        self.keys = KeyIndex(self.names, dict(frequency))
        self._index_skeletons()
        syllable_keys()  # built once here rather than on the first query

    def _index_skeletons(self) -> None:
        """Index the consonant skeleton of every name, for queries in Arabic script."""
        skeletons = [skeleton_keys(name.text) for name in self.names]
        frequency: defaultdict[str, int] = defaultdict(int)
        for keys in skeletons:
            for key in set(keys):
                frequency[key] += 1
        self.skeletons = [
            IndexedName(
                name.entity,
                name.text,
                keys,
                _adjacent(keys),
                tuple(key_weight(frequency[k], len(skeletons)) for k in keys),
                name.is_weak,
            )
            for name, keys in zip(self.names, skeletons, strict=True)
        ]
        self.skeleton_keys = KeyIndex(self.skeletons, dict(frequency))

    def __len__(self) -> int:
        """Return the number of entities."""
        return len(self.entities)

    def screen(
        self, query: Query, *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5
    ) -> list[Match]:
        """Return the entities a query may refer to, best first, explained.

        Args:
            query: the name (any script) and optional facts to screen.
            threshold: score at or above which a candidate is a match (0..1).
            limit: at most this many candidates, including those under the threshold.

        Raises:
            InputError: the query name is empty or has no letters or digits, the threshold
                is outside 0..1 or the limit below 1.
        """
        if not 0.0 <= threshold <= 1.0:
            raise InputError(f"threshold {threshold} is outside 0..1", hint="Use e.g. 0.84")
        if limit < 1:
            raise InputError(f"limit {limit} is below 1", hint="Ask for at least one match")
        if not query.name or not query.name.strip():
            raise InputError("the query name is empty", hint="Give a name to screen")
        arabic = is_arabic(query.name)
        keys = skeleton_keys(query.name) if arabic else name_keys(query.name)
        names, key_index = (
            (self.skeletons, self.skeleton_keys) if arabic else (self.names, self.keys)
        )
        if not keys:
            raise InputError(
                f"the query name {query.name!r} has no letters or digits",
                hint="Give a name in any script",
            )
        weights = tuple(key_index.weight(k) for k in keys)
        joined = _adjacent(keys) if arabic else joined_keys(query.name)
        form = IndexedName(-1, query.name, keys, joined, weights, False)
        query_name = display_romanized(query.name) if is_cjk(query.name) else query.name
        matches = []
        for entity, chosen in self._candidates(query, form, key_index, names).items():
            score, name, features = score_entity(
                query, form, self.entities[entity], [names[n] for n in chosen]
            )
            matches.append(self._match(entity, name.text, query_name, score, features, threshold))
        matches.sort(key=lambda m: (-m.score, m.list, m.entity_id))
        return matches[:limit]

    def screen_many(
        self,
        queries: Iterable[Query],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 5,
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[list[Match]]:
        """Screen queries one by one, yielding their matches in input order.

        Args:
            queries: what to screen.
            threshold: as for `screen`.
            limit: as for `screen`.
            on_progress: called with the number of queries screened so far.

        Raises:
            InputError: a query name is empty (raised when that query is reached).
        """
        for count, query in enumerate(queries, start=1):
            yield self.screen(query, threshold=threshold, limit=limit)
            if on_progress is not None:
                on_progress(count)

    def _candidates(
        self, query: Query, form: IndexedName, key_index: KeyIndex, names: Sequence[IndexedName]
    ) -> dict[int, list[int]]:
        """Return the entities worth scoring, each with the names (positions) to score."""
        found = key_index.retrieve(form.keys, form.joined)
        best: dict[int, float] = {}
        for position, credit in found.items():
            name = names[position]
            # Among equal credits, prefer names as long as the query ("Kim Chol" before
            # "Kim Chol Sam" for a query "Chol Kim" that only frequent keys retrieve).
            credit -= LENGTH_PENALTY * abs(len(name.keys) - len(form.keys))
            if credit > best.get(name.entity, -math.inf):
                best[name.entity] = credit
        chosen = heapq.nlargest(CANDIDATE_ENTITIES, best, key=best.__getitem__)
        # Every name of a chosen entity is scored: its best name may hold only frequent
        # keys, which retrieval does not follow.
        candidates = {entity: list(self.names_of[entity]) for entity in chosen}
        decisive: tuple[tuple[IdentifierKind, str | None], ...] = (
            ("imo", query.imo_number),
            ("passport", query.passport_number),
        )
        for kind, value in decisive:
            if value:
                wanted = Identifier(kind, value).normalized
                for entity in self.identifiers.get((kind, wanted), []):
                    candidates.setdefault(entity, list(self.names_of[entity]))
        return {e: n for e, n in candidates.items() if n}

    def _match(
        self,
        position: int,
        name: str,
        query_name: str,
        score: float,
        features: tuple[Feature, ...],
        threshold: float,
    ) -> Match:
        """Return the Match of one scored entity."""
        entity = self.entities[position]
        return Match(
            entity_id=entity.id,
            list=entity.source,
            schema=entity.schema,
            name=name,
            query_name=query_name,
            score=round(score, 4),
            is_match=score >= threshold,
            features=features,
            caption=entity.caption,
            list_version=entity.source_version,
        )


def _adjacent(keys: Sequence[str]) -> tuple[str, ...]:
    """Return each pair of adjacent keys run together."""
    return tuple(keys[i] + keys[i + 1] for i in range(len(keys) - 1))
