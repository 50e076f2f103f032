"""The attempt limit of the public code pages behind the reverse proxy: counted per client (from
X-Forwarded-For only when a trusted proxy sends it), in a cache that all workers share."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from wagtail.models import Locale

from config.client_ip import client_ip
from recruitment.checks import shared_attempt_counters
from recruitment.models import RecruitmentCase
from recruitment.services import invitations

CODE_URL = "/de/antwort/"
BAD_CODE = "ZZZZ-ZZZZ-ZZZZZ"
INVALID = "Dieser Code ist nicht (mehr) gültig"
PROXY = "127.0.0.1"
CLIENT_A, CLIENT_B = "203.0.113.5", "198.51.100.7"
BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def clear_counters():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def valid_code(db):
    de = Locale.objects.get(language_code="de")
    case = RecruitmentCase.objects.get(council__slug="wahlkreisrat-mit-auslosung", council__locale=de)
    return invitations.issue_code(invitations.active_invitations(case).first())


def post_code(client, code, remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(CODE_URL, {"code": code}, **extra)


def test_ten_bad_codes_from_one_client_behind_the_proxy_do_not_block_another(client, valid_code):
    assert django_settings.RECRUITMENT_RESPONSE_ATTEMPTS == 10
    for _ in range(10):
        response = post_code(client, BAD_CODE, forwarded=CLIENT_A)
        assert response.status_code == 200 and INVALID in response.content.decode()
    # Client B, through the same proxy, still gets an answer: the form with the neutral message ...
    other = post_code(client, BAD_CODE, forwarded=CLIENT_B)
    assert other.status_code == 200
    assert INVALID in other.content.decode() and 'name="code"' in other.content.decode()
    # ... and its valid code leads on to the answer page.
    assert post_code(client, valid_code, forwarded=CLIENT_B).status_code == 302
    # Client A is blocked, even with a valid code.
    blocked = post_code(client, valid_code, forwarded=CLIENT_A)
    assert blocked.status_code == 429 and blocked["Retry-After"]


def test_a_client_cannot_escape_its_counter_by_sending_x_forwarded_for(client, valid_code):
    untrusted = "192.0.2.50"
    for attempt in range(10):
        assert post_code(client, BAD_CODE, remote=untrusted, forwarded=f"10.0.0.{attempt}").status_code == 200
    assert post_code(client, valid_code, remote=untrusted, forwarded="10.0.0.99").status_code == 429
    assert post_code(client, valid_code, remote=untrusted).status_code == 429


def test_a_client_cannot_escape_by_prepending_addresses_through_the_proxy(client, valid_code):
    # The proxy appends the real client's address; whatever the client sent stands to its left.
    for attempt in range(10):
        assert post_code(client, BAD_CODE, forwarded=f"10.0.0.{attempt}, {CLIENT_A}").status_code == 200
    assert post_code(client, valid_code, forwarded=f"10.9.9.9, {CLIENT_A}").status_code == 429
    assert post_code(client, valid_code, forwarded=CLIENT_B).status_code == 302


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_ip_believes_x_forwarded_for_only_from_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert client_ip(request("192.0.2.1", "203.0.113.5")) == "192.0.2.1"
    assert client_ip(request("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    assert client_ip(request("::1", "2001:db8::7")) == "2001:db8::7"
    # a chain of trusted proxies (CIDR): the right-most address that is not one of them
    assert client_ip(request("10.1.2.3", "1.1.1.1, 203.0.113.5, 10.4.5.6")) == "203.0.113.5"
    # nothing forwarded, or only proxies: the connection's address
    assert client_ip(request("127.0.0.1")) == "127.0.0.1"
    assert client_ip(request("127.0.0.1", "10.0.0.1")) == "127.0.0.1"
    # garbage is never a key of its own
    assert client_ip(request("127.0.0.1", "<script>")) == "127.0.0.1"
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("127.0.0.1", "203.0.113.5")) == "127.0.0.1"


def test_the_default_trusts_only_the_local_proxy():
    assert django_settings.TRUSTED_PROXIES == ["127.0.0.1", "::1"]


def production_caches(**env):
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "wahlkreisrat.example", **env})
    script = "import json, config.settings.production as s; print(json.dumps(s.CACHES))"
    result = subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, env=environment, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def test_production_counts_attempts_in_a_cache_all_workers_share():
    database = production_caches()["ratelimit"]
    assert database["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    redis = production_caches(REDIS_URL="redis://127.0.0.1:6379/0")["ratelimit"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/0"


def test_the_system_check_refuses_a_per_process_counter_cache_in_production():
    per_process = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                   "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(RECRUITMENT_SHARED_COUNTERS_REQUIRED=True, CACHES=per_process):
        errors = shared_attempt_counters(None)
    assert [error.id for error in errors] == ["recruitment.E001"]
    shared = {**per_process, "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                           "LOCATION": "wkr_ratelimit_cache"}}
    with override_settings(RECRUITMENT_SHARED_COUNTERS_REQUIRED=True, CACHES=shared):
        assert shared_attempt_counters(None) == []


@pytest.mark.django_db  # no flush afterwards: the table is rolled back with the test (transactional DDL)
def test_workers_with_a_database_cache_see_each_others_failures(client, settings):
    """Two cache objects stand for two workers: the second sees the first one's count in the table."""
    from django.core.cache.backends.db import DatabaseCache
    from django.core.management import call_command

    location = "test_ratelimit_cache"
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                                        "LOCATION": location}}
    call_command("createcachetable", location, verbosity=0)
    caches["ratelimit"].clear()
    for _ in range(10):
        post_code(client, BAD_CODE, forwarded=CLIENT_A)
    other_worker = DatabaseCache(location, {})
    assert sorted(other_worker.get_many(_keys_for(CLIENT_A)).values()) == [10]
    assert post_code(client, BAD_CODE, forwarded=CLIENT_A).status_code == 429


def _keys_for(address):
    from recruitment.public import code_entry

    return [code_entry._client_key(request(address))]
