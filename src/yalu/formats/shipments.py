"""Read shipment CSV files into a validated, column-oriented `ShipmentBatch`.

Columns (header required, any order, extra columns ignored):
`id, date, hs_code, description, origin, destination, exporter, importer, vessel_name,
vessel_imo, quantity, unit, value`. Dates are ISO (`2018-03-01`); countries are names or
ISO codes; `quantity` is in `unit` (see `UNIT_SPELLINGS`); `value` is in US dollars.

Text is UTF-8, decoded strictly. Every problem raises `ShipmentFormatError` naming the file
line (the header is line 1), so no row is dropped silently. Reading uses pyarrow and
dictionary encoding: each distinct HS code, date, country, unit and party is parsed once,
which keeps a million lines fast.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import numpy as np

from yalu.core.countries import to_country_code
from yalu.core.errors import ShipmentFormatError
from yalu.formats.input_file import Source, check_utf8, read_source
from yalu.formats.safe_csv import safe_csv_writer
from yalu.models.goods import Codes, LineVerdict, Reason, ShipmentBatch, normalize_hs_code

SHIPMENT_COLUMNS: tuple[str, ...] = (
    "id", "date", "hs_code", "description", "origin", "destination", "exporter",
    "importer", "vessel_name", "vessel_imo", "quantity", "unit", "value",
)  # fmt: skip

UNIT_SPELLINGS: dict[str, str] = {
    **dict.fromkeys(("t", "mt", "tonne", "tonnes", "ton", "tons", "metric ton", "tne"), "t"),
    **dict.fromkeys(("metric tons", "metric tonnes"), "t"),
    **dict.fromkeys(("kg", "kgs", "kilogram", "kilograms"), "kg"),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), "lb"),
    **dict.fromkeys(("bbl", "bbls", "barrel", "barrels"), "bbl"),
    **dict.fromkeys(("l", "ltr", "litre", "litres", "liter", "liters"), "l"),
    **dict.fromkeys(("m3", "cbm", "cubic metre", "cubic metres", "cubic meter"), "m3"),
    **dict.fromkeys(("gal", "gallon", "gallons", "usg"), "gal"),
    **dict.fromkeys(("pcs", "pc", "piece", "pieces", "unit", "units", "u", "nos", "no"), "count"),
    **dict.fromkeys(
        ("set", "sets", "pair", "pairs", "item", "items", "head", "each", "ea"), "count"
    ),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), "m"),
    **dict.fromkeys(("m2", "sqm", "square metre", "square metres"), "m2"),
}
"""Accepted spellings (lower case) and their canonical unit. "ton" means the metric ton."""

T = TypeVar("T")


def read_shipments(
    source: Source, *, name: str | None = None, max_bytes: int | None = None
) -> ShipmentBatch:
    """Read and validate a shipment CSV file or stream.

    Args:
        source: the CSV file (UTF-8, comma-separated, header row first), or an open stream
            of it (an upload, read as it is: no temporary file).
        name: what messages call a stream (its file name); a path names itself.
        max_bytes: refuse a stream larger than this.

    Returns:
        The lines as a `ShipmentBatch`, in file order.

    Raises:
        ShipmentFormatError: the file is unreadable or not UTF-8 text (naming the line and
            byte offset), a missing column, a blank or duplicate id, a bad date, HS code,
            country, quantity or value, or an unknown unit; the message names the line.
    """
    import pyarrow as pa
    from pyarrow import csv

    if isinstance(source, (str, Path)) and not Path(source).is_file():
        raise ShipmentFormatError("shipment file not found", path=Path(source))
    data, path = read_source(source, name=name, error=ShipmentFormatError, max_bytes=max_bytes)
    check_utf8(data, path, error=ShipmentFormatError)
    strings = {name: "string" for name in SHIPMENT_COLUMNS}
    try:
        table = csv.read_csv(
            pa.BufferReader(data),
            convert_options=csv.ConvertOptions(
                column_types=strings, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except Exception as exc:  # pyarrow raises ArrowInvalid with a long message
        raise ShipmentFormatError(
            f"cannot read CSV: {str(exc).splitlines()[0]}", path=path
        ) from exc
    missing = [name for name in SHIPMENT_COLUMNS if name not in table.column_names]
    if missing:
        raise ShipmentFormatError(
            f"missing column {', '.join(repr(m) for m in missing)}",
            path=path,
            line=1,
            hint=f"The header must name: {', '.join(SHIPMENT_COLUMNS)}",
        )
    reader = _ColumnReader(table, path)
    ids = reader.ids()
    hs_code, hs_values = reader.encoded("hs_code", _parse_hs)
    date_code, dates = reader.encoded("date", _parse_date)
    origin, countries_o = reader.encoded("origin", _parse_country)
    destination, countries_d = reader.encoded("destination", _parse_country)
    countries, (origin, destination) = _merge(countries_o, countries_d, origin, destination)
    exporter, parties_e = reader.encoded("exporter", _parse_name)
    importer, parties_i = reader.encoded("importer", _parse_name)
    parties, (exporter, importer) = _merge(parties_e, parties_i, exporter, importer)
    vessel, vessels = reader.vessels()
    unit, units = reader.encoded("unit", _parse_unit)
    quantity = reader.numbers("quantity")
    _check_units(quantity, unit, units, path)
    return ShipmentBatch(
        ids=ids,
        dates=np.array(dates, dtype="datetime64[D]")[date_code],
        hs_code=hs_code,
        hs_values=hs_values,
        origin=origin,
        destination=destination,
        countries=countries,
        exporter=exporter,
        importer=importer,
        parties=parties,
        vessel=vessel,
        vessels=vessels,
        quantity=quantity,
        unit=unit,
        units=units,
        value_usd=reader.numbers("value"),
        descriptions=[text.lower() for text in table.column("description").to_pylist()],
    )


class _ColumnReader:
    """Parses one table's columns, raising errors that name the file line."""

    def __init__(self, table: Any, path: Path) -> None:
        self.table = table
        self.path = path

    def fail(self, row: int, problem: str, column: str, hint: str | None = None) -> None:
        raise ShipmentFormatError(problem, path=self.path, line=row + 2, column=column, hint=hint)

    def ids(self) -> list[str]:
        ids: list[str] = [text.strip() for text in self.table.column("id").to_pylist()]
        seen: dict[str, int] = {}
        if len(set(ids)) != len(ids) or not all(ids):
            for row, value in enumerate(ids):
                if not value:
                    self.fail(row, "id is blank", "id", "Give every line an id")
                if value in seen:
                    self.fail(row, f"id {value!r} repeats line {seen[value] + 2}", "id")
                seen[value] = row
        return ids

    def encoded(self, column: str, parse: Callable[[str], T]) -> tuple[Codes, tuple[T, ...]]:
        """Dictionary-encode `column` and parse each distinct value once."""
        encoded = self.table.column(column).combine_chunks().dictionary_encode()
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        values: list[T] = []
        for index, raw in enumerate(encoded.dictionary.to_pylist()):
            try:
                values.append(parse(raw))
            except ValueError as exc:
                row = int(np.flatnonzero(codes == index)[0])
                self.fail(row, str(exc), column, _HINTS.get(column))
        return codes, tuple(values)

    def numbers(self, column: str) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Parse a numeric column; blank cells become NaN. Thousands commas are dropped."""
        import pyarrow as pa
        import pyarrow.compute as pc

        texts = pc.replace_substring(pc.utf8_trim_whitespace(self.table.column(column)), ",", "")
        texts = pc.if_else(pc.equal(texts, ""), pa.scalar(None, pa.string()), texts)
        try:
            numbers = pc.cast(texts, pa.float64()).to_numpy(zero_copy_only=False)
        except pa.ArrowInvalid:
            numbers = None
        if numbers is not None:
            numbers = np.asarray(numbers, dtype=np.float64)
            bad = np.flatnonzero(~np.isnan(numbers) & ~((numbers >= 0) & np.isfinite(numbers)))
            if not bad.size:
                return numbers
        for row, text in enumerate(self.table.column(column).to_pylist()):
            cleaned = text.strip().replace(",", "")
            try:
                number = float(cleaned) if cleaned else 0.0
            except ValueError:
                number = -1.0
            if not np.isfinite(number) or number < 0:
                self.fail(row, f"{column} {text!r} is not a number >= 0", column)
        raise AssertionError("unreachable: a bad number was detected but not found")

    def vessels(self) -> tuple[Codes, tuple[tuple[str, str], ...]]:
        """Encode (vessel name, IMO number) pairs; each distinct pair is parsed once."""
        import pyarrow.compute as pc

        joined = pc.binary_join_element_wise(
            self.table.column("vessel_name"), self.table.column("vessel_imo"), "\x1f"
        )
        encoded = joined.combine_chunks().dictionary_encode()
        raw_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        index: dict[tuple[str, str], int] = {}
        remap = np.empty(len(encoded.dictionary), dtype=np.int32)
        for position, text in enumerate(encoded.dictionary.to_pylist()):
            name, imo = text.split("\x1f")
            key = (" ".join(name.split()), _parse_imo(imo))
            remap[position] = index.setdefault(key, len(index))
        return remap[raw_codes], tuple(index)


_HINTS = {
    "hs_code": "Use 2 to 10 digits, dots allowed (0303.11); keep leading zeros",
    "date": "Use ISO dates such as 2018-03-01",
    "origin": "Use a country name or ISO code (CN, KP, PRK)",
    "destination": "Use a country name or ISO code (CN, KP, PRK)",
    "unit": "Use one of: " + ", ".join(sorted(set(UNIT_SPELLINGS.values()))),
}


def _parse_hs(text: str) -> str:
    return normalize_hs_code(text.strip())


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"date {text!r} is not an ISO date") from None


def _parse_country(text: str) -> str:
    if not text.strip():
        return ""
    code = to_country_code(text)
    if code is None:
        raise ValueError(f"country {text!r} is not recognised")
    return code


def _parse_name(text: str) -> str:
    return " ".join(text.split())


def _parse_unit(text: str) -> str:
    key = " ".join(text.lower().replace(".", "").split())
    if not key:
        return ""
    if key not in UNIT_SPELLINGS:
        raise ValueError(f"unit {text!r} is unknown")
    return UNIT_SPELLINGS[key]


def _parse_imo(text: str) -> str:
    digits = "".join(ch for ch in text.upper() if ch.isalnum()).removeprefix("IMO")
    return digits


def _check_units(
    quantity: np.ndarray[Any, np.dtype[np.float64]], unit: Codes, units: tuple[str, ...], path: Path
) -> None:
    """Reject a quantity without a unit (its amount could not be accounted)."""
    blank = [i for i, name in enumerate(units) if name == ""]
    if not blank:
        return
    bad = np.flatnonzero(np.isin(unit, blank) & ~np.isnan(quantity))
    if bad.size:
        raise ShipmentFormatError(
            "quantity has no unit", path=path, line=int(bad[0]) + 2, column="unit",
            hint=_HINTS["unit"],
        )  # fmt: skip


def _merge(
    first: tuple[T, ...], second: tuple[T, ...], codes_first: Codes, codes_second: Codes
) -> tuple[tuple[T, ...], tuple[Codes, Codes]]:
    """Merge two dictionaries into one, re-indexing both code arrays."""
    index: dict[T, int] = {}
    for value in (*first, *second):
        index.setdefault(value, len(index))
    remap_first = np.array([index[v] for v in first], dtype=np.int32)
    remap_second = np.array([index[v] for v in second], dtype=np.int32)
    return tuple(index), (
        remap_first[codes_first] if first else codes_first,
        remap_second[codes_second] if second else codes_second,
    )


def reason_to_dict(reason: Reason) -> dict[str, Any]:
    """Return a reason as plain JSON data: kind, effect, message and what it cites.

    A cited rule says `"verified": true` when a recorded source confirms every part of its
    citation, else `false` with the parts in `"unverified"` and the reason in
    `"unverified_why"`; `"checked"` lists what was checked where, and `"hs_basis"` whether
    the HS codes are the measure's own ("resolution") or yalu's mapping ("indicative").
    """
    data: dict[str, Any] = {"kind": reason.kind, "effect": reason.effect, "message": reason.message}
    rule = reason.rule
    if rule is not None:
        data["rule"] = {
            "id": rule.id,
            "authority": rule.authority,
            "resolution": rule.resolution,
            "paragraph": rule.paragraph,
            "citation": rule.citation,
            "verified": rule.is_verified,
            "unverified": list(rule.unverified),
            "unverified_why": rule.unverified_why,
            "checked": list(rule.checked),
            "hs_basis": rule.hs_basis,
            "sources": list(rule.sources),
        }
    if reason.hit is not None:
        hit = reason.hit
        data["entity"] = {
            "list": hit.list, "id": hit.entity_id, "name": hit.name, "score": hit.score,
            "is_match": hit.is_match, "role": hit.role, "query": hit.query,
            "programs": list(hit.programs), "explanation": hit.explanation,
        }  # fmt: skip
    if reason.cap is not None:
        cap = reason.cap
        data["cap"] = {
            "running_total": round(cap.running_total, 3),
            "limit": cap.limit,
            "unit": cap.unit,
            "consumed_pct": round(cap.consumed_pct, 2),
            "line_amount": None if math.isnan(cap.line_amount) else round(cap.line_amount, 3),
            "period_start": cap.period_start.isoformat(),
            "period_end": cap.period_end.isoformat(),
        }
    return data


def reason_to_text(reason: Reason) -> str:
    """Return a reason on one line: `kind [citation]: message`."""
    cited = ""
    if reason.rule is not None:
        cited = f" [{reason.rule.id}: {reason.rule.citation}]"
    if reason.hit is not None:
        cited += f" [{reason.hit.list} {reason.hit.entity_id}]"
    return f"{reason.kind}{cited}: {reason.message}"


def cap_consumed_pct(line: LineVerdict) -> float | None:
    """Return the highest cap consumption (percent) among a line's cap reasons, if any."""
    values = [r.cap.consumed_pct for r in line.reasons if r.cap is not None]
    return max(values) if values else None


