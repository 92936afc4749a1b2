"""One party across lists: group the entries of several lists naming the same party.

`EntityLinks` is built once over every loaded entity. Two entries of different lists are
linked only on evidence that identifies, never on names that merely look alike:

1. a list cites the other's entry: the UN reference number a UK or EU entry gives
   (`Entity.same_as`, "un_sc:KPe.073") is the UN entry with that number;
2. the same identifier: an IMO number (ship with ship, company with company: a company's
   IMO number is not a ship's), a passport or national id number (people), a registration,
   tax, SWIFT or MMSI number; at least 6 letters or digits, and never when its holders
   name two different issuing countries;
3. people: the same name (the same words in any order, case, accents and punctuation
   aside) and the same full birth date (day, month and year);
4. organisations and ships: the same primary name and at least one more name spelled the
   same (`KOREA RYONBONG GENERAL CORPORATION` a.k.a. `KOREA YONBONG GENERAL CORPORATION`
   on the UN, OFAC and Australian lists, none of which gives a number).

A key held by two entries of one list says nothing (OFAC lists the AL RASHID TRUST and
another body that uses its name): that list's entries are left out of the key. Links never
join two entries of the same list, nor a person with an organisation or ship. Keys are
applied strongest first, in sorted order, so the result does not depend on load order.
`group_matches` then turns a query's scored candidates into rows, one per party.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from yalu.models.screening import Entity, GroupEntry, Match, MatchGroup

MIN_IDENTIFIER_LENGTH = 6
"""Identifiers shorter than this (a 4-digit passport number) are too common to link by."""

_WORDS = re.compile(r"[^\W_]+")
_IDENTIFIER_WORDS = {
    "imo": "IMO number",
    "passport": "passport number",
    "national_id": "national id number",
    "registration": "registration number",
    "tax": "tax number",
    "swift": "SWIFT code",
    "mmsi": "MMSI",
}
_REFERENCE_WORDS = {"un_sc": "UN reference number", "ofac_sdn": "OFAC SDN entry"}
_PERSON_ONLY = frozenset({"passport", "national_id"})


def _kind_of(entity: Entity) -> str:
    """Return "person", "vessel" or "organization": what may be linked with what."""
    if entity.schema == "Person":
        return "person"
    return "vessel" if entity.schema == "Vessel" else "organization"


def name_key(name: str, *, any_order: bool = False) -> str:
    """Return a name as compared: words only, case and accents folded (sorted if asked)."""
    if name.isascii():
        text = name.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _WORDS.findall(text)
    return " ".join(sorted(words) if any_order else words)


Key = tuple[int | str, ...]
"""Evidence entries may share: its strength (0 strongest) first, then what is compared."""


class EntityLinks:
    """Which entries of different lists are the same party, with the reasons."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Link `entities` (every entity of every list in use); see the module docstring."""
        self.entities = entities
        self.position_of: dict[tuple[str, str], int] = {}
        for position, entity in enumerate(entities):
            self.position_of.setdefault((entity.source, entity.id), position)
        self._parent = list(range(len(entities)))
        self._lists: dict[int, set[str]] = {}
        self._reasons: defaultdict[int, list[tuple[int, int, str]]] = defaultdict(list)
        keys, said = _keys(entities)
        for key in sorted(keys):
            held = self._held_once(keys[key])
            if key[1] == "names":
                self._link_names(held)
            else:
                for other in held[1:]:
                    self._union(held[0], other, said[key])
        self._members: defaultdict[int, list[int]] = defaultdict(list)
        for position in range(len(entities)):
            root = self.root(position)
            if root in self._lists:
                self._members[root].append(position)

    def root(self, position: int) -> int:
        """Return the id of the group of `position` (the lowest position in it)."""
        while self._parent[position] != position:
            self._parent[position] = self._parent[self._parent[position]]
            position = self._parent[position]
        return position

    def _held_once(self, positions: list[int]) -> list[int]:
        """Return the positions whose list holds the key once; lists holding it twice drop."""
        by_list: defaultdict[str, list[int]] = defaultdict(list)
        for position in dict.fromkeys(positions):
            by_list[self.entities[position].source].append(position)
        return sorted(found[0] for found in by_list.values() if len(found) == 1)

    def _link_names(self, held: list[int]) -> None:
        """Join the entries of a primary-name bucket that share one more name."""
        names = {p: {name_key(n): n for n in self.entities[p].names} for p in held}
        for index, first in enumerate(held):
            for second in held[index + 1 :]:
                shared = [names[first][k] for k in names[first] if k in names[second]]
                if len(shared) >= 2:
                    quoted = " and ".join(f"'{name}'" for name in shared[:2])
                    self._union(first, second, f"the same names {quoted}")

    def _union(self, first: int, second: int, said: str) -> None:
        """Join the groups of two entries unless that puts two entries of one list together."""
        a, b = self.root(first), self.root(second)
        if a == b:
            return
        lists_a = self._lists.get(a, {self.entities[a].source})
        lists_b = self._lists.get(b, {self.entities[b].source})
        if lists_a & lists_b:
            return
        root, child = min(a, b), max(a, b)
        self._parent[child] = root
        self._lists[root] = lists_a | lists_b
        self._lists.pop(child, None)
        self._reasons[root] += [*self._reasons.pop(child, []), (first, second, said)]

    def members(self, position: int) -> list[int]:
        """Return the positions of every entry grouped with `position` (itself included)."""
        return list(self._members.get(self.root(position), [position]))

    def reasons(self, position: int, shown: Iterable[int] | None = None) -> tuple[str, ...]:
        """Return why the group of `position` was formed, one sentence per link.

        With `shown` (the positions of the entries shown), only the links between two
        shown entries are given, unless those alone do not join them all (an entry left
        out by a programme filter links the others), in which case every link is.
        """
        links = self._reasons.get(self.root(position), [])
        if shown is not None:
            visible = set(shown)
            direct = [link for link in links if {link[0], link[1]} <= visible]
            if len(direct) >= len(visible) - 1:
                links = direct
        return tuple(self._say(first, second, said) for first, second, said in links)

    def _say(self, first: int, second: int, said: str) -> str:
        one, two = self.entities[first], self.entities[second]
        return f"{one.id} ({one.source}) and {two.id} ({two.source}): {said}"

    @property
    def group_count(self) -> int:
        """Return how many groups join entries of two lists or more."""
        return len(self._members)


