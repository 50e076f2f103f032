"""Between the letters and the workshop: progress per cohort, deadlines, door visits.

Reads and writes ``Invitation`` rows of a case's active draw; every view of a list with names and
every recorded outcome is audit-logged by the caller or here (counts only).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import pdf
from ..logic.route import walking_order
from ..models import Invitation
from .audit import ACTION_VIEW_VISITS, ACTION_VISIT, RecruitmentError, audit
from .invitations import active_invitations, record_response

#: Door-visit outcomes a manager or volunteer records (seed 003: "Aufsuchen").
VISIT_ACCEPTED, VISIT_DECLINED, VISIT_NOT_MET, VISIT_MOVED = "accepted", "declined", "not_met", "moved_away"
VISIT_OUTCOMES = [
    (VISIT_ACCEPTED, _("Zusage")),
    (VISIT_DECLINED, _("Absage")),
    (VISIT_NOT_MET, _("nicht angetroffen – erneut besuchen")),
    (VISIT_MOVED, _("verzogen")),
]


@dataclass
class CohortProgress:
    label: str
    seats: int
    invited: int = 0
    accepted: int = 0
    declined: int = 0
    no_answer: int = 0
    visited: int = 0
    replaced: int = 0
    gone: int = 0  # moved away or unreachable, not yet replaced

    @property
    def missing(self):
        return max(self.seats - self.accepted, 0)


def cohort_progress(case):
    """Per cohort of the active draw: invited / accepted / declined / no answer / visited / replaced
    against the seats, in one aggregate query."""
    the_draw = case.active_draw
    if the_draw is None:
        return []
    rows = {c.pk: CohortProgress(c.label, c.seats) for c in the_draw.cohorts.all()}
    counts = (Invitation.objects.filter(draw_cohort__draw=the_draw).values("draw_cohort").annotate(
        invited=Count("pk"),
        accepted=Count("pk", filter=Q(status=Invitation.ACCEPTED)),
        declined=Count("pk", filter=Q(status=Invitation.DECLINED)
                       | Q(status=Invitation.REPLACED, status_before_replacement=Invitation.DECLINED)),
        no_answer=Count("pk", filter=Q(status__in=Invitation.OPEN_STATUSES)),
        visited=Count("pk", filter=Q(visit_count__gt=0)),
        replaced=Count("pk", filter=Q(status=Invitation.REPLACED)),
        gone=Count("pk", filter=Q(status__in=(Invitation.MOVED_AWAY, Invitation.UNREACHABLE))),
    ))
    for row in counts:
        progress = rows[row.pop("draw_cohort")]
        for name, value in row.items():
            setattr(progress, name, value)
    return list(rows.values())


def totals(progress):
    total = CohortProgress(str(_("zusammen")), sum(p.seats for p in progress))
    for name in ("invited", "accepted", "declined", "no_answer", "visited", "replaced", "gone"):
        setattr(total, name, sum(getattr(p, name) for p in progress))
    return total


@dataclass
class Deadline:
    label: str
    date: datetime.date
    done: bool
    warning: str = ""
    hints: list = field(default_factory=list)

    @property
    def state(self):
        if self.done:
            return "done"
        return "warning" if self.warning else "upcoming"


def deadlines(case, today=None):
    """The council timeline's private steps with a warning where something is late or missing."""
    council = case.council
    if council is None:
        return []
    today = today or timezone.localdate()
    the_draw = case.active_draw
    is_open = Q(status__in=Invitation.OPEN_STATUSES)
    counts = Invitation.objects.filter(draw_cohort__draw=the_draw).aggregate(
        unsent=Count("pk", filter=is_open & Q(letter_sent_at__isnull=True)),
        unanswered=Count("pk", filter=is_open & Q(letter_sent_at__isnull=False)),
        replaceable=Count("pk", filter=Q(status__in=Invitation.REPLACEABLE_STATUSES)),
        accepted=Count("pk", filter=Q(status=Invitation.ACCEPTED)),
    ) if the_draw else dict.fromkeys(("unsent", "unanswered", "replaceable", "accepted"), 0)
    unsent, unanswered = counts["unsent"], counts["unanswered"]
    replaceable, accepted = counts["replaceable"], counts["accepted"]
    seats = sum(c.seats for c in the_draw.cohorts.all()) if the_draw else case.seats
    result = []

    letters = Deadline(_("Briefe verschicken"), case.letters_due, done=the_draw is not None and unsent == 0)
    if the_draw is None and today >= case.letters_due - datetime.timedelta(weeks=1):
        letters.warning = _("Es ist noch nicht ausgelost.")
    elif unsent and today >= case.letters_due:
        letters.warning = _("%(count)d Briefe sind noch nicht erstellt.") % {"count": unsent}
    result.append(letters)

    visits = Deadline(_("Antwortfrist, danach Hausbesuche"), case.answer_by,
                      done=the_draw is not None and unsent == 0 and unanswered == 0)
    if unanswered and today > case.answer_by:
        visits.warning = _("%(count)d Eingeladene haben nicht geantwortet: Hausbesuche fällig.") % {
            "count": unanswered}
    result.append(visits)

    if replaceable:
        result.append(Deadline(_("Nachlosen"), today, done=False, warning=_(
            "%(count)d Absagen oder nicht Erreichbare sind noch nicht ersetzt.") % {"count": replaceable}))

    workshop = Deadline(_("Workshop"), council.date, done=today > council.date)
    if not workshop.done and accepted < seats and today >= council.date - datetime.timedelta(weeks=2):
        workshop.warning = _("Erst %(accepted)d von %(seats)d Plätzen sind zugesagt.") % {
            "accepted": accepted, "seats": seats}
    result.append(workshop)
    return result


