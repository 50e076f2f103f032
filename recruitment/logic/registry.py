"""Parse register extracts (group information under § 46 BMG) into rows.

Input is the raw file as bytes. Accepted formats:

- CSV in UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252 (which
  covers ISO-8859-1 for every printable character; bytes undefined in
  Windows-1252 fall back to ISO-8859-1), separated by ";", "," or tab;
- XLSX (first worksheet).

Columns are recognised by their header (see ``HEADER_ALIASES``); a caller can
pass a corrected mapping instead. Every row is validated; errors carry the
line number (the row number a spreadsheet program shows; the header is
normally line 1) and the column name, but never the offending value, so that
error lists and logs do not leak personal data.

Rows with errors are not returned. A person whose key (see
``ranking.person_key``) already occurred is reported as a duplicate with both
line numbers and also not returned. ``ParseResult.ok`` is true only without
errors and duplicates; importing all or nothing is the caller's business.
Citizenship columns are recognised but never read.

The columns and their values are read by ``register_columns``, the CSV or XLSX file by
``register_files``; this module puts them together (and re-exports their public names).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from .ranking import PersonKeyCache
from .register_columns import (
    FIELD_LABELS,
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    SEX_CODES,
    BirthCell,
    InvalidValue,
    age_on,
    detect_mapping,
    missing_fields,
    normalise_header,
    parse_birth,
    parse_sex,
    parse_whole_number,
    read_birth,
    read_postcode,
    split_address,
)
from .register_files import (
    RegistryFileError,
    csv_rows,
    detect_delimiter,
    detect_text_encoding,
    estimate_lines,
    xlsx_rows,
)

#: Error objects kept; ``error_count`` still counts every error.
DEFAULT_MAX_ERRORS = 1000
#: How often (in lines) ``parse_registry`` reports progress.
PROGRESS_EVERY = 5000

# --- result types ------------------------------------------------------------


@dataclass(slots=True)
class RegisterRow:
    """One person from the extract, with only the fields the project needs.

    ``line`` is where the person stands in the file (for messages only; it
    plays no part in any key). ``sex`` is "m", "w", "d", "x" or "" (column
    absent or empty). ``household_key`` is a hash of the normalised address
    (see ``ranking.household_key``): the register has no flat numbers, so
    everyone at one address counts as one household.
    """

    line: int
    family_name: str
    given_names: str
    doctoral_degree: str
    birth_date: date | None
    birth_year: int | None
    age: int | None
    sex: str
    street: str
    house_number: str
    postcode: str
    town: str
    legal_representative: str
    person_key: str
    household_key: str


@dataclass(slots=True, frozen=True)
class RowError:
    """One problem; ``line`` is None for problems with the whole file."""

    line: int | None
    code: str
    message: str
    column: str | None = None


@dataclass(slots=True, frozen=True)
class Duplicate:
    first_line: int
    line: int
    person_key: str


@dataclass(slots=True)
class ParseResult:
    """Everything the parser found; ``mapping`` and ``headers`` let a person
    check and correct the column mapping before importing."""

    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    header_line: int | None = None
    file_format: str = ""  # "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "utf-8+cp1252", "xlsx"
    delimiter: str | None = None
    mixed_lines: list[int] = field(default_factory=list)  # read as Windows-1252 in a UTF-8 file: warn
    data_lines: int = 0  # non-empty rows below the header
    error_count: int = 0  # may exceed len(errors), see DEFAULT_MAX_ERRORS

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and not self.duplicates and bool(self.rows)


# --- the parser --------------------------------------------------------------


def parse_registry(
    data: bytes,
    *,
    reference_date: date,
    mapping: Mapping[str, int] | None = None,
    header_line: int | None = None,
    max_errors: int = DEFAULT_MAX_ERRORS,
    progress: Callable[[int], object] | None = None,
) -> ParseResult:
    """Parse a register extract.

    ``reference_date`` is the date ages are computed for (e.g. the council's
    date) when the extract has birth dates; an "Alter" column is taken as it
    is, and a bare birth year gives the age reached in the reference year.

    ``mapping`` (field → 0-based column) overrides header recognition, for
    example after a person corrected the detected mapping; ``header_line``
    (1-based) says which row holds the headers when it is not the first
    non-empty row (by default the first of the first ten non-empty rows in
    which at least three fields are recognised).

    ``progress``, if given, is called with the number of lines read so far
    every ``PROGRESS_EVERY`` lines (for a progress bar; see
    :func:`estimate_lines` for the total).
    """
    result = ParseResult()
    try:
        if data.startswith(b"PK\x03\x04"):
            rows = xlsx_rows(data, result)
        elif data.startswith(b"\xd0\xcf\x11\xe0"):
            raise RegistryFileError("old_excel", "Old .xls workbooks are not supported; save as XLSX or CSV.")
        elif not data:
            raise RegistryFileError("empty_file", "The file is empty.")
        else:
            rows = csv_rows(data, result)
        _parse_rows(rows, result, reference_date, mapping, header_line, max_errors, progress)
    except (RegistryFileError, csv.Error, UnicodeError) as exc:
        _add_error(result, _file_error(exc), max_errors)
    return result


def _file_error(exc: Exception) -> RowError:
    if isinstance(exc, RegistryFileError):
        return RowError(exc.line, exc.code, exc.message)
    if isinstance(exc, csv.Error):  # its message quotes the offending text: don't pass it on
        return RowError(None, "malformed_csv", "The CSV structure is broken (e.g. an unclosed quote).")
    return RowError(None, "bad_encoding", "The file's text encoding could not be read.")


def _parse_rows(
    rows: Iterator[list[str]],
    result: ParseResult,
    reference: date,
    mapping: Mapping[str, int] | None,
    header_line: int | None,
    max_errors: int,
    progress: Callable[[int], object] | None = None,
) -> None:
    line = _find_header(rows, result, mapping, header_line)
    columns = dict(mapping) if mapping is not None else detect_mapping(result.headers)
    result.mapping = columns
    width = len(result.headers)
    bad = sorted(f for f, i in columns.items() if f not in HEADER_ALIASES or not 0 <= i < width)
    if bad:
        raise RegistryFileError(
            "bad_mapping", f"The column mapping refers to unknown fields or columns: {', '.join(bad)}."
        )
    if absent := missing_fields(columns):
        names = ", ".join(FIELD_LABELS.get(f, f.replace("|", " or ").replace("_", " ")) for f in absent)
        raise RegistryFileError(
            "missing_columns",
            f"Line {result.header_line}: required columns not found: {names}.",
            result.header_line,
        )

    # Column indexes (-1 = absent) looked up once, so the row loop stays lean.
    index = {f: columns.get(f, -1) for f in HEADER_ALIASES}
    i_family, i_given, i_degree = index["family_name"], index["given_names"], index["doctoral_degree"]
    i_date, i_year, i_age, i_sex = index["birth_date"], index["birth_year"], index["age"], index["sex"]
    i_street, i_number, i_suffix = index["street"], index["house_number"], index["house_number_suffix"]
    i_address, i_postcode, i_town = index["address"], index["postcode"], index["town"]
    i_legal = index["legal_representative"]
    column_names = {
        f: (result.headers[i] or FIELD_LABELS[f]) for f, i in columns.items()
    }

    # Extracts repeat streets, towns, postcodes, names and birth dates; one
    # object per distinct value keeps 250,000 rows small and parsing fast.
    share = {}.setdefault
    households: dict[tuple[str, str, str], str] = {}
    # What a birth, sex or postcode cell gives (values and problems) depends on its text alone
    # (and the reference date): each distinct text is read once.
    date_cache: dict[str, BirthCell] = {}
    year_cache: dict[str, BirthCell] = {}
    age_cache: dict[str, BirthCell] = {}
    sex_cache: dict[str, str] = {}
    postcode_cache: dict[str, tuple[str, tuple[str, str] | None]] = {}
    seen_keys: dict[str, int] = {}
    key_cache = PersonKeyCache()
    make_person_key, make_household_key = key_cache.key, key_cache.household
    rows_out = result.rows
    no_birth = (None, None, None, "", ())

    def report(code: str, field_name: str, problem: str) -> None:
        # Only the line number and the column name, never the value.
        column = column_names[field_name]
        message = f"Line {line}: {FIELD_LABELS[field_name]} in column '{column}' {problem}."
        _add_error(result, RowError(line, code, message, column), max_errors)

    for cells in rows:
        line += 1
        if progress is not None and not line % PROGRESS_EVERY:
            progress(line)
        # Collapse whitespace in every cell, unless (as in almost every row) no cell has any but
        # single spaces inside it: one join and four scans in C instead of a split per cell.
        joined = f"|{'|'.join(cells)}|"
        if "  " in joined or " |" in joined or "| " in joined or not joined.isprintable():
            cells = [" ".join(c.split()) for c in cells]
        if not any(cells):
            continue  # blank rows are allowed anywhere
        result.data_lines += 1
        errors_before = result.error_count
        # Pad short rows; the trailing "" makes index -1 (an absent column) read as empty.
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        cells.append("")

        family_name = cells[i_family]
        if not family_name:
            report("missing_family_name", "family_name", "is empty")
        given_names = cells[i_given]

        # Birth: the first non-empty of birth date, birth year, age is used.
        if raw := cells[i_date]:
            birth = date_cache.get(raw)
            if birth is None:
                birth = date_cache[raw] = read_birth("birth_date", raw, reference)
        elif raw := cells[i_year]:
            birth = year_cache.get(raw)
            if birth is None:
                birth = year_cache[raw] = read_birth("birth_year", raw, reference)
        elif raw := cells[i_age]:
            birth = age_cache.get(raw)
            if birth is None:
                birth = age_cache[raw] = read_birth("age", raw, reference)
        else:
            birth = no_birth
            _add_error(
                result,
                RowError(line, "missing_birth", f"Line {line}: no birth date, birth year or age given."),
                max_errors,
            )
        birth_date, birth_year, age, birth_key, problems = birth
        for problem in problems:
            report(*problem)

        sex = ""
        if i_sex >= 0:
            raw = cells[i_sex]
            sex = sex_cache.get(raw)
            if sex is None:
                try:
                    sex = sex_cache[raw] = parse_sex(raw)
                except InvalidValue:
                    sex = ""
                    report("unknown_sex", "sex", "has an unknown value (expected m, w, d or x)")

        if i_street >= 0:
            street, house_number = cells[i_street], cells[i_number]
            if street and not house_number:
                # No (or an empty) house number column: the number may be in the street.
                street, house_number = split_address(street)
            address_field = "street"
        else:
            street, house_number = split_address(cells[i_address])
            address_field = "address"
        if suffix := cells[i_suffix]:
            house_number = f"{house_number} {suffix}" if house_number else suffix
        if not street:
            report("missing_street", address_field, "is empty")

        raw = cells[i_postcode]
        postcode_read = postcode_cache.get(raw)
        if postcode_read is None:
            postcode_read = postcode_cache[raw] = read_postcode(raw)
        postcode, problem = postcode_read
        if problem is not None:
            report(problem[0], "postcode", problem[1])

        if result.error_count != errors_before:
            continue

        key = make_person_key(family_name, given_names, birth_key, street, house_number, postcode)
        first_line = seen_keys.get(key)
        if first_line is not None:
            result.duplicates.append(Duplicate(first_line, line, key))
            continue
        seen_keys[key] = line

        address = (street, house_number, postcode)
        household = households.get(address)
        if household is None:
            household = households[address] = make_household_key(*address)
        degree, town = cells[i_degree], cells[i_town]
        rows_out.append(RegisterRow(
            line, share(family_name, family_name), share(given_names, given_names), share(degree, degree),
            birth_date, birth_year, age, sex, share(street, street), share(house_number, house_number),
            share(postcode, postcode), share(town, town), cells[i_legal], key, household,
        ))

    if result.data_lines == 0:
        raise RegistryFileError("no_data", "The file has a header row but no data rows.")


@dataclass(slots=True)
class HeadResult:
    """The start of an extract, for checking the column mapping before importing.

    ``sample`` holds up to ``rows`` data rows below the header as raw cell
    texts (personal data: show it only to people allowed to see the pool).
    ``error`` is set when the file cannot be read at all.
    """

    headers: list[str] = field(default_factory=list)
    header_line: int | None = None
    mapping: dict[str, int] = field(default_factory=dict)
    file_format: str = ""
    delimiter: str | None = None
    sample: list[list[str]] = field(default_factory=list)
    error: RowError | None = None
    mixed_lines: list[int] = field(default_factory=list)


def read_head(data: bytes, *, rows: int = 10, header_line: int | None = None) -> HeadResult:
    """Read the header row, the detected mapping and the first ``rows`` data rows.

    Reads only as much of the file as needed; the same format, encoding and
    delimiter detection as :func:`parse_registry`.
    """
    head = HeadResult()
    result = ParseResult()
    try:
        if data.startswith(b"PK\x03\x04"):
            source = xlsx_rows(data, result)
        elif data.startswith(b"\xd0\xcf\x11\xe0"):
            raise RegistryFileError("old_excel", "Old .xls workbooks are not supported; save as XLSX or CSV.")
        elif not data:
            raise RegistryFileError("empty_file", "The file is empty.")
        else:
            source = csv_rows(data, result)
        try:
            _find_header(source, result, None, header_line)
            head.headers, head.header_line = result.headers, result.header_line
            head.mapping = detect_mapping(result.headers)
            width = len(result.headers)
            for cells in source:
                if len(head.sample) >= rows:
                    break
                if not "".join(cells).strip():
                    continue
                cells = [" ".join(c.split()) for c in cells][:width]
                head.sample.append(cells + [""] * (width - len(cells)))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()
    except (RegistryFileError, csv.Error, UnicodeError) as exc:
        head.error = _file_error(exc)
    head.file_format, head.delimiter, head.mixed_lines = result.file_format, result.delimiter, result.mixed_lines
    return head


def _find_header(
    rows: Iterator[list[str]],
    result: ParseResult,
    mapping: Mapping[str, int] | None,
    header_line: int | None,
) -> int:
    """Consume rows up to the header; set result.headers; return its line."""
    line = 0
    first: tuple[int, list[str]] | None = None
    for cells in rows:
        line += 1
        if not "".join(cells).strip():
            continue
        if first is None:
            first = (line, cells)
        if header_line is not None:
            found = line >= header_line
        else:
            found = mapping is not None or len(detect_mapping(cells)) >= 3
        if found:
            result.headers = [c.strip() for c in cells]
            result.header_line = line
            return line
        if header_line is None and line >= HEADER_SEARCH_ROWS:
            break
    if first is None:
        raise RegistryFileError("empty_file", "The file is empty.")
    # No convincing header: report against the first row, which names what
    # is missing (the rest of the file is not read).
    result.headers = [c.strip() for c in first[1]]
    result.header_line = first[0]
    return line


def _add_error(result: ParseResult, error: RowError, max_errors: int) -> None:
    result.error_count += 1
    if len(result.errors) < max_errors:
        result.errors.append(error)


__all__ = [
    "DEFAULT_MAX_ERRORS", "Duplicate", "FIELD_LABELS", "HEADER_ALIASES", "HeadResult", "InvalidValue",
    "ParseResult", "RegisterRow", "RegistryFileError", "RowError", "SEX_CODES", "age_on",
    "detect_delimiter", "detect_mapping", "detect_text_encoding", "estimate_lines", "missing_fields",
    "normalise_header", "parse_birth", "parse_registry", "parse_sex", "parse_whole_number", "read_head",
    "split_address",
]
