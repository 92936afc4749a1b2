"""The location graph of a case as flat arrays: locations, directed links and candidate paths.

FLEE walks Python objects; yalu turns the case into arrays once, before a run:

* location arrays (kind code, country code, population, capacity, foreign flag), in the
  order of `locations.csv`;
* directed links in CSR form: every route gives two links, sorted by start location, with
  `link_offsets[l]:link_offsets[l + 1]` the links leaving location `l`;
* the candidate paths an agent weighs when it decides to move (FLEE's awareness level):
  every loop-free walk of up to `awareness_level` counted steps from each origin, markers
  not counted and never endpoints. A path is stored as "hops" (one per link on it) so that
  an agent part-way along a planned path is one integer: the hop it travels or waits for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from yalu.core.errors import CaseFormatError
from yalu.models.displacement import LOCATION_KINDS, Case, FloatArray, IntArray

BoolArray = npt.NDArray[np.bool_]

KIND_CODES: dict[str, int] = {kind: code for code, kind in enumerate(LOCATION_KINDS)}
"""Location kind name -> small integer code used in `Network.kind`."""
CONFLICT = KIND_CODES["conflict_zone"]
TOWN = KIND_CODES["town"]
CAMP = KIND_CODES["camp"]
IDPCAMP = KIND_CODES["idpcamp"]
FORWARD = KIND_CODES["forward"]
MARKER = KIND_CODES["marker"]


@dataclass(frozen=True, slots=True)
class Network:
    """Arrays describing a case's graph; see the module docstring for the layout.

    Attributes:
        names: location names, in locations.csv order.
        kind: location kind codes (`KIND_CODES`), shape (L,).
        country: country codes (index into `countries`), shape (L,).
        countries: country names.
        is_foreign: True where the country differs from the first location's, shape (L,).
        population: residents at day 0 divided by hasten, shape (L,).
        capacity: camp capacity divided by hasten, -1 where unlimited, shape (L,).
        conflict_date: day a conflict zone starts (0 = from the start), shape (L,).
        link_start, link_end: endpoints of each directed link, shape (E,).
        link_km: link length in km, shape (E,).
        link_offsets: CSR offsets of links by start location, shape (L + 1,).
        path_origin, path_end: first and last location of each candidate path, shape (P,).
        path_km: total length of each path, shape (P,).
        path_links: link ids along each path, padded with -1, shape (P, H).
        path_first_hop: hop id of each path's first link, shape (P,).
        path_table: path ids by origin, padded with -1, shape (L, D).
        hop_link: link id of each hop, shape (J,).
        hop_next: the following hop on the same path, -1 for a path's last hop, shape (J,).
        hop_path: the path each hop belongs to, shape (J,).
        hop_start: the location each hop leaves from, shape (J,).
    """

    names: tuple[str, ...]
    kind: IntArray
    country: IntArray
    countries: tuple[str, ...]
    is_foreign: BoolArray
    population: IntArray
    capacity: IntArray
    conflict_date: IntArray
    link_start: IntArray
    link_end: IntArray
    link_km: FloatArray
    link_offsets: IntArray
    path_origin: IntArray
    path_end: IntArray
    path_km: FloatArray
    path_links: IntArray
    path_first_hop: IntArray
    path_table: IntArray
    hop_link: IntArray
    hop_next: IntArray
    hop_path: IntArray
    hop_start: IntArray

    @property
    def size(self) -> int:
        """Return the number of locations."""
        return len(self.names)


def build_network(
    case: Case, *, awareness_level: int = 1, hasten: int = 1, duplicate_redirected: bool = True
) -> Network:
    """Build the arrays of `case`'s graph.

    Args:
        case: the case read by `yalu.formats.flee.read_case`.
        awareness_level: link steps an agent looks ahead (0 = a random neighbour, >= 0).
        hasten: divide populations and capacities by this (>= 1), as FLEE does.
        duplicate_redirected: add routes with a non-zero `forced_redirection` twice, as
            FLEE's reader does (it doubles the weight of those links).

    Raises:
        CaseFormatError: a route names an unknown location.
    """
    countries = tuple(dict.fromkeys(loc.country for loc in case.locations))
    home = case.locations[0].country if case.locations else ""
    kind = np.array([KIND_CODES[loc.kind] for loc in case.locations], dtype=np.int64)
    starts, ends, kms = _directed_links(case, duplicate_redirected)
    order = np.argsort(starts, kind="stable")
    link_start, link_end, link_km = starts[order], ends[order], kms[order]
    offsets = np.zeros(len(case.locations) + 1, dtype=np.int64)
    np.cumsum(np.bincount(link_start, minlength=len(case.locations)), out=offsets[1:])
    paths = _enumerate_paths(link_start, link_end, offsets, kind, awareness_level)
    return Network(
        names=tuple(loc.name for loc in case.locations),
        kind=kind,
        country=np.array([countries.index(loc.country) for loc in case.locations], np.int64),
        countries=countries,
        is_foreign=np.array([loc.country != home for loc in case.locations], dtype=np.bool_),
        population=np.array([loc.population // hasten for loc in case.locations], np.int64),
        capacity=np.array(
            [-1 if loc.capacity is None else loc.capacity // hasten for loc in case.locations],
            dtype=np.int64,
        ),
        conflict_date=np.array([loc.conflict_date for loc in case.locations], np.int64),
        link_start=link_start,
        link_end=link_end,
        link_km=link_km,
        link_offsets=offsets,
        **_path_arrays(paths, link_start, link_end, link_km, len(case.locations)),
    )


def _directed_links(
    case: Case, duplicate_redirected: bool
) -> tuple[IntArray, IntArray, FloatArray]:
    """Return (start, end, km) of both directions of every route, in routes.csv order."""
    lookup = case.location_index
    starts: list[int] = []
    ends: list[int] = []
    kms: list[float] = []
    for route in case.routes:
        for name in (route.start, route.end):
            if name not in lookup:
                raise CaseFormatError(
                    f"route {route.start}-{route.end} names unknown location '{name}'",
                    path=case.path / "input_csv" / "routes.csv",
                    hint="Add it to locations.csv or fix the spelling",
                )
        copies = 2 if duplicate_redirected and route.forced_redirection else 1
        a, b = lookup[route.start], lookup[route.end]
        for _ in range(copies):
            starts += [a, b]
            ends += [b, a]
            kms += [route.distance_km, route.distance_km]
    return (
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
        np.array(kms, dtype=np.float64),
    )


def _enumerate_paths(
    link_start: IntArray,
    link_end: IntArray,
    offsets: IntArray,
    kind: IntArray,
    awareness_level: int,
) -> list[list[int]]:
    """Return every candidate path as a list of link ids (FLEE's awareness walk).

    A walk never revisits a location. Each link into a non-marker location counts one step
    and makes the walk so far a candidate; links into markers count no step and are never
    candidates. Walks stop after `awareness_level` counted steps (1 if the level is 0).
    """
    depth = max(awareness_level, 1)
    paths: list[list[int]] = []

    def walk(links: list[int], visited: set[int], steps: int) -> None:
        here = int(link_end[links[-1]])
        is_marker = kind[here] == MARKER
        if not is_marker:
            paths.append(list(links))
        counted = steps if is_marker else steps + 1
        if counted >= depth:
            return
        for link in range(int(offsets[here]), int(offsets[here + 1])):
            nxt = int(link_end[link])
            if nxt not in visited:
                walk([*links, link], visited | {nxt}, counted)

    for origin in range(len(kind)):
        for link in range(int(offsets[origin]), int(offsets[origin + 1])):
            walk([link], {origin, int(link_end[link])}, 0)
    return paths


def _path_arrays(
    paths: list[list[int]],
    link_start: IntArray,
    link_end: IntArray,
    link_km: FloatArray,
    locations: int,
) -> dict[str, Any]:
    """Flatten `paths` (grouped by origin already) into the path and hop arrays."""
    count = len(paths)
    longest = max((len(p) for p in paths), default=1)
    path_links = np.full((count, longest), -1, dtype=np.int64)
    for i, links in enumerate(paths):
        path_links[i, : len(links)] = links
    hops_per_path = np.array([len(p) for p in paths], dtype=np.int64)
    first_hop = np.zeros(count, dtype=np.int64)
    if count:
        first_hop[1:] = np.cumsum(hops_per_path)[:-1]
    hop_link = np.array([link for links in paths for link in links], dtype=np.int64)
    hop_path = np.repeat(np.arange(count, dtype=np.int64), hops_per_path)
    hop_next = np.arange(1, hop_link.size + 1, dtype=np.int64)
    hop_next[first_hop + hops_per_path - 1] = -1
    origin = link_start[path_links[:, 0]] if count else np.zeros(0, np.int64)
    last = path_links[np.arange(count), hops_per_path - 1] if count else np.zeros(0, np.int64)
    return {
        "path_origin": origin,
        "path_end": link_end[last],
        "path_km": np.where(path_links >= 0, link_km[path_links], 0.0).sum(axis=1),
        "path_links": path_links,
        "path_first_hop": first_hop,
        "path_table": _table_by_origin(origin, locations),
        "hop_link": hop_link,
        "hop_next": hop_next,
        "hop_path": hop_path,
        "hop_start": link_start[hop_link] if hop_link.size else np.zeros(0, np.int64),
    }


def _table_by_origin(origin: IntArray, locations: int) -> IntArray:
    """Return path ids grouped by origin location, shape (L, D).

    Rows are right-aligned (padding -1 on the left) so that the last column of every row
    with paths is a real path: a multinomial draw gives it the rounding remainder.
    """
    per_origin = np.bincount(origin, minlength=locations)
    width = max(int(per_origin.max(initial=0)), 1)
    table = np.full((locations, width), -1, dtype=np.int64)
    order = np.argsort(origin, kind="stable")
    starts = np.concatenate(([0], np.cumsum(per_origin)[:-1]))
    rank = np.arange(origin.size) - np.repeat(starts, per_origin)
    sorted_origin = origin[order]
    table[sorted_origin, width - per_origin[sorted_origin] + rank] = order
    return table


def links_between(network: Network, a: BoolArray, b: BoolArray) -> BoolArray:
    """Return a mask of links leaving a location in `a` and entering one in `b`, or back."""
    start, end = network.link_start, network.link_end
    return (a[start] & b[end]) | (b[start] & a[end])
