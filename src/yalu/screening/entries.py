"""One list entry as an analyst reads it: every field, its list version, the same party elsewhere.

`find_entry(loaded, list, id)` looks the entry up in the index over the active lists and
returns it with the version of its list (`ListInUse`) and the entries of the other lists
that `same_entity.EntityLinks` groups with it, with the reason for each link. The web page
`/entities/{list}/{id}` and its JSON twin both render this one value.
"""

from __future__ import annotations

from dataclasses import dataclass

from yalu.core.errors import NotFoundError
from yalu.models.screening import Entity
from yalu.screening.service import ListInUse, LoadedIndex

MAX_ID_LENGTH = 200
"""Longer list or entry ids are refused before any lookup."""


@dataclass(frozen=True, slots=True)
class ListEntry:
    """An entry of an active list, with its list's version and its entries on other lists.

    Attributes:
        entity: the entry as the list gives it.
        list_version: the active version of the entry's list.
        same_party: the other lists' entries of the same party, in list order.
        reasons: why they are the same party, one sentence per link.
    """

    entity: Entity
    list_version: ListInUse
    same_party: tuple[Entity, ...] = ()
    reasons: tuple[str, ...] = ()


def find_entry(loaded: LoadedIndex, source: str, entity_id: str) -> ListEntry:
    """Return the entry `entity_id` of list `source` among the active lists.

    Raises:
        NotFoundError: no active list is named `source`, or it has no entry `entity_id`.
    """
    if len(source) > MAX_ID_LENGTH or len(entity_id) > MAX_ID_LENGTH:
        raise NotFoundError("no such list entry", hint="List and entry ids are short codes")
    versions = {item.source: item for item in loaded.lists}
    if source not in versions:
        known = ", ".join(sorted(versions)) or "none"
        raise NotFoundError(f"no list '{source}' is in use", hint=f"The lists in use are: {known}")
    links = loaded.links
    position = links.position_of.get((source, entity_id))
    if position is None:
        raise NotFoundError(
            f"list '{source}' has no entry '{entity_id}'",
            hint="Entry ids are the list's own (a UN reference number, an OFAC entry number)",
        )
    members = [p for p in links.members(position) if p != position]
    others = sorted((links.entities[p] for p in members), key=lambda e: (e.source, e.id))
    return ListEntry(
        entity=links.entities[position],
        list_version=versions[source],
        same_party=tuple(others),
        reasons=links.reasons(position) if others else (),
    )
