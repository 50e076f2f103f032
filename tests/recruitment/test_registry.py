"""Parsing register extracts: encodings, delimiters, XLSX, headers, errors.

All names and addresses are synthetic.
"""

import io
import random
import time
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from recruitment.logic.ranking import household_key, person_key, pool_fingerprint
from recruitment.logic.registry import (
    RegisterRow,
    detect_mapping,
    normalise_header,
    parse_birth,
    parse_registry,
    parse_sex,
    split_address,
)

REFERENCE = date(2025, 6, 1)

HEADER = ["Familienname", "Vornamen", "Doktorgrad", "Geburtsdatum", "Geschlecht",
          "Straße", "Hausnummer", "PLZ", "Wohnort", "Gesetzlicher Vertreter", "Staatsangehörigkeit"]
ROWS = [
    ["Müller", "Anna Lena", "", "01.02.1990", "w", "Hauptstraße", "12 a", "12345", "Musterstadt", "",
     "deutsch"],
    ["Schröder", "Jörg", "Dr.", "15.03.1985", "m", "Gartenweg", "3", "12345", "Musterstadt", "", "deutsch"],
    ["Weiß", "Emil", "", "04.07.2009", "m", "Gartenweg", "3", "01067", "Beispielheim",
     "Schröder, Jörg", "deutsch"],
    ["Öztürk", "Ayla", "", "31.12.1950", "d", "Am Ring", "7", "12346", "Neudorf", "", "türkisch"],
]


def make_csv(rows=ROWS, header=HEADER, delimiter=";", encoding="utf-8", newline="\r\n") -> bytes:
    def quote(cell: str) -> str:
        if delimiter in cell or '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        return cell

    lines = [delimiter.join(quote(c) for c in row) for row in [header, *rows]]
    return (newline.join(lines) + newline).encode(encoding)


def parse(data: bytes, **kwargs):
    return parse_registry(data, reference_date=REFERENCE, **kwargs)


def as_tuples(result):
    return [
        (r.family_name, r.given_names, r.doctoral_degree, r.birth_date, r.birth_year, r.age, r.sex,
         r.street, r.house_number, r.postcode, r.town, r.legal_representative, r.person_key,
         r.household_key)
        for r in result.rows
    ]


# --- encodings, delimiters, formats ----------------------------------------


@pytest.mark.parametrize("encoding, expected_format", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("cp1252", "cp1252"),
    ("latin-1", "cp1252"),  # ISO-8859-1 umlauts are the same bytes in cp1252
    ("utf-16", "utf-16"),
])
def test_encodings_give_identical_rows(encoding, expected_format):
    result = parse(make_csv(encoding=encoding))
    assert result.ok, result.errors
    assert result.file_format == expected_format
    assert as_tuples(result) == as_tuples(parse(make_csv()))
    first = result.rows[0]
    assert (first.family_name, first.street) == ("Müller", "Hauptstraße")
    assert result.rows[1].given_names == "Jörg"


def test_cp1252_specific_characters_and_bytes_undefined_in_cp1252():
    rows = [ROWS[0][:1] + ["Zoë „Zoe“"] + ROWS[0][2:]]
    result = parse(make_csv(rows, encoding="cp1252"))
    assert result.ok and result.rows[0].given_names == "Zoë „Zoe“"
    # 0x81 is undefined in cp1252: the file is read as ISO-8859-1 instead.
    data = make_csv(encoding="latin-1").replace(b"Emil", b"Emil\x81")
    result = parse(data)
    assert result.file_format == "latin-1" and result.ok


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters(delimiter):
    rows = [r[:] for r in ROWS]
    rows[0][5] = "Hauptstraße; Hinterhaus, links"  # the delimiter inside a quoted cell
    result = parse(make_csv(rows, delimiter=delimiter))
    assert result.ok, result.errors
    assert result.delimiter == delimiter
    assert len(result.rows) == 4
    assert result.rows[0].street == "Hauptstraße; Hinterhaus, links"


