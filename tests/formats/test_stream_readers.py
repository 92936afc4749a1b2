"""Shipment and supplier readers read an open stream (an upload) as they read a file."""

import io
from pathlib import Path

import pytest

from yalu.core.errors import ShipmentFormatError
from yalu.formats.shipments import read_shipments
from yalu.formats.suppliers import read_suppliers

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


def test_a_shipment_stream_reads_as_its_file() -> None:
    path = SAMPLES / "shipments.csv"
    from_file = read_shipments(path)
    with path.open("rb") as binary:
        from_bytes = read_shipments(binary, name="upload.csv")
    from_text = read_shipments(io.StringIO(path.read_text(), newline=""), name="upload.csv")
    assert from_bytes.ids == from_file.ids == from_text.ids
    assert list(from_bytes.hs_code) == list(from_file.hs_code)


def test_a_supplier_stream_reads_as_its_file() -> None:
    path = SAMPLES / "suppliers.csv"
    assert read_suppliers(io.BytesIO(path.read_bytes()), name="s.csv") == read_suppliers(path)


def test_a_streams_messages_name_the_upload_and_its_line() -> None:
    text = (SAMPLES / "shipments.csv").read_text().replace("2018-03-14", "14 March", 1)
    with pytest.raises(ShipmentFormatError) as caught:
        read_shipments(io.StringIO(text), name="mine.csv")
    assert str(caught.value).startswith("mine.csv:2: ")


def test_a_stream_larger_than_allowed_is_refused() -> None:
    with pytest.raises(ShipmentFormatError, match="larger than 1 MB"):
        read_shipments(io.BytesIO(b"x" * (2**20 + 1)), name="big.csv", max_bytes=2**20)
