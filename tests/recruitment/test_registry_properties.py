"""Property-based tests (hypothesis) of the register parser and the import: whatever the file holds,
the parser answers with rows or its own error codes (each with a German text), never with another
exception, and an import is all or nothing."""

import contextlib
import datetime

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from recruitment.logic.registry import parse_registry, read_head
from recruitment.messages import ERROR_TEXTS, error_text
from recruitment.models import ImportJob, Person
from recruitment.services import imports
from recruitment.services.imports import insert_rows as real_insert_rows

from .conftest import COUNCIL_DATE, HEADER, csv_bytes, synthetic_rows

ROWS = synthetic_rows(12, seed=4)
GOOD = csv_bytes(ROWS)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(data):
    return parse_registry(data, reference_date=COUNCIL_DATE)


def assert_domain_answer(result):
    """Rows, or errors whose codes all have a German text; never a failure without a reason."""
    for error in result.errors:
        assert error.code in ERROR_TEXTS, error
        assert error_text({"line": error.line, "code": error.code, "column": error.column,
                           "message": error.message})
    if not result.ok:
        assert result.error_count or result.duplicates or not result.rows


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_give_rows_or_a_domain_error(data):
    assert_domain_answer(parse(data))
    head = read_head(data, rows=5)
    assert head.error is None or head.error.code in ERROR_TEXTS


@FAST
@given(st.binary(max_size=2000))
def test_junk_behind_a_zip_or_xls_signature_is_a_domain_error(tail):
    for prefix in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        result = parse(prefix + tail)
        assert not result.ok and result.errors[0].code in ERROR_TEXTS


CELL = st.text(alphabet=st.sampled_from(list('ab1.-ÄÖüßé;,\t"\r\n 0123456789')), max_size=12)


@FAST
@given(st.lists(st.lists(CELL, max_size=12), max_size=15), st.sampled_from(["utf-8", "cp1252", "utf-16"]),
       st.sampled_from([";", ",", "\t"]))
def test_any_csv_like_text_gives_rows_or_a_domain_error(rows, encoding, delimiter):
    text = "\r\n".join(delimiter.join(row) for row in [HEADER, *rows])
    assert_domain_answer(parse(text.encode(encoding)))


@FAST
@given(st.data())
def test_mutated_extracts_give_rows_or_a_domain_error(data):
    raw = bytearray(GOOD)
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "truncate"]))
        if action == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
        elif action == "delete":
            del raw[at:at + data.draw(st.integers(1, 8))]
        else:
            del raw[at:]
    assert_domain_answer(parse(bytes(raw)))


@FAST
@given(st.sets(st.integers(1, len(ROWS)), min_size=1))
def test_lines_in_windows_1252_inside_utf8_are_named_and_read_right(lines_1252):
    text_lines = GOOD.decode().split("\r\n")[:-1]  # the header (UTF-8, with "ß") and the rows
    data = b"".join(line.encode("cp1252" if number in lines_1252 else "utf-8") + b"\r\n"
                    for number, line in enumerate(text_lines))
    # Row i stands on line i + 1; a row without umlauts reads the same in both encodings.
    expected = sorted(n + 1 for n in lines_1252 if not text_lines[n].isascii())
    result = parse(data)
    assert result.ok
    assert [r.person_key for r in result.rows] == [r.person_key for r in parse(GOOD).rows]
    if expected:
        assert result.mixed_lines == expected and result.file_format == "utf-8+cp1252"
    else:
        assert result.mixed_lines == []


def with_open_quote(data, row, column):
    """The extract with a quote opened (and never closed) before one cell of data row ``row``."""
    lines = data.decode().split("\r\n")
    cells = lines[row + 1].split(";")
    cells[column] = '"' + cells[column]
    lines[row + 1] = ";".join(cells)
    return "\r\n".join(lines).encode()


@FAST
@given(st.integers(0, len(ROWS) - 1), st.integers(0, len(HEADER) - 1))
def test_an_unclosed_quote_names_the_line_it_starts_on(row, column):
    result = parse(with_open_quote(GOOD, row, column))
    assert not result.ok  # rows before the damage are read, but nothing is importable
    assert [(e.line, e.code) for e in result.errors] == [(row + 2, "unclosed_quote")]
    text = error_text({"line": row + 2, "code": "unclosed_quote", "column": None, "message": ""})
    assert text == f"Die CSV-Datei ist ab Zeile {row + 2} beschädigt (nicht geschlossenes Anführungszeichen)."


@pytest.mark.parametrize("data, code", [
    (b"", "empty_file"),
    (b"\r\n \r\n", "empty_file"),
    (b"\x00\x01\x02\x03junk\x00", "binary_file"),
    (b"PK\x03\x04not really a workbook", "unreadable_xlsx"),
    (csv_bytes([]), "no_data"),
    (b"Name;Ort\r\nA;B\r\n", "missing_columns"),
])
def test_broken_files_have_clear_messages(data, code):
    result = parse(data)
    assert not result.ok and result.errors[0].code == code
    assert str(ERROR_TEXTS[code]) in error_text({"line": result.errors[0].line, "code": code, "column": None,
                                                  "message": ""})


# --- through the import service ---------------------------------------------------------------


def broken_extract():
    """Valid extracts with damage: a bad cell, an unclosed quote, junk bytes, a cut-off end."""
    def damage(args):
        kind, row, column, cut = args
        rows = [list(r) for r in synthetic_rows(40, seed=8)]
        if kind == "cell":
            rows[row][3] = "31.02.1980"
        data = csv_bytes(rows)
        if kind == "quote":
            data = with_open_quote(data, row, column)
        if kind == "junk":
            data = data[:cut] + b"\x00\xff\xfe" * 50 + data[cut:]
        elif kind == "cut":
            data = data[:cut]
        elif kind == "zip":
            data = b"PK\x03\x04" + data
        return data

    return st.tuples(st.sampled_from(["cell", "quote", "junk", "cut", "zip"]), st.integers(0, 39),
                     st.integers(0, len(HEADER) - 1), st.integers(0, 400)).map(damage)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=broken_extract(), crash_at=st.one_of(st.none(), st.integers(0, 3)))
def test_an_import_is_all_or_nothing(imported, monkeypatch, data, crash_at):
    """Broken content, or a failure in the middle of saving: the pool is the old one or the new one."""
    before = set(imported.persons.values_list("person_key", flat=True))
    expected = parse_registry(data, reference_date=datetime.date(2026, 9, 12))
    # An undamaged file would rightly replace the pool: then a batch of 10 rows must fail.
    assume(not expected.ok or (crash_at is not None and crash_at * 10 < len(expected.rows)))
    calls = {"n": 0}

    def failing_insert(*args, **kwargs):
        if calls["n"] == crash_at:
            raise RuntimeError("disk full")
        calls["n"] += 1
        return real_insert_rows(*args, **kwargs)

    monkeypatch.setattr(imports, "BATCH_SIZE", 10)
    monkeypatch.setattr(imports, "insert_rows", failing_insert)
    job = ImportJob.objects.create(case=imported, source="upload", replace=True, status=ImportJob.QUEUED)
    with pytest.raises(RuntimeError) if expected.ok else contextlib.nullcontext():
        outcome = imports.run_import(job, data=data)
        assert not outcome.ok
    assert set(imported.persons.values_list("person_key", flat=True)) == before
    assert not Person.objects.filter(case__isnull=True).exists()
    assert not Person.objects.filter(import_job=job).exists()

