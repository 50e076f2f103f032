"""Audit log entries (Wagtail's log) for the network: counts and ids, never names or addresses."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log


class NetworkError(Exception):
    """A refused step, with a one-line German reason for the user."""


ACTION_APPLICATION_VIEWED = "network.application_viewed"
ACTION_REVIEWED = "network.application_reviewed"
ACTION_CONFLICT = "network.conflict_declared"
ACTION_DECIDED = "network.application_decided"
ACTION_EXPORTED = "network.subscribers_exported"
ACTION_APPLICANT_DELETED = "network.applicant_deleted"
ACTION_DOCK_ON_DELETED = "network.dock_on_deleted"

LABELS = {
    ACTION_APPLICATION_VIEWED: _("Antrag eingesehen"),
    ACTION_REVIEWED: _("Antrag bewertet"),
    ACTION_CONFLICT: _("Interessenkonflikt erklärt"),
    ACTION_DECIDED: _("Über Antrag entschieden"),
    ACTION_EXPORTED: _("Kontakte eines Verteilers exportiert"),
    ACTION_APPLICANT_DELETED: _("Name und E-Mail der antragstellenden Person gelöscht (Löschfrist)"),
    ACTION_DOCK_ON_DELETED: _("Andock-Anfragen gelöscht (Löschfrist)"),
}


def audit(instance, action, user, **data):
    """One log entry on `instance`; `data` holds counts and ids only."""
    log(instance=instance, action=action, user=user, data=data)
