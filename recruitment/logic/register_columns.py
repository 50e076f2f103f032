"""Columns of a register extract: recognising them by their headers, and reading their values.

Part of the register parser (``registry``): header aliases and the mapping of columns to fields,
and the parsers of single values (birth date, sex, numbers, addresses). Error messages never quote
a value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from .ranking import birth_component

# --- header recognition --------------------------------------------------

#: Aliases per field, compared after :func:`normalise_header`; an earlier
#: alias wins over a later one when several columns match the same field.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "family_name": ("familienname", "nachname", "zuname", "name", "familyname", "surname", "lastname"),
    "given_names": ("vornamen", "vorname", "rufname", "givennames", "givenname", "firstnames", "firstname"),
    "doctoral_degree": ("doktorgrad", "akademischergrad", "titel", "doctoraldegree", "title"),
    "birth_date": ("geburtsdatum", "gebdatum", "gebdat", "geburtstag", "birthdate", "dateofbirth"),
    "birth_year": ("geburtsjahr", "gebjahr", "birthyear", "yearofbirth"),
    "age": ("alterinjahren", "alter", "lebensalter", "age"),
    "sex": ("geschlecht", "sex", "gender"),
    "street": ("strasse", "str", "strassenname", "street"),
    "house_number": ("hausnummer", "hausnr", "hnr", "housenumber"),
    "house_number_suffix": ("hausnummerzusatz", "hausnummernzusatz", "hausnrzusatz", "hnrzusatz", "zusatz"),
    "address": (
        "anschrift", "adresse", "strassehausnummer", "strasseundhausnummer", "strassehausnr", "address",
    ),
    "postcode": ("plz", "postleitzahl", "postcode", "zip", "zipcode"),
    "town": ("wohnort", "ort", "gemeinde", "stadt", "town", "city"),
    "legal_representative": (
        "gesetzlichervertreter", "gesetzlichevertreter", "gesetzlichevertretung",
        "gesetzlichervertreterin", "vertreter", "legalrepresentative",
    ),
    "citizenship": ("staatsangehoerigkeit", "staatsangehoerigkeiten", "nationalitaet", "citizenship"),
}

#: Human-readable names of the fields, for messages.
FIELD_LABELS = {
    "family_name": "family name",
    "given_names": "given names",
    "doctoral_degree": "doctoral degree",
    "birth_date": "birth date",
    "birth_year": "birth year",
    "age": "age",
    "sex": "sex",
    "street": "street",
    "house_number": "house number",
    "house_number_suffix": "house number suffix",
    "address": "address",
    "postcode": "postcode",
    "town": "town",
    "legal_representative": "legal representative",
    "citizenship": "citizenship",
}

_ALIAS_RANK = {
    alias: (field_name, rank)
    for field_name, aliases in HEADER_ALIASES.items()
    for rank, alias in enumerate(aliases)
}
_HEADER_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HEADER_NOISE = re.compile(r"[\s_.\-/()\[\]:*#]+")

SEX_CODES = {
    "m": "m", "maennlich": "m", "male": "m", "mann": "m",
    "w": "w", "weiblich": "w", "female": "w", "f": "w", "frau": "w",
    "d": "d", "divers": "d", "diverse": "d",
    "x": "x", "ohneangabe": "x", "keineangabe": "x", "oa": "x", "unbestimmt": "x",
}


MAX_AGE = 120
#: How many rows to look at for the header and the delimiter.
HEADER_SEARCH_ROWS = 10


def normalise_header(header: object) -> str:
    """"Geb.-Datum" → "gebdatum", "Straße" → "strasse", "Vorname(n)" → "vornamen"."""
    text = str(header or "").strip().lower().translate(_HEADER_UMLAUTS)
    return _HEADER_NOISE.sub("", text)


def detect_mapping(headers: Sequence[object]) -> dict[str, int]:
    """Map field names to 0-based column indexes from a header row.

    Matching is case-insensitive and ignores spaces, underscores, dots,
    hyphens, slashes and brackets, and treats "ä"/"ae" etc. alike; a header
    whose whole text does not match is tried once more with any bracketed
    part removed ("Geburtsdatum (TT.MM.JJJJ)"). Unknown columns are ignored.
    """
    best: dict[str, tuple[int, int]] = {}  # field -> (alias rank, column)
    for column, header in enumerate(headers):
        candidates = [normalise_header(header)]
        stripped = re.sub(r"\(.*?\)|\[.*?\]", "", str(header or ""))
        candidates.append(normalise_header(stripped))
        for candidate in candidates:
            match = _ALIAS_RANK.get(candidate)
            if match:
                field_name, rank = match
                if field_name not in best or rank < best[field_name][0]:
                    best[field_name] = (rank, column)
                break
    return {field_name: column for field_name, (_, column) in sorted(best.items(), key=lambda kv: kv[1][1])}


def missing_fields(mapping: Mapping[str, int]) -> list[str]:
    """Required information the mapping lacks (empty list when complete)."""
    missing = [f for f in ("family_name", "given_names", "postcode") if f not in mapping]
    if not {"birth_date", "birth_year", "age"} & mapping.keys():
        missing.append("birth_date|birth_year|age")
    if "street" not in mapping and "address" not in mapping:
        missing.append("street|address")
    return missing


# --- value parsers ---------------------------------------------------------

_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_ADDRESS_SPLIT = re.compile(
    r"(.*?)[\s,]+(\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+\s*[a-zA-Z]?)?)\s*"
)


class InvalidValue(ValueError):
    """A cell could not be read; the message never contains the value."""


def parse_birth(value: str) -> tuple[date | None, int | None]:
    """Parse "dd.mm.yyyy", "yyyymmdd" or "yyyy-mm-dd".

    Returns (birth_date, None), or (None, year) for the register's incomplete
    dates with day and/or month "00" ("00.00.1980"). Raises InvalidValue.
    """
    text = value.strip()
    if m := _DOTTED_DATE.fullmatch(text):
        day, month, year = m.groups()
    elif (m := _ISO_DATE.fullmatch(text)) or (m := _COMPACT_DATE.fullmatch(text)):
        year, month, day = m.groups()
    else:
        raise InvalidValue("not a valid date")
    year_number = int(year)
    if int(day) == 0 or int(month) == 0:
        if int(month) == 0 and int(day) != 0:
            raise InvalidValue("not a valid date")
        return None, year_number
    try:
        return date(year_number, int(month), int(day)), None
    except ValueError:
        raise InvalidValue("not a valid date") from None


def parse_sex(value: str) -> str:
    """Register sex codes to "m", "w", "d", "x" ("" for empty)."""
    text = normalise_header(value)
    if not text:
        return ""
    try:
        return SEX_CODES[text]
    except KeyError:
        raise InvalidValue("unknown sex value") from None


def parse_whole_number(value: str) -> int:
    """"42", "42.0" (spreadsheet export) → 42."""
    text = value.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        raise InvalidValue("not a whole number")
    return int(text)


def age_on(birth_date: date, reference: date) -> int:
    """Age in completed years on the reference date."""
    return reference.year - birth_date.year - (
        (reference.month, reference.day) < (birth_date.month, birth_date.day)
    )


def split_address(address: str) -> tuple[str, str]:
    """"Hauptstraße 12 a" → ("Hauptstraße", "12 a"); no number → (address, "")."""
    text = " ".join(address.split())
    if m := _ADDRESS_SPLIT.fullmatch(text):
        return m.group(1).rstrip(" ,"), m.group(2)
    return text, ""


#: A birth cell read: birth date, birth year, age, the person key's birth component and the
#: problems found (error code, field, text), all depending on the cell's text only.
BirthCell = tuple[date | None, int | None, int | None, str, tuple[tuple[str, str, str], ...]]


def read_birth(source: str, raw: str, reference: date) -> BirthCell:
    """Read a birth date, birth year or age cell (``source`` names the field)."""
    birth_date = birth_year = age = None
    problems = []
    if source == "birth_date":
        try:
            birth_date, birth_year = parse_birth(raw)
        except InvalidValue:
            problems.append(("invalid_birth_date", source, "is not a valid date"))
    else:
        try:
            number = parse_whole_number(raw)
        except InvalidValue:
            problem = "is not a year" if source == "birth_year" else "is not a whole number"
            problems.append((f"invalid_{source}", source, problem))
        else:
            if source == "birth_year":
                birth_year = number
            else:
                age = number
    if birth_date is not None:
        if birth_date > reference:
            problems.append(("birth_date_in_future", source, "lies after the reference date"))
        else:
            age = age_on(birth_date, reference)
    elif birth_year is not None:
        if reference.year - birth_year <= MAX_AGE and birth_year <= reference.year:
            age = reference.year - birth_year  # age reached in the reference year
        else:
            problems.append(("birth_year_out_of_range", source, "is out of range"))
    if age is not None and age > MAX_AGE:
        problems.append(("age_out_of_range", source, f"gives an age over {MAX_AGE}"))
    return birth_date, birth_year, age, birth_component(birth_date, birth_year, age), tuple(problems)


def read_postcode(raw: str) -> tuple[str, tuple[str, str] | None]:
    """The postcode of a cell and the problem with it (error code, text), if any."""
    postcode = raw.replace(" ", "")
    if postcode.endswith(".0"):  # a number cell written out by a spreadsheet
        postcode = postcode[:-2]
    if len(postcode) == 4 and postcode.isdigit():
        postcode = "0" + postcode  # the leading zero a spreadsheet dropped
    if not postcode:
        return postcode, ("missing_postcode", "is empty")
    if len(postcode) != 5 or not postcode.isdigit():
        return postcode, ("invalid_postcode", "is not a 5-digit postcode")
    return postcode, None
