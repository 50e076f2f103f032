"""Audit log entries of the events app: who, when, what and how many; never a name or an address."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACTION_VIEW = "events.view_registrations"
ACTION_EXPORT_CSV = "events.export_csv"
ACTION_EXPORT_XLSX = "events.export_xlsx"
ACTION_PURGE = "events.purge"
ACTION_GROUPS = "events.groups"
ACTION_GROUP_LIST = "events.group_list"
ACTION_REASSIGN = "events.reassign"
ACTION_REMINDERS = "events.reminders"
ACTION_CANCEL = "events.cancel"
ACTION_CHALLENGE = "events.challenge_moderated"
ACTION_BALLOT_PUBLISH = "events.ballot_publish"

LABELS = {
    ACTION_VIEW: _("Anmeldungen angesehen"),
    ACTION_EXPORT_CSV: _("Anmeldungen als CSV exportiert"),
    ACTION_EXPORT_XLSX: _("Anmeldungen als XLSX exportiert"),
    ACTION_PURGE: _("Anmeldedaten gelöscht"),
    ACTION_GROUPS: _("Kleingruppen gebildet"),
    ACTION_GROUP_LIST: _("Gruppenlisten angesehen"),
    ACTION_REASSIGN: _("Person einer anderen Kleingruppe zugeordnet"),
    ACTION_REMINDERS: _("Erinnerungen verschickt"),
    ACTION_CANCEL: _("Anmeldung im Auftrag abgesagt"),
    ACTION_CHALLENGE: _("Herausforderung moderiert"),
    ACTION_BALLOT_PUBLISH: _("Prioritätenliste veröffentlicht"),
}


def audit(event, action, user=None, **data):
    """One entry on the event page: counts only."""
    log(instance=event, action=action, user=user if getattr(user, "pk", None) else None, data=data)
