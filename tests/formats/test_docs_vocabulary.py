"""The programme families documented in docs/how-to/screening.md are the vocabulary's."""

import re
from pathlib import Path

from yalu.formats.regimes import vocabulary

DOC = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "screening.md"


def test_the_documented_families_and_regimes_are_the_vocabularys() -> None:
    table = DOC.read_text().split("| family | programme | regimes |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (.+) \|$", table, flags=re.M)
    documented = {family: regimes for family, _, regimes in rows}
    families = vocabulary().families
    assert set(documented) == set(families)
    for family in families.values():
        assert documented[family.id] == ", ".join(f"`{r}`" for r in family.regimes)
