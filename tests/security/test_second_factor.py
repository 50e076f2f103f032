"""A second factor before any private URL answers, for everyone who can see personal data."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts.middleware import OPEN_NAMESPACE, OPEN_URL_NAMES

from .conftest import current_code, sign_in_with_app

pytestmark = pytest.mark.django_db

SAMPLE = {"int": 1, "str": "x", "slug": "x", "path": "x", "uuid": uuid.UUID(int=1)}


def _admin_urls(patterns=None, namespaces=(), converters=None):
    """(name, url) for every named admin URL, its parameters filled with sample values."""
    if patterns is None:
        admin = next(p for p in get_resolver().url_patterns
                     if isinstance(p, URLResolver) and str(p.pattern) == "admin/")
        patterns, converters = admin.url_patterns, {}
    for pattern in patterns:
        found = dict(converters)
        found.update(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            ns = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _admin_urls(pattern.url_patterns, ns, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            kwargs = {key: SAMPLE.get(type(conv).__name__.removesuffix("Converter").lower(), "1")
                      for key, conv in found.items()}
            name = ":".join([*namespaces, pattern.name])
            try:
                yield name, reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue


def _is_open(name):
    parts = name.split(":")
    return parts[-1] in OPEN_URL_NAMES or OPEN_NAMESPACE in parts[:-1]


def test_manager_without_device_is_sent_to_enrolment_from_every_private_url(client, enforced, manager):
    client.force_login(manager)
    enrol = reverse("accounts_2fa:enrol")
    urls = [(name, url) for name, url in _admin_urls() if not _is_open(name)]
    assert len(urls) > 200 and any(name.startswith("recruitment") for name, _ in urls)
    answered = []
    for name, url in urls:
        response = client.get(url)
        if response.status_code != 302 or not response["Location"].startswith(enrol):
            answered.append((name, url, response.status_code))
        post = client.post(url)
        if post.status_code != 302 or not post["Location"].startswith(enrol):
            answered.append((name, url, "POST", post.status_code))
    assert answered == []


def test_superuser_needs_it_too_and_the_target_is_kept(client, enforced, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/pages/?q=x")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_2fa:enrol") + "?next=%2Fadmin%2Fpages%2F%3Fq%3Dx"


def test_enrolment_with_qr_code_then_recovery_codes_shown_once(client, enforced, manager):
    client.force_login(manager)
    page = client.get(reverse("accounts_2fa:enrol") + "?next=/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "wagtailadmin" in "".join(t.name for t in page.templates)
    device = TOTPDevice.objects.get(user=manager, confirmed=False)

    wrong = client.post(reverse("accounts_2fa:enrol"), {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and "Der Code stimmt nicht" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays the next try after a wrong code; the user would wait

    done = client.post(reverse("accounts_2fa:enrol"), {"token": current_code(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # the overview never shows them again
    overview = client.get(reverse("accounts_2fa:overview")).content.decode()
    assert "10 Wiederherstellungscodes" in overview and not any(code in overview for code in codes)


def test_manager_with_a_verified_app_code_passes(client, enforced, manager):
    sign_in_with_app(client, manager)
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("recruitment:index")).status_code == 200


def test_a_device_means_verification_not_enrolment(client, enforced, manager):
    TOTPDevice.objects.create(user=manager, name="Test", confirmed=True)
    client.force_login(manager)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("accounts_2fa:verify"))
    wrong = client.post(reverse("accounts_2fa:verify"), {"token": "123456"})
    assert wrong.status_code == 200 and "Der Code stimmt nicht" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("username", ["redaktion", "mdb-team"])
def test_editors_and_mdb_teams_pass_without_a_device(client, enforced, username):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    # optional for them: they may still set one up
    assert client.get(reverse("accounts_2fa:enrol")).status_code == 200


def test_recovery_code_works_once(client, enforced, manager):
    TOTPDevice.objects.create(user=manager, name="Test", confirmed=True)
    static = StaticDevice.objects.create(user=manager, name="Codes", confirmed=True)
    StaticToken.objects.create(device=static, token="ab12-cd34")
    client.force_login(manager)
    response = client.post(reverse("accounts_2fa:verify"), {"token": "ab12-cd34", "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200

    client.logout()
    client.force_login(manager)
    again = client.post(reverse("accounts_2fa:verify"), {"token": "ab12-cd34"})
    assert again.status_code == 200 and "schon verwendet" in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_next_never_leads_off_site(client, enforced, manager):
    device = TOTPDevice.objects.create(user=manager, name="Test", confirmed=True)
    client.force_login(manager)
    response = client.post(reverse("accounts_2fa:verify"),
                           {"token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_administrator_resets_devices_and_it_is_logged(client, enforced, admin_user, manager):
    TOTPDevice.objects.create(user=manager, name="Phone", confirmed=True)
    StaticDevice.objects.create(user=manager, name="Codes", confirmed=True)
    sign_in_with_app(client, admin_user)
    listing = client.get(reverse("accounts_2fa:devices_admin"))
    assert manager.username in listing.content.decode()

    response = client.post(reverse("accounts_2fa:reset", args=[manager.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert not StaticDevice.objects.filter(user=manager).exists()
    entry = ModelLogEntry.objects.get(action="accounts.reset_second_factor", object_id=str(manager.pk))
    assert entry.user_id == admin_user.pk and entry.data == {"devices": 2}
    assert entry.message == "Zweiten Faktor zurückgesetzt"


def test_only_administrators_reset(client, enforced, manager, admin_user):
    TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)
    sign_in_with_app(client, manager)
    # Wagtail answers a refused admin URL with a redirect to the dashboard and an error message.
    for response in (client.post(reverse("accounts_2fa:reset", args=[admin_user.pk])),
                     client.get(reverse("accounts_2fa:devices_admin"))):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_development_setting_switches_enforcement_off(client, settings, manager):
    settings.OTP_REQUIRED_FOR_PERSONAL_DATA = False
    client.force_login(manager)
    assert client.get("/admin/").status_code == 200


def test_secret_is_offered_for_manual_entry(client, enforced, manager):
    client.force_login(manager)
    html = client.get(reverse("accounts_2fa:enrol")).content.decode()
    assert re.search(r"<code>[A-Z2-7]{32}</code>", html)
