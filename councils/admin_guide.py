"""The guide in the admin (Hilfe › Anleitungen): short step-by-step sections per role.

Every section is shown to everyone with admin access; the sections for the user's own roles come
first. Roles come from the ``site_guide_roles`` hook: each function takes the user and returns role
keys (councils registers "editor" and "team"; recruitment registers "manager", so that this public
app needs no import of the private one).
"""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import followups

#: (key, heading, roles it is for); the texts are in councils/admin/guide.html
SECTIONS = [
    ("council", _("Einen Wahlkreisrat veröffentlichen"), {"editor"}),
    ("followup", _("Eine Rückmeldung über die Moderation veröffentlichen"), {"team", "editor"}),
    ("story", _("Eine Geschichte mit Fotos veröffentlichen, für die Einwilligungen vorliegen"), {"editor"}),
    ("recruitment", _("Die Auslosung und die nächsten Termine"), {"manager"}),
]


@hooks.register("site_guide_roles")
def council_guide_roles(user):
    roles = []
    if followups.is_editor(user):
        roles.append("editor")
    if followups.is_team_member(user):
        roles.append("team")
    return roles


def roles_of(user):
    roles = set()
    for fn in hooks.get_hooks("site_guide_roles"):
        roles.update(fn(user))
    return roles


def ordered_sections(roles):
    """The sections, the user's own first (stable order otherwise)."""
    sections = [{"key": key, "heading": heading, "mine": bool(for_roles & roles)}
                for key, heading, for_roles in SECTIONS]
    return sorted(sections, key=lambda s: not s["mine"])


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "councils/admin/guide.html"
    page_title = _("Anleitungen")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = ordered_sections(roles_of(self.request.user))
        return context
