"""Step 4: invitations of a draw, their response codes, the answers and replacements (Nachlosen)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..logic import codes
from ..logic.strata import municipality
from ..models import DrawCohort, Invitation, Placement, RecruitmentCase
from . import photo_consent
from .audit import ACTION_INVITATION_STATUS, ACTION_REPLACE, ACTION_RESPONSE, RecruitmentError, audit


def create_invitations(the_draw):
    """An invitation for each invited place of every cohort of a draw (the first ``seats``, or per
    municipality when stratified: the draw marked them) (idempotent)."""
    created = 0
    for draw_cohort in the_draw.cohorts.all():
        taken = set(draw_cohort.invitations.values_list("placement_id", flat=True))
        rows = [Invitation(case_id=the_draw.case_id, draw_cohort=draw_cohort, placement_id=pk, position=position)
                for pk, position in draw_cohort.placements.filter(invited=True)
                .order_by("position").values_list("pk", "position") if pk not in taken]
        Invitation.objects.bulk_create(rows)
        created += len(rows)
    return created


def ensure_invitations(case):
    """Invitations for the active draw of a case drawn before invitations existed."""
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is None:
        return 0
    with transaction.atomic():
        RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        return create_invitations(the_draw)


def active_invitations(case):
    """The invitations of the case's active draw, in list order (cohort, place)."""
    return (Invitation.objects.filter(case=case, draw_cohort__draw__voided_at__isnull=True)
            .select_related("draw_cohort", "placement__person")
            .order_by("draw_cohort__sort_order", "position"))


def fresh_codes(count):
    """``count`` new response codes (normalised) whose hashes no invitation uses yet. Never log them."""
    found = {}
    while len(found) < count:
        batch = {codes.code_hash(c): c for c in (codes.new_code() for _ in range(count - len(found)))}
        used = Invitation.objects.filter(Q(code_hash__in=batch) | Q(reminder_code_hash__in=batch))
        taken = {digest for pair in used.values_list("code_hash", "reminder_code_hash") for digest in pair}
        found.update({digest: code for digest, code in batch.items() if digest not in taken})
    return list(found.values())


def issue_code(invitation, reminder=False):
    """A new response code for the invitation: returned once (for the letter), stored hashed.

    A letter's code replaces that letter's earlier code (a reprint makes the old print useless);
    a reminder has its own code, so the first letter's code keeps working next to it.
    Never log the return value.
    """
    field = "reminder_code_hash" if reminder else "code_hash"
    (code,) = fresh_codes(1)
    digest = codes.code_hash(code)
    Invitation.objects.filter(pk=invitation.pk).update(**{field: digest})
    setattr(invitation, field, digest)
    return code


def find_open_invitation(code_text):
    """The invitation a typed code belongs to, if it may still be answered; else None.

    Unknown, malformed and already used codes all give None: the caller cannot tell them apart.
    """
    code = codes.normalise(code_text)
    if code is None:
        return None
    digest = codes.code_hash(code)
    return (Invitation.objects.filter(Q(code_hash=digest) | Q(reminder_code_hash=digest),
                                      status__in=Invitation.OPEN_STATUSES,
                                      draw_cohort__draw__voided_at__isnull=True, case__purged_at__isnull=True)
            .select_related("placement__person", "case").first())


MANAGER_STATUSES = (Invitation.PENDING, Invitation.ACCEPTED, Invitation.DECLINED, Invitation.NO_ANSWER,
                    Invitation.VISITED, Invitation.MOVED_AWAY, Invitation.UNREACHABLE)


def set_status(invitation, status, user=None, channel=""):
    """A manager records an outcome (e.g. a decline by phone, a door visit, moved away)."""
    if status not in MANAGER_STATUSES:
        raise RecruitmentError(_("Unbekannter Stand."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status == Invitation.REPLACED:
            raise RecruitmentError(_("Diese Einladung ist schon ersetzt worden."))
        previous = invitation.status
        invitation.status = status
        if channel in dict(Invitation.CHANNEL_CHOICES):
            invitation.channel = channel
        if status in (Invitation.ACCEPTED, Invitation.DECLINED) and invitation.responded_at is None:
            invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "channel", "responded_at"])
        audit(invitation.case, ACTION_INVITATION_STATUS, user, count=1, invitation=invitation.pk,
              previous=previous, status=status)
    return invitation


