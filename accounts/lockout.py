"""The page shown while django-axes locks a username from one client address."""

import hashlib
import hmac

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response, credentials):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"cooloff_minutes": minutes}, status=429)


def client_str(username, ip_address, user_agent, path_info, request):
    """How django-axes names a client in its log lines: a short keyed hash of user name and address.

    Enough to see that the same client keeps failing, without a user name or an IP address in the log
    (axes' default writes both)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{username}\n{ip_address}".encode(), hashlib.sha256)
    return f"client {digest.hexdigest()[:12]}"
