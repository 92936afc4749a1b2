"""`POST /goods/check`: shipment lines (JSON, a CSV upload or a raw CSV body) → verdicts.

The response is the JSON array `yalu goods check --format json` prints: one object per line,
`{"id", "verdict", "line", "verified", ["cap_consumed_pct"], "reasons": [...]}`.
Parties and vessels are screened against the store's active lists, keeping near misses
(within 0.1 of the threshold) for review, as the CLI does; each party and each line's
verdict is written to the audit trail before the response is sent.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath
from typing import IO, Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from yalu.core.config import Settings
from yalu.core.errors import InputError, ShipmentFormatError
from yalu.interfaces.api.access import Caller, require
from yalu.interfaces.api.routes.screening import ERRORS
from yalu.interfaces.api.schemas import GoodsRequest, ShipmentLineIn
from yalu.interfaces.api.state import ScreeningState
from yalu.models.access import Permission

router = APIRouter(tags=["goods"])

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Largest shipment CSV accepted over HTTP; bigger files go through `yalu goods check`."""

_CSV_COLUMNS = tuple(ShipmentLineIn.model_fields)

_BODIES: dict[str, Any] = {
    "application/json": {"schema": GoodsRequest.model_json_schema(by_alias=True)},
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary", "description": "Shipment CSV."},
                "threshold": {"type": "number", "minimum": 0, "maximum": 1},
            },
        }
    },
    "text/csv": {"schema": {"type": "string", "description": "Shipment CSV."}},
}


@router.post(
    "/goods/check",
    responses={200: {"description": "One verdict per line, in input order."}, **ERRORS},
    openapi_extra={"requestBody": {"required": True, "content": _BODIES}},
)
async def goods_check(
    request: Request, caller: Annotated[Caller, Depends(require(Permission.CHECK_GOODS))]
) -> Response:
    """Give each shipment line a verdict (prohibited, over_cap, review, clear) with reasons.

    Send JSON (`{"lines": [...], "threshold": 0.8}`), a multipart upload (field `file`,
    optional field `threshold`) or a raw `text/csv` body (`?threshold=` in the URL).
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    settings: Settings = request.app.state.settings
    state: ScreeningState = request.app.state.screening

    def check(stream: IO[str] | IO[bytes], name: str, threshold: float | None) -> Any:
        cutoff = settings.match_threshold if threshold is None else threshold
        is_json = kind == "application/json"
        return run_in_threadpool(
            _check, stream, name, is_json, state, cutoff, settings.match_limit, caller.name
        )

    if kind == "application/json":
        text, threshold = await _json_body(request)
        content = await check(io.StringIO(text, newline=""), "lines", threshold)
    elif kind == "multipart/form-data":
        async with request.form() as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise InputError(
                    "the upload has no 'file' field", hint="Send the CSV as the form field 'file'"
                )
            sent = form.get("threshold")
            threshold = _threshold(sent if isinstance(sent, str) else None)
            name = PurePath(upload.filename or "upload.csv").name
            content = await check(upload.file, name, threshold)
    elif kind == "text/csv":
        threshold = _threshold(request.query_params.get("threshold"))
        content = await check(io.BytesIO(await request.body()), "body", threshold)
    else:
        raise InputError(
            f"unsupported content type '{kind or 'none'}'",
            hint="Send application/json, multipart/form-data (field 'file') or text/csv",
        )
    return Response(content, media_type="application/json")


def _check(
    stream: IO[str] | IO[bytes],
    name: str,
    is_json: bool,
    state: ScreeningState,
    threshold: float,
    limit: int,
    actor: str,
) -> str:
    """Read the CSV stream, check it against the rulebook and return the verdicts as JSON.

    The stream is read as it is (no temporary file); messages name `name` and its lines.
    """
    from yalu.formats.shipments import read_shipments, verdict_to_dict, write_verdicts_json
    from yalu.goods import check_shipments, load_rulebook

    try:
        batch = read_shipments(stream, name=name, max_bytes=MAX_UPLOAD_BYTES)
    except ShipmentFormatError as exc:
        raise (_relocate(exc, name) if is_json else exc) from exc
    screen_party, used = state.goods_screener(threshold=threshold, limit=limit, actor=actor)
    result = check_shipments(batch, load_rulebook(), screen_party)
    verdicts = [verdict_to_dict(line) for line in result.lines]
    state.record_verdicts(
        verdicts,
        kind="shipment",
        file=name,
        list_versions=used,
        rules_version=result.rules_version,
        actor=actor,
    )
    out = io.StringIO()
    write_verdicts_json(result.lines, out)
    return out.getvalue()


def _relocate(error: ShipmentFormatError, name: str) -> ShipmentFormatError:
    """Point a message about the CSV made from JSON lines at `lines[i]` (row 2 is lines[0])."""
    if error.line is not None and error.line >= 2:
        where, line = f"lines[{error.line - 2}]", None
    else:
        where, line = name, error.line
    return ShipmentFormatError(
        error.problem, path=where, line=line, column=error.column, hint=error.hint
    )


async def _json_body(request: Request) -> tuple[str, float | None]:
    try:
        body = GoodsRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for line in body.lines:
        values = line.model_dump()
        writer.writerow(["" if values[c] is None else str(values[c]) for c in _CSV_COLUMNS])
    return out.getvalue(), body.threshold


def _threshold(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise InputError(f"threshold '{text}' is not a number in 0..1", hint="Use e.g. 0.8")
    return value
