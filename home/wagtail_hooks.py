from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import TagLabel


class TagLabelViewSet(SnippetViewSet):
    """Topic names in other languages (tags themselves are shared by all languages)."""

    model = TagLabel
    icon = "tag"
    menu_label = _("Themen übersetzen")
    list_display = ["tag", "locale", "label"]
    list_filter = ["locale"]
    search_fields = ["label", "tag__name"]
    search_backend_name = None  # ORM search: labels are not in the search index


register_snippet(TagLabelViewSet)
