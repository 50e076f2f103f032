"""Stories (digital storytelling about the councils) and the press room.

Stories live under a StoryIndexPage (tag and constituency filters, pagination, RSS); the press room
lists press releases (scheduled publishing, Wagtail's `go_live_at`, is the embargo), press contacts
and a press kit per council. Every picture is shown only with valid consent (see media.models).
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.visibility import ViewRestrictionsInOneQuery

from .blocks import StoryStreamBlock


def videos_in(stream):
    """The Video objects chosen in the video blocks of a StreamField value."""
    return [block.value["video"] for block in stream
            if block.block_type == "video_block" and block.value.get("video")]


class CaptionedVideoPageForm(WagtailAdminPageForm):
    """Publishing needs captions in the page's own language for every video in the body."""

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" not in self.data or "body" not in cleaned_data or self.errors.get("body"):
            return cleaned_data
        locale = self.instance.locale if self.instance.locale_id else getattr(self.parent_page, "locale", None)
        language = locale.language_code if locale else None
        missing = [v.title for v in videos_in(cleaned_data["body"]) if not v.has_captions(language)]
        if missing:
            self.add_error("body", _(
                "Veröffentlichen nicht möglich: Für diese Videos fehlen Untertitel in der Sprache der Seite "
                "(%(language)s): %(titles)s") % {"language": language, "titles": ", ".join(missing)})
        return cleaned_data


class CaptionedVideosMixin:
    def clean(self):
        super().clean()
        if self.live and any(not v.has_captions() for v in videos_in(self.body)):
            raise ValidationError({"body": _("Ein Video ohne Untertitel kann nicht veröffentlicht werden.")})


# --- stories ----------------------------------------------------------------------------------

class StoryIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Übersicht Geschichten")

    @path("rss/", name="feed")
    def feed(self, request):
        from .feeds import StoryFeed

        return StoryFeed()(request, index=self)

    def feed_url(self, request=None):
        return (self.get_url(request) or "/") + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        from .listing import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class StoryTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE)


