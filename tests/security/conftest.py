"""Fixtures for the sign-in security tests: the demo's users and production-like enforcement."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def enforced(settings):
    """The second factor as production has it (config/settings/base.py)."""
    settings.OTP_REQUIRED_FOR_PERSONAL_DATA = True
    return settings


def demo_user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def manager(db):
    return demo_user("regionalmanagement")


@pytest.fixture
def admin_user(db):
    return demo_user("admin")


@pytest.fixture
def editor(db):
    return demo_user("redaktion")


@pytest.fixture
def mdb_team(db):
    return demo_user("mdb-team")


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def sign_in_with_app(client, user):
    """Password (force_login) plus a confirmed authenticator app and its current code."""
    device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    client.force_login(user)
    response = client.post(reverse("accounts_2fa:verify"), {"token": current_code(device), "next": "/admin/"})
    assert response.status_code == 302, response.content[:500]
    return device
