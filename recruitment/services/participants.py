"""The workshop day: who comes, what they need, check-in, no-shows, badges and travel costs.

The workshop team sees first names and needs only; addresses and family names stay with the
regional manager (``outreach`` and the invitations list).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import pdf
from ..models import Invitation
from .audit import (
    ACTION_BADGES,
    ACTION_CHECK_IN,
    ACTION_NO_SHOWS,
    ACTION_TRAVEL,
    ACTION_TRAVEL_EXPORT,
    RecruitmentError,
    audit,
)
from .invitations import active_invitations

NEED_FIELDS = ("needs_accessibility", "needs_dietary", "needs_childcare", "needs_travel", "needs_language")


def participants(case):
    """Everyone who accepted for the active draw, by cohort and first name."""
    rows = list(active_invitations(case).filter(status=Invitation.ACCEPTED).select_related("photo_consent"))
    return sorted(rows, key=lambda inv: (inv.draw_cohort.sort_order, inv.person.first_name.lower(), inv.pk))


def needs(invitation):
    """(label, text) for every need the participant gave."""
    return [(Invitation._meta.get_field(name).verbose_name, getattr(invitation, name))
            for name in NEED_FIELDS if getattr(invitation, name)]


def _locked_participant(invitation):
    invitation = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
    if invitation.status != Invitation.ACCEPTED:
        raise RecruitmentError(_("Nur wer zugesagt hat, kann eingecheckt werden."))
    return invitation


def check_in(invitation, user=None, undo=False):
    with transaction.atomic():
        invitation = _locked_participant(invitation)
        invitation.checked_in_at = None if undo else (invitation.checked_in_at or timezone.now())
        invitation.no_show = False
        invitation.save(update_fields=["checked_in_at", "no_show"])
        audit(invitation.case, ACTION_CHECK_IN, user, count=1, invitation=invitation.pk,
              undo=undo)
    return invitation


def mark_no_shows(case, user=None):
    """After the day: everyone who accepted but did not check in counts as not attended."""
    with transaction.atomic():
        count = (Invitation.objects.filter(case=case, draw_cohort__draw__voided_at__isnull=True,
                                           status=Invitation.ACCEPTED, checked_in_at__isnull=True)
                 .update(no_show=True))
        audit(case, ACTION_NO_SHOWS, user, count=count)
    return count


def record_travel(invitation, amount, paid_on, note="", user=None):
    """The travel-cost reimbursement of one participant (amount in euros, date paid, a note)."""
    if amount is not None and amount < Decimal("0"):
        raise RecruitmentError(_("Der Betrag darf nicht negativ sein."))
    with transaction.atomic():
        invitation = _locked_participant(invitation)
        invitation.travel_amount, invitation.travel_paid_on, invitation.travel_note = amount, paid_on, note
        invitation.save(update_fields=["travel_amount", "travel_paid_on", "travel_note"])
        audit(invitation.case, ACTION_TRAVEL, user, count=1, invitation=invitation.pk)
    return invitation


def travel_total(rows):
    return sum((inv.travel_amount or Decimal("0") for inv in rows), Decimal("0"))


TRAVEL_HEADER = ["Nachname", "Vornamen", "Betrag (EUR)", "Erstattet am", "Vermerk"]


def travel_rows(case, user=None):
    """The reimbursements for the bookkeeping (full names: it must be booked before the purge)."""
    rows = [inv for inv in participants(case) if inv.travel_amount is not None]
    audit(case, ACTION_TRAVEL_EXPORT, user, count=len(rows))
    return [[_cell(inv.person.family_name), _cell(inv.person.given_names),
             f"{inv.travel_amount:.2f}".replace(".", ","),
             inv.travel_paid_on.isoformat() if inv.travel_paid_on else "", _cell(inv.travel_note)] for inv in rows]


def _cell(text):
    # A spreadsheet would run a cell starting with = + - @ as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def badges_pdf(case, user=None):
    """Name badges (first name, the council's title) for every participant, eight per A4 page.

    A small dot marks the badges of people with a valid photo consent; the last page explains it
    to the photographer. No badge says why a dot is missing."""
    rows = participants(case)
    badges = [{"name": inv.person.first_name, "photo": inv.has_photo_consent} for inv in rows]
    council = case.council
    data = pdf.render_pdf("recruitment/pdf/badges.html", {
        "badges": badges, "title": council.title if council else case.title,
        "date": council.date if council else None,
    }, stylesheets=["recruitment/pdf/badges.css"])
    audit(case, ACTION_BADGES, user, count=len(badges), photo_consents=sum(b["photo"] for b in badges))
    return data
