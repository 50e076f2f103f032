"""The client's address, also behind the reverse proxy.

``X-Forwarded-For`` is trusted only when the request comes from one of ``TRUSTED_PROXIES``
(the proxy appends the address it saw). Walking the header from the right, every hop that is
itself a trusted proxy is skipped; the first untrusted address is the client. Anything a client
writes into the header itself stays to the left of that and is ignored.
"""

import ipaddress

from django.conf import settings


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address):
    return address is not None and address in {_parse(p) for p in settings.TRUSTED_PROXIES}


def client_ip(request):
    """The client address of ``request`` as a string (``REMOTE_ADDR`` unless a trusted proxy forwarded it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_parse(remote)):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            return remote  # a garbled header: fall back to the proxy itself, never to the garbage
        if not _trusted(address):
            return str(address)
    return remote
