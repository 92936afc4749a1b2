from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.displacement.builders import make_case, place
from tests.paths import SHARED_CASES
from yalu.core.errors import CaseFormatError
from yalu.displacement.network import CAMP, build_network
from yalu.formats.flee import read_case


def _line_case():  # type: ignore[no-untyped-def]
    return make_case(
        [
            place("A", "conflict_zone", population=100),
            place("B"),
            place("M", "marker"),
            place("C", "camp", capacity=50, country="Away"),
        ],
        [("A", "B", 100.0), ("B", "M", 50.0), ("M", "C", 80.0), ("A", "C", 400.0)],
    )


def test_every_route_gives_two_links_grouped_by_start() -> None:
    network = build_network(_line_case())
    assert network.link_start.size == 8
    for here in range(network.size):
        leaving = network.link_start[network.link_offsets[here] : network.link_offsets[here + 1]]
        assert np.all(leaving == here)


def test_foreign_flag_follows_first_location_country() -> None:
    network = build_network(_line_case())
    assert network.is_foreign.tolist() == [False, False, False, True]
    assert network.kind[3] == CAMP


def test_awareness_one_paths_are_single_links_and_skip_markers() -> None:
    network = build_network(_line_case(), awareness_level=1)
    names = np.array(network.names)
    # Markers are never endpoints: the path through M ends at C, two links long.
    assert "M" not in set(names[network.path_end])
    through_marker = network.path_links[
        (names[network.path_origin] == "B") & (names[network.path_end] == "C")
    ]
    assert (through_marker >= 0).sum() == 2


def test_awareness_paths_never_revisit_a_location() -> None:
    network = build_network(_line_case(), awareness_level=3)
    for links in network.path_links:
        used = links[links >= 0]
        visited = [network.link_start[used[0]], *network.link_end[used]]
        assert len(visited) == len(set(visited))


def test_hops_chain_along_each_path() -> None:
    network = build_network(_line_case(), awareness_level=2)
    for path, first in enumerate(network.path_first_hop):
        hop, seen = first, []
        while hop >= 0:
            assert network.hop_path[hop] == path
            seen.append(network.hop_link[hop])
            hop = network.hop_next[hop]
        links = network.path_links[path]
        assert seen == links[links >= 0].tolist()


def test_path_table_lists_each_path_under_its_origin() -> None:
    network = build_network(_line_case(), awareness_level=2)
    table = network.path_table
    listed = np.sort(table[table >= 0])
    assert listed.tolist() == list(range(network.path_origin.size))
    rows = np.nonzero(table >= 0)[0]
    assert np.all(network.path_origin[table[table >= 0]] == rows)


def test_hasten_divides_population_and_capacity() -> None:
    network = build_network(_line_case(), hasten=10)
    assert network.population[0] == 10
    assert network.capacity[3] == 5
    assert network.capacity[0] == -1


def test_route_to_unknown_location_is_a_case_format_error() -> None:
    case = make_case([place("A")], [("A", "Nowhere", 5.0)])
    with pytest.raises(CaseFormatError, match="unknown location 'Nowhere'"):
        build_network(case)


@pytest.mark.shared_data
def test_burundi_redirected_routes_are_doubled_like_flee() -> None:
    case = read_case(Path(SHARED_CASES / "burundi2015"))
    assert build_network(case).link_start.size == 2 * (len(case.routes) + 2)
    single = build_network(case, duplicate_redirected=False)
    assert single.link_start.size == 2 * len(case.routes)
