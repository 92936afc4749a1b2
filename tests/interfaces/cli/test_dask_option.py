"""`--dask` may be given without an address: `local` is written in its place."""

from __future__ import annotations

import pytest

from yalu.interfaces.cli.dask_option import with_dask_default


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["case", "--dask"], ["case", "--dask", "local"]),
        (["--dask", "cases/mali2012", "-q"], ["--dask", "local", "cases/mali2012", "-q"]),
        (["--dask", "--runs", "2"], ["--dask", "local", "--runs", "2"]),
        (["--dask", "tcp://10.0.0.5:8786"], ["--dask", "tcp://10.0.0.5:8786"]),
        (["--dask", "localhost:8786", "x"], ["--dask", "localhost:8786", "x"]),
        (["--dask", "local"], ["--dask", "local"]),
        (["--dask=tcp://h:1"], ["--dask=tcp://h:1"]),
        (["--", "--dask"], ["--", "--dask"]),
    ],
)  # fmt: skip
def test_dask_without_an_address_asks_for_a_local_cluster(
    args: list[str], expected: list[str]
) -> None:
    assert with_dask_default(args) == expected
