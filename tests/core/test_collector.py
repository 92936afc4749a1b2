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
