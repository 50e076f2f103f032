"""Reminders to MdB teams: an e-mail to the team and the editors two weeks before a follow-up is due
and when it is overdue, listing the recommendations still without a status.

Run daily by cron: ``python manage.py remind_followups`` (README.md, "Cron jobs"). Which council
gets which reminder on a day is decided by councils/logic/reminders.py; FollowUpReminder records
what was sent, so each reminder goes out once per council, kind and due date.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import followups
from .logic.reminders import DUE_SOON, latest_due_date, reminder_kind
from .models import CouncilPage, Recommendation
from .reminder_models import FollowUpReminder


@dataclasses.dataclass
class Reminder:
    council: CouncilPage
    kind: str
    due: datetime.date
    open_recommendations: list[Recommendation]
    team: list[str]
    editors: list[str]

    @property
    def recipients(self):
        return sorted(set(self.team) | set(self.editors))


def due_reminders(today=None):
    """The reminders to send today, oldest due date first (nothing is sent or recorded)."""
    today = today or timezone.localdate()
    candidates = followups.with_open_recommendations(followups.default_councils()).order_by("date", "pk")
    councils = followups.due_until(candidates, latest_due_date(today))
    if not councils:
        return []
    open_by_council = followups.open_recommendations(councils)
    sent = set(FollowUpReminder.objects.filter(council_key__in=[c.translation_key for c in councils])
               .values_list("council_key", "kind", "due"))
    editors = [user.email for user in followups.editors()]
    reminders = []
    for council in councils:
        due = council.feedback_due
        already_sent = {kind for key, kind, day in sent if key == council.translation_key and day == due}
        recs = open_by_council[council.pk]
        kind = reminder_kind(due, today, len(recs), already_sent)
        if kind:
            team = [user.email for user in followups.team_members(council)]
            reminders.append(Reminder(council, kind, due, recs, team, editors))
    return reminders


def follow_up_add_url(council):
    """The admin's "add a follow-up below this council" page, as a full URL for e-mails."""
    path = reverse("wagtailadmin_pages:add", args=("councils", "followuppage", council.pk))
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def compose(reminder):
    """(subject, body) in the site's default language (the recipients are staff)."""
    council = reminder.council
    with translation.override(settings.LANGUAGE_CODE):
        due = date_format(reminder.due, "j. F Y")
        values = {"council": council.title, "due": due}
        if reminder.kind == DUE_SOON:
            subject = _("Rückmeldung fällig am %(due)s: %(council)s") % values
        else:
            subject = _("Rückmeldung überfällig seit %(due)s: %(council)s") % values
        body = render_to_string("councils/admin/followup_reminder.txt", {
            "reminder": reminder, "council": council, "due": due, "due_soon": reminder.kind == DUE_SOON,
            "workshop": date_format(council.date, "j. F Y"), "add_url": follow_up_add_url(council),
            "site_name": settings.WAGTAIL_SITE_NAME,
        })
    return subject, body


def send(reminder):
    """Send one reminder and record it. Returns False when it was recorded meanwhile (not sent)."""
    if not reminder.recipients:
        return False
    subject, body = compose(reminder)
    to, cc = (reminder.team, reminder.editors) if reminder.team else (reminder.editors, [])
    try:
        with transaction.atomic():
            # Record first (the unique constraint stops a second, parallel run), send inside: if
            # sending fails the record is rolled back and tomorrow's run tries again.
            FollowUpReminder.objects.create(
                council_key=reminder.council.translation_key, council=reminder.council, kind=reminder.kind,
                due=reminder.due, recipient_count=len(reminder.recipients))
            EmailMessage(subject, body, to=to, cc=[address for address in cc if address not in to]).send()
    except IntegrityError:
        return False
    return True
