from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import MdB, Wahlkreis


class WahlkreisViewSet(SnippetViewSet):
    model = Wahlkreis
    icon = "site"
    menu_label = _("Wahlkreise")
    list_display = ["number", "name", "state"]
    list_filter = ["state"]
    search_fields = ["name"]
    list_per_page = 50


class MdBViewSet(SnippetViewSet):
    model = MdB
    icon = "user"
    menu_label = _("Abgeordnete")
    list_display = ["display_name", "party", "wahlkreis"]
    list_filter = ["party"]
    search_fields = ["family_name", "given_names"]
    list_per_page = 50


class ConstituencyGroup(SnippetViewSetGroup):
    items = (WahlkreisViewSet, MdBViewSet)
    menu_icon = "site"
    # Not "Wahlkreise": that is the first item inside, and every label appears once in the menu.
    menu_label = _("Wahlkreise und Abgeordnete")
    menu_name = "constituencies"


register_snippet(ConstituencyGroup)


# --- MdB teams: setup view for editors, audit log action, council page guard (councils/teams.py) ---
from django.contrib import messages as _team_messages  # noqa: E402
from django.shortcuts import redirect as _team_redirect  # noqa: E402
from django.urls import path as _team_path  # noqa: E402
from django.urls import reverse as _team_reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail import hooks as _team_hooks  # noqa: E402
from wagtail.admin.menu import MenuItem as _TeamMenuItem  # noqa: E402
from wagtail.log_actions import LogFormatter as _TeamLogFormatter  # noqa: E402

from . import teams as _teams  # noqa: E402  (also connects the translation-mirroring signal)
from .admin_views import TEAM_SETUP_ACTION, TeamSetupView  # noqa: E402
from .models import CouncilPage as _TeamCouncilPage  # noqa: E402


@_team_hooks.register("register_admin_urls")
def register_team_setup_url():
    return [_team_path("councils/teams/setup/", TeamSetupView.as_view(), name="councils_team_setup")]


class TeamSetupMenuItem(_TeamMenuItem):
    def is_shown(self, request):
        return _teams.can_set_up_teams(request.user)


@_team_hooks.register("register_settings_menu_item")
def register_team_setup_menu_item():
    return TeamSetupMenuItem(_("MdB-Teams"), _team_reverse("councils_team_setup"), name="councils-team-setup",
                             icon_name="group", order=650)


@_team_hooks.register("register_log_actions")
def register_team_log_actions(actions):
    @actions.register_action(TEAM_SETUP_ACTION)
    class TeamSetupLogFormatter(_TeamLogFormatter):
        label = _("MdB-Team einrichten")

        def format_message(self, log_entry):
            try:
                return _("MdB-Team „%(group)s“ eingerichtet") % {"group": log_entry.data["group"]}
            except (KeyError, TypeError):
                return _("MdB-Team eingerichtet")


# Runs before wagtail-localize's before_edit_page hook (which would show its translation editor).
@_team_hooks.register("before_edit_page", order=-10)
def keep_council_pages_with_editors(request, page):
    """MdB teams hold add/change on their council so they can work on follow-ups below it; the
    council page itself stays with the editors."""
    if page.specific_class is _TeamCouncilPage and not _teams.may_edit_council_page(request.user, page):
        _team_messages.error(request, _("Den Wahlkreisrat selbst bearbeitet die Redaktion. "
                                        "Ihr Team kann darunter Rückmeldungen anlegen und bearbeiten."))
        return _team_redirect("wagtailadmin_explore", page.pk)


# --- the admin's home page, the guide, one label per menu item (admin_home.py, admin_guide.py) ---
from .admin_guide import GuideView as _GuideView  # noqa: E402  (also registers the guide's roles)


@_team_hooks.register("construct_homepage_panels")
def add_council_panels(request, panels):
    from .admin_home import homepage_panels

    homepage_panels(request, panels)


@_team_hooks.register("register_admin_urls")
def register_guide_url():
    return [_team_path("anleitungen/", _GuideView.as_view(), name="site_guide")]


@_team_hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return _TeamMenuItem(_("Anleitungen"), _team_reverse("site_guide"), name="site-guide",
                         icon_name="help", order=50)


# Wagtail names two reports like the settings they report on ("Workflows", "Workflow-Aufgaben"):
# the reports get their own labels so that no label appears twice in the menu.
REPORT_LABELS = {"workflows": _("Workflow-Bericht"), "workflow-tasks": _("Bericht Workflow-Aufgaben")}


@_team_hooks.register("construct_reports_menu")
def relabel_workflow_reports(request, menu_items):
    import copy

    for index, item in enumerate(menu_items):
        if item.name in REPORT_LABELS:
            relabelled = copy.copy(item)  # the registered item is shared by all requests
            relabelled.label = REPORT_LABELS[item.name]
            menu_items[index] = relabelled
