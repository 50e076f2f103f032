"""The private side in the Wagtail admin: menu "Auslosung", its views and audit log actions.

Every URL below /admin/recruitment/ is wrapped in ``require_recruitment_access`` (see
permissions.py): only superusers and regional managers get past it, and the views then show
only cases of the user's constituencies.
"""

from django.contrib.auth.models import Permission
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import LogFormatter

from . import services, views, views_evaluation, views_letters
from .forms import CaseForm
from .models import Alumnus, ManagerAssignment, RecruitmentCase
from .permissions import require_recruitment_access


def _guarded(patterns):
    return [URLPattern(p.pattern, require_recruitment_access(p.callback), p.default_args, p.name)
            for p in patterns]


class CaseViewSet(ModelViewSet):
    model = RecruitmentCase
    name = "recruitment"
    icon = "group"
    menu_label = _("Auslosungen")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["__str__", "wahlkreis", "workshop_date", "state", "retention_date"]
    list_per_page = 50
    index_view_class = views.CaseIndexView
    add_view_class = views.CaseCreateView
    edit_view_class = views.CaseEditView
    delete_view_class = views.CaseDeleteView
    history_view_class = views.CaseHistoryView
    usage_view_class = views.CaseUsageView
    edit_handler = ObjectList(RecruitmentCase.panels, base_form_class=CaseForm)

    def get_permissions_to_register(self):
        # Access comes from ManagerAssignment, not from model permissions a group could be given.
        return Permission.objects.none()

    def get_urlpatterns(self):
        own = [
            path("<int:pk>/", views.DashboardView.as_view(), name="dashboard"),
            path("<int:pk>/suggest/", views.SuggestView.as_view(), name="suggest"),
            path("<int:pk>/import/", views.ImportUploadView.as_view(), name="import"),
            path("<int:pk>/import/<uuid:job>/", views.ImportProgressView.as_view(), name="import_progress"),
            path("<int:pk>/import/<uuid:job>/mapping/", views.ImportMappingView.as_view(), name="import_mapping"),
            path("<int:pk>/import/<uuid:job>/discard/", views.ImportDiscardView.as_view(), name="import_discard"),
            path("<int:pk>/pool/", views.PoolView.as_view(), name="pool"),
            path("<int:pk>/freeze/", views.FreezeView.as_view(), name="freeze"),
            path("<int:pk>/draw/", views.DrawView.as_view(), name="draw"),
            path("<int:pk>/verify/", views.VerifyView.as_view(), name="verify"),
            path("<int:pk>/void/", views.VoidView.as_view(), name="void"),
            path("<int:pk>/export.csv", views.ExportView.as_view(), name="export"),
            path("<int:pk>/purge/", views.PurgeView.as_view(), name="purge"),
            path("<int:pk>/invitations/", views.InvitationsView.as_view(), name="invitations"),
            path("<int:pk>/invitations/<int:invitation>/status/", views.InvitationStatusView.as_view(),
                 name="invitation_status"),
            path("<int:pk>/invitations/<int:invitation>/replace/", views.ReplaceView.as_view(), name="replace"),
            path("<int:pk>/letters/", views_letters.LettersView.as_view(), name="letters"),
            path("<int:pk>/invitations/<int:invitation>/letter/", views_letters.LetterView.as_view(),
                 name="letter"),
            path("<int:pk>/invitations/<int:invitation>/respond/", views.ManagerResponseView.as_view(),
                 name="respond"),
            path("<int:pk>/visits/", views.VisitsView.as_view(), name="visits"),
            path("<int:pk>/visits/<int:invitation>/", views.VisitOutcomeView.as_view(), name="visit_outcome"),
            path("<int:pk>/participants/", views.ParticipantsView.as_view(), name="participants"),
            path("<int:pk>/participants/<int:invitation>/check-in/", views.CheckInView.as_view(), name="check_in"),
            path("<int:pk>/participants/<int:invitation>/travel/", views.TravelView.as_view(), name="travel"),
            path("<int:pk>/participants/no-shows/", views.NoShowsView.as_view(), name="no_shows"),
            path("<int:pk>/participants/badges.pdf", views.BadgesView.as_view(), name="badges"),
            path("<int:pk>/participants/fahrtkosten.csv", views.TravelExportView.as_view(), name="travel_export"),
        ]
        own += [
            path("<int:pk>/evaluation/", views_evaluation.EvaluationView.as_view(), name="evaluation"),
            path("<int:pk>/evaluation/send/", views_evaluation.SendView.as_view(), name="evaluation_send"),
            path("<int:pk>/evaluation/print/", views_evaluation.PrintView.as_view(), name="evaluation_print"),
            path("<int:pk>/evaluation/team/", views_evaluation.TeamLinksView.as_view(),
                 name="evaluation_team"),
            path("<int:pk>/evaluation/publish/", views_evaluation.PublishView.as_view(),
                 name="evaluation_publish"),
            path("<int:pk>/evaluation/unpublish/", views_evaluation.UnpublishView.as_view(),
                 name="evaluation_unpublish"),
            path("<int:pk>/composition/publish/", views_evaluation.CompositionView.as_view(),
                 name="composition_publish"),
        ]
        return _guarded(super().get_urlpatterns() + own)