# --- door visits ----------------------------------------------------------------------------------


def visit_list(case):
    """Invitees who got a letter and have not answered, as a walking route (postcode, street, number)."""
    rows = (active_invitations(case)
            .filter(status__in=Invitation.OPEN_STATUSES, letter_sent_at__isnull=False))
    return walking_order(rows, lambda inv: (inv.person.postcode, inv.person.street, inv.person.house_number))


def record_visit(invitation, outcome, user=None):
    """One door visit's outcome. A yes or no at the door is an answer like any other (channel door);
    "not met" counts the visit and keeps the invitee on the list; "moved away" can then be replaced."""
    if outcome == VISIT_ACCEPTED:
        raise RecruitmentError(
            _("Eine Zusage an der Haustür bitte mit „Antwort erfassen“ aufnehmen (Einwilligung, Kontakt)."))
    if outcome == VISIT_DECLINED:
        return record_response(invitation, False, {}, channel=Invitation.DOOR, user=user)
    if outcome not in (VISIT_NOT_MET, VISIT_MOVED):
        raise RecruitmentError(_("Unbekanntes Ergebnis."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        if not invitation.is_open:
            raise RecruitmentError(_("Diese Einladung ist schon beantwortet oder ersetzt."))
        previous = invitation.status
        invitation.status = Invitation.VISITED if outcome == VISIT_NOT_MET else Invitation.MOVED_AWAY
        invitation.visit_count += 1
        invitation.last_visit_at = timezone.now()
        invitation.save(update_fields=["status", "visit_count", "last_visit_at"])
        audit(invitation.case, ACTION_VISIT, user, count=1, invitation=invitation.pk,
              previous=previous, status=invitation.status)
    return invitation


def visit_list_pdf(case, user=None):
    """The visit list as a printable PDF (landscape A4, in walking order)."""
    rows = visit_list(case)
    council = case.council
    data = pdf.render_pdf("recruitment/pdf/visits.html", {
        "rows": rows, "count": len(rows), "title": council.title if council else case.title,
        "today": timezone.localdate()}, stylesheets=["recruitment/pdf/visits.css"])
    audit(case, ACTION_VIEW_VISITS, user, count=len(rows), format="pdf")
    return data
