"""Every private list stays with its own people, across the apps: an event's organisers see neither the
lists of another event nor the micro-project applications nor the subscribers; a juror sees no event's
registrants; a group that looks after one mailing list exports that list and no other. Names and
addresses of the demo never reach a refused answer."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from events.models import EventPage, Registration
from events.organisers import setup_organisers
from network.models import MailingList, MicroProjectApplication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONFERENCE, CONGRESS = "buergerkonferenz-suedstadt", "netzwerkkongress-kommunalpolitik"


def event(slug):
    return EventPage.objects.get(slug=slug, locale__language_code="de")


def event_urls(page):
    base = f"/admin/events/{page.pk}"
    return [f"{base}/registrations/", f"{base}/registrations.csv", f"{base}/registrations.xlsx",
            f"{base}/groups/", f"{base}/groups/print/", f"{base}/challenges/", f"{base}/ballot/"]


def jury_urls():
    return [reverse("network_applications")] + [reverse("network_application", args=[a.pk])
                                                for a in MicroProjectApplication.objects.all()]


def export_urls(*slugs):
    return [reverse("network_export", args=[MailingList.objects.get(slug=s).pk]) for s in slugs]


def personal_data():
    found = set()
    for reg in Registration.objects.all():
        found |= {reg.name, reg.email}
    for application in MicroProjectApplication.objects.all():
        found |= {application.applicant_name, application.applicant_email}
    return found


def assert_refused(client, user, urls):
    secrets = personal_data()
    client.force_login(user)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = response.content.decode(errors="replace")
        assert not [s for s in secrets if s in body], url


def assert_allowed(client, user, url):
    client.force_login(user)
    assert client.get(url).status_code == 200, url


@pytest.fixture
def conference_team():
    """An organiser of the conference only (the demo's team runs both events)."""
    user = UserFactory(username="nur-konferenz")
    conference = event(CONFERENCE)
    group = Group.objects.create(name="Veranstaltungsteam: nur Konferenz")
    EventPage.objects.filter(translation_key=conference.translation_key).update(organisers=group)
    setup_organisers(event(CONFERENCE), [user])
    return user


@pytest.fixture
def juror():
    user = UserFactory(username="jurorin-test")
    user.user_permissions.add(Permission.objects.get(codename="review_application"),
                              Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def newsletter_team():
    group = Group.objects.create(name="Newsletter-Team")
    group.permissions.add(Permission.objects.get(codename="export_subscribers"),
                          Permission.objects.get(codename="access_admin"))
    MailingList.objects.get(slug="newsletter").managers.set([group])
    return UserFactory(username="newsletter", groups=["Newsletter-Team"])


def test_the_organisers_of_one_event_reach_its_lists_and_nothing_else(client, conference_team):
    assert Registration.objects.filter(event=event(CONGRESS)).exists()
    assert_allowed(client, conference_team, event_urls(event(CONFERENCE))[0])
    assert_refused(client, conference_team, event_urls(event(CONGRESS)) + jury_urls()
                   + export_urls("newsletter", "netzwerk", "ehemalige"))


def test_the_jury_sees_applications_but_no_registrants_or_subscribers(client, juror):
    assert_allowed(client, juror, jury_urls()[0])
    assert_refused(client, juror, event_urls(event(CONFERENCE)) + event_urls(event(CONGRESS))
                   + export_urls("newsletter", "netzwerk"))


def test_a_list_team_exports_its_own_list_only(client, newsletter_team):
    assert_allowed(client, newsletter_team, export_urls("newsletter")[0])
    assert_refused(client, newsletter_team, export_urls("netzwerk", "ehemalige") + jury_urls()
                   + event_urls(event(CONFERENCE)))
    client.force_login(newsletter_team)
    listing = client.get(reverse("network_exports")).content.decode()
    assert "Newsletter des Bürgernetzwerks" in listing and "Verteiler Bürgernetzwerk" not in listing
