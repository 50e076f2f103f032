"""The last step: delete the personal data on time (keeping the public aggregates and, with consent,
the alumni's contacts) and find the cases whose retention period has ended.

The deletion date cannot be dodged: it is at most ``RECRUITMENT_RETENTION_MAX_MONTHS`` after the
workshop (the case form refuses later dates, ``RecruitmentCase.save`` clamps them, and
:func:`expired_cases` also returns every case past the ceiling whatever its date says); each change
of the date is in the audit log with the old and the new date.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from councils.logic.dates import add_months

from ..models import Alumnus, EvaluationResponse, ImportJob, Invitation, Person, Placement, RecruitmentCase
from . import evaluation, photo_consent
from .audit import ACTION_ALUMNI, ACTION_PURGE, ACTION_RETENTION_DATE, audit
from .imports import delete_pool


def log_retention_date_change(case, old, new, user=None):
    """An audit entry when a case's deletion date changed: the two dates, nothing personal."""
    if old == new:
        return False
    audit(case, ACTION_RETENTION_DATE, user, old=old.isoformat() if old else None,
          new=new.isoformat() if new else None)
    return True


def alumni_may_be_kept(case, today=None):
    """Alumni are kept only from a workshop that took place: its date has passed and at least one
    participant checked in. A purge before (or of a cancelled workshop) keeps no one."""
    return evaluation.workshop_held(case, today) and evaluation.attended(case).exists()


def keep_alumni(case):
    """Copy the participants who joined the alumni network (names and the contact they gave) out of
    the personal data before it is deleted, if the workshop took place (:func:`alumni_may_be_kept`).
    Idempotent: one entry per council and person."""
    if not alumni_may_be_kept(case):
        return 0
    kept = set(Alumnus.objects.filter(council_key=case.council_key).values_list("family_name", "given_names",
                                                                                "email", "phone"))
    rows = []
    for invitation in (case.invitations.filter(status=Invitation.ACCEPTED, consent_alumni=True, no_show=False)
                       .select_related("placement__person")):
        person = invitation.person
        key = (person.family_name, person.given_names, invitation.email, invitation.phone)
        if key in kept:
            continue
        kept.add(key)
        rows.append(Alumnus(wahlkreis_id=case.wahlkreis_id, council_key=case.council_key, council_title=case.title,
                            family_name=person.family_name, given_names=person.given_names,
                            email=invitation.email, phone=invitation.phone,
                            consented_at=invitation.responded_at or timezone.now()))
    Alumnus.objects.bulk_create(rows)
    if rows:
        audit(case, ACTION_ALUMNI, None, count=len(rows))
    return len(rows)


def purge(case, user=None, reason="manual"):
    """Delete every piece of personal data of the council: pool, ranked lists, uploaded files, import
    details and the free-text comments of the evaluation (they may name people). Keeps the case, its
    cohorts, the draws' protocols, the evaluation's answers and the public aggregates."""
    files = []
    with transaction.atomic():
        case = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        evaluation.publish_before_purge(case, user)  # the public composition outlives the invitations
        count = case.persons.count()
        jobs = list(case.import_jobs.all())
        files = [job.file.name for job in jobs if job.file]
        alumni = keep_alumni(case)
        # Photo consents no picture relies on go with the invitations; those with records of pictures
        # stay in the media app as long as the pictures are used (their proof of consent).
        unused_photo_consents = photo_consent.unused_records(case)
        Invitation.objects.filter(case=case).delete()
        unused_photo_consents.delete()
        Placement.objects.filter(draw_cohort__draw__case=case).delete()
        Person.objects.filter(import_job__case=case).delete()  # rows of unfinished imports
        delete_pool(case)
        case.import_jobs.all().delete()
        count += case.respondents.count()
        case.respondents.all().delete()  # two-stage volunteers; the lotteries keep only fingerprints
        case.panel_selections.update(panels=[], chosen=[], replacements=[])
        comments = EvaluationResponse.objects.filter(case=case).exclude(comment="").update(comment="")
        case.purged_at = timezone.now()
        fields = ["purged_at"]
        if not case.draws.filter(voided_at__isnull=True).exists():
            case.frozen_at, case.pool_fingerprint = None, ""
            fields += ["frozen_at", "pool_fingerprint"]
        case.save(update_fields=fields)
        audit(case, ACTION_PURGE, user, count=count, files=len(files), imports=len(jobs), alumni=alumni,
              comments=comments, reason=reason)

        def delete_files():
            storage = ImportJob._meta.get_field("file").storage
            for name in files:
                storage.delete(name)

        transaction.on_commit(delete_files)
    return count, len(files)


def expired_cases(today=None):
    """Cases past their deletion date, or past the ceiling after the workshop whatever the date says."""
    today = today or timezone.localdate()
    ceiling_passed = Q(council__date__lt=add_months(today, -settings.RECRUITMENT_RETENTION_MAX_MONTHS))
    return RecruitmentCase.objects.filter(Q(retention_date__lt=today) | ceiling_passed)
