"""Dashboard panel for whoever looks after image rights: images whose consent runs out within
EXPIRY_WARNING_DAYS or was withdrawn within as many days (the full list is the consent report).
Registered with ``construct_homepage_panels`` in wagtail_hooks.py."""

import datetime

from django.db.models import Min, Q
from django.urls import reverse
from wagtail.admin.ui.components import Component

from . import consent as rule
from .admin_views import EXPIRY_WARNING_DAYS, can_view_consents
from .models import CustomImage

ROWS = 10


def consent_alerts(day, limit=ROWS):
    """(expiring, withdrawn): images with a consent ending within the warning period, and images
    with a consent withdrawn within the same number of past days; each a bounded list, soonest
    first, with ``ends`` / ``withdrawn`` annotated."""
    horizon = day + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    since = day - datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    images = CustomImage.objects.filter(shows_identifiable_people=True)
    expiring = list(
        images.filter(consents__valid_until__gte=day, consents__valid_until__lte=horizon,
                      consents__withdrawn_on__isnull=True)
        .annotate(ends=Min("consents__valid_until", filter=Q(consents__valid_until__gte=day)))
        .order_by("ends", "title")[:limit])
    withdrawn = list(
        images.filter(consents__withdrawn_on__gte=since, consents__withdrawn_on__lte=day)
        .annotate(withdrawn=Min("consents__withdrawn_on", filter=Q(consents__withdrawn_on__gte=since)))
        .order_by("-withdrawn", "title")[:limit])
    return expiring, withdrawn


class ConsentPanel(Component):
    name = "wahlkreisrat_consents"
    template_name = "media/admin/consent_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        expiring, withdrawn = consent_alerts(rule.today())
        return {"expiring": expiring, "withdrawn": withdrawn, "days": EXPIRY_WARNING_DAYS,
                "report_url": reverse("site_media_consent_report")}


def homepage_panels(request, panels):
    if can_view_consents(request.user):
        panels.append(ConsentPanel())