def verdict_to_dict(line: LineVerdict) -> dict[str, Any]:
    """Return one line's verdict as the JSON object `write_verdicts_json` writes for it."""
    data: dict[str, Any] = {"id": line.id, "verdict": line.verdict, "line": line.line}
    data["verified"] = is_line_verified(line)
    pct = cap_consumed_pct(line)
    if pct is not None:
        data["cap_consumed_pct"] = round(pct, 2)
    data["reasons"] = [reason_to_dict(reason) for reason in line.reasons]
    return data


def write_verdicts_json(
    lines: Iterable[LineVerdict], out: TextIO, *, json_lines: bool = False
) -> None:
    """Write a JSON list, one object per line: `{"id", "verdict", "line", "verified", ...}`.

    `"verified"` is false when the line cites a rule whose citation is not fully verified
    (the same meaning as a rule's `"verified"`); lines with cap reasons also get
    `cap_consumed_pct`. With `json_lines`, write one object per text line and no enclosing
    list (JSON lines).
    """
    memo: dict[int, str] = {}
    out.write("" if json_lines else "[")
    for count, line in enumerate(lines):
        parts = []
        for reason in line.reasons:
            text = memo.get(id(reason))
            if text is None:
                text = json.dumps(reason_to_dict(reason), ensure_ascii=False)
                if reason.cap is None:
                    memo[id(reason)] = text
            parts.append(text)
        head: dict[str, Any] = {"id": line.id, "verdict": line.verdict, "line": line.line}
        head["verified"] = is_line_verified(line)
        pct = cap_consumed_pct(line)
        if pct is not None:
            head["cap_consumed_pct"] = round(pct, 2)
        body = (
            json.dumps(head, ensure_ascii=False)[:-1] + ', "reasons": [' + ", ".join(parts) + "]}"
        )
        if json_lines:
            out.write(body + "\n")
        else:
            out.write(("," if count else "") + "\n" + body)
    out.write("" if json_lines else "\n]\n")


def is_line_verified(line: LineVerdict) -> bool:
    """Return False when a line cites a rule whose citation is not fully verified."""
    return all(r.rule is None or r.rule.is_verified for r in line.reasons)


def write_verdicts_csv(lines: Iterable[LineVerdict], out: TextIO) -> None:
    """Write CSV: id, line, verdict, cap_consumed_pct, verified, reasons (joined by " | ").

    Cells that a spreadsheet would run as formulas are neutralised (`formats.safe_csv`).
    """
    writer = safe_csv_writer(out)
    writer.writerow(["id", "line", "verdict", "cap_consumed_pct", "verified", "reasons"])
    memo: dict[int, str] = {}
    for line in lines:
        texts = []
        for reason in line.reasons:
            text = memo.get(id(reason))
            if text is None:
                text = reason_to_text(reason)
                if reason.cap is None:
                    memo[id(reason)] = text
            texts.append(text)
        pct = cap_consumed_pct(line)
        writer.writerow(
            [line.id, line.line, line.verdict, "" if pct is None else f"{pct:.1f}",
             "yes" if is_line_verified(line) else "no", " | ".join(texts)]
        )  # fmt: skip
