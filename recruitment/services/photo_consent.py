"""Photo consent of a participant, given with the answer (the response page or the manager's
"Antwort erfassen"), kept as a consent record of the media app (``media.models.Consent``).

The record is a consent *before the recording*: it has no image yet, names the occasion (the
council's workshop), the uses ticked (website, press, social media) and, for a minor (under 18 on
the workshop day), the guardian who agreed. Without the guardian's agreement a minor's photo
consent is not recorded. The photographer sees only that a valid record exists (participants
list, badges); the records for the pictures taken on the day are made from it
(``Consent.for_picture``) and are withdrawn with it (``Consent.withdraw``, the media app's path).

A decline, or an answer without a tick, keeps no consent data: an earlier record of the same
invitation is deleted, or withdrawn if pictures already rely on it.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from media.models import Consent

#: The photo consent, one box per use (as the consent records of the media app count them).
PHOTO_FIELDS = ("consent_photo_website", "consent_photo_press", "consent_photo_social")
RECORDED, GUARDIAN_MISSING, NONE = "recorded", "guardian_missing", "none"

#: Where the consent was given ("Nachweis" of the record; no names, no codes).
EVIDENCE = {
    "web": _("Online über die Antwortseite gegeben (Einladung Nr. %(pk)s)"),
    "phone": _("Am Telefon gegeben, vom Regionalmanagement erfasst (Einladung Nr. %(pk)s)"),
    "door": _("An der Haustür gegeben, vom Regionalmanagement erfasst (Einladung Nr. %(pk)s)"),
    "letter": _("Per Brief gegeben, vom Regionalmanagement erfasst (Einladung Nr. %(pk)s)"),
}

GUARDIAN_MISSING_MESSAGE = _(
    "Die Foto-Einwilligung wurde nicht gespeichert: Bei Personen unter 18 Jahren muss eine "
    "erziehungsberechtigte Person mit Namen zustimmen. Ohne Foto-Einwilligung wird die Person auf dem "
    "Workshop nicht erkennbar fotografiert. Die Zustimmung kann später nachgereicht werden.")


def wanted_uses(data):
    return {name.removeprefix("consent_photo_"): bool(data.get(name)) for name in PHOTO_FIELDS}


def occasion(case):
    council = case.council
    if council is None:
        return str(_("Workshop des Wahlkreisrats „%(title)s“")) % {"title": case.title}
    return str(_("Workshop des Wahlkreisrats „%(title)s“ am %(date)s")) % {
        "title": council.title, "date": date_format(council.date, "j. F Y")}


def record(invitation, accepted, data, channel, user=None):
    """Bring the invitation's photo consent record in line with the answer (inside the caller's
    transaction). Returns RECORDED, GUARDIAN_MISSING or NONE; sets the invitation's photo flags to
    what was recorded (the caller saves the invitation)."""
    uses = wanted_uses(data) if accepted else {}
    outcome = RECORDED if any(uses.values()) else NONE
    guardian = (data.get("guardian_name") or "").strip()
    if outcome == RECORDED and invitation.is_minor and not (guardian and data.get("guardian_consent")):
        outcome = GUARDIAN_MISSING
    _discard(invitation, user)
    if outcome != RECORDED:
        for name in PHOTO_FIELDS:
            setattr(invitation, name, False)
        return outcome
    person, today = invitation.placement.person, timezone.localdate()
    invitation.photo_consent = Consent.objects.create(
        person_name=f"{person.given_names} {person.family_name}".strip(), occasion=occasion(invitation.case),
        use_website=uses["website"], use_press=uses["press"], use_social=uses["social"], given_on=today,
        is_minor=invitation.is_minor, guardian_name=guardian if invitation.is_minor else "",
        guardian_consented_on=today if invitation.is_minor else None,
        evidence=str(EVIDENCE.get(channel, EVIDENCE["web"])) % {"pk": invitation.pk},
        recorded_by=user if getattr(user, "pk", None) else None)
    return outcome


def _discard(invitation, user):
    """Remove the invitation's earlier record: deleted, or withdrawn (and logged by the media app)
    if records of pictures already rely on it."""
    earlier = invitation.photo_consent
    if earlier is None:
        return
    invitation.photo_consent = None
    if earlier.picture_consents.exists():
        if earlier.withdrawn_on is None:
            earlier.withdraw(user=user)
    else:
        earlier.delete()


def unused_records(case):
    """The case's photo consent records that no record of a picture relies on (for the purge)."""
    ids = list(case.invitations.filter(photo_consent__isnull=False).values_list("photo_consent_id", flat=True))
    return Consent.objects.filter(pk__in=ids, image__isnull=True, video__isnull=True,
                                  picture_consents__isnull=True)
