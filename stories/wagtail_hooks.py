from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PressContact


class PressContactViewSet(SnippetViewSet):
    model = PressContact
    icon = "mail"
    menu_label = _("Pressekontakte")
    list_display = ["name", "role", "email", "phone"]
    search_fields = ["name", "role"]


register_snippet(PressContactViewSet)
