"""Code entry shared by the public code pages (the response page and the evaluation questionnaire).

One form for the code, one neutral answer for unknown, malformed and used codes alike, and one
rate limit: failed attempts are counted per client address in the ``ratelimit`` cache; after
``RECRUITMENT_RESPONSE_ATTEMPTS`` failures within ``RECRUITMENT_RESPONSE_WINDOW`` seconds every
lookup from that address gets HTTP 429. Attempts are logged without the code and without the address.

The client address comes from :func:`config.client_ip.client_ip` (``X-Forwarded-For`` only from a
trusted proxy), so visitors behind the reverse proxy do not share one counter. The cache is shared
by all workers in production (Redis or the database, see ``config/settings/production.py``; a
system check refuses a per-process cache there), so three workers do not allow thirty tries.
"""

import logging

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Locale

from config import ratelimit
from councils.models import CouncilPage

from ..logic import codes

logger = logging.getLogger(__name__)


def _limits():
    return (getattr(settings, "RECRUITMENT_RESPONSE_ATTEMPTS", 10),
            getattr(settings, "RECRUITMENT_RESPONSE_WINDOW", 600))


#: The counter of failed code attempts (config.ratelimit: per client address, in the shared cache).
SCOPE = "recruitment:response-attempts"


def _client_key(request):
    return ratelimit.key(request, SCOPE)


def _blocked(request):
    return ratelimit.over_limit(request, SCOPE, _limits()[0])


def _count_failure(request):
    limit, window = _limits()
    failures = ratelimit.add_one(request, SCOPE, window)
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


def council_for_display(case):
    """The council page in the current language if translated, else the German one."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    page = None
    if locale is not None:
        page = CouncilPage.objects.live().filter(translation_key=case.council_key, locale=locale).first()
    return page or case.council
