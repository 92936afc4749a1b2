"""Read the UN reference numbers that other lists cite ("KPe.073", "LYi.28").

The UN Security Council numbers each designation `<regime><e|i>.<number>` ("KPe.002" for
an entity of the DPRK regime). The UK Sanctions List repeats it in `UNReferenceNumber` and
the EU files in `unitedNationId`, which writes the number without leading zeros
("LYi.28"); both are turned into the UN list's own spelling ("LYi.028").
"""

from __future__ import annotations

import re

UN_SOURCE = "un_sc"
_REFERENCE = re.compile(r"^(?:UN\s+Ref\.?\s*)?([A-Z]{2}[ei])\.?\s*(\d{1,4})$", re.IGNORECASE)


def to_un_reference(text: str) -> str | None:
    """Return the UN list's spelling of a reference number ("LYi.028"), None if not one."""
    match = _REFERENCE.match(" ".join(text.split()))
    if match is None:
        return None
    prefix, number = match.groups()
    return f"{prefix[:2].upper()}{prefix[2].lower()}.{int(number):03d}"


def un_same_as(text: str) -> tuple[str, ...]:
    """Return `("un_sc:<reference>",)` for a cited UN reference number, () for none."""
    reference = to_un_reference(text) if text else None
    return (f"{UN_SOURCE}:{reference}",) if reference else ()
