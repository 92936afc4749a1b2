"""The cached index is plain checked data: a pickle or a damaged payload is rebuilt, never run."""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

import orjson
import pytest

from tests.paths import FIXTURES
from yalu.formats import read_list
from yalu.models.screening import Query
from yalu.screening.index_codec import MAGIC, IndexCacheError, decode_index, encode_index
from yalu.screening.ingest import ingest
from yalu.screening.search import ScreeningIndex
from yalu.screening.service import index_cache_key, load_active_index
from yalu.screening.store import Store

UN = FIXTURES / "screening" / "un_three.xml"
SDN = FIXTURES / "screening" / "ofac_sdn_small"


@pytest.fixture
def index() -> ScreeningIndex:
    """Return an index over the small UN and SDN fixtures."""
    return ScreeningIndex.build([*read_list(UN).entities, *read_list(SDN).entities])


class _Payload:
    """Unpickling this runs a shell command that creates the file `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_decoded_index_holds_every_table_the_encoded_one_held(index: ScreeningIndex) -> None:
    decoded = decode_index(encode_index(index))
    for table in ("entities", "names", "names_of", "exact_keys", "identifiers", "skeletons"):
        assert getattr(decoded, table) == getattr(index, table), table
    for keys in ("keys", "skeleton_keys"):
        assert getattr(decoded, keys).__getstate__() == getattr(index, keys).__getstate__(), keys
    assert decoded.contractions.keyed == index.contractions.keyed


def test_a_decoded_index_scores_exactly_as_the_built_one(index: ScreeningIndex) -> None:
    decoded = decode_index(encode_index(index))
    found = 0
    for name in ("Kim Jong Un", "Korea Kwangson Banking Corp", "Jang Song Thaek", "KKBC"):
        query = Query(name)
        matches = index.screen(query, limit=10)
        assert decoded.screen(query, limit=10) == matches
        found += len(matches)
    assert found > 0


def test_a_pickle_payload_in_the_store_never_runs_and_the_index_is_rebuilt(
    store: Store, tmp_path: Path
) -> None:
    ingest(read_list(UN), store)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload(marker))
    store.write_index_cache(index_cache_key(store.active_versions()), payload)
    loaded = load_active_index(store)
    assert not marker.exists()
    assert not loaded.was_cached
    assert len(loaded.index) == 3
    # The rebuilt index replaced the payload in the cache.
    assert load_active_index(store).was_cached


def test_a_pickle_behind_the_magic_bytes_is_refused_too(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(IndexCacheError):
        decode_index(MAGIC + zlib.compress(pickle.dumps(_Payload(marker))))
    assert not marker.exists()


def _reencoded(index: ScreeningIndex, change: str) -> bytes:
    """Return `index` encoded, with its JSON changed by `change` (a statement on `state`)."""
    state = orjson.loads(zlib.decompress(encode_index(index)[len(MAGIC) :]))
    exec(change, {"state": state})  # the test's own edit of its own data
    return MAGIC + zlib.compress(orjson.dumps(state))


@pytest.mark.parametrize(
    "change",
    [
        "state['format'] = 99",
        "state['names'][0][0] = 10**6",  # an entity position outside the index
        "state['names'][0][2] = 'not a list'",
        "state['names'][0][4] = ['heavy']",  # a weight that is not a number
        "state['keys']['postings']['kim'] = [-1]",
        "state['names_of'].pop()",  # tables of different lengths
        "state['entities'][0]['names'] = [7]",
        "del state['skeleton_keys']",
        "state['keys']['lengths'][0] = 999",
        "state['identifiers'] = {'a': 1}",
    ],
)
def test_a_cached_index_of_the_wrong_shape_or_type_is_refused(
    index: ScreeningIndex, change: str
) -> None:
    with pytest.raises(IndexCacheError):
        decode_index(_reencoded(index, change))


@pytest.mark.parametrize(
    "data",
    [b"", b"not an index", MAGIC, MAGIC + b"\x78\x9c garbage", MAGIC + zlib.compress(b"[1, 2")],
)
def test_damaged_bytes_are_refused_not_fatal(data: bytes) -> None:
    with pytest.raises(IndexCacheError):
        decode_index(data)


def test_a_cached_index_that_inflates_too_far_is_refused(
    index: ScreeningIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("yalu.screening.index_codec.MAX_DECOMPRESSED_BYTES", 1000)
    with pytest.raises(IndexCacheError, match="too large"):
        decode_index(encode_index(index))
