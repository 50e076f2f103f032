"""Calendar arithmetic for the process timeline (no Django)."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), clamped to the month's end: 31 Jan + 1 = 28/29 Feb."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def local_moment(day: datetime.date, time: datetime.time | None, zone: datetime.tzinfo) -> datetime.datetime | None:
    """`time` on `day` in the time zone `zone` (aware, with the offset of that day), or None without a time."""
    if time is None:
        return None
    return datetime.datetime.combine(day, time).replace(tzinfo=zone)
