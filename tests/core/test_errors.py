import pytest

from yalu.core.errors import CaseFormatError, InputError, ListFormatError, YaluError


def test_error_renders_path_line_problem_and_hint_on_one_line() -> None:
    error = CaseFormatError(
        "population 'n/a' is not a whole number",
        path="cases/mali/locations.csv",
        line=14,
        hint="Use digits, or leave the cell empty for 0",
    )
    assert str(error) == (
        "cases/mali/locations.csv:14: population 'n/a' is not a whole number. "
        "Use digits, or leave the cell empty for 0."
    )


def test_error_without_location_renders_problem_only() -> None:
    assert str(YaluError("the query is empty")) == "the query is empty."


@pytest.mark.parametrize("cls", [ListFormatError, CaseFormatError])
def test_format_errors_are_input_errors(cls: type[YaluError]) -> None:
    assert issubclass(cls, InputError)


def test_multiline_problem_is_folded_to_one_line() -> None:
    assert "\n" not in str(InputError("bad\nthing", hint="fix\nit"))
