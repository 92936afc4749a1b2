import pytest

from yalu.core.countries import to_country_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Korea, North", "kp"),
        ("North Korea", "kp"),
        ("DPRK", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Democratic People\u2019s Republic of Korea", "kp"),
        ("Korea, Democratic People's Republic of", "kp"),
        ("KP", "kp"),
        ("prk", "kp"),
        ("Korea, South", "kr"),
        ("Burma", "mm"),
        ("Russia", "ru"),
        ("Iran (Islamic Republic of)", "ir"),
        ("China", "cn"),
        ("  china. ", "cn"),
        ("Congo, Democratic Republic of the", "cd"),
        ("possibly Palestinian", "ps"),
        ("Region: Gaza", "ps"),
        ("Germany", "de"),
        ("DEU", "de"),
        ("United Arab Emirates", "ae"),
        ("Kosovo", "xk"),
        ("PRC", "cn"),
    ],
)
def test_list_spellings_map_to_lower_case_alpha2(text: str, code: str) -> None:
    assert to_country_code(text) == code


@pytest.mark.parametrize("text", ["", "   ", "-0- ", "None Identified", "undetermined", "Narnia"])
def test_empty_markers_and_unknown_names_give_none(text: str) -> None:
    assert to_country_code(text) is None


def test_repeated_lookups_are_served_from_the_cache() -> None:
    to_country_code("Korea, North")
    hits = to_country_code.cache_info().hits
    to_country_code("Korea, North")
    assert to_country_code.cache_info().hits == hits + 1
