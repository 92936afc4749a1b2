from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from yalu.core.collector import paused_collector


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_off_in_the_block_and_on_after_it() -> None:
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_on_again_after_the_block_raised() -> None:
    with pytest.raises(ValueError), paused_collector():
        raise ValueError("damaged")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with paused_collector(), paused_collector():
        pass
    assert not gc.isenabled()


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("collector_enabled", "nothing_frozen")
def test_what_a_freezing_block_made_is_never_walked_by_a_collection_again() -> None:
    with paused_collector(freeze=True):
        kept = [[index] for index in range(10_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    assert not any(tracked is kept[0] for tracked in gc.get_objects())  # not in 0..2


@pytest.mark.usefixtures("collector_enabled", "nothing_frozen")
def test_a_block_that_raised_freezes_nothing() -> None:
    with pytest.raises(ValueError), paused_collector(freeze=True):
        raise ValueError("damaged")
    assert gc.get_freeze_count() == 0
    with paused_collector():
        pass
    assert gc.get_freeze_count() == 0
