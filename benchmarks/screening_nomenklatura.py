"""Run nomenklatura's matchers on the screening benchmark's queries (own venv, own process).

Called by `screening_bench.py` as `.venv-bench/bin/python screening_nomenklatura.py IN OUT`.
IN is JSON: {"indexes": {name: [[source, id, schema, [names], [weak]], ...]},
"queries": [[index name, query], ...], "algorithms": [...], "candidates": N}.
nomenklatura scores pairs but does not retrieve (yente uses Elasticsearch for that), so
candidates come from a neutral blocker in the spirit of yente's Elasticsearch query:
entities sharing a word (ASCII-folded, lower case) or a word's metaphone key (rigour) with
the query, best `candidates` by summed inverse frequency.
OUT is JSON: per algorithm, the [source, id, score] of the top candidate per query and the
seconds spent.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections import defaultdict

from anyascii import anyascii
from followthemoney import model
from nomenklatura.matching import get_algorithm
from rigour.text.phonetics import metaphone


def words(name: str) -> list[str]:
    """Return a name's words, ASCII-folded and lower case, and their metaphone keys."""
    plain = re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower().replace("'", "")).split()
    return plain + [f"~{metaphone(w)}" for w in plain if len(w) > 1]


class Blocker:
    """Word-level inverted index over entity names."""

    def __init__(self, rows: list[list]) -> None:
        self.rows = rows
        self.postings: dict[str, set[int]] = defaultdict(set)
        for position, (_, _, _, names, weak) in enumerate(rows):
            for name in names + weak:
                for word in words(name):
                    self.postings[word].add(position)
        self.proxies: dict[int, object] = {}

    def candidates(self, query: str, limit: int) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for word in set(words(query)):
            found = self.postings.get(word, ())
            if not found or len(found) > 5000:
                continue
            weight = math.log(len(self.rows) / len(found))
            for position in found:
                scores[position] += weight
        return sorted(scores, key=lambda p: -scores[p])[:limit]

    def proxy(self, position: int):
        if position not in self.proxies:
            source, id_, schema, names, weak = self.rows[position]
            entity = model.make_entity({"Aircraft": "Airplane"}.get(schema, schema))
            entity.id = f"{source}:{id_}"
            entity.add("name", names[:1])
            entity.add("alias", names[1:])
            if weak and entity.schema.get("weakAlias"):
                entity.add("weakAlias", weak)
            self.proxies[position] = entity
        return self.proxies[position]


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as handle:
        spec = json.load(handle)
    blockers = {name: Blocker(rows) for name, rows in spec["indexes"].items()}
    output = {}
    for algorithm_name in spec["algorithms"]:
        algorithm = get_algorithm(algorithm_name)
        config = algorithm.default_config()
        results = []
        warm = model.make_entity("Person")
        warm.id = "warm-up"
        warm.add("name", "Kim Jong Un")
        algorithm.compare(warm, warm, config)  # loads models and data outside the timing
        started = time.perf_counter()
        for number, (index_name, query) in enumerate(spec["queries"]):
            blocker = blockers[index_name]
            probe = model.make_entity("LegalEntity")
            probe.id = f"query-{number}"  # matchers cache by entity id
            probe.add("name", query)
            best = [None, None, 0.0]
            for position in blocker.candidates(query, spec["candidates"]):
                score = algorithm.compare(probe, blocker.proxy(position), config).score
                if score > best[2]:
                    row = blocker.rows[position]
                    best = [row[0], row[1], score]
            results.append(best)
        output[algorithm_name] = {"results": results, "seconds": time.perf_counter() - started}
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
