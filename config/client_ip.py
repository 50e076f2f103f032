"""The client's address behind a reverse proxy.

``REMOTE_ADDR`` is the address of whoever opened the TCP connection: behind the reverse proxy that is
the proxy, for every visitor alike. ``X-Forwarded-For`` names the client, but anyone can send that
header, so it is believed only when the request comes from a trusted proxy (``TRUSTED_PROXIES``:
addresses or networks in CIDR notation, default ``127.0.0.1,::1``). Each proxy appends the address it
received the request from, so the client is the right-most entry that is not itself a trusted proxy;
anything further left was written by the client and is ignored.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=16)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # a typo in the setting trusts nothing rather than failing every request
    return tuple(networks)


def _address(text):
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_trusted_proxy(address):
    """True if ``address`` (text) is one of the ``TRUSTED_PROXIES``."""
    parsed = _address(address or "")
    if parsed is None:
        return False
    if parsed.version == 6 and parsed.ipv4_mapped:
        parsed = parsed.ipv4_mapped
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return any(parsed.version == network.version and parsed in network for network in networks)


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or, when that is a trusted proxy, the right-most entry
    of ``X-Forwarded-For`` that is not a trusted proxy (``REMOTE_ADDR`` if there is none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        parsed = _address(entry)
        if parsed is None:
            return remote  # garbage from a client behind the proxy: count it on the proxy, not on a free key
        if not is_trusted_proxy(entry):
            return str(parsed)
    return remote
