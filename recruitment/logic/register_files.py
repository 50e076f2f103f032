"""Reading a register file as rows of cells: CSV (encoding and delimiter detected) or XLSX.

Part of the register parser (``registry``); a problem with the file as a whole raises
:class:`RegistryFileError`, which the parser reports as a row error.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from .register_columns import HEADER_SEARCH_ROWS

if TYPE_CHECKING:
    from .registry import ParseResult


# --- reading the file ------------------------------------------------------


class RegistryFileError(Exception):
    """A problem with the file as a whole; reported as a RowError."""

    def __init__(self, code: str, message: str, line: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def detect_text_encoding(data: bytes) -> str:
    """Codec name for CSV bytes: BOMs first, then strict UTF-8, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in data[:8192]:
        raise RegistryFileError("binary_file", "The file is not a text (CSV) file or XLSX workbook.")
    for codec in ("utf-8", "cp1252"):
        if _decodes(data, codec):
            return codec
    return "latin-1"  # decodes anything; only reached for cp1252's 5 gaps


def _decodes(data: bytes, codec: str, chunk: int = 1 << 20) -> bool:
    # Incremental so that checking needs no second copy of a large file.
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start:start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(lines: Iterable[str]) -> str:
    """The most frequent of ";", tab and "," outside quotes (that order on ties)."""
    counts = {";": 0, "\t": 0, ",": 0}
    for line in lines:
        unquoted = re.sub(r'"[^"]*"', "", line)
        for delimiter in counts:
            counts[delimiter] += unquoted.count(delimiter)
    best = max(counts, key=lambda d: counts[d])  # max keeps the first on ties
    if counts[best] == 0:
        raise RegistryFileError("no_delimiter", "No column separator (';', ',' or tab) found in the header.")
    return best


def csv_rows(data: bytes, result: ParseResult) -> Iterator[list[str]]:
    encoding = detect_text_encoding(data)
    result.file_format = encoding
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    # The first non-empty lines decide the delimiter (and reveal binary junk).
    head: list[str] = []
    for _ in range(1000):
        line = text.readline()
        if not line or len(head) == HEADER_SEARCH_ROWS:
            break
        if line.strip():
            head.append(line)
    if not head:
        raise RegistryFileError("empty_file", "The file is empty.")
    if _looks_binary("".join(head)):
        raise RegistryFileError("binary_file", "The file is not a text (CSV) file or XLSX workbook.")
    result.delimiter = detect_delimiter(head)
    text.seek(0)
    return csv.reader(text, delimiter=result.delimiter)


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(2, len(sample) // 100)


def xlsx_rows(data: bytes, result: ParseResult) -> Iterator[list[str]]:
    result.file_format = "xlsx"
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on junk
        raise RegistryFileError(
            "unreadable_xlsx", "The file is a zip archive but not a readable XLSX workbook."
        ) from exc

    def rows() -> Iterator[list[str]]:
        try:
            sheet = workbook.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                yield [_cell_text(v) for v in values]
        except (IndexError, KeyError, ValueError, TypeError, OSError) as exc:
            raise RegistryFileError(
                "unreadable_xlsx", "The XLSX workbook is damaged or has no worksheet."
            ) from exc
        finally:
            workbook.close()

    return rows()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def estimate_lines(data: bytes) -> int:
    """Roughly how many lines an extract has (for a progress bar; at least 1)."""
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return max(1, int(workbook.worksheets[0].max_row or 1))
            finally:
                workbook.close()
        except Exception:  # a damaged workbook: parse_registry reports it
            return 1
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))