def test_line_endings_and_blank_lines():
    data = make_csv(newline="\n").replace(b"\n", b"\n\n", 1)
    result = parse(data)
    assert result.ok
    # Line 2 is blank, so the rows are lines 3-6.
    assert [r.line for r in result.rows] == [3, 4, 5, 6]
    assert parse(make_csv(newline="\r")).ok


def make_xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_typed_cells():
    data = make_xlsx([
        ["Familienname", "Vorname", "Geburtsdatum", "Geschlecht", "Strasse", "Hausnr", "Postleitzahl", "Ort"],
        ["Müller", "Anna Lena", datetime(1990, 2, 1), "W", "Hauptstraße", 12, 12345, "Musterstadt"],
        ["Weiß", "Emil", "04.07.2009", "männlich", "Gartenweg", "3", 1067, "Beispielheim"],
        [None, None, None, None, None, None, None, None],
        ["Klein", "Ida", date(1950, 1, 1), "weiblich", "Am Ring", 7.0, "12346", "Neudorf"],
    ])
    result = parse(data)
    assert result.ok, result.errors
    assert result.file_format == "xlsx" and result.delimiter is None
    summary = [(r.line, r.family_name, r.birth_date, r.sex, r.house_number, r.postcode) for r in result.rows]
    assert summary == [
        (2, "Müller", date(1990, 2, 1), "w", "12", "12345"),
        (3, "Weiß", date(2009, 7, 4), "m", "3", "01067"),
        (5, "Klein", date(1950, 1, 1), "w", "7", "12346"),
    ]


def test_xlsx_with_age_column():
    data = make_xlsx([
        ["Name", "Vorname", "Alter in Jahren", "Anschrift", "PLZ"],
        ["Klein", "Ida", 75, "Am Ring 7", "12346"],
    ])
    result = parse(data)
    assert result.ok and result.rows[0].age == 75 and result.rows[0].birth_date is None


# --- headers ---------------------------------------------------------------


@pytest.mark.parametrize("header, field", [
    ("Familienname", "family_name"), ("NAME", "family_name"), ("Nachname", "family_name"),
    ("family_name", "family_name"),
    ("Vorname", "given_names"), ("Vornamen", "given_names"), ("Vorname(n)", "given_names"),
    ("Rufname", "given_names"),
    ("Doktorgrad", "doctoral_degree"), ("Titel", "doctoral_degree"), ("Akademischer Grad", "doctoral_degree"),
    ("Geburtsdatum", "birth_date"), ("Geb.-Datum", "birth_date"), ("Geburtstag", "birth_date"),
    ("geburts_datum", "birth_date"), ("Geburtsdatum (TT.MM.JJJJ)", "birth_date"),
    ("Alter", "age"), ("Alter in Jahren", "age"), ("Geburtsjahr", "birth_year"),
    ("Geschlecht", "sex"),
    ("Straße", "street"), ("Strasse", "street"), ("STRASSE", "street"), ("Str.", "street"),
    ("Hausnr.", "house_number"), ("Hausnummer", "house_number"), ("Hnr", "house_number"),
    ("Hausnummernzusatz", "house_number_suffix"),
    ("Anschrift", "address"), ("Adresse", "address"), ("Straße/Hausnummer", "address"),
    ("PLZ", "postcode"), ("Postleitzahl", "postcode"),
    ("Ort", "town"), ("Wohnort", "town"), ("Gemeinde", "town"), ("Stadt", "town"),
    ("Gesetzlicher Vertreter", "legal_representative"), ("gesetzliche_vertreter", "legal_representative"),
    ("Staatsangehörigkeit", "citizenship"), ("Staatsangehoerigkeit", "citizenship"),
])
def test_header_spellings(header, field):
    assert detect_mapping([header]) == {field: 0}


def test_detect_mapping_prefers_the_specific_alias_and_ignores_unknown_columns():
    headers = ["Lfd. Nr.", "Name", "Familienname", "Vorname", "Geburtsname", "Bemerkung"]
    assert detect_mapping(headers) == {"family_name": 2, "given_names": 3}
    assert normalise_header(" Geb.-Datum ") == "gebdatum"


