"""Build the inputs of `batch_scale.py`: an FtM list file and a CSV book of names.

The list file is the shared UN (2024-11-30) and OFAC SDN (2021) lists, about 10,000
entities, written as FtM JSON lines by yalu's own writer (`formats.ftm_json`). The book is
`rows` names drawn with a seeded generator: one in five is a list name or alias, perturbed
(two letters swapped, a letter dropped, words reversed, lower case, or as published); the
others are names on no list, made of a first word of one list name and a last word of
another (near misses, like most of a real book). Same seed, same files, on any machine.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from yalu.formats import read_list
from yalu.formats.ftm_json import write_ftm_json

SHARED_LISTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "lists"
LIST_FILES = ("un_consolidated_2024-11-30.xml", "ofac_sdn_2021")
LISTED_SHARE = 0.2
"""Share of book rows drawn from list names (perturbed); the rest are on no list."""


def write_list_file(path: Path) -> int:
    """Write the UN and OFAC SDN lists as one FtM JSON file; return the entity count."""
    entities = [e for name in LIST_FILES for e in read_list(SHARED_LISTS / name).entities]
    return write_ftm_json(entities, path)


def _perturbed(name: str, draw: random.Random) -> str:
    kind = draw.randrange(5)
    if kind == 0 and len(name) > 4:
        at = draw.randrange(len(name) - 1)
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    if kind == 1 and len(name) > 4:
        at = draw.randrange(len(name))
        return name[:at] + name[at + 1 :]
    if kind == 2:
        return " ".join(reversed(name.split()))
    if kind == 3:
        return name.lower()
    return name


def write_book(list_file: Path, path: Path, rows: int, seed: int) -> None:
    """Write `rows` names (`id,name` CSV) drawn from the names of `list_file`."""
    names = sorted({n for e in read_list(list_file).entities for n in (*e.names, *e.weak_aliases)})
    words = [n.split() for n in names if len(n.split()) >= 2]
    draw = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "name"])
        for row in range(rows):
            if draw.random() < LISTED_SHARE:
                name = _perturbed(draw.choice(names), draw)
            else:
                name = f"{draw.choice(words)[0]} {draw.choice(words)[-1]}"
            writer.writerow([f"r{row}", name])
