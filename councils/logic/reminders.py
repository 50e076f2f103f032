"""Which reminder a council's MdB team gets on a given day (no Django; see councils/reminders.py).

Two kinds, each sent once per council and due date:

* ``due_soon``: from ``DUE_SOON_DAYS`` days before the follow-up is due until the day before;
* ``overdue``: on the due day and every day after, as long as recommendations lack a status.

A daily cron job that missed a day still sends the reminder the next day; a reminder already sent
(for the same due date) is never sent again. A council whose recommendations all have a status, or
that has none yet, gets no reminder.
"""

import datetime

DUE_SOON = "due_soon"
OVERDUE = "overdue"
KINDS = (DUE_SOON, OVERDUE)
DUE_SOON_DAYS = 14


def reminder_kind(due, today, open_count, already_sent=()):
    """The kind of reminder to send today, or None.

    `due`: the follow-up's due date; `open_count`: recommendations still without a status;
    `already_sent`: kinds already sent for this council and this due date.
    """
    if open_count <= 0:
        return None
    if today >= due:
        kind = OVERDUE
    elif today >= due - datetime.timedelta(days=DUE_SOON_DAYS):
        kind = DUE_SOON
    else:
        return None
    return None if kind in already_sent else kind


def latest_due_date(today):
    """Councils due after this day need no reminder today (earlier ones may be overdue)."""
    return today + datetime.timedelta(days=DUE_SOON_DAYS)