def replace(invitation, user=None):
    """Replace a declined, moved-away or unreachable invitee by the next place on the same cohort's
    ranked list that has no invitation yet (Nachlosen). Never a fresh random pick.

    Concurrency: the draw cohort row is locked (SELECT … FOR UPDATE; on SQLite the write lock
    serialises), so two managers replacing at once get consecutive places: nobody is invited twice
    and no place is skipped. The unique placement of an invitation guards it in the database too.
    """
    with transaction.atomic():
        draw_cohort = DrawCohort.objects.select_for_update().get(pk=invitation.draw_cohort_id)
        invitation = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        if draw_cohort.draw.voided_at is not None:
            raise RecruitmentError(_("Die Ziehung dieser Einladung ist verworfen."))
        if invitation.status == Invitation.REPLACED:
            raise RecruitmentError(_("Diese Einladung ist schon ersetzt worden."))
        if not invitation.is_replaceable:
            raise RecruitmentError(_("Ersetzt werden kann nur, wer abgesagt hat, verzogen oder nicht "
                                     "erreichbar ist."))
        free = Placement.objects.filter(draw_cohort=draw_cohort, invitation__isnull=True).order_by("position")
        if draw_cohort.draw.by_municipality:  # stratified: the next place of the same municipality
            home = municipality(invitation.placement.person.town)
            nxt = next(((pk, position) for pk, position, town in free.values_list("pk", "position", "person__town")
                        if municipality(town) == home), None)
        else:
            nxt = free.values_list("pk", "position").first()
        if nxt is None:
            raise RecruitmentError(_("Die Liste dieser Kohorte ist erschöpft: Es gibt niemanden mehr, "
                                     "der nachrücken kann."))
        now = timezone.now()
        invitation.status_before_replacement = invitation.status
        invitation.status, invitation.replaced_at = Invitation.REPLACED, now
        invitation.code_hash = invitation.reminder_code_hash = None  # its codes cannot answer any more
        invitation.save(update_fields=["status", "status_before_replacement", "replaced_at", "code_hash",
                                       "reminder_code_hash"])
        new = Invitation.objects.create(case=invitation.case, draw_cohort=draw_cohort, placement_id=nxt[0],
                                        position=nxt[1], replaces=invitation, created_at=now)
        audit(invitation.case, ACTION_REPLACE, user, count=1, cohort=draw_cohort.label,
              replaced_position=invitation.position, position=new.position, reason=invitation.status_before_replacement)
    return new


RESPONSE_FIELDS = ("decline_reason", "needs_accessibility", "needs_dietary", "needs_childcare", "needs_travel",
                   "needs_language", "phone", "email", "consent_data", "consent_photo_website",
                   "consent_photo_press", "consent_photo_social", "consent_alumni", "panel_features",
                   "consent_panel")


def record_response(invitation, accepted, data, channel=Invitation.WEB, user=None):
    """An answer: the invitee's own from the public page (``channel`` web), or one the manager took
    by phone, at the door or by letter. Refused (RecruitmentError) if the invitation was answered
    or replaced in the meantime (a manager may correct an answer: ``user`` given); then nothing
    changes."""
    with transaction.atomic():
        invitation = (Invitation.objects.select_for_update().select_related("case", "placement__person")
                      .get(pk=invitation.pk))
        if invitation.status == Invitation.REPLACED or (user is None and not invitation.is_open):
            raise RecruitmentError(_("Diese Einladung wurde schon beantwortet."))
        if accepted and not data.get("consent_data"):
            raise RecruitmentError(_("Ohne Einwilligung in die Datenverarbeitung ist keine Zusage möglich."))
        for name in RESPONSE_FIELDS:
            if accepted or name == "decline_reason":
                setattr(invitation, name, data.get(name, Invitation._meta.get_field(name).get_default()))
            else:
                # A decline keeps no contact data, needs or consents (also when it corrects a "yes").
                setattr(invitation, name, Invitation._meta.get_field(name).get_default())
        if accepted:
            invitation.decline_reason = ""
        invitation.status = Invitation.ACCEPTED if accepted else Invitation.DECLINED
        invitation.channel, invitation.responded_at = channel, timezone.now()
        if channel == Invitation.DOOR:
            invitation.visit_count += 1
            invitation.last_visit_at = invitation.responded_at
        outcome = photo_consent.record(invitation, accepted, data, channel, user)
        invitation.save()
        audit(invitation.case, ACTION_RESPONSE, user, count=1, invitation=invitation.pk,
              status=invitation.status, channel=channel, photo_consent=outcome)
    invitation.photo_consent_outcome = outcome
    return invitation
