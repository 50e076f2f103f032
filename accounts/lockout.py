"""The page shown while django-axes locks a username from one client address."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response, credentials):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"cooloff_minutes": minutes}, status=429)
