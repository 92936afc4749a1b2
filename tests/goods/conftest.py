"""Shared goods-test pieces: a real screening index over a tiny hand-made list."""

from __future__ import annotations

from pathlib import Path

import pytest

from yalu.models.screening import Entity, Identifier, Match, Query
from yalu.screening import ScreeningIndex

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"

TINY_LIST = (
    Entity(
        id="KPe.001",
        schema="Organization",
        names=("KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"),
        source="un_sc",
        countries=("kp",),
        programs=("DPRK", "KPe", "1718"),  # as read_un_xml reads them
    ),
    Entity(
        id="KPe.002",
        schema="Organization",
        names=("KOREA RYONBONG GENERAL CORPORATION",),
        source="un_sc",
        countries=("kp",),
        programs=("DPRK", "KPe", "1718"),
    ),
    Entity(
        id="17069",
        schema="Vessel",
        names=("CHONG CHON GANG",),
        source="ofac_sdn",
        identifiers=(Identifier("imo", "7937317"),),
        programs=("DPRK",),  # OFAC only: not on the UN list
    ),
)


@pytest.fixture(scope="session")
def screen_party():  # type: ignore[no-untyped-def]
    """Screen against the tiny list with the default threshold, as the CLI does."""
    index = ScreeningIndex.build(TINY_LIST)

    def screen(query: Query) -> list[Match]:
        return [m for m in index.screen(query, limit=3) if m.score >= 0.75]

    return screen
