"""Examples in the OpenAPI description: a request body for every route that takes JSON.

`describe(app)` returns the app's OpenAPI document with `REQUEST_EXAMPLES` added to each
route's JSON request body, so `/openapi.json` (and any client generated from it) shows a
request that works. A test posts each example to a real app and checks it is accepted.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from yalu.interfaces.api.match_schemas import EXAMPLE_REQUEST

REQUEST_EXAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/screen"): {
        "name": "Korea Ryonbong General Corporation",
        "schema": "Organization",
        "nationality": "KP",
        "limit": 3,
    },
    ("post", "/screen/batch"): {
        "queries": [
            {"id": "C-1042", "name": "Kang Chol Su", "birth_date": "1969-02-13"},
            {"id": "V-7", "name": "Chon Ma San", "schema": "Vessel", "imo_number": "8660313"},
        ],
        "threshold": 0.84,
    },
    ("post", "/match/{dataset}"): EXAMPLE_REQUEST,
    ("post", "/goods/check"): {
        "lines": [
            {
                "id": "S-001",
                "date": "2018-03-14",
                "hs_code": "0307.43",
                "description": "frozen squid",
                "origin": "KP",
                "destination": "CN",
                "exporter": "Rason Marine Products",
                "importer": "Hunchun Ocean Trading",
                "quantity": 120,
                "unit": "t",
                "value": 180000,
            }
        ]
    },
    ("post", "/decisions"): {
        "subject_id": "C-1042",
        "entity_id": "21733",
        "list": "ofac_sdn",
        "verdict": "false_positive",
        "reason": "Different person: born 1980, passport issued by China",
    },
    ("post", "/keys"): {"name": "alice", "role": "analyst"},
}
"""(method, path) -> a JSON request body that route accepts."""


def describe(app: FastAPI) -> dict[str, Any]:
    """Return the app's OpenAPI document (built once by FastAPI) with the request examples."""
    document = app.openapi()
    for (method, path), example in REQUEST_EXAMPLES.items():
        operation = document["paths"].get(path, {}).get(method)
        if operation is not None:
            content = operation.setdefault("requestBody", {}).setdefault("content", {})
            content.setdefault("application/json", {})["example"] = example
    return document
