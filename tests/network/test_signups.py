"""Sign-ups without an account: double opt-in, one-click unsubscribe (RFC 8058), forged and expired
links, and the logged export per list for the groups that look after it."""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from network.models import MailingList, Subscription
from network.services import signups
from network.services.audit import NetworkError
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-07-01")]


@pytest.fixture
def newsletter():
    return MailingList.objects.get(slug="newsletter")


def link_in(mail):
    return re.search(r"https?://\S+", mail.body).group(0).split("://", 1)[1].split("/", 1)[1]


def sign_up(client, slug, email, capture):
    with capture(execute=True):
        return client.post(reverse("network:signup", args=[slug]), {"email": email, "privacy": "on"})


def test_double_opt_in(client, newsletter, mailoutbox, django_capture_on_commit_callbacks):
    response = sign_up(client, "newsletter", "neu@example.org", django_capture_on_commit_callbacks)
    assert "Fast geschafft" in response.content.decode()
    subscription = Subscription.objects.get(email="neu@example.org")
    assert subscription.state == "pending"
    path = "/" + link_in(mailoutbox[-1])
    assert client.get(path).status_code == 200  # a link scanner's GET confirms nothing
    subscription.refresh_from_db()
    assert subscription.state == "pending"
    assert "Anmeldung bestätigt" in client.post(path).content.decode()
    subscription.refresh_from_db()
    assert subscription.state == "confirmed"


def test_the_alumni_list_has_a_public_signup_page(client):
    html = client.get(reverse("network:signup", args=["ehemalige"])).content.decode()
    assert "Ehemalige von Wahlkreisräten" in html
    english = client.get("/en/network/sign-up/ehemalige/").content.decode()
    assert "Alumni of constituency councils" in english and "Sign up" in english


@pytest.mark.parametrize("view", ["network:confirm", "network:unsubscribe"])
def test_a_forged_link_changes_nothing(client, view):
    before = list(Subscription.objects.values_list("pk", "state"))
    response = client.post(reverse(view, args=["forged-token"]))
    assert response.status_code == 400 and "Dieser Link ist ungültig" in response.content.decode()
    assert list(Subscription.objects.values_list("pk", "state")) == before


def test_an_expired_confirmation_link_changes_nothing(client, newsletter, mailoutbox, clock,
                                                      django_capture_on_commit_callbacks):
    sign_up(client, "newsletter", "spaet@example.org", django_capture_on_commit_callbacks)
    clock.shift(datetime.timedelta(days=8))
    response = client.post("/" + link_in(mailoutbox[-1]))
    assert response.status_code == 400 and "abgelaufen" in response.content.decode()
    assert Subscription.objects.get(email="spaet@example.org").state == "pending"


def test_mailings_carry_one_click_unsubscribe(newsletter, mailoutbox):
    assert signups.send_mailing(newsletter, "Neuigkeiten", "Hallo") == 1
    mail = mailoutbox[-1]
    url = mail.extra_headers["List-Unsubscribe"].strip("<>")
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in mail.body
    # RFC 8058: the mail client POSTs without a CSRF token
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/" + url.split("://", 1)[1].split("/", 1)[1], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription = Subscription.objects.get(email="sam.abonnent@example.org")
    assert subscription.state == "unsubscribed" and subscription.name == ""
    assert signups.send_mailing(newsletter, "Noch mehr", "Hallo") == 0


def test_a_confirmed_address_is_not_told_again(newsletter, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signups.subscribe(newsletter, "sam.abonnent@example.org")
    assert mailoutbox == []
    assert Subscription.objects.get(email="sam.abonnent@example.org").state == "confirmed"


def test_the_office_exports_consenting_contacts_and_it_is_logged(client, newsletter):
    office = UserFactory(username="office", groups=["Netzwerkbüro"])
    client.force_login(office)
    response = client.get(reverse("network_export", args=[newsletter.pk]))
    content = response.content.decode()
    assert response.status_code == 200 and "sam.abonnent@example.org" in content
    entry = ModelLogEntry.objects.filter(action="network.subscribers_exported").latest("timestamp")
    assert entry.data == {"count": 1} and entry.user == office


def test_others_may_not_export(client, newsletter, editor):
    client.force_login(editor)
    refused = client.get(reverse("network_export", args=[newsletter.pk]))
    assert refused.status_code in (302, 403) and "example.org" not in refused.content.decode()
    with pytest.raises(NetworkError):
        signups.export_csv(newsletter, editor)
    assert not ModelLogEntry.objects.filter(action="network.subscribers_exported").exists()


def test_english_pages_and_mails_name_the_list_in_english(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/en/network/sign-up/newsletter/", {"email": "reader@example.org", "privacy": "on"})
    assert "Citizens' network newsletter" in unescape(sent.content.decode())
    assert "Citizens' network newsletter" in mailoutbox[-1].subject
    confirm = client.get("/" + link_in(mailoutbox[-1]))
    page = unescape(confirm.content.decode())
    assert "Citizens' network newsletter" in page and "Newsletter des Bürgernetzwerks" not in page
    german = client.get("/de/netzwerk/anmelden/newsletter/").content.decode()
    assert "Newsletter des Bürgernetzwerks" in german
