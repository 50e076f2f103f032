"""Admin for consents (private: names of depicted people) and videos, the consent report,
and the audit-log action for withdrawals."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ConsentReportView, can_view_consents
from .models import CONSENT_WITHDRAWN_ACTION, Consent, ImageText, Video
from .private import serve_private_file


class ConsentViewSet(ModelViewSet):
    model = Consent
    icon = "user"
    menu_label = _("Einwilligungen")
    menu_order = 310
    add_to_admin_menu = True
    add_to_reference_index = False  # a consent is not a "usage" of its image
    list_display = ["__str__", "person_name", "given_on", "valid_until", "withdrawn_on", "is_minor"]
    list_filter = ["use_website", "use_press", "use_social", "is_minor", "withdrawn_on", "valid_until"]
    search_fields = ["person_name", "image__title", "video__title"]  # admin only, ORM search (no index)
    list_export = ["pk", "image", "video", "occasion", "based_on", "person_name", "use_website", "use_press", "use_social",
                   "given_on", "valid_until", "withdrawn_on", "is_minor", "guardian_name",
                   "guardian_consented_on", "evidence"]
    export_filename = "einwilligungen"
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Consent.objects.select_related("image", "video")


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["title", "duration", "shows_identifiable_people"]
    search_fields = ["title"]


register_snippet(VideoViewSet)
consent_viewset = ConsentViewSet("site_media_consent", url_prefix="einwilligungen")


@hooks.register("register_admin_viewset")
def register_consent_viewset():
    return consent_viewset


@hooks.register("register_admin_urls")
def register_consent_report_url():
    return [path("berichte/einwilligungen/", ConsentReportView.as_view(), name="site_media_consent_report"),
            path("privat/<path:name>", serve_private_file, name="site_media_private_file")]


class ConsentReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_consents(request.user)


@hooks.register("register_reports_menu_item")
def register_consent_report_menu_item():
    return ConsentReportMenuItem(_("Bildrechte und Einwilligungen"), reverse("site_media_consent_report"),
                                 name="consent-report", icon_name="warning", order=150)


@hooks.register("register_log_actions")
def register_consent_log_actions(actions):
    @actions.register_action(CONSENT_WITHDRAWN_ACTION)
    class ConsentWithdrawnFormatter(LogFormatter):
        label = _("Einwilligung widerrufen")

        def format_message(self, log_entry):
            try:
                return _("Einwilligung widerrufen zum %(date)s") % {"date": log_entry.data["withdrawn_on"]}
            except (KeyError, TypeError):
                return _("Einwilligung widerrufen")


@hooks.register("construct_homepage_panels")
def add_consent_panel(request, panels):
    from .admin_home import homepage_panels

    homepage_panels(request, panels)


class ImageTextViewSet(SnippetViewSet):
    """Alt texts and captions of images in other languages."""

    model = ImageText
    icon = "image"
    menu_label = _("Bildtexte übersetzen")
    list_display = ["image", "locale", "alt_text"]
    list_filter = ["locale"]
    search_fields = ["alt_text", "caption", "image__title"]
    search_backend_name = None  # ORM search: these texts are not in the search index


register_snippet(ImageTextViewSet)