def test_explicit_mapping_for_unrecognised_headers():
    header = ["Spalte 1", "Spalte 2", "Spalte 3", "Spalte 4", "Spalte 5", "Spalte 6"]
    rows = [["Müller", "Anna", "1990-02-01", "Hauptstraße 12", "12345", "x"]]
    assert not parse(make_csv(rows, header=header)).ok
    mapping = {"family_name": 0, "given_names": 1, "birth_date": 2, "address": 3, "postcode": 4}
    result = parse(make_csv(rows, header=header), mapping=mapping)
    assert result.ok, result.errors
    assert (result.rows[0].street, result.rows[0].house_number) == ("Hauptstraße", "12")
    bad = parse(make_csv(rows, header=header), mapping={**mapping, "postcode": 17})
    assert bad.errors[0].code == "bad_mapping"


def test_title_rows_before_the_header_are_skipped():
    data = b"Gruppenauskunft nach \xc2\xa7 46 BMG;;;\r\n;;;\r\n" + make_csv()
    result = parse(data)
    assert result.ok, result.errors
    assert result.header_line == 3
    assert [r.line for r in result.rows] == [4, 5, 6, 7]


def test_house_number_suffix_and_single_address_column():
    header = ["Name", "Vorname", "Geburtsjahr", "Straße", "Hausnummer", "Zusatz", "PLZ"]
    rows = [["Klein", "Ida", "1950", "Am Ring", "7", "b", "12346"]]
    row = parse(make_csv(rows, header=header)).rows[0]
    assert (row.street, row.house_number) == ("Am Ring", "7 b")
    header = ["Name", "Vorname", "Geburtsjahr", "Anschrift", "PLZ"]
    rows = [["Klein", "Ida", "1950", "Am Ring 7b", "12346"]]
    other = parse(make_csv(rows, header=header)).rows[0]
    assert (other.street, other.house_number) == ("Am Ring", "7b")
    assert other.person_key == row.person_key
    assert other.household_key == row.household_key


def test_split_address():
    assert split_address("Straße des 17. Juni 135") == ("Straße des 17. Juni", "135")
    assert split_address("Hauptstr. 12 - 14") == ("Hauptstr.", "12 - 14")
    assert split_address("Am Hang, 4a") == ("Am Hang", "4a")
    assert split_address("Hof Sonnenschein") == ("Hof Sonnenschein", "")


# --- values ------------------------------------------------------------------


def test_birth_formats_age_and_birth_year():
    header = ["Name", "Vorname", "Geburtsdatum", "Geburtsjahr", "Alter", "Straße", "PLZ"]
    rows = [
        ["A", "Eins", "01.06.2007", "", "", "Weg 1", "12345"],   # 18th birthday on the reference date
        ["B", "Zwei", "20070602", "", "", "Weg 2", "12345"],     # one day short of 18
        ["C", "Drei", "1990-02-01", "", "", "Weg 3", "12345"],
        ["D", "Vier", "1.2.1990", "", "", "Weg 4", "12345"],
        ["E", "Fünf", "00.00.1980", "", "", "Weg 5", "12345"],   # incomplete register date
        ["F", "Sechs", "", "1960", "", "Weg 6", "12345"],
        ["G", "Sieben", "", "", "42", "Weg 7", "12345"],
    ]
    result = parse(make_csv(rows, header=header))
    assert result.ok, result.errors
    assert [(r.birth_date, r.birth_year, r.age) for r in result.rows] == [
        (date(2007, 6, 1), None, 18),
        (date(2007, 6, 2), None, 17),
        (date(1990, 2, 1), None, 35),
        (date(1990, 2, 1), None, 35),
        (None, 1980, 45),
        (None, 1960, 65),
        (None, None, 42),
    ]
    expected_key = person_key("E", "Fünf", birth_year=1980, street="Weg 5", postcode="12345")
    assert result.rows[4].person_key == expected_key


