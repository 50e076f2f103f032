"""The audit log of the private side, and its one domain error.

Every service that touches personal data writes one entry with :func:`audit`: who (the user, or
None for a command), when, what (one of the actions below) and how many people; never a name, an
address or a code. The actions and their German labels are defined here, once; ``wagtail_hooks``
registers them with Wagtail's audit log.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log


class RecruitmentError(Exception):
    """A refused or failed operation; ``str()`` is a one-line reason without personal data."""


def audit(case, action, user=None, **data):
    """One audit log entry on the case: who (user or None for a command), when, what, how many."""
    log(instance=case, action=action, user=user if getattr(user, "pk", None) else None, data=data)


# --- actions, in process order ---------------------------------------------------------------------

ACTION_IMPORT = "recruitment.import"
ACTION_IMPORT_FAILED = "recruitment.import_failed"
ACTION_PREVIEW = "recruitment.preview"
ACTION_VIEW_POOL = "recruitment.view_pool"
ACTION_EXPORT = "recruitment.export"
ACTION_FREEZE = "recruitment.freeze"
ACTION_DRAW = "recruitment.draw"
ACTION_VERIFY = "recruitment.verify"
ACTION_VOID = "recruitment.void"
ACTION_PURGE = "recruitment.purge"
ACTION_RETENTION_DATE = "recruitment.retention_date"
ACTION_DISCARD = "recruitment.discard_import"
ACTION_VIEW_INVITATIONS = "recruitment.view_invitations"
ACTION_INVITATION_STATUS = "recruitment.invitation_status"
ACTION_REPLACE = "recruitment.replace"
ACTION_RESPONSE = "recruitment.response"
ACTION_LETTERS = "recruitment.letters"
ACTION_VIEW_VISITS = "recruitment.view_visits"
ACTION_VISIT = "recruitment.visit"
ACTION_VIEW_PARTICIPANTS = "recruitment.view_participants"
ACTION_CHECK_IN = "recruitment.check_in"
ACTION_NO_SHOWS = "recruitment.no_shows"
ACTION_BADGES = "recruitment.badges"
ACTION_TRAVEL = "recruitment.travel"
ACTION_TRAVEL_EXPORT = "recruitment.travel_export"
ACTION_ALUMNI = "recruitment.alumni"
ACTION_VIEW_ALUMNI = "recruitment.view_alumni"
ACTION_EVALUATION_TOKENS = "recruitment.evaluation_tokens"
ACTION_EVALUATION_MAIL = "recruitment.evaluation_mail"
ACTION_EVALUATION_PUBLISH = "recruitment.evaluation_publish"
ACTION_EVALUATION_UNPUBLISH = "recruitment.evaluation_unpublish"
ACTION_COMPOSITION_PUBLISH = "recruitment.composition_publish"
ACTION_RESPONDENTS_IMPORT = "recruitment.respondents_import"
ACTION_RESPONDENTS_FREEZE = "recruitment.respondents_freeze"
ACTION_PANEL_SELECT = "recruitment.panel_select"
ACTION_PANEL_VERIFY = "recruitment.panel_verify"
ACTION_PANEL_EXPORT = "recruitment.panel_export"
ACTION_PANEL_REPLACE = "recruitment.panel_replace"
ACTION_PANEL_QUOTAS = "recruitment.panel_quotas"
ACTION_PANEL_VIEW = "recruitment.panel_view"
ACTION_SAMPLE_PLAN = "recruitment.sample_plan"

#: The label of every action in the admin's history and log views (German source text).
LABELS = {
    ACTION_RESPONDENTS_IMPORT: _("Rückmeldungen (zweistufig) importiert"),
    ACTION_RESPONDENTS_FREEZE: _("Rückmeldungen eingefroren, Zusage veröffentlicht"),
    ACTION_PANEL_SELECT: _("Panel ausgelost"),
    ACTION_PANEL_VERIFY: _("Panel-Losung nachgerechnet"),
    ACTION_PANEL_EXPORT: _("Panel-Liste exportiert"),
    ACTION_PANEL_REPLACE: _("Panel: Absage ersetzt"),
    ACTION_PANEL_QUOTAS: _("Panel-Quoten gespeichert"),
    ACTION_PANEL_VIEW: _("Ausgelostes Panel angesehen"),
    ACTION_SAMPLE_PLAN: _("Stichprobe geplant (zweistufig)"),
    ACTION_IMPORT: _("Registerauszug importiert"),
    ACTION_IMPORT_FAILED: _("Import abgelehnt"),
    ACTION_PREVIEW: _("Importvorschau angesehen"),
    ACTION_VIEW_POOL: _("Pool angesehen"),
    ACTION_EXPORT: _("Export für die Prüfung"),
    ACTION_FREEZE: _("Pool eingefroren"),
    ACTION_DRAW: _("Ausgelost"),
    ACTION_VERIFY: _("Ziehung nachgerechnet"),
    ACTION_VOID: _("Ziehung verworfen"),
    ACTION_PURGE: _("Personendaten gelöscht"),
    ACTION_RETENTION_DATE: _("Löschdatum geändert"),
    ACTION_DISCARD: _("Import verworfen"),
    ACTION_VIEW_INVITATIONS: _("Einladungen angesehen"),
    ACTION_INVITATION_STATUS: _("Stand einer Einladung geändert"),
    ACTION_REPLACE: _("Ersetzt (nachgelost)"),
    ACTION_RESPONSE: _("Antwort über die Website"),
    ACTION_LETTERS: _("Briefe erstellt"),
    ACTION_VIEW_VISITS: _("Besuchsliste angesehen"),
    ACTION_VISIT: _("Hausbesuch vermerkt"),
    ACTION_VIEW_PARTICIPANTS: _("Teilnehmendenliste angesehen"),
    ACTION_CHECK_IN: _("Check-in"),
    ACTION_NO_SHOWS: _("Nicht Erschienene vermerkt"),
    ACTION_BADGES: _("Namensschilder erstellt"),
    ACTION_TRAVEL: _("Fahrtkosten vermerkt"),
    ACTION_TRAVEL_EXPORT: _("Fahrtkosten exportiert"),
    ACTION_ALUMNI: _("In das Alumni-Netzwerk übernommen"),
    ACTION_VIEW_ALUMNI: _("Alumni angesehen"),
    ACTION_EVALUATION_TOKENS: _("Zugangscodes zur Evaluation erzeugt"),
    ACTION_EVALUATION_MAIL: _("E-Mails zur Evaluation verschickt"),
    ACTION_EVALUATION_PUBLISH: _("Evaluation veröffentlicht"),
    ACTION_EVALUATION_UNPUBLISH: _("Veröffentlichung der Evaluation zurückgezogen"),
    ACTION_COMPOSITION_PUBLISH: _("Zusammensetzung veröffentlicht"),
}
