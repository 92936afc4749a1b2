"""The server's index and screenings: computed once, rebuilt aside, audited (issue 16 item 4)."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from tests.interfaces.api.server import SDN, UN
from yalu.formats import read_list
from yalu.interfaces.api.state import ScreeningState
from yalu.screening import romanize
from yalu.screening.ingest import ingest
from yalu.screening.store import open_store


def _state_over_un(tmp_path: Path) -> tuple[str, ScreeningState]:
    """Return a new store holding the UN fixture list, and a server state over it (cold)."""
    url = f"sqlite:///{tmp_path / 'yalu.sqlite3'}"
    with open_store(url) as store:
        ingest(read_list(UN), store)
    return url, ScreeningState(url)


def test_32_threads_asking_for_the_syllable_table_compute_it_once() -> None:
    romanize._syllable_keys.cache_clear()
    start = threading.Barrier(32)

    def ask() -> None:
        start.wait()
        romanize.syllable_keys()

    threads = [threading.Thread(target=ask) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    info = romanize._syllable_keys.cache_info()
    assert (info.misses, info.hits) == (1, 31)


def test_a_new_list_is_built_aside_while_requests_use_the_old_index(tmp_path: Path) -> None:
    url, state = _state_over_un(tmp_path)
    state.warm()
    assert state.is_warm()
    first = state.holder.loaded
    assert first is not None and {item.source for item in first.lists} == {"un_sc"}
    release = threading.Event()
    build = state.holder._build

    def slow_build(*, use_cache: bool) -> object:
        release.wait(60)  # the rebuild takes as long as the test wants
        return build(use_cache=use_cache)

    state.holder._build = slow_build
    with open_store(url) as store:
        ingest(read_list(SDN), store)
    begun = time.perf_counter()
    with open_store(url) as store:
        during = state.holder.current(store)
    assert time.perf_counter() - begun < 30  # not waiting for the rebuild (held 60 s)
    assert during is first
    rebuilding = state.holder.rebuilding
    assert rebuilding is not None and rebuilding.is_alive()
    release.set()
    rebuilding.join(120)
    with open_store(url) as store:
        after = state.holder.current(store)
    assert {item.source for item in after.lists} == {"un_sc", "ofac_sdn"}


def test_concurrent_screenings_are_each_audited_in_an_intact_chain(tmp_path: Path) -> None:
    from yalu.screening.audit import read_screenings
    from yalu.screening.queries import make_query
    from yalu.screening.verify import verify_trail

    url, state = _state_over_un(tmp_path)
    state.warm()
    start = threading.Barrier(16)
    answered: list[str] = []

    def screen(number: int) -> None:
        start.wait()
        query = make_query(f"Kim Chol {number}", id=str(number))
        (result,) = state.screen([query], threshold=0.84, limit=5, actor=f"caller-{number}")
        with open_store(url) as store:  # once answered, its row is there
            rows = read_screenings(store, 100, name=f"Kim Chol {number}")
        assert any(row.actor == f"caller-{number}" for row in rows)
        answered.append(result.query.id)

    threads = [threading.Thread(target=screen, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answered, key=int) == [str(n) for n in range(16)]
    with open_store(url) as store:
        assert len(read_screenings(store, 100)) == 16
        assert verify_trail(store).is_intact


def test_screenings_on_the_event_loop_return_only_once_audited(tmp_path: Path) -> None:
    from yalu.screening.audit import read_screenings
    from yalu.screening.queries import make_query
    from yalu.screening.verify import verify_trail

    url, state = _state_over_un(tmp_path)
    state.warm()

    async def screen(number: int) -> str:
        query = make_query(f"Kim Chol {number}", id=str(number))
        result = await state.screen_here(query, threshold=0.84, limit=5, actor=f"caller-{number}")
        with open_store(url) as store:  # once answered, its row is there
            rows = read_screenings(store, 100, name=f"Kim Chol {number}")
        assert any(row.actor == f"caller-{number}" for row in rows)
        return result.query.id

    async def screen_all() -> list[str]:
        return list(await asyncio.gather(*(screen(n) for n in range(16))))

    assert asyncio.run(screen_all()) == [str(n) for n in range(16)]
    with open_store(url) as store:
        assert len(read_screenings(store, 100)) == 16
        assert verify_trail(store).is_intact


def test_the_first_index_is_built_off_the_event_loop(tmp_path: Path) -> None:
    from yalu.screening.queries import make_query

    _, state = _state_over_un(tmp_path)  # not warmed: no index in memory
    built_in: list[threading.Thread] = []
    build = state.holder._build

    def recording_build(*, use_cache: bool) -> object:
        built_in.append(threading.current_thread())
        return build(use_cache=use_cache)

    state.holder._build = recording_build
    query = make_query("Korea Ryonbong General Corporation", id="1")
    result = asyncio.run(state.screen_here(query, threshold=0.84, limit=5, actor="first"))
    assert result.matches
    assert len(built_in) == 1 and built_in[0] is not threading.main_thread()
    assert state.is_warm()


def test_a_screening_given_up_while_its_row_is_committed_holds_up_no_other(
    tmp_path: Path,
) -> None:
    from yalu.screening.audit import read_screenings
    from yalu.screening.queries import make_query

    url, state = _state_over_un(tmp_path)
    state.warm()
    writer = state.audit_writer

    def screening(number: int, actor: str) -> asyncio.Task[object]:
        query = make_query(f"Kim Chol {number}", id=str(number))
        return asyncio.create_task(state.screen_here(query, threshold=0.84, limit=5, actor=actor))

    async def scenario() -> str:
        with writer._ready:  # the writer thread cannot take rows until this is released
            gone, stays = screening(1, "gone"), screening(2, "stays")
            await asyncio.sleep(0.1)  # both scored, both waiting for their commit
            gone.cancel()  # a client that disconnected, or a request over its budget
            await asyncio.sleep(0.1)
        result = await asyncio.wait_for(stays, 30)
        return result.query.id

    assert asyncio.run(scenario()) == "2"
    with open_store(url) as store:
        assert {row.actor for row in read_screenings(store, 100)} == {"gone", "stays"}
