"""The public response page: an invited resident answers with the code from their letter.

``/de/antwort/`` (and its English twin) asks for the code; ``/de/antwort/<code>/`` (the QR link)
shows only the invitee's first name and the council's topic, date and venue, and takes the answer.

- A wrong, malformed or already used code gets one neutral message, the same in every case.
- Failed attempts are counted per client IP in the cache; after ``RECRUITMENT_RESPONSE_ATTEMPTS``
  failures within ``RECRUITMENT_RESPONSE_WINDOW`` seconds every lookup from that IP gets HTTP 429.
- Attempts are logged without the code and without the IP; a successful answer is written to the
  case's audit log (status and channel only).
- CSRF protected (Django's middleware), no JavaScript, never cached.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from councils.models import CouncilPage

from . import services
from .forms import CodeForm, ResponseForm
from .logic import codes

logger = logging.getLogger(__name__)

SESSION_KEY = "recruitment_response_done"
INVALID_MESSAGE = _lazy("Dieser Code ist nicht (mehr) gültig. Bitte prüfen Sie die Eingabe oder wenden Sie sich "
                        "an die Kontaktadresse in Ihrem Brief.")


def _limits():
    return (getattr(settings, "RECRUITMENT_RESPONSE_ATTEMPTS", 10),
            getattr(settings, "RECRUITMENT_RESPONSE_WINDOW", 600))


def _client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    return "recruitment:response-attempts:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _blocked(request):
    limit, _window = _limits()
    return (cache.get(_client_key(request)) or 0) >= limit


def _count_failure(request):
    limit, window = _limits()
    key = _client_key(request)
    cache.add(key, 0, window)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        failures = 1
    logger.info("response page: invalid or used code (failure %d of %d in the window)", failures, limit)


def _too_many(request):
    logger.warning("response page: attempts limited (HTTP 429)")
    response = render(request, "recruitment/public/too_many.html", status=429)
    response["Retry-After"] = str(_limits()[1])
    return response


class CodeEntry:
    """Step 1 of a code page: a form for the code; a valid, open code leads on to ``target``.

    Shared by the response page and the evaluation questionnaire: the same rate limit, the same
    one neutral answer for unknown, malformed and used codes alike.
    """

    def __init__(self, form_class, field, template, invalid_message, find, target):
        self.form_class, self.field, self.template = form_class, field, template
        self.invalid_message, self.find, self.target = invalid_message, find, target

    def invalid(self, request, code_text=""):
        form = self.form_class(initial={self.field: code_text})
        return render(request, self.template, {"form": form, "invalid": self.invalid_message})

    def lookup(self, request, code):
        """Step 2: (the open object for ``code``, None), or (None, the refusal) when the client is
        blocked or the code is unknown or used (counted as a failure)."""
        if _blocked(request):
            return None, _too_many(request)
        found = self.find(code)
        if found is None:
            _count_failure(request)
            return None, self.invalid(request)
        return found, None

    def view(self, request):
        if request.method != "POST":
            return render(request, self.template, {"form": self.form_class()})
        if _blocked(request):
            return _too_many(request)
        form = self.form_class(request.POST)
        if not form.is_valid():
            return render(request, self.template, {"form": form})
        code = codes.normalise(form.cleaned_data[self.field])
        if code is None or self.find(code) is None:
            _count_failure(request)
            return self.invalid(request, form.cleaned_data[self.field])
        return redirect(reverse(self.target, args=[codes.formatted(code)]))


response_code = CodeEntry(CodeForm, "code", "recruitment/public/code.html", INVALID_MESSAGE,
                          services.find_open_invitation, "recruitment_public:respond")


def _council_for_display(case):
    """The council page in the current language if translated, else the German one."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    page = None
    if locale is not None:
        page = CouncilPage.objects.live().filter(translation_key=case.council_key, locale=locale).first()
    return page or case.council


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
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = form.cleaned_data["answer"] == "accept"
        try:
            invitation = services.record_response(invitation, accepted, form.response_data())
        except services.RecruitmentError:
            return response_code.invalid(request)
        council = _council_for_display(invitation.case)
        first_name = invitation.person.first_name
        if accepted and invitation.email:
            _send_confirmation(invitation, council, first_name)
        request.session[SESSION_KEY] = {"first_name": first_name, "accepted": accepted,
                                        "email_sent": bool(accepted and invitation.email)}
        return redirect(reverse("recruitment_public:done"))
    return render(request, "recruitment/public/respond.html", {
        "form": form,
        "code": codes.formatted(codes.normalise(code)),
        "first_name": invitation.person.first_name,
        "council": _council_for_display(invitation.case),
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
    except Exception:  # the answer is saved; a mail failure must not lose it
        logger.exception("response page: confirmation e-mail could not be sent")
