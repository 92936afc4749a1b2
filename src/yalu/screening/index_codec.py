"""Write a built `ScreeningIndex` as plain data, and read it back after checking it.

The store caches the built index (`service.load_active_index`) and `yalu screen
--list-file` caches the index of a list file by the file's digest (`file_cache.py`). Neither
cache is a pickle: anyone who can write to the database or the cache folder could otherwise
run code on the next screening. The cached bytes are `MAGIC`, then zlib-compressed JSON
(orjson) of
strings, numbers, booleans and lists only; nothing in them names a class or a function.

`decode_index` checks the format version, the type of every field it reads and that every
position points inside the index; anything else is an `IndexCacheError`, on which the
caller rebuilds the index. JSON writes floats exactly (shortest repr), so a decoded index
scores every name as the one that was encoded.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import orjson

from yalu.core.collector import paused_collector
from yalu.models.screening import Entity
from yalu.screening.codec import decode_entity, encode_entity
from yalu.screening.contractions import ContractionIndex
from yalu.screening.retrieval import KeyIndex, deletion_neighbours
from yalu.screening.score import IndexedName
from yalu.screening.search import ScreeningIndex

MAGIC = b"yalu-index\n"
"""The first bytes of an encoded index; a pickle or anything else does not start so."""
FORMAT = 1
"""Version of the encoded layout; another version is rebuilt, not read."""
MAX_DECOMPRESSED_BYTES = 2**31
"""A cached index that inflates beyond this is refused (a zlib bomb), not read."""
COMPRESSION_LEVEL = 1
"""zlib's fastest: a fifth bigger than level 6 and four times as fast (the cold start of
issue 17 waits for it)."""

T = TypeVar("T")


class IndexCacheError(ValueError):
    """Cached index bytes that are not an index this code wrote: rebuild it."""


def encode_index(index: ScreeningIndex) -> bytes:
    """Return `index` as `MAGIC` + zlib-compressed JSON (see the module docstring)."""
    with paused_collector():
        return MAGIC + zlib.compress(orjson.dumps(_state(index)), COMPRESSION_LEVEL)


def _state(index: ScreeningIndex) -> dict[str, Any]:
    """Return `index` as one JSON-ready object."""
    return {
        "format": FORMAT,
        "entities": [encode_entity(entity) for entity in index.entities],
        "names": [_encode_name(name) for name in index.names],
        "names_of": index.names_of,
        "exact_keys": index.exact_keys,
        "identifiers": [[kind, value, p] for (kind, value), p in index.identifiers.items()],
        "keys": _encode_keys(index.keys),
        "skeletons": [_encode_name(name) for name in index.skeletons],
        "skeleton_keys": _encode_keys(index.skeleton_keys),
        "contractions": [
            [key, [[entity, name, words] for entity, name, words in items]]
            for key, items in index.contractions.keyed.items()
        ],
    }


def decode_index(data: bytes) -> ScreeningIndex:
    """Return the index `encode_index` wrote as `data`, after checking every field.

    Raises:
        IndexCacheError: `data` is not an index in this format (another format version,
            a damaged or foreign payload, a wrong type or an out-of-range position).
    """
    if not data.startswith(MAGIC):
        raise IndexCacheError("not a yalu index")
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(data[len(MAGIC) :], MAX_DECOMPRESSED_BYTES)
        if inflater.unconsumed_tail:
            raise IndexCacheError("the cached index is too large")
        with paused_collector():
            return _decode_state(_of(dict, orjson.loads(text)))
    except IndexCacheError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, zlib.error, RecursionError) as exc:
        raise IndexCacheError(f"damaged cached index ({type(exc).__name__})") from exc


def _decode_state(state: dict[str, Any]) -> ScreeningIndex:
    """Rebuild the index from the decoded JSON object, checking as it goes."""
    if state.get("format") != FORMAT:
        raise IndexCacheError(f"cached index format {state.get('format')!r}, not {FORMAT}")
    index = ScreeningIndex()
    index.entities = [_entity(item) for item in _of(list, state["entities"])]
    entity_count = len(index.entities)
    index.names = [_name(item, entity_count) for item in _of(list, state["names"])]
    name_count = len(index.names)
    index.names_of = [_positions(item, name_count) for item in _of(list, state["names_of"])]
    index.exact_keys = _strings(state["exact_keys"])
    if len(index.names_of) != entity_count or len(index.exact_keys) != name_count:
        raise IndexCacheError("cached index tables differ in length")
    for item in _of(list, state["identifiers"]):
        kind, value, positions = _of(list, item)
        key = (_of(str, kind), _of(str, value))
        index.identifiers[key] = list(_positions(positions, entity_count))
    index.keys = _keys(_of(dict, state["keys"]), index.names)
    index.skeletons = [_name(item, entity_count) for item in _of(list, state["skeletons"])]
    if len(index.skeletons) != name_count:
        raise IndexCacheError("cached index tables differ in length")
    index.skeleton_keys = _keys(_of(dict, state["skeleton_keys"]), index.skeletons)
    contractions = ContractionIndex([])
    for item in _of(list, state["contractions"]):
        key, entries = _of(list, item)
        contractions.keyed[_of(str, key)] = tuple(
            _contraction(entry, entity_count) for entry in _of(list, entries)
        )
    index.contractions = contractions
    return index


def _encode_name(name: IndexedName) -> list[Any]:
    return [name.entity, name.text, name.keys, name.joined, name.weights, name.is_weak, name.words]


def _encode_keys(keys: KeyIndex) -> dict[str, Any]:
    return {
        "postings": keys.postings,
        "vowel_free": keys.vowel_free,
        "vowels_dropped": keys.vowels_dropped,
        "frequent_cap": keys.frequent_cap,
        "document_frequency": keys.document_frequency,
        "name_count": keys.name_count,
        "bags": [[bag, positions] for bag, positions in keys.bags.items()],
        "lengths": list(keys.lengths),
    }


def _keys(state: dict[str, Any], names: list[IndexedName]) -> KeyIndex:
    """Rebuild a `KeyIndex` over `names` from its encoded fields."""
    name_count = len(names)
    keys = KeyIndex()
    keys.postings = _table(state["postings"], lambda p: _positions(p, name_count))
    keys.neighbours = deletion_neighbours(keys.postings)
    keys.sorted_terms = sorted(keys.postings)
    keys.index_written_words(names)
    keys.index_syllabic_words(names)
    keys.vowel_free = _table(state["vowel_free"], lambda p: _positions(p, name_count))
    keys.vowels_dropped = _table(state["vowels_dropped"], lambda p: _positions(p, name_count))
    keys.frequent_cap = _of(int, state["frequent_cap"])
    keys.frequent = {
        term: frozenset(p) for term, p in keys.postings.items() if len(p) > keys.frequent_cap
    }
    keys.document_frequency = _table(state["document_frequency"], lambda n: _of(int, n))
    keys.name_count = _of(int, state["name_count"])
    keys.bags = {}
    for item in _of(list, state["bags"]):
        bag, positions = _of(list, item)
        keys.bags[tuple(_strings(bag))] = _positions(positions, name_count)
    lengths = _of(list, state["lengths"])
    if not all(type(n) is int and 0 <= n <= 255 for n in lengths):
        raise IndexCacheError("a name length is not a byte")
    keys.lengths = bytes(lengths)
    return keys


def _entity(item: object) -> Entity:
    entity = decode_entity(_of(dict, item))
    for text in (entity.id, entity.schema, entity.source, entity.source_version, *entity.names):
        _of(str, text)
    return entity


def _name(item: object, entity_count: int) -> IndexedName:
    entity, text, keys, joined, weights, is_weak, words = _of(list, item)
    if not all(type(w) in (float, int) for w in _of(list, weights)):
        raise IndexCacheError("a key weight is not a number")
    return IndexedName(
        _position(entity, entity_count),
        _of(str, text),
        tuple(_strings(keys)),
        tuple(_strings(joined)),
        tuple(float(w) for w in weights),
        _of(bool, is_weak),
        tuple(_strings(words)),
    )


def _contraction(item: object, entity_count: int) -> tuple[int, str, tuple[str, ...]]:
    entity, name, words = _of(list, item)
    return _position(entity, entity_count), _of(str, name), tuple(_strings(words))


def _table(value: object, convert: Callable[[Any], T]) -> dict[str, T]:
    return {_of(str, key): convert(item) for key, item in _of(dict, value).items()}


def _strings(value: object) -> list[str]:
    items = _of(list, value)
    if not all(type(item) is str for item in items):
        raise IndexCacheError("a key is not a string")
    return items


def _positions(value: object, count: int) -> tuple[int, ...]:
    items: Sequence[Any] = _of(list, value)
    if not all(type(item) is int and 0 <= item < count for item in items):
        raise IndexCacheError("a position is outside the index")
    return tuple(items)


def _position(value: object, count: int) -> int:
    if type(value) is not int or not 0 <= value < count:
        raise IndexCacheError("a position is outside the index")
    return value


def _of(kind: type[T], value: object) -> T:
    """Return `value` when it is exactly of JSON type `kind` (bool is not int)."""
    if type(value) is not kind:
        raise IndexCacheError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value
