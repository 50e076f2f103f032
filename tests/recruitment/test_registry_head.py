"""The parser's helpers for the admin: head and preview, line estimate, progress callback."""

from datetime import date

from recruitment.logic import registry
from recruitment.logic.registry import estimate_lines, parse_registry, read_head

from .conftest import csv_bytes, synthetic_rows, xlsx_bytes

REFERENCE = date(2026, 9, 12)


def test_read_head_detects_mapping_and_returns_a_sample():
    rows = synthetic_rows(30)
    for data in (csv_bytes(rows, encoding="cp1252"), xlsx_bytes(rows)):
        head = read_head(data, rows=5)
        assert head.error is None and head.header_line == 1
        assert head.mapping["family_name"] == 0 and head.mapping["postcode"] == 7
        assert "citizenship" in head.mapping  # recognised, never read
        assert [r[1] for r in head.sample] == [r[1] for r in rows[:5]]


def test_read_head_with_a_given_header_line_and_errors():
    data = b"Auszug\r\n" + csv_bytes(synthetic_rows(3))
    assert read_head(data, header_line=2).headers[0] == "Familienname"
    assert read_head(b"").error.code == "empty_file"
    assert read_head(b"\xd0\xcf\x11\xe0junk").error.code == "old_excel"
    assert read_head(b"PK\x03\x04junk").error.code == "unreadable_xlsx"


def test_estimate_lines():
    assert estimate_lines(csv_bytes(synthetic_rows(10))) == 11
    assert estimate_lines(b"a;b\nc;d") == 2
    assert estimate_lines(xlsx_bytes(synthetic_rows(10))) == 11


def test_progress_callback(monkeypatch):
    monkeypatch.setattr(registry, "PROGRESS_EVERY", 10)
    seen = []
    result = parse_registry(csv_bytes(synthetic_rows(35)), reference_date=REFERENCE, progress=seen.append)
    assert result.ok and seen == [10, 20, 30]
