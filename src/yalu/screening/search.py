"""ScreeningIndex: find and score the list entities a name may refer to.

Retrieval never scans every name. Each list name, and its derived forms (bracketed parts
and acronyms, `forms.py`), is reduced to phonetic keys (`romanize.name_keys`) and put in a
`KeyIndex` (`retrieval.py`); a query in Arabic script uses a second `KeyIndex` of
consonant skeletons (`arabic.py`). The best `CANDIDATE_ENTITIES` entities by retrieval
credit, and the entities holding the query's rarest word, are then scored in full
(`score.py`, `features.py`).
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from yalu.core.collector import paused_collector
from yalu.core.errors import InputError
from yalu.core.progress import ProgressCallback
from yalu.models.scores import keep_score
from yalu.models.screening import Entity, Feature, Identifier, IdentifierKind, Match, Query
from yalu.screening.arabic import is_arabic, skeleton_keys, skeleton_readings
from yalu.screening.contractions import CONTRACTION_SIMILARITY, ContractionIndex, query_word
from yalu.screening.entity_credit import NameArrays, best_entities, legal_form_bits
from yalu.screening.features import NameScores, score_entity, score_facts
from yalu.screening.forms import (
    ACRONYM_MARK,
    LETTERS_MARK,
    RawName,
    bracket_parts,
    entity_names,
    korean_reading_forms,
    screened_forms,
    written_as_initials,
)
from yalu.screening.initialled import initialled_names
from yalu.screening.normalize import is_cjk, is_hangul, legal_forms, normalize_name
from yalu.screening.retrieval import REST_AGREEING_SCORED, KeyIndex
from yalu.screening.romanize import (
    display_romanized,
    joined_keys,
    name_keys,
    syllable_keys,
    written_words,
)
from yalu.screening.score import (
    DEFAULT_THRESHOLD,
    INITIAL_SIMILARITY,
    IndexedName,
    is_initial,
    is_syllabic,
    key_weight,
)
from yalu.screening.wade_giles import pinyin_reading, wade_giles_table

logger = logging.getLogger(__name__)


class Scored(NamedTuple):
    """A candidate's best score for a query, before it is kept as a `Match`."""

    score: float
    """Kept as `keep_score` keeps it: the score decided on."""
    name: str
    query_name: str
    features: tuple[Feature, ...]


CANDIDATE_ENTITIES = 10
"""How many entities, best retrieved first, are scored in full per query. On the
benchmark sets drawn with seeds 1 and 2, 10 finds as much as 12, and 8 fewer variants."""
WRITTEN_AS_QUERY_SCORED = 64
"""At most this many names written as the query (`names_written`) are always scored."""
_ALIKE_SOUNDS = str.maketrans("bdgvzcq", "ptkfskk")
"""Consonants read as their unvoiced pair (`v` as `f`, `b` as `p`) or their sound (`c`, `q`
as `k`), for `written_closeness`'s last tie-break."""
SAME_KEYS_BONUS = 1.0
"""Retrieval credit gained by a list name with exactly the query's keys, in any order."""