class ManagerAssignmentViewSet(ModelViewSet):
    model = ManagerAssignment
    name = "recruitment_managers"
    url_prefix = "recruitment/managers"
    icon = "key"
    menu_label = _("Zuständigkeiten")
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["wahlkreis", "group"]
    form_fields = ["group", "wahlkreis"]

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_urlpatterns(self):
        return _guarded(super().get_urlpatterns())


class AlumniViewSet(ModelViewSet):
    model = Alumnus
    name = "recruitment_alumni"
    url_prefix = "recruitment/alumni"
    icon = "user"
    menu_label = _("Alumni")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["family_name", "given_names", "council_title", "wahlkreis", "email", "phone"]
    search_fields = ["family_name", "given_names", "council_title"]
    form_fields = ["given_names", "family_name", "email", "phone"]
    index_view_class = views.AlumniIndexView
    edit_view_class = views.AlumniEditView
    delete_view_class = views.AlumniDeleteView

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_urlpatterns(self):
        return _guarded(super().get_urlpatterns())


class RecruitmentViewSetGroup(ModelViewSetGroup):
    items = (CaseViewSet, AlumniViewSet, ManagerAssignmentViewSet)
    menu_label = _("Auslosung")
    menu_icon = "group"
    menu_name = "recruitment"
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_recruitment_viewsets():
    return RecruitmentViewSetGroup()


# --- audit log: who did what with how many people (never who the people are) ---------------

LOG_ACTIONS = [
    (services.ACTION_IMPORT, _("Registerauszug importiert")),
    (services.ACTION_IMPORT_FAILED, _("Import abgelehnt")),
    (services.ACTION_PREVIEW, _("Importvorschau angesehen")),
    (services.ACTION_VIEW_POOL, _("Pool angesehen")),
    (services.ACTION_EXPORT, _("Export für die Prüfung")),
    (services.ACTION_FREEZE, _("Pool eingefroren")),
    (services.ACTION_DRAW, _("Ausgelost")),
    (services.ACTION_VERIFY, _("Ziehung nachgerechnet")),
    (services.ACTION_VOID, _("Ziehung verworfen")),
    (services.ACTION_PURGE, _("Personendaten gelöscht")),
    (services.ACTION_DISCARD, _("Import verworfen")),
    (services.ACTION_VIEW_INVITATIONS, _("Einladungen angesehen")),
    (services.ACTION_INVITATION_STATUS, _("Stand einer Einladung geändert")),
    (services.ACTION_REPLACE, _("Ersetzt (nachgelost)")),
    (services.ACTION_RESPONSE, _("Antwort über die Website")),
    (services.ACTION_LETTERS, _("Briefe erstellt")),
    (services.ACTION_VIEW_VISITS, _("Besuchsliste angesehen")),
    (services.ACTION_VISIT, _("Hausbesuch vermerkt")),
    (services.ACTION_VIEW_PARTICIPANTS, _("Teilnehmendenliste angesehen")),
    (services.ACTION_CHECK_IN, _("Check-in")),
    (services.ACTION_NO_SHOWS, _("Nicht Erschienene vermerkt")),
    (services.ACTION_BADGES, _("Namensschilder erstellt")),
    (services.ACTION_TRAVEL, _("Fahrtkosten vermerkt")),
    (services.ACTION_TRAVEL_EXPORT, _("Fahrtkosten exportiert")),
    (services.ACTION_ALUMNI, _("In das Alumni-Netzwerk übernommen")),
    (services.ACTION_VIEW_ALUMNI, _("Alumni angesehen")),
    (services.ACTION_EVALUATION_TOKENS, _("Zugangscodes zur Evaluation erzeugt")),
    (services.ACTION_EVALUATION_MAIL, _("E-Mails zur Evaluation verschickt")),
    (services.ACTION_EVALUATION_PUBLISH, _("Evaluation veröffentlicht")),
    (services.ACTION_EVALUATION_UNPUBLISH, _("Veröffentlichung der Evaluation zurückgezogen")),
    (services.ACTION_COMPOSITION_PUBLISH, _("Zusammensetzung veröffentlicht")),
]


def _people(count):
    return ngettext("%(count)d Person", "%(count)d Personen", count) % {"count": count}


@hooks.register("register_log_actions")
def register_recruitment_log_actions(actions):
    for action, label in LOG_ACTIONS:

        class Formatter(LogFormatter):
            def format_message(self, log_entry, _label=label):
                data = log_entry.data or {}
                if "count" in data:
                    return f"{_label}: {_people(int(data['count']))}"
                return str(_label)

        Formatter.label = label
        actions.register_action(action)(Formatter)
