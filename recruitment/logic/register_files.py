"""Reading a register file as rows of cells: CSV (encoding and delimiter detected) or XLSX.

Part of the register parser (``registry``); a problem with the file as a whole raises
:class:`RegistryFileError`, which the parser reports as a row error.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
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


def decode_mixed(data: bytes, utf8: bool = False) -> tuple[str, list[int]] | None:
    """Decode a file that mixes UTF-8 and Windows-1252 lines, line by line.

    For bytes that are not valid UTF-8 as a whole: if some lines are UTF-8 with non-ASCII
    characters (or ``utf8``, e.g. after a UTF-8 BOM) and others are not UTF-8, returns the text
    (each line as UTF-8, else Windows-1252, else ISO-8859-1) and the numbers of the lines read
    as Windows-1252, for a warning. None for a file in one encoding.
    """
    parts: list[str] = []
    fallback: list[int] = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            parts.append(raw.decode("utf-8"))
            utf8 = utf8 or not raw.isascii()
        except UnicodeDecodeError:
            fallback.append(number)
            try:
                parts.append(raw.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append(raw.decode("latin-1"))
    if not utf8 or not fallback:
        return None
    return "\n".join(parts), fallback


#: A quoted cell over more line breaks than this is an unclosed quote, not an address.
MAX_CELL_LINES = 5


def _checked_records(reader: Iterator[list[str]], delimiter: str) -> Iterator[list[str]]:
    """The reader's records; an unclosed quote raises a RegistryFileError naming the line it starts on.

    Python's csv module reads an unclosed quote as one cell up to the next quote or the end of the
    file. A record over several lines with a cell that ends in a line break, holds a column separator
    across lines, or runs over more than MAX_CELL_LINES lines is taken for that.
    """
    start = 1
    try:
        for cells in reader:
            end = reader.line_num  # type: ignore[attr-defined]
            # (A quote opened on the last line swallows only its line break: no second line.)
            if end > start or (cells and cells[-1].endswith(("\n", "\r"))):
                for cell in cells:
                    if ("\n" in cell or "\r" in cell) and (
                            cell.endswith(("\n", "\r")) or delimiter in cell or cell.count("\n") > MAX_CELL_LINES):
                        raise RegistryFileError(
                            "unclosed_quote", f"The CSV file is broken from line {start} on (an unclosed quote).",
                            start)
            yield cells
            start = end + 1
    except csv.Error:  # its message quotes the text: don't pass it on
        raise RegistryFileError("malformed_csv", f"The CSV file is broken near line {start}.", start) from None


def csv_rows(data: bytes, result: ParseResult) -> Iterator[list[str]]:
    encoding = detect_text_encoding(data)
    result.file_format = encoding
    mixed = None
    if encoding in ("cp1252", "latin-1"):
        mixed = decode_mixed(data)
    elif encoding == "utf-8-sig" and not _decodes(data, encoding):
        mixed = decode_mixed(data[len(codecs.BOM_UTF8):], utf8=True)
    if mixed is not None:
        result.file_format, result.mixed_lines = "utf-8+cp1252", mixed[1]
        text: io.TextIOBase = io.StringIO(mixed[0], newline="")
    else:
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
    return _checked_records(csv.reader(text, delimiter=result.delimiter), result.delimiter)


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(2, len(sample) // 100)


def _open_xlsx(data: bytes):
    """The first worksheet, read by calamine (Rust): a 250,000-row extract in seconds, not minutes."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises several kinds of errors on junk (zip, xml, no sheet)
        raise RegistryFileError(
            "unreadable_xlsx", "The file is a zip archive but not a readable XLSX workbook."
        ) from exc


def xlsx_rows(data: bytes, result: ParseResult) -> Iterator[list[str]]:
    result.file_format = "xlsx"
    sheet = _open_xlsx(data)

    def rows() -> Iterator[list[str]]:
        join = "".join
        try:
            for values in sheet.iter_rows():
                try:
                    join(values)  # the fast path: raises TypeError unless every cell is text
                except TypeError:
                    values = [v if type(v) is str else _cell_text(v) for v in values]
                yield values
        except Exception as exc:  # a damaged sheet part surfaces while iterating
            raise RegistryFileError(
                "unreadable_xlsx", "The XLSX workbook is damaged or has no worksheet."
            ) from exc

    return rows()


def _cell_text(value: object) -> str:
    if type(value) is str:  # most cells: the fast path matters at 250,000 rows x 11 columns
        return value
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
        try:
            return max(1, _xlsx_height(data))
        except Exception:  # a damaged workbook: parse_registry reports it
            return 1
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Za-z]*(\d+)(?::[A-Za-z]*(\d+))?"')
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s>/]")
#: How much of a worksheet's XML :func:`estimate_lines` reads (decompressed).
XLSX_HEAD_BYTES = 1 << 18


def _xlsx_height(data: bytes) -> int:
    """The first worksheet's height from the start of its XML, without reading every cell (calamine
    would, taking seconds): the <dimension> Excel and LibreOffice write, else the rows in the first
    XLSX_HEAD_BYTES scaled up to the whole part (a write-only workbook has no dimension)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [info for info in archive.infolist()
                 if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")]
        if not parts:
            return _open_xlsx(data).height
        # Usually sheet1.xml; an estimate need not follow the workbook's sheet order.
        part = min(parts, key=lambda info: (info.filename != "xl/worksheets/sheet1.xml", info.filename))
        with archive.open(part) as sheet:
            head = sheet.read(XLSX_HEAD_BYTES)
    if match := _DIMENSION.search(head):
        return int(match.group(2) or match.group(1))
    rows = len(_ROW_START.findall(head))
    if len(head) < XLSX_HEAD_BYTES:
        return rows
    return rows * part.file_size // len(head)