class ScreeningIndex:
    """An index of list entities, screened by name and optional facts.

    Build it once with `ScreeningIndex.build(entities)`; a store caches it as plain data
    (`index_codec.py`). `screen` returns explained `Match`es, best first.
    """

    def __init__(self) -> None:
        """Create an empty index; use `build`."""
        self.entities: list[Entity] = []
        self.names: list[IndexedName] = []
        self.names_of: list[tuple[int, ...]] = []
        """Positions of each entity's names, forms with an exact key left out."""
        self.exact_keys: list[str] = []
        """Per name position: for a form scored only when a query word equals one of its
        keys (acronyms, syllables run together: `forms.entity_names`), that key; else ""."""
        self._exact_forms: dict[str, list[int]] | None = None
        """Name positions by their `exact_keys` (built on first use, `forms_by_exact_key`)."""
        self._written_forms: dict[str, list[int]] | None = None
        """Name positions by their words run together (built on first use, `names_written`)."""
        self.identifiers: dict[tuple[str, str], list[int]] = {}
        self.keys = KeyIndex()
        self.skeletons: list[IndexedName] = []
        self.skeleton_keys = KeyIndex()
        self.contractions = ContractionIndex([])
        self._name_arrays: dict[int, NameArrays] = {}
        """`entity_credit` arrays of `names` and `skeletons`, by their id (see `_arrays_of`)."""

    @classmethod
    def build(
        cls,
        entities: Iterable[Entity],
        on_progress: ProgressCallback | None = None,
        *,
        weigh_as: ScreeningIndex | None = None,
    ) -> ScreeningIndex:
        """Index entities by the phonetic keys of all their names and by identifiers.

        Args:
            entities: list entities, e.g. from `yalu.formats.read_list(path).entities`.
            on_progress: called with the number of entities indexed so far.
            weigh_as: an index holding these entities among others; words then weigh what
                they weigh there, so each entity scores as it does in `weigh_as` (the
                monitor screens against the entries a list update added or changed).
        """
        with paused_collector():
            return cls._build(entities, on_progress, weigh_as)

    @classmethod
    def _build(
        cls,
        entities: Iterable[Entity],
        on_progress: ProgressCallback | None,
        weigh_as: ScreeningIndex | None,
    ) -> ScreeningIndex:
        """Return `build`'s index (the collector paused by the caller)."""
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
        index._index_names(raw, weigh_as)
        index.contractions = ContractionIndex(
            (position, part)
            for position, entity in enumerate(index.entities)
            if entity.schema != "Person"
            for name in (*entity.names, *entity.weak_aliases)
            for part in bracket_parts(name) or [name]
        )
        logger.info("indexed %d entities, %d names", len(index.entities), len(index.names))
        return index

    def _index_names(self, raw: list[RawName], weigh_as: ScreeningIndex | None) -> None:
        """Weigh the keys of every name (as `weigh_as` does) and build the inverted index."""
        # Words weigh by the names as written: a form scored only on its exact key (an
        # acronym, syllables run together) is derived from them and counts for nothing.
        if weigh_as is not None:
            frequency = defaultdict(int, weigh_as.keys.document_frequency)
            name_count = weigh_as.keys.name_count
        else:
            frequency, name_count = defaultdict(int), 0
            for _, _, keys, _, _, exact_key, _ in raw:
                if not exact_key:
                    name_count += 1
                    for key in set(keys):
                        frequency[key] += 1
        names_of: list[list[int]] = [[] for _ in self.entities]
        for entity, text, keys, joined, is_weak, exact_key, words in raw:
            weights = tuple(key_weight(frequency[k], name_count, k) for k in keys)
            if not exact_key:
                names_of[entity].append(len(self.names))
            self.exact_keys.append(exact_key)
            self.names.append(IndexedName(entity, text, keys, joined, weights, is_weak, words))
        self.names_of = [tuple(n) for n in names_of]
        self.keys = KeyIndex(self.names, dict(frequency), name_count=name_count)
        self._index_skeletons(weigh_as)
        syllable_keys()  # built once here rather than on the first query
        wade_giles_table()

    def _index_skeletons(self, weigh_as: ScreeningIndex | None) -> None:
        """Index the consonant skeleton of every name, for queries in Arabic script."""
        skeletons = [
            () if exact_key else skeleton_keys(name.text)
            for name, exact_key in zip(self.names, self.exact_keys, strict=True)
        ]
        frequency: defaultdict[str, int] = defaultdict(int)
        for keys in skeletons:
            for key in set(keys):
                frequency[key] += 1
        name_count = len(skeletons)
        if weigh_as is not None:
            frequency = defaultdict(int, weigh_as.skeleton_keys.document_frequency)
            name_count = weigh_as.skeleton_keys.name_count
        self.skeletons = [
            IndexedName(
                name.entity,
                name.text,
                keys,
                _adjacent(keys),
                tuple(key_weight(frequency[k], name_count) for k in keys),
                name.is_weak,
            )
            for name, keys in zip(self.names, skeletons, strict=True)
        ]
        self.skeleton_keys = KeyIndex(self.skeletons, dict(frequency), name_count=name_count)

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
            limit: at most this many candidates, including those under the threshold
                (but not those that scored 0).

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
        best: dict[int, Scored] = {}
        screened = screened_forms(query.name)
        readings = korean_reading_forms([text for text, _ in screened])
        # A Chinese name in Wade-Giles is also read as pinyin (`Lin Jung-nan` is `Lin
        # Rongnan`), the reading named in the explanation.
        pinyin = [(read, text, weak) for text, weak in screened if (read := pinyin_reading(text))]
        found = itertools.chain(
            *(self._screen_form(query, text, is_weak=weak) for text, weak in screened),
            *(self._screen_form(query, text, source) for text, source in readings),
            *(
                self._screen_form(query, read, reading=f"{text} read as Wade-Giles", is_weak=weak)
                for read, text, weak in pinyin
            ),
            self._screen_contraction(query),
        )
        korean_read: set[int] = set()
        for entity, match in found:
            if entity not in best or match.score > best[entity].score:
                best[entity] = match
                if is_hangul(match.query_name) and not is_hangul(query.name):
                    korean_read.add(entity)
                else:
                    korean_read.discard(entity)
        if not best and not name_keys(query.name) and not skeleton_keys(query.name):
            raise InputError(
                f"the query name {query.name!r} has no letters or digits",
                hint="Give a name in any script",
            )
        # A candidate that scored nothing (retrieved by a word its names do not hold) is
        # not worth a row, even under the limit.
        scored = [(entity, match) for entity, match in best.items() if match.score > 0]
        # Only a candidate whose score another shares needs the closeness that orders ties.
        counts = Counter(match.score for _, match in scored)
        tied = {score for score, count in counts.items() if count > 1}

        def order(
            item: tuple[int, Scored],
        ) -> tuple[float, int, int, float, int, float, str, str]:
            # Equal scores: a name with the query's kind of legal form first (`Al Kawthar
            # Co.` is `Al Kawthar Company` before `AL KAWTHAR`), another kind last; a
            # name in Han characters read the way its entity's country reads it (Korean
            # for the DPRK and South Korea, Mandarin elsewhere) before the other reading;
            # then the name closer to the query as written (`Atomic Energy Organization
            # of Iran (AEOI)` before `ATOMIC ENERGY ORGANIZATION OF IRAN` for a query
            # with the acronym; `written_closeness`), and only then the list's name.
            entity, match = item
            listed = legal_forms(match.name) if legal else frozenset()
            closeness = written_closeness(query.name, match.name) if match.score in tied else None
            ratio, held, sounded = closeness or (0.0, 0, 0.0)
            return (
                -match.score,
                -forms_agree(legal, listed),
                self._reading_misfits(entity, entity in korean_read) if han else 0,
                -ratio,
                -held,
                -sounded,
                self.entities[entity].source,
                self.entities[entity].id,
            )

        legal = legal_forms(query.name)
        # Only a name in Han characters is read two ways; any other name keeps the order.
        han = bool(readings)
        # Only the matches kept are built (most candidates are scored and let go).
        return [self._match(e, m, threshold) for e, m in sorted(scored, key=order)[:limit]]

    def _reading_misfits(self, position: int, is_korean_reading: bool) -> int:
        """Return 1 when a Han-character name was read another way than its entity's country.

        An entity with no nationality or country fits either reading.
        """
        entity = self.entities[position]
        places = {c.lower() for c in (*entity.nationalities, *entity.countries)}
        if not places:
            return 0
        return int(bool(places & {"kp", "kr"}) != is_korean_reading)

    def _screen_form(
        self,
        query: Query,
        text: str,
        read_from: str = "",
        *,
        reading: str = "",
        is_weak: bool = False,
    ) -> Iterator[tuple[int, Scored]]:
        """Yield (entity position, score) for the candidates of one form of the query name.

        `read_from` is the Han-character name that `text` (hangul) is the Korean reading of;
        `reading` says how a Latin name was read into `text` (`wade_giles.pinyin_reading`);
        `is_weak` says the form is only a bracketed part of the name (`screened_forms`).
        """
        if is_arabic(text):
            for keys, reading in skeleton_readings(text):
                yield from self._screen_keys(
                    query, text, keys, _adjacent(keys), (), is_weak, arabic=True, reading=reading
                )
            return
        keys, joined, words = name_keys(text), joined_keys(text), written_words(text)
        yield from self._screen_keys(
            query, text, keys, joined, words, is_weak, read_from, reading=reading
        )

    def _screen_keys(
        self,
        query: Query,
        text: str,
        keys: tuple[str, ...],
        joined: tuple[str, ...],
        words: tuple[str, ...],
        is_weak: bool,
        read_from: str = "",
        *,
        arabic: bool = False,
        reading: str = "",
    ) -> Iterator[tuple[int, Scored]]:
        """Yield (entity position, score) for one reading of a form: its keys and words.

        An `arabic` form is read as consonant skeletons (no `words`), matched against the
        skeletons of the list names (`arabic.skeleton_readings`); `reading` says how, when
        not as `arabic.skeleton_keys` reads it, for the explanation.
        """
        if not keys:
            return
        names, key_index = (
            (self.skeletons, self.skeleton_keys) if arabic else (self.names, self.keys)
        )
        weights = key_index.query_weights(keys, words)
        known = tuple(key_index.document_frequency.get(key, 0) > 0 for key in keys)
        form = IndexedName(-1, text, keys, joined, weights, is_weak, words, known)
        query_name = display_romanized(text) if is_cjk(text) else text
        if read_from:
            reading = f"Korean reading of {read_from}: {text} ({query_name})"
            query_name = f"{text} ({query_name})"
        elif is_cjk(text) and not is_hangul(text):
            reading = f"Mandarin reading of {text}: {query_name}"
        cache: NameScores = {}
        for entity, chosen in self._candidates(query, form, key_index, names).items():
            score, name, features = score_entity(
                query, form, self.entities[entity], [names[n] for n in chosen], cache, reading
            )
            yield entity, Scored(keep_score(score), name.text, query_name, features)

    def _screen_contraction(self, query: Query) -> Iterator[tuple[int, Scored]]:
        """Yield (entity position, score) for the names a one-word query contracts."""
        word = query_word(query.name)
        if word is None:
            return
        for entity, name in self.contractions.find(word):
            detail = f"contracts the starts of the name's words ({word.upper()})"
            name_feature = Feature("name", CONTRACTION_SIMILARITY, detail)
            score, features = score_facts(query, self.entities[entity], [name_feature])
            yield entity, Scored(keep_score(score), name, query.name, features)

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

    def forms_by_exact_key(self) -> dict[str, list[int]]:
        """Return the positions of the forms with an exact key, by that key."""
        if self._exact_forms is None:
            # Built whole before it is shared: a server screens from several threads.
            by_key: defaultdict[str, list[int]] = defaultdict(list)
            for position, key in enumerate(self.exact_keys):
                if key:
                    by_key[key].append(position)
            self._exact_forms = by_key
        return self._exact_forms

    def names_written(self) -> dict[str, list[int]]:
        """Return the positions of names by their words as written, run together.

        `SA'ID Mohamed` and `SA ID Mohamed` are both `saidmohamed`. Forms with an exact key
        are left out, as in `names_of`.
        """
        if self._written_forms is None:
            by_text: defaultdict[str, list[int]] = defaultdict(list)
            for positions in self.names_of:
                for position in positions:
                    if words := self.names[position].words:
                        by_text["".join(words)].append(position)
            self._written_forms = dict(by_text)  # whole before it is shared, as above
        return self._written_forms

    def _arrays_of(self, names: Sequence[IndexedName]) -> NameArrays:
        """Return the entity and length arrays of `names` (built on first use)."""
        arrays = self._name_arrays.get(id(names))
        if arrays is None:
            arrays = self._name_arrays[id(names)] = NameArrays.of(names)
        return arrays

    def _candidates(
        self, query: Query, form: IndexedName, key_index: KeyIndex, names: Sequence[IndexedName]
    ) -> dict[int, list[int]]:
        """Return the entities worth scoring, each with the names (positions) to score."""
        found = key_index.retrieve(form.keys, form.joined, form.words, form.weights)
        # Syllabic names holding every word of the query but one, that one mistyped, are
        # credited as `rest_agreeing_typos` says, and the best few always scored: the
        # frequent syllables of Korean and Chinese names crowd them out otherwise.
        typos = (
            key_index.rest_agreeing_typos(form.keys, form.words, form.weights)
            if is_syllabic(form.keys)
            else {}
        )
        for position, credit in typos.items():
            if found.get(position, 0.0) < credit:
                found[position] = credit
        for position in key_index.bags.get(tuple(sorted(form.keys)), ()):
            if position in found:
                found[position] += SAME_KEYS_BONUS
        credit_initials(found, form, names)
        for position, credit in initialled_names(form, key_index, names).items():
            if found.get(position, 0.0) < credit:
                found[position] = credit
        initials = written_as_initials(query.name)
        marks = (ACRONYM_MARK, LETTERS_MARK) if initials else (ACRONYM_MARK,)
        query_keys = {*form.keys, *form.joined, *(m + w for m in marks for w in form.words)}
        # Initials or syllables one letter apart are another name (`JHAIG` is not `Jack`,
        # `Kimjongil` not `Kimjongun`): a form with an exact key counts only on that key.
        by_key = self.forms_by_exact_key()
        # A query of initials (`CSC`, `I. R. G. C.`) is scored against every name whose
        # exact key it is, however many names its letters reach (`CSC` among `CASIC`).
        exact_forms = sorted(
            {p for key in query_keys for p in by_key.get(key, ()) if initials or p in found}
        )
        # Among equal credits, prefer names as long as the query ("Kim Chol" before "Kim
        # Chol Sam" for a query "Chol Kim" that only frequent keys retrieve), and above all
        # names with the query's very keys in any order ("LI Yi" for "Yi Li", which a
        # repeated key would otherwise not tell from "MA Li"); then names with the query's
        # kind of legal form ("TRANS NOVE OOD" for "Trans OOD").
        chosen = best_entities(
            found,
            self._arrays_of(names),
            len(form.keys),
            CANDIDATE_ENTITIES,
            legal_form_bits(form.text),
        )
        # The names holding the query's rarest word are scored even when names sharing
        # several commoner words outrank them (`Darraji Kamal Ben Mohamed Ben Ahmed`).
        chosen.extend(names[n].entity for n in key_index.rarest_postings(form.keys))
        # A name written as the query but for spaces and punctuation is always scored: the
        # many names that share its commoner keys (`Said`, `Mohamed`) would crowd it out.
        if names is self.names and form.words:
            written = self.names_written().get("".join(form.words), [])
            chosen.extend(names[n].entity for n in written[:WRITTEN_AS_QUERY_SCORED])
        best_typos = sorted(typos, key=lambda position: (-typos[position], position))
        chosen.extend(names[n].entity for n in best_typos[:REST_AGREEING_SCORED])
        # Every name of a chosen entity is scored: its best name may hold only frequent
        # keys, which retrieval does not follow.
        if initials:
            chosen.extend(names[p].entity for p in exact_forms)
        candidates = {entity: list(self.names_of[entity]) for entity in chosen}
        for position in exact_forms:
            if names[position].entity in candidates:
                candidates[names[position].entity].append(position)
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

    def _match(self, position: int, scored: Scored, threshold: float) -> Match:
        """Return the Match of one scored entity."""
        entity = self.entities[position]
        return Match(
            entity_id=entity.id,
            list=entity.source,
            schema=entity.schema,
            name=scored.name,
            query_name=scored.query_name,
            score=scored.score,
            is_match=scored.score >= threshold,
            features=scored.features,
            caption=entity.caption,
            list_version=entity.source_version,
            programs=entity.programs,
        )


