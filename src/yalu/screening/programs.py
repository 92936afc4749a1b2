"""Screen within one sanctions programme: `yalu screen --program dprk` and the API's `program`.

A programme is a family of yalu's common vocabulary (`dprk`, `iran`, `russia`, ...: every
regime of the family, UN and autonomous) or one regime (`dprk/1718`, `dprk/autonomous`).
Entries carry their regimes (`Entity.regimes`), so the filter is the same for every list.
"""

from __future__ import annotations

from yalu.core.errors import InputError
from yalu.formats.regimes import normalize_code, vocabulary
from yalu.models.screening import Entity


def parse_program(text: str | None) -> str | None:
    """Return the programme named by `text` ("DPRK" -> "dprk"), None when blank.

    Raises:
        InputError: not a family or regime of the vocabulary.
    """
    if text is None or not text.strip():
        return None
    program = normalize_code(text)
    known = vocabulary()
    if program in known.families or program in known.regime_ids():
        return program
    if "/" in program and program.split("/", 1)[0] in known.families:
        regimes = ", ".join(known.families[program.split("/", 1)[0]].regimes)
        raise InputError(
            f"unknown programme '{text.strip()}'", hint=f"Use the family or one of {regimes}"
        )
    families = ", ".join(list(known.families)[:8])
    raise InputError(
        f"unknown programme '{text.strip()}'",
        hint=f"Use a family such as {families}, ... or a regime such as dprk/1718 "
        "(docs/how-to/screening.md lists them)",
    )


def has_program(entity: Entity, program: str) -> bool:
    """Return True when one of the entity's regimes is `program` or of its family."""
    if "/" in program:
        return program in entity.regimes
    return any(regime.split("/", 1)[0] == program for regime in entity.regimes)
