"""The event page's context and its two public forms (registration, local challenge)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.ratelimit import limited_post

from . import engagement, services
from .forms import ChallengeForm, RegistrationForm

FORM_FIELD = "form"  # which form a POST is for
CHALLENGE_PREFIX = "challenge"  # two forms on one page: no field ids twice


def event_context(page, request, registration_form=None, challenge_form=None):
    event = page.canonical
    context = {
        "registration_form": registration_form or RegistrationForm(),
        "challenge_form": challenge_form or ChallengeForm(prefix=CHALLENGE_PREFIX),
        "places_left": event.places_left(),
        "challenges": engagement.approved_challenges(event),
        "address": page.venue_address,
    }
    if event.ballot_published:
        context["ballot_rows"], context["ballot_count"] = engagement.results(event)
    return context


def _render(page, request, **forms):
    """The event page again, with the bound form and its errors."""
    context = page.get_context(request)
    context.update(event_context(page, request, **forms))
    return TemplateResponse(request, page.get_template(request), context)


def handle_post(page, request):
    kind = request.POST.get(FORM_FIELD)
    if kind in ("registration", "challenge"):
        refused = limited_post(request, f"events.{kind}")  # over the limit: nothing is stored
        if refused is not None:
            return refused
    if kind == "registration":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            if not form.cleaned_data.get("website"):
                try:
                    services.register(page, form.cleaned_registration(), language=get_language() or "de",
                                      request=request)
                except services.EventError as error:
                    messages.error(request, str(error))
                    return redirect(page.url)
            messages.success(request, _("Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung über den Link in "
                                        "der E-Mail, die wir Ihnen gerade geschickt haben."))
            return redirect(page.url + "#anmeldung")
        return _render(page, request, registration_form=form)
    if kind == "challenge":
        form = ChallengeForm(request.POST, prefix=CHALLENGE_PREFIX)
        if form.is_valid():
            if not form.cleaned_data.get("website"):
                try:
                    engagement.submit_challenge(page, form.cleaned_challenge(), request)
                except services.EventError as error:
                    messages.error(request, str(error))
                    return redirect(page.url)
            messages.success(request, _("Danke! Ihre Einreichung erscheint hier, sobald das Team sie geprüft hat."))
            return redirect(page.url + "#herausforderungen")
        return _render(page, request, challenge_form=form)
    return None