def credit_initials(
    found: dict[int, float], form: IndexedName, names: Sequence[IndexedName]
) -> None:
    """Credit the found names with a word that a one-letter word of the query starts.

    `P Andrey` is `PLOTNITSKIY Andrey` before the other names holding `Andrey`: each
    initial (`score.is_initial`) adds its weight at `INITIAL_SIMILARITY`, as scoring
    credits it, to a name that does not hold the letter itself (then it is credited
    already). In a syllabic (Korean, Chinese) query, a vowel alone is a syllable, not an
    initial.
    """
    if len(form.words) != len(form.keys):
        return
    syllabic = is_syllabic(form.keys)
    initials = [
        (word, weight)
        for word, weight in zip(form.words, form.weights, strict=True)
        if is_initial(word, syllabic)
    ]
    if not initials or len(initials) == len(form.words):
        return
    for position in found:
        words = names[position].words
        for letter, weight in initials:
            if letter not in words and any(w[0] == letter and len(w) > 1 for w in words):
                found[position] += weight * INITIAL_SIMILARITY


def written_closeness(query: str, name: str) -> tuple[float, int, float]:
    """Return how alike two names are as written, case and punctuation aside.

    `rapidfuzz`'s ratio of the two (0..100; a query `Family, Given` also read `Given
    Family`), then the number of the query's words the name holds as written, accents
    aside: `Yuri PRONKO` is as close by the ratio to `Yuri Aleksandrovich PRONKO` as to
    `Yuriy Alexandrovich PRONKO`, and holds one more word of the first. Last, the ratio
    with consonants that differ only by voicing read alike (`_ALIKE_SOUNDS`): `Varanir`,
    one letter from `Karanir` and from `Faranir`, sounds like the second. Only orders
    candidates of equal score (`ScreeningIndex.screen`): the score itself reads names by
    their phonetic keys.
    """
    held = len(set(normalize_name(query).split()) & set(normalize_name(name).split()))
    ratio = fuzz.ratio(query, name, processor=default_process)
    # `Stanković, Radovan` is written `Radovan Stanković` without its comma.
    before, comma, after = query.partition(",")
    if comma and "," not in after:
        ratio = max(ratio, fuzz.ratio(f"{after} {before}", name, processor=default_process))
    sounded = fuzz.ratio(
        default_process(query).translate(_ALIKE_SOUNDS),
        default_process(name).translate(_ALIKE_SOUNDS),
    )
    return ratio, held, sounded


def _adjacent(keys: Sequence[str]) -> tuple[str, ...]:
    """Return each pair of adjacent keys run together."""
    return tuple(keys[i] + keys[i + 1] for i in range(len(keys) - 1))


def forms_agree(query: frozenset[str], listed: frozenset[str]) -> int:
    """Return 1 when two names state the same kind of legal form, -1 another, 0 if unsaid.

    `company` goes with any kind (a joint-stock company is a company); `limited` and
    `joint stock` differ (`STC, Ltd.` is not `... Closed Joint Stock Company`).
    """
    if not query or not listed:
        return 0
    query_kinds, listed_kinds = query - {"company"}, listed - {"company"}
    if query_kinds and listed_kinds:
        return 1 if query_kinds & listed_kinds else -1
    return 1