def test_value_parsers():
    assert parse_birth("29.02.2000") == (date(2000, 2, 29), None)
    assert parse_birth("19800000") == (None, 1980)
    for bad in ("29.02.2001", "2000-13-01", "1.1.80", "gestern", "00.05.1980x"):
        with pytest.raises(ValueError):
            parse_birth(bad)
    assert [parse_sex(v) for v in ("M", "männlich", "Maennlich", "male", "W", "weiblich", "F",
                                   "female", "D", "divers", "X", "ohne Angabe", "")] == \
        ["m", "m", "m", "m", "w", "w", "w", "w", "d", "d", "x", "x", ""]
    with pytest.raises(ValueError):
        parse_sex("q")


def test_legal_representative_kept_citizenship_not_stored():
    result = parse(make_csv())
    assert result.rows[2].legal_representative == "Schröder, Jörg"
    assert "citizenship" in result.mapping
    assert not hasattr(result.rows[0], "citizenship")
    assert not hasattr(result.rows[0], "__dict__")  # slots keep rows small
    assert "deutsch" not in repr(result.rows[0])


# --- errors and duplicates ---------------------------------------------------


def test_errors_name_line_and_column_but_never_the_value():
    rows = [
        ["Müller", "Anna", "", "01.02.1990", "w", "Hauptstraße", "1", "12345", "X", "", ""],  # line 2 ok
        ["", "Leer", "", "01.02.1990", "w", "Hauptstraße", "2", "12345", "X", "", ""],  # 3 no family name
        ["Schmidt", "Gisela", "", "31.02.1990", "w", "Hauptstraße", "3", "12345", "X", "", ""],  # 4 bad date
        ["Schmidt", "Otto", "", "01.01.1850", "m", "Hauptstraße", "4", "12345", "X", "", ""],  # 5 too old
        ["Schmidt", "Kim", "", "01.01.1990", "q", "Hauptstraße", "5", "12345", "X", "", ""],  # 6 sex
        ["Schmidt", "Uwe", "", "01.01.1990", "m", "Hauptstraße", "6", "", "X", "", ""],  # 7 no postcode
        ["Schmidt", "Eva", "", "01.01.1990", "w", "Hauptstraße", "7", "123456", "X", "", ""],  # 8 PLZ
        ["Schmidt", "Ina", "", "", "w", "Hauptstraße", "8", "12345", "X", "", ""],  # 9 no birth
        ["Schmidt", "Tom", "", "01.01.2030", "m", "", "", "12345", "X", "", ""],  # 10 future, no street
    ]
    result = parse(make_csv(rows))
    assert not result.ok
    assert [(e.line, e.code) for e in result.errors] == [
        (3, "missing_family_name"),
        (4, "invalid_birth_date"),
        (5, "age_out_of_range"),
        (6, "unknown_sex"),
        (7, "missing_postcode"),
        (8, "invalid_postcode"),
        (9, "missing_birth"),
        (10, "birth_date_in_future"),
        (10, "missing_street"),
    ]
    assert result.errors[1].message == "Line 4: birth date in column 'Geburtsdatum' is not a valid date."
    assert result.errors[1].column == "Geburtsdatum"
    assert len(result.rows) == 1 and result.rows[0].line == 2
    assert result.error_count == 9 and result.data_lines == 9
    personal = {"Leer", "Gisela", "31.02.1990", "1850", "123456", "Tom", "2030", "Schmidt", "Hauptstraße"}
    for error in result.errors:
        assert not any(value in error.message for value in personal), error.message
        assert "'q'" not in error.message


def test_age_and_birth_year_errors():
    header = ["Name", "Vorname", "Alter", "Geburtsjahr", "Anschrift", "PLZ"]
    rows = [["A", "B", "130", "", "Weg 1", "12345"], ["A", "C", "zwölf", "", "Weg 1", "12345"],
            ["A", "D", "", "18xx", "Weg 1", "12345"], ["A", "E", "", "1890", "Weg 1", "12345"]]
    result = parse(make_csv(rows, header=header))
    assert [(e.line, e.code) for e in result.errors] == [
        (2, "age_out_of_range"),
        (3, "invalid_age"),
        (4, "invalid_birth_year"),
        (5, "birth_year_out_of_range"),
    ]


