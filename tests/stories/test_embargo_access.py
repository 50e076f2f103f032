"""Accredited journalists read releases under embargo early through a personal, expiring, revocable link."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from stories.embargo import ACTION_VIEW
from stories.models import EmbargoAccess, PressReleasePage, PressRoomPage, hash_token
from tests.factories import UserFactory
from tests.html import main

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/presse-akkreditierungen/new/"


@pytest.fixture
def room():
    return PressRoomPage.objects.get(locale__language_code="de")


@pytest.fixture
def embargoed():
    return PressReleasePage.objects.get(slug="neuer-wahlkreisrat-gesundheit")


def accredit(**fields):
    access = EmbargoAccess.objects.create(name="Jana Journal", email="jana@zeitung.example",
                                          outlet="Tageszeitung", **fields)
    return access, access.issue_token()


def test_a_personal_link_shows_the_embargoed_release_with_its_embargo(client, room, embargoed):
    access, token = accredit()
    response = client.get(f"{room.url}vorab/{token}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    body = main(html)
    assert embargoed.title in body and embargoed.intro in body
    until = timezone.localtime(embargoed.go_live_at)
    assert f"Sperrfrist bis {until.day}." in body and until.strftime("%H:%M") in body
    assert embargoed.embargo_until == embargoed.go_live_at
    # still invisible to everyone else
    assert client.get(embargoed.url or f"{room.url}{embargoed.slug}/").status_code == 404


def test_each_view_is_logged_with_the_accreditation_id_only(client, room, embargoed):
    access, token = accredit()
    client.get(f"{room.url}vorab/{token}/")
    entry = PageLogEntry.objects.filter(action=ACTION_VIEW, page=embargoed).get()
    assert entry.data == {"accreditation": access.pk}
    assert entry.user is None
    logged = f"{entry.label} {entry.data} {entry.message}"
    assert "Jana" not in logged and "zeitung.example" not in logged and "Tageszeitung" not in logged
    assert str(access.pk) in entry.message


@pytest.mark.parametrize("state, status, text", [
    ("expired", 410, "abgelaufen"), ("revoked", 410, "widerrufen"), ("forged", 404, "gibt es nicht")])
def test_expired_revoked_and_forged_links_are_refused_and_change_nothing(client, room, embargoed, state, status,
                                                                        text):
    access, token = accredit()
    if state == "expired":
        access.expires_at = timezone.now() - datetime.timedelta(minutes=1)
        access.save()
    elif state == "revoked":
        access.revoked_at = timezone.now()
        access.save()
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    before = (PageLogEntry.objects.count(), list(EmbargoAccess.objects.values()))
    response = client.get(f"{room.url}vorab/{token}/")
    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]
    body = main(response.content.decode())
    assert text in body and embargoed.title not in body
    assert (PageLogEntry.objects.count(), list(EmbargoAccess.objects.values())) == before


def test_after_the_embargo_the_link_shows_nothing_early_any_more(client, room, embargoed):
    import time_machine

    access, token = accredit(expires_at=timezone.now() + datetime.timedelta(days=400))
    later = embargoed.go_live_at + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        body = main(client.get(f"{room.url}vorab/{token}/").content.decode())
    assert embargoed.title not in body and "keine Pressemitteilungen unter Sperrfrist" in body


def test_editors_create_an_accreditation_and_see_the_link_once(client, room, embargoed):
    editor = get_user_model().objects.get(username="redaktion")
    client.force_login(editor)
    until = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    response = client.post(ADD_URL, {"name": "Jana Journal", "outlet": "Tageszeitung",
                                      "email": "jana@zeitung.example", "expires_at": until})
    assert response.status_code == 200, response.content[:2000]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = response.content.decode()
    access = EmbargoAccess.objects.get(email="jana@zeitung.example")
    assert access.created_by == editor
    link = html.split('<code class="embargo-link">', 1)[1].split("</code>", 1)[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link.startswith("http") and "/de/presse/vorab/" in link
    assert access.token_hash == hash_token(token) and token not in str(list(EmbargoAccess.objects.values()))
    client.logout()
    assert embargoed.title in main(client.get(f"{room.url}vorab/{token}/").content.decode())
    # the listing never shows it again
    client.force_login(editor)
    assert token not in client.get("/admin/presse-akkreditierungen/").content.decode()


def test_a_new_link_replaces_the_old_one_and_revoking_ends_it(client, room):
    editor = get_user_model().objects.get(username="redaktion")
    client.force_login(editor)
    access, old = accredit()
    html = client.post(f"/admin/presse-akkreditierungen/{access.pk}/link/").content.decode()
    new = html.split('<code class="embargo-link">', 1)[1].split("</code>", 1)[0].rstrip("/").rsplit("/", 1)[1]
    client.post(f"/admin/presse-akkreditierungen/{access.pk}/revoke/")
    client.logout()
    assert client.get(f"{room.url}vorab/{old}/").status_code == 404
    assert client.get(f"{room.url}vorab/{new}/").status_code == 410


def test_without_the_permission_no_accreditations(client):
    user = UserFactory(username="ohne-recht")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/presse-akkreditierungen/").status_code in (302, 403)
    access, _token = accredit()
    assert client.post(f"/admin/presse-akkreditierungen/{access.pk}/revoke/").status_code in (302, 403)
    assert "<code" not in client.post(f"/admin/presse-akkreditierungen/{access.pk}/link/").content.decode()
    old_hash = access.token_hash
    access.refresh_from_db()
    assert access.revoked_at is None and access.token_hash == old_hash
