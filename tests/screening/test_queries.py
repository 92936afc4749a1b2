import pytest
from hypothesis import given
from hypothesis import strategies as st

from yalu.core.errors import InputError
from yalu.screening.queries import make_query, read_queries


def test_names_file_reads_known_columns_and_carries_the_rest() -> None:
    text = (
        "\ufeffName,Schema,Nationality,ref,imo_number\nChon Ma San,vessel,North Korea,X9,8660313\n"
    )
    (query,) = read_queries(text.removeprefix("\ufeff"), "names.csv")
    assert query.name == "Chon Ma San"
    assert query.schema == "Vessel"
    assert query.nationality == "kp"
    assert query.imo_number == "8660313"
    assert query.extra == (("ref", "X9"),)
    assert query.id == "1"


def test_blank_rows_are_skipped_and_ids_count_names() -> None:
    queries = read_queries("name\nKim Chol\n\n,\nRi Song\n", "n.csv")
    assert [(q.id, q.name) for q in queries] == [("1", "Kim Chol"), ("2", "Ri Song")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "n.csv:1: the header has no 'name' column (found: nothing)"),
        ("id,company\n1,Acme\n", "n.csv:1: the header has no 'name' column (found: id, company)"),
        ("name\n", "n.csv: the file has a header but no names"),
        ("name,id\nKim,1\n,2\n", "n.csv:3: the name to screen is empty"),
        ("name,country\nKim,Atlantis\n", "n.csv:2: unknown country 'Atlantis'"),
        ('name\n"Kim\n', "n.csv:2: broken CSV quoting"),
    ],
)
def test_malformed_names_file_names_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_queries(text, "n.csv")
    assert str(caught.value).startswith(message)


@given(st.text(min_size=1).filter(lambda name: any(char.isalnum() for char in name)))
def test_any_name_with_a_letter_or_digit_is_kept_stripped(name: str) -> None:
    assert make_query(name).name == name.strip()
