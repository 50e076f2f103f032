"""Links to the information pages for drawn residents (``home.DrawnInfoPage``), by audience.

The response page (the page the letter's QR code opens) shows the pages for the invitee's audience,
and the letter prints the short address of the same page. The pages themselves are public and the
same for everyone: nothing personal reaches them, not even as a query parameter.
"""

import re

from django.conf import settings
from wagtail.models import Locale

from home.models import DrawnInfoPage

from ..logic.letters import is_minor


def audiences(person):
    """Adults read the adults' page; a minor's letter goes to the guardians, who may share the young
    people's page with their child."""
    return ["parents", "young"] if is_minor(person) else ["adults"]


def info_links(person, request, locale=None):
    """[{"audience", "title", "url"}] for the person's audiences in the active language."""
    locale = locale or Locale.get_active()
    links = []
    for audience in audiences(person):
        page = DrawnInfoPage.for_audience(audience, locale)
        if page is not None:
            links.append({"audience": audience, "title": page.title, "url": page.get_url(request)})
    return links


def short_url(page):
    """The page's address for print, without the scheme: ``wahlkreisrat.example/de/ausgelost/eltern/``."""
    url = page.get_url(None) or ""
    if not re.match(r"^https?://", url):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return re.sub(r"^https?://", "", url)


def letter_info_urls(language):
    """{audience: short URL} of the information pages in `language` (German pages if untranslated)."""
    locale = Locale.objects.filter(language_code=language).first()
    urls = {}
    for audience in ("adults", "parents"):
        page = DrawnInfoPage.for_audience(audience, locale) if locale else None
        if page is not None:
            urls[audience] = short_url(page)
    return urls
