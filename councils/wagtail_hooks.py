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
    menu_label = _("Wahlkreise")
    menu_name = "constituencies"


register_snippet(ConstituencyGroup)
