"""Where tests find data: tiny fixtures in the repo, published data in ../shared."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"
SHARED_DATA = SHARED / "data"
SHARED_LISTS = SHARED_DATA / "lists"
SHARED_CASES = SHARED_DATA / "flee-cases"
SHARED_REFERENCE = SHARED / "reference"
