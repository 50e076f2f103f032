"""Wrong passwords lock a username from one address (django-axes), never a whole office."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-geheim-42"
WRONG = "falsch-geheim-17"
OFFICE = "203.0.113.20"


@pytest.fixture
def colleagues(db):
    users = []
    for name in ("kollegin-x", "kollege-y"):
        user = get_user_model().objects.create_user(name, password=PASSWORD, is_superuser=True)
        users.append(user)
    return users


def sign_in(client, username, password, address=OFFICE, **headers):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address, **headers)


def test_wrong_password_shows_a_clear_message(client, colleagues):
    response = sign_in(client, "kollegin-x", WRONG)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors and str(errors[0]) in response.content.decode()


def test_five_wrong_passwords_lock_the_user_at_that_address_only(client, colleagues, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(5):
        assert sign_in(client, "kollegin-x", WRONG).status_code in (200, 429)
    locked = sign_in(client, "kollegin-x", PASSWORD)
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()
    assert "30 Minuten" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # a colleague behind the same office address signs in
    other = sign_in(client, "kollege-y", PASSWORD)
    assert other.status_code == 302 and other["Location"] == "/admin/"
    client.logout()
    # and the locked user from another address too
    elsewhere = sign_in(client, "kollegin-x", PASSWORD, address="198.51.100.30")
    assert elsewhere.status_code == 302

    # the lock is logged under a pseudonym: never the password, the user name or the address
    messages = [record.getMessage() for record in caplog.records]
    assert any("Locking out" in message for message in messages)
    for secret in (WRONG, PASSWORD, "kollegin-x", OFFICE):
        assert not any(secret in message for message in messages), secret
    attempt = AccessAttempt.objects.get(username="kollegin-x", ip_address=OFFICE)
    assert attempt.failures_since_start >= 5
    assert WRONG not in attempt.post_data and PASSWORD not in attempt.post_data


def test_behind_the_proxy_each_client_has_its_own_counter(client, colleagues, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(5):
        sign_in(client, "kollegin-x", WRONG, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert sign_in(client, "kollegin-x", PASSWORD, address="127.0.0.1",
                   HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert AccessAttempt.objects.filter(ip_address="198.51.100.1").exists()
    # the same user from another client behind the same proxy is not locked
    response = sign_in(client, "kollegin-x", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 302
