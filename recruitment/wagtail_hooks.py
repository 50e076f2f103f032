"""The private side in the Wagtail admin: menu "Auslosung", its views and audit log actions.

Every view of the three viewsets is behind ``require_recruitment_access`` (see permissions.py):
our view classes inherit ``views.base.RecruitmentAccessMixin``, Wagtail's stock ones are wrapped
by ``views.base.guarded`` or ``views.base.scoped`` (``GuardedViewSet``). Only superusers and regional
managers get past it, and the views then show only objects of the user's constituencies: every view
of one object (edit, delete, history, usage, inspect) loads it through the model's permission policy,
so another constituency's case or alumnus, and any assignment for a non-superuser, is a 404.
"""

import datetime

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    UsageView,
)
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import LogFormatter

from .forms import CaseForm
from .models import Alumnus, ManagerAssignment, RecruitmentCase
from .services import audit
from .views import (
    cases,
    draw,
    evaluation,
    imports,
    invitations,
    letters,
    outreach,
    panel,
    participants,
    retention,
    stage_one,
)
from .views.base import ScopedInspectMixin, ScopedObjectMixin, guarded, scoped


class GuardedViewSet(ModelViewSet):
    """A ModelViewSet whose every view is behind the recruitment gate (Wagtail's stock views wrapped;
    a subclass's own view classes inherit ``RecruitmentAccessMixin``)."""

    index_view_class = guarded(IndexView)
    add_view_class = guarded(CreateView)
    # Views of one object load it from the user's own objects only: another constituency's is a 404.
    edit_view_class = scoped(EditView)
    delete_view_class = scoped(DeleteView)
    history_view_class = scoped(HistoryView, ScopedObjectMixin)
    usage_view_class = scoped(UsageView, ScopedObjectMixin)
    inspect_view_class = scoped(InspectView, ScopedInspectMixin)
    add_to_reference_index = False
    copy_view_enabled = False

    def get_permissions_to_register(self):
        # Access comes from ManagerAssignment, not from model permissions a group could be given.
        return Permission.objects.none()


