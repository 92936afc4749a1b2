"""Any bytes, and any truncation of a good file, give a snapshot or a YaluError: no traceback."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURES
from yalu.core.errors import YaluError
from yalu.formats import READERS, read_list

LISTS = FIXTURES / "lists"
_FILES = {
    "un_xml": "un_three.xml",
    "ofac_sdn": "ofac_sdn/sdn.csv",
    "us_csl": "csl_small.csv",
    "bis_dpl": "dpl_small.txt",
    "ftm_json": "entities.ftm.json",
    "csv": "plain.csv",
}
_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("fmt", sorted(READERS))
@_SETTINGS
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_give_a_snapshot_or_a_yalu_error(
    tmp_path: Path, fmt: str, data: bytes
) -> None:
    path = tmp_path / ("cons_prim.csv" if fmt == "ofac_cons" else "list.dat")
    path.write_bytes(data)
    try:
        snapshot = read_list(path, fmt)
    except YaluError as error:
        assert "\n" not in str(error)
    else:
        assert snapshot.entities


@pytest.mark.parametrize("fmt", sorted(_FILES))
@_SETTINGS
@given(cut=st.floats(0.0, 1.0))
def test_truncated_files_give_a_snapshot_or_a_yalu_error(
    tmp_path: Path, fmt: str, cut: float
) -> None:
    whole = (LISTS / _FILES[fmt]).read_bytes()
    path = tmp_path / Path(_FILES[fmt]).name
    path.write_bytes(whole[: int(len(whole) * cut)])
    try:
        snapshot = read_list(path, fmt)
    except YaluError as error:
        assert "\n" not in str(error)
    else:
        assert snapshot.entities


def test_detection_of_arbitrary_content_never_escapes_the_error_family(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(YaluError, match="cannot tell which list format"):
        read_list(path)
