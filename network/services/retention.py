"""The deletion schedule of the network's personal data (`manage.py purge_network_requests`, daily).

NETWORK_PURGE_DAYS (setting) after the decision, an application loses its applicant's name and e-mail:
the rest (title, idea, budget, place, the jury's reviews and the decision) stays as the record of the
grant. Dock-on requests are deleted that long after they were sent on to the project's contact. Open
applications are kept until they are decided. Each step is audit-logged with counts, never names.

The contact of a funded project's page (`ProjectPage.contact_email`) is not touched: it serves the
library's dock-on requests for as long as the project is shown, and editors change or empty it on the
page (the requests then go to the network office).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..models import DockOnRequest, MicroProjectApplication
from .audit import ACTION_APPLICANT_DELETED, ACTION_DOCK_ON_DELETED


def cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=settings.NETWORK_PURGE_DAYS)


@transaction.atomic
def purge_due(now=None):
    """Anonymise decided applications and delete dock-on requests older than the cutoff.
    Returns (applications anonymised, dock-on requests deleted)."""
    limit = cutoff(now)
    due = MicroProjectApplication.objects.filter(decided_at__lt=limit).exclude(applicant_email="",
                                                                               applicant_name="")
    applications = 0
    for application in due:
        application.applicant_name, application.applicant_email = "", ""
        application.save(update_fields=["applicant_name", "applicant_email"])
        log(instance=application, action=ACTION_APPLICANT_DELETED, user=None, data={"count": 1})
        applications += 1
    requests = 0
    old = DockOnRequest.objects.filter(created_at__lt=limit).select_related("project")
    by_project = {}
    for dock in old:
        by_project.setdefault(dock.project, []).append(dock.pk)
    for project, ids in by_project.items():
        DockOnRequest.objects.filter(pk__in=ids).delete()
        log(instance=project, action=ACTION_DOCK_ON_DELETED, user=None, data={"count": len(ids)})
        requests += len(ids)
    return applications, requests
