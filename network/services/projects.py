"""Micro-projects: submit an application, the jury's reviews and conflicts, the decision that
publishes the funded project, and dock-on requests that notify the project's contact."""

import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import BudgetLine, ConflictDeclaration, JuryReview, MicroProjectApplication, ProjectPage
from .audit import ACTION_CONFLICT, ACTION_DECIDED, ACTION_REVIEWED, NetworkError, audit


def _reference():
    while True:
        reference = "MP-" + "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
        if not MicroProjectApplication.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def submit_application(form):
    """Save a valid ApplicationForm with its budget lines; the applicant gets a receipt by e-mail."""
    application = form.save(commit=False)
    application.reference = _reference()
    application.save()
    BudgetLine.objects.bulk_create([BudgetLine(application=application, item=item, amount=amount)
                                    for item, amount in form.cleaned_data["budget_lines"]])
    body = render_to_string("network/email/application_receipt.txt", {"application": application})
    transaction.on_commit(lambda: send_mail(
        _("Ihr Antrag %(ref)s ist eingegangen") % {"ref": application.reference}, body,
        settings.DEFAULT_FROM_EMAIL, [application.applicant_email]))
    return application


def is_juror(user):
    return user.is_active and (user.is_superuser or user.has_perm("network.review_application"))


def may_decide(user):
    return user.is_active and (user.is_superuser or user.has_perm("network.decide_application"))


def has_conflict(application, user):
    return ConflictDeclaration.objects.filter(application=application, juror=user).exists()


@transaction.atomic
def declare_conflict(application, user, note=""):
    """Declare a conflict of interest; a score the juror already gave is withdrawn."""
    if not is_juror(user):
        raise NetworkError(_("Nur Mitglieder der Jury können einen Interessenkonflikt erklären."))
    ConflictDeclaration.objects.get_or_create(application=application, juror=user, defaults={"note": note})
    withdrawn, _count = JuryReview.objects.filter(application=application, juror=user).delete()
    audit(application, ACTION_CONFLICT, user, withdrawn_reviews=withdrawn)


@transaction.atomic
def record_review(application, user, score, comment=""):
    if not is_juror(user):
        raise NetworkError(_("Nur Mitglieder der Jury können Anträge bewerten."))
    if has_conflict(application, user):
        raise NetworkError(_("Sie haben einen Interessenkonflikt erklärt und können diesen Antrag nicht bewerten."))
    if application.status != MicroProjectApplication.SUBMITTED:
        raise NetworkError(_("Über diesen Antrag ist schon entschieden."))
    if not 1 <= int(score) <= 5:
        raise NetworkError(_("Die Bewertung liegt zwischen 1 und 5."))
    review, _created = JuryReview.objects.update_or_create(application=application, juror=user,
                                                           defaults={"score": score, "comment": comment})
    audit(application, ACTION_REVIEWED, user, score_count=application.reviews.count())
    return review


@transaction.atomic
def decide(application, user, decision, index_page=None, granted_amount=None):
    """Fund or reject. Funding publishes a ProjectPage below `index_page` with the public parts of
    the application: the applicant's name only with consent, their e-mail only as the (never shown)
    contact for dock-on requests."""
    if not may_decide(user):
        raise NetworkError(_("Sie dürfen über Anträge nicht entscheiden."))
    if application.status != MicroProjectApplication.SUBMITTED:
        raise NetworkError(_("Über diesen Antrag ist schon entschieden."))
    if decision not in (MicroProjectApplication.FUNDED, MicroProjectApplication.REJECTED):
        raise NetworkError(_("Unbekannte Entscheidung."))
    if decision == MicroProjectApplication.FUNDED and index_page is None:
        raise NetworkError(_("Es gibt noch keine Projektbibliothek, in der das Projekt erscheinen kann."))
    application.status = decision
    application.decided_at = timezone.now()
    page = None
    if decision == MicroProjectApplication.FUNDED:
        application.granted_amount = granted_amount if granted_amount is not None else application.budget_total
        page = publish_project(application, index_page, user)
    application.save()
    audit(application, ACTION_DECIDED, user, decision=decision, project_page=page.pk if page else None)
    return page


def publish_project(application, index_page, user=None, funded_on=None):
    team = ""
    if application.publish_name_consent:
        team = application.organisation or application.applicant_name
    place = application.place
    if place is not None and place.locale_id != index_page.locale_id:
        place = place.get_translation_or_none(index_page.locale) or place
    page = ProjectPage(title=application.title, summary=application.idea, partners=application.partners,
                       place=place, team_name=team, granted_amount=application.granted_amount,
                       funded_on=funded_on or timezone.localdate(), contact_email=application.applicant_email,
                       application=application)
    index_page.add_child(instance=page)
    # The decision is the office's right (checked in `decide`); the page it publishes follows from it,
    # whether or not the office may publish pages otherwise.
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return page


def request_dock_on(form, project):
    """Save a dock-on request and send it to the project's contact (or the network office)."""
    dock = form.save(commit=False)
    dock.project = project
    dock.save()
    recipient = project.contact_email or settings.NETWORK_OFFICE_EMAIL
    with translation.override("de"):
        body = render_to_string("network/email/dock_on.txt", {"dock": dock, "project": project})
        subject = _("Andock-Anfrage zu „%(title)s“") % {"title": project.title}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)
    return dock
