"""Content Security Policy, Permissions-Policy, idle timeout, no third-party requests from the admin."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from councils.models import CouncilPage

from .conftest import sign_in_with_app

pytestmark = pytest.mark.django_db


def public_urls(de_home):
    pages = [de_home, CouncilPage.objects.live().filter(locale=de_home.locale).first()]
    for model_name in ("storypage", "councilindexpage", "constituencypage", "followuppage"):
        page = Page.objects.live().filter(content_type__model=model_name, locale=de_home.locale).first()
        if page is not None:
            pages.append(page)
    return [page.url for page in pages] + [reverse("search") + "?q=Rat"]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_forbid_inline_script_and_every_inline_script_has_the_nonce(client, de_home):
    checked_inline = 0
    urls = public_urls(de_home)
    assert len(urls) >= 5
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        script_src = policy["script-src"]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        nonces = [value[len("'nonce-"):-1] for value in script_src if value.startswith("'nonce-")]
        html = response.content.decode()
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
        if inline:  # a nonce appears in the header only when the page uses one
            assert len(nonces) == 1, url
            for tag in inline:
                assert f'nonce="{nonces[0]}"' in tag, (url, tag)
        checked_inline += len(inline)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url  # no inline event handlers
        assert policy["object-src"] == ["'none'"]
    assert checked_inline >= 1  # the council page's JSON-LD


def test_the_nonce_is_new_for_every_response(client, de_home):
    url = CouncilPage.objects.live().filter(locale=de_home.locale).first().url
    first, second = (directives(client.get(url)["Content-Security-Policy"])["script-src"] for _ in range(2))
    assert first != second and any(value.startswith("'nonce-") for value in first)


def test_admin_gets_the_policy_report_only(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "'unsafe-inline'" not in directives(response["Content-Security-Policy-Report-Only"])["script-src"]


def test_permissions_policy_switches_off_devices(client, de_home, editor):
    for url in (de_home.url, "/admin/login/"):
        header = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in header


def test_personal_data_sessions_end_after_30_idle_minutes(client, manager, enforced):
    sign_in_with_app(client, manager)
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() == 1800


def test_superuser_session_idle_timeout(client, admin_user, settings):
    settings.OTP_REQUIRED_FOR_PERSONAL_DATA = False
    client.force_login(admin_user)
    client.get("/admin/")
    assert client.session.get_expiry_age() == 1800


def test_editor_sessions_keep_the_normal_lifetime(client, editor, settings):
    client.force_login(editor)
    client.get("/admin/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_admin_requests_no_gravatar(client, editor, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(editor)
    assert "gravatar" not in client.get("/admin/").content.decode()
