"""The public forms without an account are rate-limited per client address (config/ratelimit.py): over
the limit the answer is HTTP 429 with a clear German message, and nothing is stored or mailed."""

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Challenge, EventPage, Registration
from network.models import DockOnRequest, MicroProjectApplication, PlacePage, ProjectPage, Subscription

pytestmark = pytest.mark.django_db

MESSAGE = "Ihre letzte Eingabe wurde nicht gespeichert"


def conference():
    return EventPage.objects.get(slug="buergerkonferenz-suedstadt", locale__language_code="de")


def registration(n):
    return conference().url, {"form": "registration", "name": f"Rita Rate {n}", "email": f"rate{n}@example.org",
                              "consent": "on"}


def challenge(n):
    return conference().url, {"form": "challenge", "challenge-kind": "problem", "challenge-title": f"Ampel {n}",
                              "challenge-description": "Zu kurze Grünphase."}


def application(n):
    place = PlacePage.objects.get(slug="wangen-im-allgaeu", locale__language_code="de")
    return reverse("network:apply"), {
        "applicant_name": f"Rita Rate {n}", "applicant_email": f"rate{n}@example.org", "place": place.pk,
        "title": f"Leseecke {n}", "idea": "Bücher tauschen.", "budget_item_0": "Regal", "budget_amount_0": "250",
        "privacy": "on"}


def dock_on(n):
    project = ProjectPage.objects.get(locale__language_code="de", slug="baenke-fuer-den-marktplatz")
    return reverse("network:dock_on", args=[project.pk]), {
        "name": f"Rita Rate {n}", "email": f"rate{n}@example.org", "place_text": "Kyritz", "privacy": "on"}


def signup(n):
    return reverse("network:signup", args=["newsletter"]), {"email": f"rate{n}@example.org", "privacy": "on"}


FORMS = {
    "registration": (registration, lambda: Registration.objects.count()),
    "challenge": (challenge, lambda: Challenge.objects.count()),
    "application": (application, lambda: MicroProjectApplication.objects.count()),
    "dock_on": (dock_on, lambda: DockOnRequest.objects.count()),
    "signup": (signup, lambda: Subscription.objects.count()),
}


@pytest.mark.parametrize("form", FORMS)
def test_over_the_limit_a_form_stores_nothing_and_says_why(client, settings, form,
                                                           django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_SUBMISSIONS = 2
    build, stored = FORMS[form]
    start = stored()
    for n in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(*build(n)).status_code in (200, 302)
    assert stored() == start + 2, "submissions within the limit are taken"
    mails = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(*build(3))
    assert refused.status_code == 429 and refused["Retry-After"] == "600"
    assert MESSAGE in refused.content.decode()
    assert stored() == start + 2 and len(mail.outbox) == mails, "nothing stored, nothing sent"
    assert "rate3@example.org" not in refused.content.decode()


def test_the_limit_is_per_form_and_per_address(client, settings):
    settings.PUBLIC_FORM_SUBMISSIONS = 1
    client.post(*signup(1))
    assert client.post(*signup(2)).status_code == 429
    assert client.post(*dock_on(1)).status_code == 200, "another form has its own counter"
    other = client.__class__(REMOTE_ADDR="192.0.2.7")
    assert other.post(*signup(3)).status_code == 200, "another address has its own counter"
    assert Subscription.objects.filter(email="rate3@example.org").exists()


def test_reading_the_forms_is_never_limited(client, settings):
    settings.PUBLIC_FORM_SUBMISSIONS = 1
    client.post(*signup(1))
    for _ in range(3):
        assert client.get(reverse("network:signup", args=["newsletter"])).status_code == 200


def test_the_english_page_says_it_in_english(client, settings):
    settings.PUBLIC_FORM_SUBMISSIONS = 0
    response = client.post("/en/network/sign-up/newsletter/", {"email": "x@example.org", "privacy": "on"})
    assert response.status_code == 429 and "was not saved" in response.content.decode()
