"""Read supplier-graph CSV files into validated `Supplier`s; write exposure results.

Columns (header required, any order): `id, name, country, region, sector, products_hs,
buys_from`. `products_hs` and `buys_from` hold several values separated by `;`.
`buys_from` names the ids of the supplier's own suppliers; they must exist in the file and
must not form a cycle. Text is UTF-8, decoded strictly. Each problem raises
`ShipmentFormatError` with the file line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from yalu.core.countries import to_country_code
from yalu.core.errors import ShipmentFormatError
from yalu.formats.input_file import Source, decode_text, read_source
from yalu.formats.safe_csv import safe_csv_writer
from yalu.models.goods import Supplier, SupplierExposure, normalize_hs_code
from yalu.models.scores import format_score, keep_score

SUPPLIER_COLUMNS: tuple[str, ...] = (
    "id", "name", "country", "region", "sector", "products_hs", "buys_from",
)  # fmt: skip


def read_suppliers(
    source: Source, *, name: str | None = None, max_bytes: int | None = None
) -> list[Supplier]:
    """Read and validate a supplier graph from a file, or an open stream of it (an upload).

    `name` is what messages call a stream; `max_bytes` caps what a stream may hold.

    Raises:
        ShipmentFormatError: the file is unreadable or not UTF-8 text (naming line and
            byte offset), broken CSV, a missing column, blank or duplicate id, bad HS code, unknown
            country, a `buys_from` id not in the file, or a cycle of `buys_from` edges.
    """
    if isinstance(source, (str, Path)) and not Path(source).is_file():
        raise ShipmentFormatError("supplier file not found", path=Path(source))
    data, path = read_source(source, name=name, error=ShipmentFormatError, max_bytes=max_bytes)
    text = decode_text(data, path, error=ShipmentFormatError)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        missing = [c for c in SUPPLIER_COLUMNS if c not in header]
        if missing:
            raise ShipmentFormatError(
                f"missing column {', '.join(repr(m) for m in missing)}", path=path, line=1,
                hint=f"The header must name: {', '.join(SUPPLIER_COLUMNS)}",
            )  # fmt: skip
        suppliers = [_parse_row(row, reader.line_num, path) for row in reader]
    except csv.Error as exc:
        raise ShipmentFormatError(
            f"broken CSV ({exc})", path=path, line=reader.line_num,
            hint="Quote cells that contain commas or line breaks with double quotes",
        ) from exc  # fmt: skip
    _check_references(suppliers, path)
    _check_acyclic(suppliers, path)
    return suppliers


def _parse_row(row: dict[str, str], line: int, path: Path) -> Supplier:
    def fail(problem: str, column: str, hint: str | None = None) -> ShipmentFormatError:
        return ShipmentFormatError(problem, path=path, line=line, column=column, hint=hint)

    supplier_id = (row["id"] or "").strip()
    if not supplier_id:
        raise fail("id is blank", "id")
    country = to_country_code(row["country"] or "")
    if country is None:
        raise fail(f"country {row['country']!r} is not recognised", "country",
                   "Use a country name or ISO code (CN, KP, RU)")  # fmt: skip
    products = []
    for text in _split(row["products_hs"]):
        try:
            products.append(normalize_hs_code(text))
        except ValueError as exc:
            raise fail(str(exc), "products_hs", "Separate HS codes with ';'") from None
    return Supplier(
        id=supplier_id,
        name=" ".join((row["name"] or "").split()),
        country=country,
        region=(row["region"] or "").strip(),
        sector=(row["sector"] or "").strip(),
        products_hs=tuple(products),
        buys_from=tuple(_split(row["buys_from"])),
        line=line,
    )


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _check_references(suppliers: list[Supplier], path: Path) -> None:
    seen: dict[str, int] = {}
    for supplier in suppliers:
        if supplier.id in seen:
            raise ShipmentFormatError(f"id {supplier.id!r} repeats line {seen[supplier.id]}",
                                      path=path, line=supplier.line, column="id")  # fmt: skip
        seen[supplier.id] = supplier.line
    for supplier in suppliers:
        for other in supplier.buys_from:
            if other not in seen:
                raise ShipmentFormatError(
                    f"buys_from names {other!r}, which is not an id in the file",
                    path=path, line=supplier.line, column="buys_from",
                )  # fmt: skip


def _check_acyclic(suppliers: list[Supplier], path: Path) -> None:
    """Raise at the first supplier (in file order) that is on a `buys_from` cycle."""
    by_id = {s.id: s for s in suppliers}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in suppliers:
        if state.get(start.id):
            continue
        stack: list[tuple[str, int]] = [(start.id, 0)]
        path_ids: list[str] = [start.id]
        state[start.id] = 1
        while stack:
            node, position = stack[-1]
            edges = by_id[node].buys_from
            if position == len(edges):
                stack.pop()
                path_ids.pop()
                state[node] = 2
                continue
            stack[-1] = (node, position + 1)
            nxt = edges[position]
            if state.get(nxt) == 1:
                cycle = [*path_ids[path_ids.index(nxt) :], nxt]
                first = min((by_id[i] for i in cycle), key=lambda s: s.line)
                raise ShipmentFormatError(
                    f"buys_from forms a cycle: {' -> '.join(cycle)}", path=path,
                    line=first.line, column="buys_from",
                    hint="A supplier cannot buy, directly or indirectly, from its own buyers",
                )  # fmt: skip
            if not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, 0))
                path_ids.append(nxt)


def exposure_to_dict(exposure: SupplierExposure) -> dict[str, Any]:
    """Return one supplier's exposure as JSON data: id, verdict, score and reasons."""
    reasons = []
    for signal in exposure.signals:
        item: dict[str, Any] = {
            "kind": signal.kind, "weight": round(signal.weight, 3), "message": signal.message,
            "verification": signal.verification, "sources": list(signal.sources),
        }  # fmt: skip
        if signal.via:
            item["via"] = list(signal.via)
        if signal.hit is not None:
            item["entity"] = {"list": signal.hit.list, "id": signal.hit.entity_id,
                              "name": signal.hit.name, "score": signal.hit.score,
                              "is_match": signal.hit.is_match}  # fmt: skip
        reasons.append(item)
    supplier = exposure.supplier
    return {
        "id": supplier.id, "verdict": exposure.verdict, "score": keep_score(exposure.score, 3),
        "presumption": exposure.is_presumed, "line": supplier.line, "name": supplier.name,
        "products_hs": list(supplier.products_hs), "reasons": reasons,
    }  # fmt: skip


def write_exposures_json(
    exposures: Iterable[SupplierExposure], out: TextIO, *, json_lines: bool = False
) -> None:
    """Write a JSON list, one object per supplier in input order (one per line if `json_lines`)."""
    if json_lines:
        for exposure in exposures:
            out.write(json.dumps(exposure_to_dict(exposure), ensure_ascii=False) + "\n")
        return
    json.dump([exposure_to_dict(e) for e in exposures], out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_exposures_csv(exposures: Iterable[SupplierExposure], out: TextIO) -> None:
    """Write CSV: id, line, verdict, score, presumption, reasons (joined by " | ").

    Cells that a spreadsheet would run as formulas are neutralised (`formats.safe_csv`).
    """
    writer = safe_csv_writer(out)
    writer.writerow(["id", "line", "verdict", "score", "presumption", "reasons"])
    for e in exposures:
        texts = [f"{s.kind} ({s.weight:.2f}): {s.message}" for s in e.signals]
        writer.writerow([e.supplier.id, e.supplier.line, e.verdict, format_score(e.score, 3),
                         "yes" if e.is_presumed else "", " | ".join(texts)])  # fmt: skip