class CaseViewSet(GuardedViewSet):
    model = RecruitmentCase
    name = "recruitment"
    icon = "group"
    menu_label = _("Auslosungen")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["__str__", "wahlkreis", "workshop_date", "state", "retention_date"]
    list_per_page = 50
    index_view_class = cases.CaseIndexView
    add_view_class = cases.CaseCreateView
    edit_view_class = cases.CaseEditView
    delete_view_class = cases.CaseDeleteView
    history_view_class = cases.CaseHistoryView
    usage_view_class = cases.CaseUsageView
    edit_handler = ObjectList(RecruitmentCase.panels, base_form_class=CaseForm)

    def get_urlpatterns(self):
        own = [
            path("<int:pk>/", cases.DashboardView.as_view(), name="dashboard"),
            path("<int:pk>/suggest/", cases.SuggestView.as_view(), name="suggest"),
            path("<int:pk>/import/", imports.ImportUploadView.as_view(), name="import"),
            path("<int:pk>/import/<uuid:job>/", imports.ImportProgressView.as_view(), name="import_progress"),
            path("<int:pk>/import/<uuid:job>/mapping/", imports.ImportMappingView.as_view(), name="import_mapping"),
            path("<int:pk>/import/<uuid:job>/discard/", imports.ImportDiscardView.as_view(), name="import_discard"),
            path("<int:pk>/import/<uuid:job>/restart/", imports.ImportRestartView.as_view(), name="import_restart"),
            path("<int:pk>/pool/", imports.PoolView.as_view(), name="pool"),
            path("<int:pk>/freeze/", draw.FreezeView.as_view(), name="freeze"),
            path("<int:pk>/draw/", draw.DrawView.as_view(), name="draw"),
            path("<int:pk>/verify/", draw.VerifyView.as_view(), name="verify"),
            path("<int:pk>/void/", draw.VoidView.as_view(), name="void"),
            path("<int:pk>/export.csv", draw.ExportView.as_view(), name="export"),
            path("<int:pk>/panel/", panel.PanelView.as_view(), name="panel"),
            path("<int:pk>/panel/<slug:what>.csv", panel.PanelExportView.as_view(), name="panel_export"),
            path("<int:pk>/panel/rueckmeldungen/", panel.RespondentsImportView.as_view(), name="panel_import"),
            path("<int:pk>/panel/quoten/", panel.QuotasView.as_view(), name="panel_quotas"),
            path("<int:pk>/panel/losung/", panel.SelectView.as_view(), name="panel_select"),
            path("<int:pk>/panel/nachbesetzen/", panel.ReplaceView.as_view(), name="panel_replace"),
            path("<int:pk>/panel/nachrechnen/", panel.VerifyView.as_view(), name="panel_verify"),
            path("<int:pk>/panel/stichprobe/", stage_one.SampleView.as_view(), name="panel_sample"),
            path("<int:pk>/panel/zusagen/", stage_one.FromAnswersView.as_view(), name="panel_from_answers"),
            path("<int:pk>/purge/", retention.PurgeView.as_view(), name="purge"),
            path("<int:pk>/invitations/", invitations.InvitationsView.as_view(), name="invitations"),
            path("<int:pk>/invitations/<int:invitation>/status/", invitations.InvitationStatusView.as_view(),
                 name="invitation_status"),
            path("<int:pk>/invitations/<int:invitation>/replace/", invitations.ReplaceView.as_view(), name="replace"),
            path("<int:pk>/letters/", letters.LettersView.as_view(), name="letters"),
            path("<int:pk>/invitations/<int:invitation>/letter/", letters.LetterView.as_view(),
                 name="letter"),
            path("<int:pk>/invitations/<int:invitation>/respond/", invitations.ManagerResponseView.as_view(),
                 name="respond"),
            path("<int:pk>/visits/", outreach.VisitsView.as_view(), name="visits"),
            path("<int:pk>/visits/<int:invitation>/", outreach.VisitOutcomeView.as_view(), name="visit_outcome"),
            path("<int:pk>/participants/", participants.ParticipantsView.as_view(), name="participants"),
            path("<int:pk>/participants/<int:invitation>/check-in/", participants.CheckInView.as_view(), name="check_in"),
            path("<int:pk>/participants/<int:invitation>/travel/", participants.TravelView.as_view(), name="travel"),
            path("<int:pk>/participants/no-shows/", participants.NoShowsView.as_view(), name="no_shows"),
            path("<int:pk>/participants/badges.pdf", participants.BadgesView.as_view(), name="badges"),
            path("<int:pk>/participants/fahrtkosten.csv", participants.TravelExportView.as_view(), name="travel_export"),
        ]
        own += [
            path("<int:pk>/evaluation/", evaluation.EvaluationView.as_view(), name="evaluation"),
            path("<int:pk>/evaluation/send/", evaluation.SendView.as_view(), name="evaluation_send"),
            path("<int:pk>/evaluation/bericht.pdf", evaluation.ReportView.as_view(), name="evaluation_report"),
            path("<int:pk>/evaluation/print/", evaluation.PrintView.as_view(), name="evaluation_print"),
            path("<int:pk>/evaluation/team/", evaluation.TeamLinksView.as_view(),
                 name="evaluation_team"),
            path("<int:pk>/evaluation/publish/", evaluation.PublishView.as_view(),
                 name="evaluation_publish"),
            path("<int:pk>/evaluation/unpublish/", evaluation.UnpublishView.as_view(),
                 name="evaluation_unpublish"),
            path("<int:pk>/composition/publish/", evaluation.CompositionView.as_view(),
                 name="composition_publish"),
        ]
        return super().get_urlpatterns() + own


class ManagerAssignmentViewSet(GuardedViewSet):
    model = ManagerAssignment
    name = "recruitment_managers"
    url_prefix = "recruitment/managers"
    icon = "key"
    menu_label = _("Zuständigkeiten")
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = ["wahlkreis", "group"]
    form_fields = ["group", "wahlkreis"]


class AlumniViewSet(GuardedViewSet):
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
    index_view_class = retention.AlumniIndexView
    edit_view_class = retention.AlumniEditView
    delete_view_class = retention.AlumniDeleteView


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


def _iso_date(value):
    if not value:
        return "–"
    return date_format(datetime.date.fromisoformat(value), "j. F Y")


def _people(count):
    return ngettext("%(count)d Person", "%(count)d Personen", count) % {"count": count}


@hooks.register("register_log_actions")
def register_recruitment_log_actions(actions):
    for action, label in audit.LABELS.items():

        class Formatter(LogFormatter):
            def format_message(self, log_entry, _label=label):
                data = log_entry.data or {}
                if "old" in data and "new" in data:  # a changed date (e.g. the deletion date)
                    return f"{_label}: {_iso_date(data['old'])} → {_iso_date(data['new'])}"
                if "count" in data:
                    return f"{_label}: {_people(int(data['count']))}"
                return str(_label)

        Formatter.label = label
        actions.register_action(action)(Formatter)


# --- the admin's home page and the guide -------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_manager_panel(request, panels):
    from .admin_home import homepage_panels

    homepage_panels(request, panels)


@hooks.register("site_guide_roles")
def manager_guide_role(user):
    """councils/admin_guide.py shows the recruitment part of the guide first to managers."""
    from .permissions import has_recruitment_access

    return ["manager"] if has_recruitment_access(user) else []
