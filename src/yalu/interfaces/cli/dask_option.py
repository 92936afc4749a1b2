"""`--dask [ADDRESS]`: an option whose value may be left out (a local Dask cluster).

Typer options always take a value, so commands that offer `--dask` use `DaskCommand`: before
parsing it writes `local` after every `--dask` that is not followed by a scheduler address.
An address is `local`, `scheme://host:port` or `host:port`; anything else after `--dask` (the
next option, or a case folder) is left where it was.

    @app.command("validate", cls=DaskCommand)
    def validate(..., dask: DaskOpt = None) -> None: ...

Batch commands (`yalu screen --input`, `goods check`, `supply check`) also take `--workers N`
(`WorkersOpt`), every core by default; `batch_parallelism` turns both options into a
`Parallelism`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from yalu.core.parallel import LOCAL_DASK, Parallelism, all_cores

DASK_FLAG = "--dask"
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://\S+|[\w.\-\[\]:]*[\w\]]:\d{1,5})$")

DaskOpt = Annotated[
    str | None,
    typer.Option(
        DASK_FLAG,
        metavar="[ADDRESS]",
        help="Run on Dask: a local cluster, or the scheduler at ADDRESS (tcp://host:8786).",
    ),
]

WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Local processes (default: every core); with --dask, the local cluster's workers.",
    ),
]


def batch_parallelism(workers: int | None, dask: str | None) -> Parallelism:
    """Return where a batch command runs: every core unless `--workers` or `--dask` says."""
    if dask is not None:
        return Parallelism(workers or 1, dask)
    return Parallelism(all_cores() if workers is None else workers)


def with_dask_default(args: list[str]) -> list[str]:
    """Return `args` with `local` inserted after each `--dask` that has no address."""
    out: list[str] = []
    for i, arg in enumerate(args):
        out.append(arg)
        if arg == "--":
            out.extend(args[i + 1 :])
            break
        following = args[i + 1] if i + 1 < len(args) else None
        has_value = following is not None and (
            following == LOCAL_DASK or _ADDRESS.match(following) is not None
        )
        if arg == DASK_FLAG and not has_value:
            out.append(LOCAL_DASK)
    return out


class DaskCommand(TyperCommand):
    """A command whose `--dask` option may be given without a value."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Insert the local-cluster default, then parse as usual."""
        return super().parse_args(ctx, with_dask_default(list(args)))
