"""After the demo, a crawl of every public URL finds no registrant's, applicant's, subscriber's or juror's
name or e-mail, no dock-on requester, no challenge submitter's contact and no contact person who did
not consent. One crawl for both open-format apps (events and network): it starts at both home pages,
the sitemap and every event, place and project page, follows every link on the site, and adds what is
public but not linked as a page: iCal files, feeds, the API (lists and details), the search and the
public forms. The search index holds none of the private records either."""

import json
import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from events.models import Challenge, EventPage, Registration
from network.models import (
    ConflictDeclaration,
    DockOnRequest,
    JuryReview,
    MailingList,
    MicroProjectApplication,
    PlaceContact,
    PlacePage,
    ProjectPage,
    Subscription,
)

pytestmark = pytest.mark.django_db

SKIP = ("/admin/", "/static/", "/media/", "/documents/", "/health/")
IMAGE = re.compile(r"\.(png|jpe?g|webp|gif|avif|ico|woff2?|css|js|pdf)$")
LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
LOC = re.compile(r"<loc>([^<]+)</loc>")
MAX_URLS = 3000  # a guard against a link loop; the demo has far fewer


def secrets_of_the_demo():
    """{text: what it is}: every name and address that must never be public."""
    found = {}

    def add(kind, *values):
        for value in values:
            if value and len(value) > 3:
                found[value] = kind

    for reg in Registration.objects.all():
        add("registrant", reg.name, reg.email)
    for challenge in Challenge.objects.all():
        add("challenge contact", challenge.contact_email)
    published_teams = set(ProjectPage.objects.values_list("team_name", flat=True))
    for application in MicroProjectApplication.objects.all():
        add("applicant", application.applicant_email)
        if application.applicant_name not in published_teams:  # named on its project only with consent
            add("applicant", application.applicant_name)
    for subscription in Subscription.objects.all():
        add("subscriber", subscription.email, subscription.name)
    for dock in DockOnRequest.objects.all():
        add("dock-on request", dock.name, dock.email)
    for contact in PlaceContact.objects.filter(public_consent=False):
        add("contact without consent", contact.name, contact.email)
    jurors = set(JuryReview.objects.values_list("juror", flat=True))
    jurors |= set(ConflictDeclaration.objects.values_list("juror", flat=True))
    for juror in get_user_model().objects.filter(pk__in=jurors):
        add("juror", juror.get_full_name(), juror.last_name, juror.email)
    for review in JuryReview.objects.all():
        add("jury comment", review.comment)
    for conflict in ConflictDeclaration.objects.all():
        add("conflict note", conflict.note)
    for page in ProjectPage.objects.all():
        add("project contact", page.contact_email)
    return found


def start_urls():
    pages = Page.objects.live().public().type(EventPage, PlacePage, ProjectPage).specific()
    urls = {"/de/", "/en/", reverse("sitemap"), "/robots.txt"}
    urls |= {page.url for page in pages}
    urls |= {page.url for page in Page.objects.live().public().filter(depth=3)}  # every index page
    for event in EventPage.objects.live().public():
        urls |= {f"/de/kalender/veranstaltung/{event.pk}.ics", f"/en/calendar/event/{event.pk}.ics"}
    urls |= {"/feeds/rueckmeldungen.rss", "/feeds/rueckmeldungen.atom", "/kalender.ics"}
    urls |= {reverse("network:apply"), "/en/network/apply-for-a-micro-project/"}
    urls |= {f"/de/netzwerk/anmelden/{ml.slug}/" for ml in MailingList.objects.all()}
    urls |= {f"/de/netzwerk/projekte/{p.pk}/andocken/" for p in ProjectPage.objects.live()}
    for kind in ("events.EventPage", "network.PlacePage", "network.ProjectPage"):
        urls.add(f"/api/v2/pages/?type={kind}&fields=*&limit=20")
    urls |= {f"/api/v2/pages/{page.pk}/" for page in pages}
    urls |= {f"/api/v2/pages/?limit=20&offset={offset}" for offset in range(0, Page.objects.count(), 20)}
    urls |= {"/api/v2/images/", "/api/v2/documents/"}
    for term in ("fiktiv", "example.org", "Jury", "Paula", "Anmeldung", "Warteliste", "Moderation"):
        urls |= {f"/de/suche/?q={term}", f"/api/v2/pages/?search={term}"}
    return urls


