"""The public response page: an invited resident answers with the code from their letter.

``/de/antwort/`` (and its English twin) asks for the code; ``/de/antwort/<code>/`` (the QR link)
shows only the invitee's first name and the council's topic, date and venue, and takes the answer.

- Codes are checked and rate-limited by ``code_entry``: one neutral message for every wrong,
  malformed or used code, HTTP 429 after too many failures from one client.
- A successful answer is written to the case's audit log (status and channel only).
- CSRF protected (Django's middleware), no JavaScript, never cached.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache

from ..forms import CodeForm, ResponseForm
from ..logic import codes
from ..services import invitations, stage_one
from ..services.audit import RecruitmentError
from ..services.info_pages import info_links
from .code_entry import CodeEntry, council_for_display

logger = logging.getLogger(__name__)

SESSION_KEY = "recruitment_response_done"
INVALID_MESSAGE = _lazy("Dieser Code ist nicht (mehr) gültig. Bitte prüfen Sie die Eingabe oder wenden Sie sich "
                        "an die Kontaktadresse in Ihrem Brief.")

response_code = CodeEntry(CodeForm, "code", "recruitment/public/code.html", INVALID_MESSAGE,
                          invitations.find_open_invitation, "recruitment_public:respond")


@never_cache
def code_entry(request):
    """Step 1: the form for the code. A valid code leads to the response form."""
    return response_code.view(request)


@never_cache
def respond(request, code):
    """Step 2: the response form for one invitation (also the target of the letter's QR code)."""
    invitation, refusal = response_code.lookup(request, code)
    if refusal is not None:
        return refusal
    two_stage = invitation.case.two_stage
    try:
        features = stage_one.feature_config(invitation.case) if two_stage else []
    except RecruitmentError:
        features = []  # a broken configuration asks nothing; the manager sees the error in the admin
    form = ResponseForm(request.POST or None, minor=invitation.is_minor, panel_features=features)
    if request.method == "POST" and form.is_valid():
        accepted = form.cleaned_data["answer"] == "accept"
        try:
            invitation = invitations.record_response(invitation, accepted, form.response_data())
        except RecruitmentError:
            return response_code.invalid(request)
        council = council_for_display(invitation.case)
        first_name = invitation.person.first_name
        if accepted and invitation.email:
            _send_confirmation(invitation, council, first_name)
        request.session[SESSION_KEY] = {
            "first_name": first_name, "accepted": accepted, "email_sent": bool(accepted and invitation.email),
            "photo_consent": invitation.photo_consent_outcome}
        return redirect(reverse("recruitment_public:done"))
    return render(request, "recruitment/public/respond.html", {
        "form": form,
        "code": codes.formatted(codes.normalise(code)),
        "first_name": invitation.person.first_name,
        "council": council_for_display(invitation.case),
        "info_links": info_links(invitation.person, request),
        "two_stage": two_stage,
    })


@never_cache
def done(request):
    """Step 3: the confirmation (once; reloading it later shows the code form)."""
    data = request.session.pop(SESSION_KEY, None)
    if not data:
        return redirect(reverse("recruitment_public:code"))
    return render(request, "recruitment/public/done.html", data)


def _send_confirmation(invitation, council, first_name):
    context = {"first_name": first_name, "council": council, "invitation": invitation}
    subject = _("Ihre Zusage zum Wahlkreisrat")
    body = render_to_string("recruitment/public/confirmation_email.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    except Exception as exc:  # the answer is saved; a mail failure must not lose it
        # Only the type: the error's text and traceback may quote the recipient's address.
        logger.error("response page: confirmation e-mail could not be sent (%s)", type(exc).__name__)
