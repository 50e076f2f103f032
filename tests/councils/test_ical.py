"""iCalendar text generation (plain unit tests, no database)."""

import datetime

from councils.logic.ical import CRLF, Event, build_calendar, escape_text, fold, format_utc

NOW = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)


def unfold(text):
    return text.replace(CRLF + " ", "")


def physical_lines(text):
    assert text.endswith(CRLF)
    return text[: -len(CRLF)].split(CRLF)


def test_escaping_of_text_values():
    assert escape_text("a,b;c\\d") == "a\\,b\\;c\\\\d"
    assert escape_text("eins\nzwei\r\ndrei\rvier") == "eins\\nzwei\\ndrei\\nvier"
    assert escape_text("Tab\tbleibt, Steuerzeichen\x07 nicht") == "Tab\tbleibt\\, Steuerzeichen nicht"


def test_short_lines_are_not_folded():
    assert fold("SUMMARY:kurz") == "SUMMARY:kurz"
    line = "X" * 75
    assert fold(line) == line


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "Bürgerbeteiligung für Straßenbahn & Öffis " * 6
    folded = fold(line)
    parts = folded.split(CRLF)
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert unfold(folded) == line
    for part in parts:
        part.encode("utf-8").decode("utf-8")  # no broken multi-octet sequences


def test_fold_counts_octets_not_characters():
    line = "ö" * 60  # 120 octets
    parts = fold(line).split(CRLF)
    assert [len(p.encode("utf-8")) for p in parts] == [74, 47]  # 37 ö, then " " + 23 ö
    assert unfold(fold(line)) == line


def test_format_utc_converts_to_utc():
    berlin = datetime.timezone(datetime.timedelta(hours=1))
    assert format_utc(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=berlin)) == "20260301T090000Z"
    assert format_utc(datetime.datetime(2026, 3, 1, 10, 0)) == "20260301T100000Z"


def test_calendar_structure():
    events = [
        Event(uid="1111@wahlkreisrat", start=datetime.date(2026, 4, 18),
              summary="Wahlkreisrat: Mobilität, Bus; Bahn",
              description="Wie kommen wir\nim Alltag voran?", location="Neustadt a. d. Weinstraße",
              url="https://example.org/de/wahlkreisraete/wk-1/mobilitaet/?a=1,2"),
        Event(uid="2222@wahlkreisrat", start=datetime.date(2026, 12, 31), summary="Wahlkreisrat: Silvester"),
    ]
    text = build_calendar(events, now=NOW, name="Wahlkreisrat: Termine")
    lines = physical_lines(text)
    assert "\n" not in "".join(lines) and "\r" not in "".join(lines)  # only CRLF line ends
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    logical = physical_lines(unfold(text))
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in logical and any(line.startswith("PRODID:") for line in logical)
    assert "X-WR-CALNAME:Wahlkreisrat: Termine" in logical
    assert logical.count("BEGIN:VEVENT") == 2 and logical.count("END:VEVENT") == 2
    assert logical.count("DTSTAMP:20260301T093000Z") == 2
    assert "UID:1111@wahlkreisrat" in logical
    assert "DTSTART;VALUE=DATE:20260418" in logical and "DTEND;VALUE=DATE:20260419" in logical
    assert "DTSTART;VALUE=DATE:20261231" in logical and "DTEND;VALUE=DATE:20270101" in logical
    assert "SUMMARY:Wahlkreisrat: Mobilität\\, Bus\\; Bahn" in logical
    assert "DESCRIPTION:Wie kommen wir\\nim Alltag voran?" in logical
    assert "LOCATION:Neustadt a. d. Weinstraße" in logical
    assert "URL:https://example.org/de/wahlkreisraete/wk-1/mobilitaet/?a=1,2" in logical  # URI, not TEXT
    # optional properties are left out when empty
    second = logical[logical.index("UID:2222@wahlkreisrat"):]
    assert not any(line.startswith(("DESCRIPTION", "LOCATION", "URL")) for line in second)


def test_empty_calendar_is_still_valid():
    logical = physical_lines(build_calendar([], now=NOW))
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" not in logical
