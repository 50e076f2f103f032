"""The client address behind the reverse proxy (config/client_ip.py)."""

import pytest
from django.test import RequestFactory

from config.client_ip import client_ip


@pytest.fixture
def proxies(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_direct_client_is_its_remote_address(proxies):
    assert client_ip(request_from("203.0.113.5")) == "203.0.113.5"


def test_forwarded_header_from_an_untrusted_client_is_ignored(proxies):
    assert client_ip(request_from("203.0.113.5", "198.51.100.9")) == "203.0.113.5"


def test_trusted_proxy_forwards_the_client_address(proxies):
    assert client_ip(request_from("127.0.0.1", "198.51.100.9")) == "198.51.100.9"
    assert client_ip(request_from("::1", "2001:db8::7")) == "2001:db8::7"


def test_a_forged_entry_left_of_the_real_client_does_not_count(proxies):
    # The client wrote "10.0.0.1" itself; the proxy appended the address it really saw.
    assert client_ip(request_from("127.0.0.1", "10.0.0.1, 198.51.100.9")) == "198.51.100.9"


def test_chained_trusted_proxies_are_skipped(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "192.0.2.10"]
    assert client_ip(request_from("127.0.0.1", "198.51.100.9, 192.0.2.10")) == "198.51.100.9"


def test_garbage_in_the_header_falls_back_to_the_proxy(proxies):
    assert client_ip(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"


def test_no_trusted_proxies_means_the_header_is_never_used(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("127.0.0.1", "198.51.100.9")) == "127.0.0.1"
