"""iCalendar (RFC 5545) text for the council calendar, written by hand (no Django).

Only what a subscribed calendar needs: VEVENTs with UID, DTSTAMP, DTSTART/DTEND, SUMMARY,
DESCRIPTION, LOCATION and URL. An event is all-day (DATE values) unless its start is a datetime:
then it is local time in its TZID (Europe/Berlin), and the calendar carries that VTIMEZONE.
Lines end in CRLF and are folded at 75 octets.
"""

import dataclasses
import datetime
import re

CRLF = "\r\n"
MAX_OCTETS = 75
DEFAULT_PRODID = "-//Wahlkreisrat//Kalender//DE"

# TEXT values may not hold control characters other than HTAB (RFC 5545, 3.3.11).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


#: VTIMEZONE definitions (RFC 5545, 3.6.5) of the zones events may use: the rules in force since 1996.
VTIMEZONES = {
    "Europe/Berlin": [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "X-LIC-LOCATION:Europe/Berlin",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ],
}
DEFAULT_TZID = "Europe/Berlin"


@dataclasses.dataclass(frozen=True)
class Event:
    """One event. With dates it is all-day and `end` (exclusive) defaults to the day after `start`.
    With naive datetimes (wall-clock time in `tzid`) `end` is optional."""

    uid: str
    start: datetime.date | datetime.datetime
    summary: str
    end: datetime.date | datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    tzid: str = DEFAULT_TZID

    @property
    def timed(self):
        return isinstance(self.start, datetime.datetime)


def escape_text(value) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROL.sub("", text)


def fold(line: str, limit: int = MAX_OCTETS) -> str:
    """Fold one content line so no physical line exceeds `limit` octets (UTF-8).

    Continuation lines start with a single space, which counts towards the limit.
    Multi-octet characters are never split.
    """
    parts = []
    current, size = [], 0
    budget = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > budget:
            parts.append("".join(current))
            current, size = [], 0
            budget = limit - 1  # room for the leading space
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def format_date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def format_utc(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC form; naive datetimes are taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def format_local(moment: datetime.datetime) -> str:
    """A DATE-TIME as wall-clock time (for a TZID parameter); an aware datetime keeps its wall clock."""
    return moment.strftime("%Y%m%dT%H%M%S")


def _times(event: Event) -> list[str]:
    if event.timed:
        if event.tzid not in VTIMEZONES:
            raise ValueError(f"no VTIMEZONE for {event.tzid!r}")
        lines = [f"DTSTART;TZID={event.tzid}:{format_local(event.start)}"]
        if event.end is not None:
            lines.append(f"DTEND;TZID={event.tzid}:{format_local(event.end)}")
        return lines
    end = event.end or event.start + datetime.timedelta(days=1)
    return [f"DTSTART;VALUE=DATE:{format_date(event.start)}", f"DTEND;VALUE=DATE:{format_date(end)}"]


def _event_lines(event: Event, dtstamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{dtstamp}",
        *_times(event),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        # URI value, not TEXT: no backslash escaping; strip line breaks defensively.
        lines.append(f"URL:{_CONTROL.sub('', event.url.replace(chr(13), '').replace(chr(10), ''))}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def build_calendar(events, *, now: datetime.datetime, name: str = "", prodid: str = DEFAULT_PRODID) -> str:
    """The whole VCALENDAR as text with CRLF line endings (including a final CRLF)."""
    dtstamp = format_utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(prodid)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines += [f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}"]
    lines += ["REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H"]
    events = list(events)
    for tzid in sorted({event.tzid for event in events if event.timed}):
        lines += VTIMEZONES[tzid]
    for event in events:
        lines += _event_lines(event, dtstamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
