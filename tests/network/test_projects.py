"""Micro-projects: the public application form, the jury (private scores, conflicts of interest),
the decision that publishes the project, and dock-on requests to the project's contact."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from network.models import MicroProjectApplication, PlacePage, ProjectIndexPage, ProjectPage
from network.services import projects
from network.services.audit import NetworkError
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-07-01")]


def application_data(**extra):
    place = PlacePage.objects.get(slug="wangen-im-allgaeu", locale__language_code="de")
    return {"applicant_name": "Testa Person", "applicant_email": "testa@example.org", "place": place.pk,
            "title": "Leseecke im Rathaus", "idea": "Eine Ecke mit Büchern zum Tauschen.",
            "partners": "Stadtbücherei", "budget_item_0": "Regal", "budget_amount_0": "250",
            "budget_item_1": "Sitzsäcke", "budget_amount_1": "150", "privacy": "on", **extra}


@pytest.fixture
def juror():
    user = UserFactory(username="juror")
    user.user_permissions.add(Permission.objects.get(codename="review_application"),
                              Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def office():
    return UserFactory(username="office", groups=["Netzwerkbüro"])


@pytest.fixture
def application():
    return MicroProjectApplication.objects.get(reference="MP-DEMO02")


def test_a_resident_applies_without_an_account(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:apply"), application_data())
    assert response.status_code == 302
    application = MicroProjectApplication.objects.get(title="Leseecke im Rathaus")
    assert application.budget_total == Decimal("400")
    assert [line.item for line in application.budget_lines.all()] == ["Regal", "Sitzsäcke"]
    assert mailoutbox[0].to == ["testa@example.org"] and application.reference in mailoutbox[0].subject


def test_an_application_needs_a_budget_and_stays_small(client):
    no_budget = client.post(reverse("network:apply"), application_data(budget_item_0="", budget_amount_0="",
                                                                        budget_item_1="", budget_amount_1=""))
    assert "mindestens einen Kostenposten" in no_budget.content.decode()
    too_big = client.post(reverse("network:apply"), application_data(budget_amount_0="5000"))
    assert "höchstens 2000" in too_big.content.decode()
    assert not MicroProjectApplication.objects.filter(title="Leseecke im Rathaus").exists()


def test_a_juror_scores_and_a_declared_conflict_blocks_scoring(application, juror):
    projects.record_review(application, juror, 4, "Gute Idee")
    projects.declare_conflict(application, juror, "Mitglied im Verein")
    assert not application.reviews.filter(juror=juror).exists()  # the earlier score is withdrawn
    with pytest.raises(NetworkError, match="Interessenkonflikt"):
        projects.record_review(application, juror, 5)
    assert not application.reviews.filter(juror=juror).exists()


def test_only_the_jury_reaches_the_applications(client, application, juror, editor):
    url = reverse("network_application", args=[application.pk])
    client.force_login(editor)
    refused = client.get(url)
    assert refused.status_code in (302, 403) and "Kai" not in refused.content.decode()  # Wagtail redirects
    client.force_login(juror)
    response = client.get(url)
    assert response.status_code == 200 and "Kai Beispielmann" in response.content.decode()
    entry = ModelLogEntry.objects.filter(action="network.application_viewed").latest("timestamp")
    assert "Kai" not in str(entry.data) and "example.org" not in str(entry.data)


def test_a_juror_with_a_conflict_is_refused_in_the_admin_too(client, application, juror):
    client.force_login(juror)
    url = reverse("network_application", args=[application.pk])
    client.post(url, {"action": "conflict", "note": ""})
    client.post(url, {"action": "review", "score": "5", "comment": "x"})
    assert not application.reviews.filter(juror=juror).exists()


def test_funding_publishes_the_project_without_the_applicants_data(application, office, client):
    application.publish_name_consent = False
    application.save()
    index = ProjectIndexPage.objects.get(locale__language_code="de")
    page = projects.decide(application, office, "funded", index)
    application.refresh_from_db()
    assert application.status == "funded" and application.granted_amount == Decimal("530.00")
    html = client.get(page.url).content.decode()
    assert "Reparaturcafé im Stadtteilladen" in html
    assert "Kai Beispielmann" not in html and "kai.beispielmann@example.org" not in html
    with pytest.raises(NetworkError):
        projects.decide(application, office, "rejected", index)


def test_with_consent_the_team_is_named(application, office):
    index = ProjectIndexPage.objects.get(locale__language_code="de")
    page = projects.decide(application, office, "funded", index)
    assert page.team_name == "Nachbarschaftstisch Grünau (fiktiv)"


def test_a_juror_may_not_decide(application, juror):
    with pytest.raises(NetworkError):
        projects.decide(application, juror, "funded", ProjectIndexPage.objects.first())
    application.refresh_from_db()
    assert application.status == "submitted"


def test_docking_on_notifies_the_projects_contact(client, mailoutbox):
    project = ProjectPage.objects.get(locale__language_code="de", slug="baenke-fuer-den-marktplatz")
    assert "Das wollen wir auch machen" in client.get(project.url).content.decode()
    response = client.post(reverse("network:dock_on", args=[project.pk]),
                           {"name": "Dora Dock", "email": "dora@example.org", "place_text": "Kyritz",
                            "message": "Wir wollen auch Bänke.", "privacy": "on"})
    assert response.status_code == 200
    assert mailoutbox[-1].to == ["paula.antrag@example.org"]
    assert "Dora Dock" in mailoutbox[-1].body and "Kyritz" in mailoutbox[-1].body
    assert "Dora Dock" not in client.get(project.url).content.decode()


def test_the_demo_jury_shows_a_score_and_a_declared_conflict(client, application):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="jury"))
    html = client.get(reverse("network_application", args=[application.pk])).content.decode()
    assert "Tragfähige Idee" in html and "Befangen (fiktiv)" in html