def public_text(response):
    """The text a reader gets: HTML entities resolved, JSON without escapes, iCal lines unfolded."""
    body = response.content.decode("utf-8", errors="replace")
    kind = response.get("Content-Type", "")
    if "json" in kind:
        body = json.dumps(json.loads(body), ensure_ascii=False)
    if "calendar" in kind:
        body = body.replace("\r\n ", "").replace("\\,", ",")
    return unescape(body)


def local_links(text):
    for link in LINK.findall(text) + LOC.findall(text):
        parts = urlsplit(link)
        if parts.netloc not in ("", "testserver", "localhost") or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIP) or IMAGE.search(parts.path):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client):
    """{url: text} of every public URL reachable from the start URLs."""
    seen, texts, failed, queue = set(), {}, [], deque(sorted(start_urls()))
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code not in (200, 404):  # 404: e.g. a page not translated yet
            failed.append((url, response.status_code))
        text = public_text(response)
        texts[url] = text
        for link in local_links(text):
            if link not in seen:
                queue.append(link)
    assert len(seen) < MAX_URLS, "the crawl ran into a loop"
    assert failed == [], f"every public URL answers: {failed}"
    return texts


def add_what_the_demo_lacks():
    """A dock-on request, and a submitter's contact on a published challenge and on one waiting."""
    project = ProjectPage.objects.live().filter(locale__language_code="de").first()
    DockOnRequest.objects.create(project=project, name="Dora Andock (fiktiv)", email="dora.andock@example.org",
                                 place_text="Kyritz")
    approved = Challenge.objects.filter(state=Challenge.APPROVED).first()
    approved.contact_email = "kontakt.freigegeben@example.org"
    approved.save()
    Challenge.objects.create(event=approved.event, title="Noch nicht geprüft", description="Wartet.",
                             contact_email="kontakt.wartend@example.org")


def test_a_crawl_of_every_public_url_finds_no_personal_data(client):
    add_what_the_demo_lacks()
    secrets = secrets_of_the_demo()
    assert {"registrant", "applicant", "subscriber", "juror", "jury comment", "dock-on request",
            "contact without consent", "challenge contact"} <= set(secrets.values()), "the demo holds every kind"
    texts = crawl(client)

    # the crawl itself: every kind of URL was visited, and the public parts are really there
    urls = set(texts)
    for page in Page.objects.live().public().type(EventPage, PlacePage, ProjectPage):
        assert page.url in urls
    assert any(u.endswith(".ics") and "veranstaltung" in u for u in urls)
    assert {"/sitemap.xml", "/feeds/rueckmeldungen.rss"} <= urls
    assert any(u.startswith("/api/v2/pages/?type=events.EventPage") for u in urls)
    everything = " ".join(texts.values())
    assert Challenge.objects.filter(state=Challenge.APPROVED).first().title in everything
    assert "Erika Beispiel (fiktiv)" in everything, "a consenting contact person is public"
    assert '"@type": "Event"' in everything or '"@type":"Event"' in everything, "the events' JSON-LD"
    assert "BEGIN:VEVENT" in everything
    assert "Noch nicht geprüft" not in everything, "a challenge waiting for moderation is not public"
    print(f"crawled {len(urls)} public URLs")

    leaks = [(url, kind, secret) for url, text in texts.items() for secret, kind in secrets.items() if secret in text]
    assert not leaks, "\n".join(map(str, leaks[:40]))


def test_the_private_records_are_not_in_the_search_index():
    models = (Registration, Challenge, MicroProjectApplication, Subscription, DockOnRequest, JuryReview,
              ConflictDeclaration)
    types = ContentType.objects.get_for_models(*models).values()
    assert Registration.objects.exists() and MicroProjectApplication.objects.exists()
    assert not IndexEntry.objects.filter(content_type__in=types).exists()
