"""Shared fixtures: the shipped DPRK case and its crossings, read once per session."""

from __future__ import annotations

import pytest

from yalu.displacement.scenarios.geography import crossings_of, read_dprk_case
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing


@pytest.fixture(scope="session")
def dprk_case() -> Case:
    """Return the shipped DPRK case."""
    return read_dprk_case()


@pytest.fixture(scope="session")
def crossings(dprk_case: Case) -> tuple[Crossing, ...]:
    """Return the shipped case's crossings."""
    return crossings_of(dprk_case)
