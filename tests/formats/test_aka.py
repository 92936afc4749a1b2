"""Aliases written inside one name cell (`yalu.formats.aka`)."""

import pytest

from yalu.formats.aka import split_aka


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("PEARL (A.K.A. NEI-CHIEN CHU) LI", ["PEARL LI", "NEI-CHIEN CHU"]),
        (
            "Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)",
            ["Ri Sung Chol", "Ri Su'ng-ch'o'l"],
        ),
        # A description that ends the cell is not a name.
        ("Bilal Yusuf (PRC individual)", ["Bilal Yusuf"]),
        ("Sakha Trading (Russian entity)", ["Sakha Trading"]),
        (
            "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics (Chitron-Shenzhen)",
            ["Chitron Electronics Company Ltd.", "Chi-Chung Electronics (Chitron-Shenzhen)"],
        ),
        ("FUYI SUN A/K/A FRANK SUN", ["FUYI SUN", "FRANK SUN"]),
        # A bracket inside the alias stays with it.
        (
            "Southwest Institute (a.k.a., China Academy (CAEP) 902 Institute)",
            ["Southwest Institute", "China Academy (CAEP) 902 Institute"],
        ),
    ],
)
def test_a_cell_holding_aliases_gives_the_name_then_each_alias(cell: str, names: list[str]) -> None:
    assert split_aka(cell) == names


@pytest.mark.parametrize(
    "cell", ["Alaka Aka Oil", "Osaka Trading", "Sakaka (AKA) Ltd", "Kakadu (aka Trading"]
)
def test_aka_as_a_word_or_an_open_bracket_leaves_the_cell_one_name(cell: str) -> None:
    assert split_aka(cell) == [cell]