def test_max_errors_caps_the_list_but_counts_everything():
    rows = [["", "X", "", "01.01.1990", "w", "Weg", "1", "12345", "", "", ""]] * 50
    result = parse(make_csv(rows), max_errors=10)
    assert len(result.errors) == 10 and result.error_count == 50 and not result.ok


def test_duplicates_are_reported_with_both_lines():
    rows = [r[:] for r in ROWS]
    twin = rows[0][:]
    twin[1], twin[5], twin[6] = "Anna  Lena", "Hauptstr.", "12a"  # same person, other spelling
    rows.append(twin)
    result = parse(make_csv(rows))
    assert not result.ok and result.error_count == 0
    assert [(d.first_line, d.line) for d in result.duplicates] == [(2, 6)]
    assert len(result.rows) == 4


def test_household_key_groups_an_address():
    result = parse(make_csv())
    schroeder, weiss = result.rows[1], result.rows[2]
    # Same street and number but different postcode: different households.
    assert schroeder.household_key != weiss.household_key
    assert schroeder.household_key == household_key("Gartenweg", "3", "12345")


def test_row_order_does_not_change_keys_or_fingerprint():
    shuffled = ROWS[:]
    random.Random(1).shuffle(shuffled)
    a, b = parse(make_csv()), parse(make_csv(shuffled, encoding="cp1252", delimiter="\t"))
    assert {r.person_key for r in a.rows} == {r.person_key for r in b.rows}
    assert pool_fingerprint(r.person_key for r in a.rows) == pool_fingerprint(r.person_key for r in b.rows)


# --- broken files ------------------------------------------------------------


def file_error(data: bytes):
    result = parse(data)
    assert not result.ok and not result.rows
    assert len(result.errors) == 1
    return result.errors[0]


def test_empty_file():
    assert file_error(b"").code == "empty_file"
    assert file_error(b"\r\n\r\n  \r\n").code == "empty_file"
    assert file_error(b"\xef\xbb\xbf").code == "empty_file"


def test_binary_garbage():
    garbage = random.Random(0).randbytes(5000)
    error = file_error(garbage)
    assert error.code == "binary_file" and error.line is None
    assert file_error(b"\x01\x02\x03\x04;\x05\x06\x07\x08\x0e\x0f\x10" * 50).code == "binary_file"


def test_header_only():
    error = file_error(make_csv(rows=[]))
    assert error.code == "no_data"
    assert "no data rows" in error.message


def test_missing_required_columns():
    error = file_error(make_csv([["Müller", "Anna", "w"]], header=["Familienname", "Vorname", "Geschlecht"]))
    assert error.code == "missing_columns" and error.line == 1
    assert "postcode" in error.message and "birth date or birth year or age" in error.message


def test_text_without_columns():
    assert file_error(b"Dies ist keine Liste.\nNur Text.\n").code == "no_delimiter"


def test_fake_zip_and_old_excel():
    assert file_error(b"PK\x03\x04" + bytes(200)).code == "unreadable_xlsx"
    assert file_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200)).code == "old_excel"


def test_unclosed_quote_does_not_leak_the_row():
    data = make_csv() + b'Geheim;"Anna;;01.01.1990;w;Weg;1;12345;X;;\r\n' * 3
    result = parse(data)
    for error in result.errors:
        assert "Geheim" not in error.message


# --- speed -------------------------------------------------------------------


def test_parsing_is_fast_enough():
    # 25,000 rows; the benchmark (bench/bench_registry_parse.py) does 250,000.
    lines = [";".join(HEADER)]
    for i in range(25_000):
        lines.append(f"Muster{i % 300};Vorname {i};;{1 + i % 28:02d}.{1 + i % 12:02d}.{1930 + i % 80};"
                     f"{'wm'[i % 2]};Straße {i % 90};{i % 200};{10000 + i % 50};Musterstadt;;deutsch")
    data = "\r\n".join(lines).encode("cp1252")
    start = time.perf_counter()
    result = parse(data)
    elapsed = time.perf_counter() - start
    assert result.ok and len(result.rows) == 25_000
    assert isinstance(result.rows[0], RegisterRow)
    assert elapsed < 3.0, elapsed
