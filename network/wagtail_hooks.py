from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import MailingList
from .services import projects, signups
from .services.audit import LABELS


class MailingListViewSet(SnippetViewSet):
    model = MailingList
    icon = "mail"
    menu_label = _("Verteiler")
    list_display = ["name", "kind", "is_open"]


register_snippet(MailingListViewSet)


@hooks.register("register_admin_urls")
def register_network_urls():
    return [
        path("netzwerk/antraege/", admin_views.ApplicationListView.as_view(), name="network_applications"),
        path("netzwerk/antraege/<int:pk>/", admin_views.ApplicationDetailView.as_view(), name="network_application"),
        path("netzwerk/verteiler/", admin_views.ExportListView.as_view(), name="network_exports"),
        path("netzwerk/verteiler/<int:pk>/export.csv", admin_views.ExportView.as_view(), name="network_export"),
    ]


class JuryMenuItem(MenuItem):
    def is_shown(self, request):
        return projects.is_juror(request.user) or projects.may_decide(request.user)


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return any(signups.may_export(request.user, ml) for ml in MailingList.objects.all())


@hooks.register("register_admin_menu_item")
def register_jury_menu_item():
    return JuryMenuItem(_("Mikroprojekt-Anträge"), reverse("network_applications"), name="network-applications",
                        icon_name="form", order=420)


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem(_("Verteiler exportieren"), reverse("network_exports"), name="network-exports",
                          icon_name="download", order=430)


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    for action, label in LABELS.items():
        formatter = type(f"Formatter_{action.replace('.', '_')}", (LogFormatter,), {"label": label})
        actions.register_action(action)(formatter)
