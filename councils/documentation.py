"""The council's documentation as a tagged PDF (PDF/UA-1): topic, guiding question, date and venue,
the recommendations with their votes and their latest follow-up status.

Generated from the published page on request (always what the page says now), in the page's language,
set in the shipped fonts; served at ``<council-url>dokumentation/``.
"""

from django.http import HttpResponse
from django.utils import timezone, translation

from home.models import OrganisationSettings
from home.pdf import render_tagged_pdf

from .ledger import ledger
from .models import Wahlkreis

TEMPLATE = "councils/pdf/documentation.html"
STYLESHEET = "pdf/report.css"


def documentation_pdf(council, request=None):
    language = council.locale.language_code
    council_ledger = ledger(council)
    wahlkreis = Wahlkreis.objects.select_related("mdb").filter(pk=council.wahlkreis_id).first()
    organisation = OrganisationSettings.for_site(council.get_site())
    with translation.override(language):
        return render_tagged_pdf(TEMPLATE, {
            "council": council, "language": language, "rows": council_ledger["rows"],
            "follow_ups": council_ledger["follow_ups"], "wahlkreis": wahlkreis,
            "mdb": getattr(wahlkreis, "mdb", None), "organisation": organisation.name,
            "page_url": council.get_full_url(request), "today": timezone.localdate(),
        }, stylesheets=[STYLESHEET])


def documentation_filename(council):
    return f"dokumentation-{council.slug}.pdf"


def documentation_view(council, request):
    response = HttpResponse(documentation_pdf(council, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documentation_filename(council)}"'
    return response
