"""The how-to's lever examples are accepted as written."""

from __future__ import annotations

import re

from tests.paths import REPO
from yalu.displacement.scenarios.options import LeverOptions, levers_from_options
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing

HOW_TO = REPO / "docs" / "how-to" / "dprk-scenarios.md"
FIELDS = {
    "--close": "close",
    "--open": "open",
    "--repatriate": "repatriate",
    "--camp": "camp",
    "--refugee-status": "refugee_status",
    "--resettle": "resettle",
}


def test_every_lever_option_example_in_the_how_to_parses(
    dprk_case: Case, crossings: tuple[Crossing, ...]
) -> None:
    text = HOW_TO.read_text(encoding="utf-8")
    found = re.findall(
        r"(--close|--open|--repatriate|--camp|--refugee-status|--resettle) ([^\s`\\]+)", text
    )
    examples = [(option, value) for option, value in found if "Beijing" not in value]
    assert len(examples) >= 8
    for option, value in examples:
        levers = levers_from_options(
            LeverOptions(**{FIELDS[option]: (value,)}), dprk_case, crossings, 180
        )
        assert (
            sum(
                len(group)
                for group in (
                    levers.limits,
                    levers.openings,
                    levers.repatriation,
                    levers.camps,
                    levers.refugee_status,
                    levers.resettlement,
                )
            )
            == 1
        )
