"""Releases under embargo, read early by accredited journalists through a personal link.

The embargo is Wagtail's scheduled publishing: a release published with a future "go-live" date stays
unpublished (not listed, not in feeds, sitemap, search or API) until ``publish_scheduled`` makes it
live. Until then ``/<lang>/presse/vorab/<token>/`` shows the scheduled revision of every release under
embargo in that language to whoever holds a valid link (an :class:`EmbargoAccess`): never cached,
never indexed, each view audit-logged on the release with the accreditation's id only. Expired,
revoked or unknown links get a page that says so (410 or 404) and change nothing.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import EmbargoAccess, PressContact, PressReleasePage, hash_token

ACTION_VIEW = "stories.embargo_view"
ACTION_LABEL = _("Vorab gelesen (Sperrfrist)")


def access_for(token):
    """The accreditation the token belongs to, or None (unknown or malformed token)."""
    if not token or len(token) > 128:
        return None
    return EmbargoAccess.objects.filter(token_hash=hash_token(token)).first()


def embargoed_releases(locale, now=None):
    """(release as scheduled, embargo end) of the releases under embargo in `locale`, soonest first."""
    now = now or timezone.now()
    pages = (PressReleasePage.objects.not_live().filter(locale=locale, go_live_at__gt=now)
             .order_by("go_live_at", "pk"))
    releases = []
    for page in pages:
        scheduled = page.get_scheduled_revision_as_object()  # what will go live, not a later draft
        if scheduled is not None:
            releases.append((page, scheduled, page.go_live_at))
    return releases


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    return response


def embargo_view(room, request, token):
    access = access_for(token)
    if access is None or not access.is_valid:
        status = 404 if access is None else 410
        response = room.render(request, template="stories/press_embargo_refused.html", context_overrides={
            "reason": "unknown" if access is None else ("revoked" if access.is_revoked else "expired"),
        })
        response.status_code = status
        return _no_store(response)
    releases = embargoed_releases(room.locale)
    for page, _scheduled, _until in releases:
        log(instance=page, action=ACTION_VIEW, user=None, data={"accreditation": access.pk})
    response = room.render(request, template="stories/press_embargo.html", context_overrides={
        "releases": [{"release": scheduled, "until": until} for _page, scheduled, until in releases],
        "access_expires_at": access.expires_at,
        "contacts": list(PressContact.objects.filter(locale=room.locale)),
    })
    return _no_store(response)
