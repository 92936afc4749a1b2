"""`/goods`: check a shipments file or a suppliers file from the page.

The same verdicts as `yalu goods check FILE` and `yalu supply check FILE`: the upload is read
as a stream by the same readers, checked by the same engine functions with the store's active
lists, and every screened party and verdict is audited under the caller's key before the page
shows them. The page lists each line or supplier with its verdict and reasons, and offers the
CSV, JSON and HTML report the commands write (kept for download as batch results are).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from yalu.core.clock import utc_now
from yalu.core.errors import InputError, NotFoundError
from yalu.interfaces.api.access import Caller
from yalu.interfaces.web.batch_pages import download_stem, kept_results
from yalu.interfaces.web.signin import page_caller, render
from yalu.models.access import Permission

if TYPE_CHECKING:
    from yalu.core.config import Settings
    from yalu.interfaces.api.state import ScreeningState

router = APIRouter(include_in_schema=False)
Checker = Annotated[Caller, Depends(page_caller(Permission.CHECK_GOODS))]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""Largest shipments or suppliers file the page accepts."""
Kind = Literal["shipments", "suppliers"]
DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class GoodsRow:
    """One line or supplier: its id, verdict, and the reasons in one line each."""

    id: str
    line: int
    verdict: str
    detail: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoodsRun:
    """One checked upload: its rows for the page and its files for download."""

    kind: Kind
    file: str
    rows: tuple[GoodsRow, ...]
    files: dict[str, str]


def _page(request: Request, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    page = {"error": None, "run": None, "token": "", "kind": "", **context}
    return render(request, "goods.html", page, status_code=status_code)


@router.get("/goods", response_class=HTMLResponse)
def goods_form(request: Request, caller: Checker) -> HTMLResponse:
    """Show the two upload forms."""
    return _page(request, {})


@router.post("/goods/page/{kind}", response_class=HTMLResponse)
async def goods_upload(request: Request, kind: str, caller: Checker) -> HTMLResponse:
    """Check the uploaded shipments or suppliers and show each verdict with its reasons."""
    form = await request.form()
    upload = form.get("file")
    try:
        if kind not in ("shipments", "suppliers"):
            raise NotFoundError(f"no check '{kind}'", hint="Check shipments or suppliers")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputError("no file was chosen", hint="Choose a CSV file")
        name = PurePath(upload.filename).name
        check = _check_shipments if kind == "shipments" else _check_suppliers
        run = await run_in_threadpool(check, request, upload, name, caller)
    except (InputError, NotFoundError) as error:
        status = 404 if isinstance(error, NotFoundError) else 422
        return _page(request, {"error": str(error), "kind": kind}, status_code=status)
    token = kept_results(request).keep(caller.key_id, run)
    return _page(request, {"run": run, "token": token, "kind": kind})


def _check_shipments(request: Request, upload: UploadFile, name: str, caller: Caller) -> GoodsRun:
    """Check shipment lines as `yalu goods check` does; audit, then return the run."""
    from yalu.formats.shipments import (
        read_shipments,
        reason_to_text,
        verdict_to_dict,
        write_verdicts_csv,
        write_verdicts_json,
    )
    from yalu.goods import check_shipments, load_rulebook
    from yalu.goods.report import render_shipment_report

    settings: Settings = request.app.state.settings
    state: ScreeningState = request.app.state.screening
    batch = read_shipments(upload.file, name=name, max_bytes=MAX_UPLOAD_BYTES)
    rulebook = load_rulebook()
    screen, used = state.goods_screener(
        threshold=settings.match_threshold, limit=settings.match_limit, actor=caller.name
    )
    result = check_shipments(batch, rulebook, screen)
    state.record_verdicts(
        [verdict_to_dict(line) for line in result.lines],
        kind="shipment",
        file=name,
        list_versions=used,
        rules_version=result.rules_version,
        actor=caller.name,
    )
    rows = tuple(
        GoodsRow(
            line.id,
            line.line,
            line.verdict,
            "",
            tuple(reason_to_text(reason) for reason in line.reasons),
        )
        for line in result.lines
    )
    csv_out, json_out = io.StringIO(newline=""), io.StringIO()
    write_verdicts_csv(result.lines, csv_out)
    write_verdicts_json(result.lines, json_out)
    report = render_shipment_report(result, rulebook, source=name, generated=utc_now())
    files = {"csv": csv_out.getvalue(), "json": json_out.getvalue(), "html": report}
    return GoodsRun("shipments", name, _ordered(rows), files)


def _check_suppliers(request: Request, upload: UploadFile, name: str, caller: Caller) -> GoodsRun:
    """Score suppliers as `yalu supply check` does; audit, then return the run."""
    from yalu.formats.suppliers import (
        exposure_to_dict,
        read_suppliers,
        write_exposures_csv,
        write_exposures_json,
    )
    from yalu.goods.evidence import build_evidence_packs
    from yalu.goods.exposure import assess_suppliers, load_labour_data
    from yalu.goods.report import render_supplier_report

    settings: Settings = request.app.state.settings
    state: ScreeningState = request.app.state.screening
    suppliers = read_suppliers(upload.file, name=name, max_bytes=MAX_UPLOAD_BYTES)
    data = load_labour_data()
    screen, used = state.goods_screener(
        threshold=settings.match_threshold, limit=settings.match_limit, actor=caller.name
    )
    exposures = assess_suppliers(suppliers, screen, data)
    state.record_verdicts(
        [exposure_to_dict(exposure) for exposure in exposures],
        kind="supplier",
        file=name,
        list_versions=used,
        rules_version=data.version,
        actor=caller.name,
    )
    packs = build_evidence_packs(exposures, data)
    rows = tuple(
        GoodsRow(
            e.supplier.id,
            e.supplier.line,
            e.verdict,
            f"{e.supplier.name} · score {e.score:.2f}",
            tuple(signal.message for signal in e.signals),
        )
        for e in exposures
    )
    csv_out, json_out = io.StringIO(newline=""), io.StringIO()
    write_exposures_csv(exposures, csv_out)
    write_exposures_json(exposures, json_out)
    report = render_supplier_report(
        exposures, packs, source=name, version=data.version, generated=utc_now()
    )
    files = {"csv": csv_out.getvalue(), "json": json_out.getvalue(), "html": report}
    return GoodsRun("suppliers", name, _ordered(rows), files)


_SEVERITY = {"prohibited": 0, "over_cap": 1, "review": 2, "clear": 3}


def _ordered(rows: tuple[GoodsRow, ...]) -> tuple[GoodsRow, ...]:
    """Return the rows most severe verdict first, in file order within a verdict."""
    return tuple(sorted(rows, key=lambda row: (_SEVERITY.get(row.verdict, 2), row.line)))


@router.get("/goods/page/{token}/results.{fmt}", response_class=Response)
def goods_download(request: Request, token: str, fmt: str, caller: Checker) -> Response:
    """Download a checked upload's verdicts as CSV, JSON or the HTML report."""
    try:
        if fmt not in DOWNLOADS:
            raise NotFoundError(f"no format '{fmt}'", hint="Use csv, json or html")
        run = kept_results(request).get(token, caller)
        if not isinstance(run, GoodsRun):
            raise NotFoundError("these results are not a goods check")
    except NotFoundError as error:
        return _page(request, {"error": str(error)}, status_code=404)
    suffix = "report.html" if fmt == "html" else f"verdicts.{fmt}"
    disposition = f'attachment; filename="{download_stem(run.file)}-{suffix}"'
    return Response(
        run.files[fmt].encode(),
        media_type=DOWNLOADS[fmt],
        headers={"Content-Disposition": disposition},
    )
