from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from media.private import SignatureField

from .blocks import BaseStreamBlock


class HomePage(Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")


class StandardPage(Page):
    """Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Über uns and the like."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("Standardseite")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    name = models.CharField(_("Name der Organisation"), max_length=255, default="Wahlkreisrat")
    address = models.TextField(_("Anschrift"), blank=True)
    email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=64, blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    # For the invitation letters (recruitment); a private file (media.private), never public.
    signature = SignatureField(_("Unterschrift"), upload_to="signatures/organisation/")
    signatory = models.CharField(_("Name unter der Unterschrift"), max_length=255, blank=True)
    signatory_role = models.CharField(_("Funktion"), max_length=255, blank=True,
                                      help_text=_("z. B. „Regionalmanagement“"))

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")],
                        heading=_("Organisation")),
        MultiFieldPanel([FieldPanel("signature"), FieldPanel("signatory"), FieldPanel("signatory_role")],
                        heading=_("Einladungsbriefe")),
        MultiFieldPanel([FieldPanel("mastodon_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url"),
                         FieldPanel("linkedin_url")], heading=_("Soziale Medien")),
    ]

    class Meta:
        verbose_name = _("Organisation")

    @property
    def social_links(self):
        links = [("Mastodon", self.mastodon_url), ("Instagram", self.instagram_url),
                 ("YouTube", self.youtube_url), ("LinkedIn", self.linkedin_url)]
        return [(label, url) for label, url in links if url]


@register_setting(icon="link")
class ImportantPages(BaseSiteSetting):
    """Legally required and important pages, linked in every footer (liqd's pattern)."""

    imprint = models.ForeignKey("wagtailcore.Page", verbose_name=_("Impressum"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    privacy = models.ForeignKey("wagtailcore.Page", verbose_name=_("Datenschutz"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    accessibility = models.ForeignKey("wagtailcore.Page", verbose_name=_("Erklärung zur Barrierefreiheit"),
                                      null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    easy_language = models.ForeignKey("wagtailcore.Page", verbose_name=_("Leichte Sprache"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    about = models.ForeignKey("wagtailcore.Page", verbose_name=_("Über uns"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    panels = [FieldPanel("imprint"), FieldPanel("privacy"), FieldPanel("accessibility"),
              FieldPanel("easy_language"), FieldPanel("about")]

    class Meta:
        verbose_name = _("Wichtige Seiten")

    FIELDS = ("about", "easy_language", "accessibility", "privacy", "imprint")


class TagLabel(models.Model):
    """A topic (tag) as shown in another language. Tags are shared by all languages and named in
    German; without a label here a page shows the German name."""

    tag = models.ForeignKey("taggit.Tag", verbose_name=_("Thema"), on_delete=models.CASCADE, related_name="labels")
    locale = models.ForeignKey("wagtailcore.Locale", verbose_name=_("Sprache"), on_delete=models.CASCADE,
                               related_name="+")
    label = models.CharField(_("Bezeichnung"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("locale"), FieldPanel("label")]

    class Meta:
        verbose_name = _("Übersetztes Thema")
        verbose_name_plural = _("Übersetzte Themen")
        constraints = [models.UniqueConstraint(fields=["tag", "locale"], name="unique_tag_label_per_locale")]
        ordering = ["tag__name"]

    def __str__(self):
        return f"{self.tag.name} → {self.label} ({self.locale.language_code})"