def _keys(entities: Sequence[Entity]) -> tuple[dict[Key, list[int]], dict[Key, str]]:
    """Return every key held by two entries or more, with their positions, and its words.

    An identifier issued by two different countries on its holders links nothing.
    """
    keys: defaultdict[Key, list[int]] = defaultdict(list)
    said: dict[Key, str] = {}
    countries: defaultdict[Key, set[str]] = defaultdict(set)
    for position, entity in enumerate(entities):
        for key, words, country in _entity_keys(entity):
            keys[key].append(position)
            said.setdefault(key, words)
            if country:
                countries[key].add(country)
    shared = {
        key: positions
        for key, positions in keys.items()
        if len(positions) > 1 and len(countries.get(key, ())) < 2
    }
    return shared, {key: said[key] for key in shared}


def _entity_keys(entity: Entity) -> Iterable[tuple[Key, str, str]]:
    """Yield (key, how to say it, issuing country or "") for each key of one entry."""
    kind = _kind_of(entity)
    party = "person" if kind == "person" else "party"
    for reference in (f"{entity.source}:{entity.id}", *entity.same_as):
        source, number = reference.split(":", 1)
        said = f"the same {_REFERENCE_WORDS.get(source, source + ' entry')} {number}"
        yield (0, "ref", party, reference), said, ""
    for identifier in entity.identifiers:
        label = _IDENTIFIER_WORDS.get(identifier.kind)
        value = identifier.normalized
        if label is None or len(value) < MIN_IDENTIFIER_LENGTH:
            continue
        if (identifier.kind in _PERSON_ONLY) != (kind == "person"):
            continue
        said = f"the same {label} {identifier.value}"
        yield (1, "id", kind, identifier.kind, value), said, identifier.country or ""
    if kind == "person":
        full_dates = [date for date in entity.birth_dates if len(date) == 10]
        for rank, name in enumerate(entity.names if full_dates else ()):
            words = name_key(name, any_order=True)
            for date in full_dates:
                said = f"the same name '{name}' and birth date {date}"
                # Primary names first, so the reason names the party as it is known.
                yield (2 if rank == 0 else 3, "person", words, date), said, ""
    elif entity.names:
        yield (4, "names", kind, name_key(entity.names[0])), "", ""


def group_matches(
    matches: Sequence[Match],
    links: EntityLinks,
    *,
    limit: int,
    keep: Callable[[Entity], bool] | None = None,
) -> tuple[MatchGroup, ...]:
    """Turn a query's scored candidates (best first) into rows, one per party, best first.

    Args:
        matches: the candidates, best first (more than `limit`, so that each party's
            entries on every list are among them).
        links: the links over every entity in use.
        limit: rows to return.
        keep: which grouped entries to show (a programme filter); None keeps all.

    Returns:
        Up to `limit` groups, ordered by their best score (ties keep the candidates'
        order); each holds its scored entries best first, then the entries of other lists
        grouped with them but not among the candidates, by list name.
    """
    rows: dict[int, list[Match]] = {}
    scored: set[int] = set()
    for number, match in enumerate(matches):
        position = links.position_of.get((match.list, match.entity_id))
        if position is None:  # not in the lists linked (cannot happen with one index)
            rows[-1 - number] = [match]
            continue
        rows.setdefault(links.root(position), []).append(match)
        scored.add(position)
    # A row's first candidate is its best entry: only the best `limit` rows are built.
    kept = sorted(rows.items(), key=lambda row: -row[1][0].score)[:limit]
    groups: list[MatchGroup] = []
    for root, found in kept:
        if root < 0:
            groups.append(MatchGroup((_entry_of_match(found[0]),)))
            continue
        entries = [
            _entry(links.entities[links.position_of[(m.list, m.entity_id)]], m) for m in found
        ]
        unscored = [
            links.entities[p]
            for p in links.members(root)
            if p not in scored and (keep is None or keep(links.entities[p]))
        ]
        entries += [_entry(entity, None) for entity in sorted(unscored, key=lambda e: e.source)]
        shown = [links.position_of[(entry.list, entry.entity_id)] for entry in entries]
        reasons = links.reasons(root, shown) if len(entries) > 1 else ()
        groups.append(MatchGroup(tuple(entries), reasons))
    return tuple(groups)


def _entry(entity: Entity, match: Match | None) -> GroupEntry:
    return GroupEntry(
        entity_id=entity.id,
        list=entity.source,
        schema=entity.schema,
        caption=entity.caption,
        list_version=entity.source_version,
        regimes=entity.regimes,
        programs=entity.programs,
        match=match,
    )


def _entry_of_match(match: Match) -> GroupEntry:
    return GroupEntry(
        entity_id=match.entity_id,
        list=match.list,
        schema=match.schema,
        caption=match.caption or match.name,
        list_version=match.list_version,
        match=match,
    )