class StoryPage(ViewRestrictionsInOneQuery, CaptionedVideosMixin, Page):
    date = models.DateField(_("Datum"), default=timezone.localdate)
    author = models.CharField(_("Autorin/Autor"), max_length=255)
    intro = models.TextField(_("Vorspann"), help_text=_("Zwei, drei Sätze; erscheinen auch in Übersicht und Feed."))
    teaser_image = models.ForeignKey(
        "site_media.CustomImage", verbose_name=_("Aufmacherbild"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Oben in der Geschichte, in Übersichten, im Feed und als Vorschaubild beim Teilen."))
    body = StreamField(StoryStreamBlock(), verbose_name=_("Inhalt"), blank=True)
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("Themen"))

    base_form_class = CaptionedVideoPageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("intro"),
        FieldPanel("teaser_image"),
        FieldPanel("body"),
        MultiFieldPanel([
            FieldPanel("tags"),
            MultipleChooserPanel("council_links", chooser_field_name="council", label=_("Wahlkreisrat"),
                                 heading=_("Zugehörige Wahlkreisräte")),
        ], heading=_("Einordnung")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("body"), index.SearchField("author"),
        index.FilterField("date"), index.FilterField("locale_id"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date"), APIField("author"), APIField("intro"), APIField("body"), APIField("tags"),
        APIField("teaser", serializer=ImageRenditionField("fill-1200x630", source="public_teaser_image")),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Geschichte")
        verbose_name_plural = _("Geschichten")

    @property
    def public_teaser_image(self):
        image = self.teaser_image
        return image if image and image.is_public("website") else None

    @property
    def og_image(self):
        # includes/opengraph.html checks the "social" use again with {% public_image %}
        image = self.teaser_image
        return image if image and image.is_public("social") else None

    @property
    def uses_external_embeds(self):
        return any(block.block_type == "embed_block" for block in self.body)

    def get_context(self, request, *args, **kwargs):
        from .listing import story_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_context(self, request))
        return context


class StoryCouncil(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="council_links")
    council = models.ForeignKey("councils.CouncilPage", verbose_name=_("Wahlkreisrat"), on_delete=models.CASCADE,
                                related_name="story_links")

    panels = [FieldPanel("council")]

    class Meta(Orderable.Meta):
        verbose_name = _("Zugehöriger Wahlkreisrat")


# --- press room -------------------------------------------------------------------------------

class PressContact(TranslatableMixin, models.Model):
    name = models.CharField(_("Name"), max_length=255)
    role = models.CharField(_("Funktion"), max_length=255, blank=True)
    email = models.EmailField(_("E-Mail"))
    phone = models.CharField(_("Telefon"), max_length=64, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
              FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Pressekontakt")
        verbose_name_plural = _("Pressekontakte")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PressRoomPage(RoutablePageMixin, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.PressReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Presseraum")

    # Segments in the page's language: /de/presse/pressemappe/3/, /en/press/press-kit/3/
    @path(_("pressemappe/<int:council_id>/"), name="press_kit")
    def press_kit(self, request, council_id):
        from .press import press_kit_view

        return press_kit_view(self, request, council_id)

    @path("pressemappe/<int:council_id>/", name="press_kit_german")
    def press_kit_german(self, request, council_id):
        """Old English links with the German segment go to the English address."""
        from django.shortcuts import redirect

        return redirect((self.get_url(request) or "/") + self.reverse_subpage(
            "press_kit", kwargs={"council_id": council_id}), permanent=True)

    @path(_("pressemappe/<int:council_id>/zip/"), name="press_kit_zip")
    def press_kit_zip(self, request, council_id):
        from .press import press_kit_zip_view

        return press_kit_zip_view(self, request, council_id)

    @path(_("pressemappe/<int:council_id>/bild/<int:image_id>/<str:size>/"), name="press_image")
    def press_image(self, request, council_id, image_id, size):
        from .press import press_image_view

        return press_image_view(self, request, council_id, image_id, size)

    @path("vorab/<str:token>/", name="embargo")
    def embargo(self, request, token):
        from .embargo import embargo_view

        return embargo_view(self, request, token)

    def get_context(self, request, *args, **kwargs):
        from .press import press_room_context

        context = super().get_context(request, *args, **kwargs)
        context.update(press_room_context(self, request))
        return context


class PressReleasePage(CaptionedVideosMixin, Page):
    """A press release. Its embargo is Wagtail's scheduled publishing: set "Go-live date/time"
    in the page's status panel and publish; the release (and its translations) stays invisible
    everywhere until then (`manage.py publish_scheduled` must run every minute, e.g. from cron)."""

    date = models.DateField(_("Datum"), default=timezone.localdate)
    intro = models.TextField(_("Vorspann"))
    image = models.ForeignKey("site_media.CustomImage", verbose_name=_("Bild"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    body = StreamField(StoryStreamBlock(), verbose_name=_("Text"), blank=True)
    council = models.ForeignKey("councils.CouncilPage", verbose_name=_("Wahlkreisrat"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    base_form_class = CaptionedVideoPageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("council")]),
        FieldPanel("intro"), FieldPanel("image"), FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body"),
                                          index.FilterField("date")]
    api_fields = [APIField("date"), APIField("intro"), APIField("body"),
                  APIField("picture", serializer=ImageRenditionField("fill-1200x630", source="public_image"))]
    parent_page_types = ["stories.PressRoomPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Pressemitteilung")
        verbose_name_plural = _("Pressemitteilungen")

    @property
    def public_image(self):
        return self.image if self.image and self.image.is_public("website") else None

    @property
    def og_image(self):
        return self.image if self.image and self.image.is_public("social") else None

    @property
    def embargo_until(self):
        """The end of the embargo (the scheduled go-live), or None for a release that is live or not
        scheduled."""
        if self.live or not self.go_live_at or self.go_live_at <= timezone.now():
            return None
        return self.go_live_at

    @property
    def uses_external_embeds(self):
        return any(block.block_type == "embed_block" for block in self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = list(PressContact.objects.filter(locale=self.locale))
        context["press_room"] = self.get_parent().specific
        return context


def default_access_expiry():
    return timezone.now() + datetime.timedelta(days=14)


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class EmbargoAccess(models.Model):
    """An accredited journalist's personal link to releases under embargo. Only a hash of the link's
    token is stored; the link is shown once when it is made. Views are audit-logged with this record's
    id only."""

    name = models.CharField(_("Name"), max_length=255)
    email = models.EmailField(_("E-Mail"))
    outlet = models.CharField(_("Medium"), max_length=255)
    expires_at = models.DateTimeField(_("Gültig bis"), default=default_access_expiry)
    revoked_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Angelegt von"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("outlet")]), FieldPanel("email"),
              FieldPanel("expires_at")]

    class Meta:
        verbose_name = _("Presse-Akkreditierung")
        verbose_name_plural = _("Presse-Akkreditierungen")
        ordering = ["-created_at"]
        permissions = [("manage_embargoaccess", _("Kann Presse-Akkreditierungen verwalten"))]

    def __str__(self):
        # also the label of audit log entries: the id, no name
        return _("Akkreditierung Nr. %(id)s") % {"id": self.pk}

    def issue_token(self):
        """A new secret for the link (the old link stops working); returns the token, stores its hash."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.save(update_fields=["token_hash"])
        return token

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_valid(self):
        return not self.is_revoked and not self.is_expired and bool(self.token_hash)

    @property
    def status(self):
        if self.is_revoked:
            return _("widerrufen")
        if self.is_expired:
            return _("abgelaufen")
        return _("gültig")
