from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import embargo, embargo_admin
from .models import EmbargoAccess, PressContact


class PressContactViewSet(SnippetViewSet):
    model = PressContact
    icon = "mail"
    menu_label = _("Pressekontakte")
    list_display = ["name", "role", "email", "phone"]
    search_fields = ["name", "role"]


register_snippet(PressContactViewSet)

register_permission_policy(EmbargoAccess, embargo_admin.AccreditationPermissionPolicy(EmbargoAccess))


@hooks.register("register_admin_viewset")
def register_press_accreditations():
    return embargo_admin.EmbargoAccessViewSet()


@hooks.register("register_log_actions")
def register_embargo_log_actions(actions):
    labels = {embargo.ACTION_VIEW: embargo.ACTION_LABEL, **embargo_admin.LOG_LABELS}
    for action, label in labels.items():

        class Formatter(LogFormatter):
            def format_message(self, log_entry, _label=label):
                accreditation = (log_entry.data or {}).get("accreditation")
                if accreditation:
                    return _("%(label)s: Akkreditierung Nr. %(id)s") % {"label": _label, "id": accreditation}
                return str(_label)

        Formatter.label = label
        actions.register_action(action)(Formatter)
