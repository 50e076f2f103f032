"""After the demo, a crawl of every public URL of the network (both languages, the sitemap, the
search, the API) finds no applicant's or subscriber's name or e-mail, and no contact person who did
not consent. The search index holds none of them either."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from network.models import (
    DockOnRequest,
    MailingList,
    MicroProjectApplication,
    PlaceContact,
    PlaceIndexPage,
    PlacePage,
    ProjectIndexPage,
    ProjectPage,
    Subscription,
)

pytestmark = pytest.mark.django_db


def secrets_of_the_demo():
    """Every name and address that must never be public."""
    found = set()
    for application in MicroProjectApplication.objects.all():
        found |= {application.applicant_name, application.applicant_email}
    for subscription in Subscription.objects.all():
        found |= {subscription.email, subscription.name} - {""}
    for contact in PlaceContact.objects.filter(public_consent=False):
        found |= {contact.name, contact.email}
    for dock in DockOnRequest.objects.all():
        found |= {dock.name, dock.email}
    return found


def public_urls():
    pages = Page.objects.live().public().type(PlaceIndexPage, PlacePage, ProjectIndexPage, ProjectPage)
    urls = {page.url for page in pages}
    urls |= {reverse("network:apply"), reverse("sitemap"), "/de/", "/en/"}
    urls |= {reverse("network:signup", args=[ml.slug]) for ml in MailingList.objects.all()}
    urls |= {reverse("network:dock_on", args=[p.pk]) for p in ProjectPage.objects.live()}
    for name in ("Paula", "Kai", "Sam", "Hanna", "Alex", "Nora", "example.org"):
        urls.add(f"/de/suche/?q={name}")
    urls |= {"/api/v2/pages/?type=network.PlacePage&fields=*", "/api/v2/pages/?type=network.ProjectPage&fields=*",
             "/api/v2/pages/?search=Paula"}
    return sorted(urls)


def test_no_personal_data_on_any_public_network_url(client):
    secrets = secrets_of_the_demo()
    assert {"Paula Antrag (fiktiv)", "sam.abonnent@example.org", "Hanna Verborgen (fiktiv)"} <= secrets
    urls = public_urls()
    assert len(urls) > 15
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        leaked = [secret for secret in secrets if secret in body]
        assert leaked == [], url


def test_the_crawl_sees_what_is_public(client):
    """Guards the crawl: consented contacts and the projects are really on the crawled pages."""
    bodies = " ".join(client.get(url, follow=True).content.decode() for url in public_urls())
    assert "Erika Beispiel (fiktiv)" in bodies and "Bänke für den Marktplatz" in bodies
