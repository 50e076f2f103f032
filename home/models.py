from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from media.private import SignatureField

from .blocks import BaseStreamBlock
from .easy_read import EasyReadStreamBlock
from .visibility import ViewRestrictionsInOneQuery


class HomePage(ViewRestrictionsInOneQuery, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")

    def route(self, request, path_components):
        """Every page along the URL in one query (home.routing), not two per level."""
        from .routing import route_from

        return route_from(self, request, path_components)


class StandardPage(ViewRestrictionsInOneQuery, Page):
    """Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Über uns and the like."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("Standardseite")


class EasyReadPage(Page):
    """A page in Leichte Sprache: larger type, short sentences, pictograms with alt text.

    The index ("Leichte Sprache") lists its easy-read children; the twins of the key pages sit below it.
    """

    intro = models.TextField(_("Einleitung"), blank=True, help_text=_("Ein oder zwei kurze Sätze."))
    body = StreamField(EasyReadStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.EasyReadPage"]
    subpage_types = ["home.EasyReadPage"]

    class Meta:
        verbose_name = _("Seite in Leichter Sprache")
        verbose_name_plural = _("Seiten in Leichter Sprache")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["easy_children"] = self.get_children().live().public().specific()
        return context


class DrawnInfoPage(Page):
    """Information for drawn residents: an overview (no audience) and one page per audience below it.

    The response page and the letters find the page for a person's audience with ``for_audience``.
    Never shows anything personal: the same page for everyone of an audience.
    """

    AUDIENCES = [("", _("Übersicht")), ("adults", _("Erwachsene")),
                 ("young", _("Junge Menschen (16–17 Jahre)")), ("parents", _("Eltern von Minderjährigen"))]

    audience = models.CharField(_("Zielgruppe"), max_length=16, choices=AUDIENCES, blank=True)
    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("audience"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("audience"), APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.DrawnInfoPage"]
    subpage_types = ["home.DrawnInfoPage"]

    class Meta:
        verbose_name = _("Information für Ausgeloste")
        verbose_name_plural = _("Informationen für Ausgeloste")

    @classmethod
    def for_audience(cls, audience, locale):
        """The live page for `audience` ("" for the overview) in `locale`, else in German, else None."""
        pages = cls.objects.live().public().filter(audience=audience).select_related("locale")
        return pages.filter(locale=locale).first() or pages.filter(locale__language_code="de").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        overview = self if not self.audience else self.get_parent().specific
        context["overview"] = overview
        context["audience_pages"] = DrawnInfoPage.objects.child_of(overview).live().public()
        return context


class OpenDataPage(Page):
    """"Offene Daten": the feeds, calendars, the API with examples and the data licence, in one place.

    The links are built from the URL configuration (and the councils' own template tag), so they
    always point at what exists.
    """

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Weitere Hinweise"), blank=True)
    licence_name = models.CharField(_("Lizenz der eigenen Inhalte"), max_length=100, default="CC BY 4.0")
    licence_url = models.URLField(_("Link zur Lizenz"), default="https://creativecommons.org/licenses/by/4.0/deed.de")

    content_panels = Page.content_panels + [
        FieldPanel("intro"), MultiFieldPanel([FieldPanel("licence_name"), FieldPanel("licence_url")],
                                             heading=_("Lizenz")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    #: Example requests shown on the page (and each checked by a test): (German description, path).
    API_EXAMPLES = [
        (_("Alle Wahlkreisräte auf Deutsch mit Leitfrage, Datum und Ort"),
         "/api/v2/pages/?type=councils.CouncilPage&locale=de&fields=guiding_question,date,venue_town"),
        (_("Die Empfehlungen aller Wahlkreisräte"),
         "/api/v2/pages/?type=councils.CouncilPage&locale=de&fields=recommendations"),
        (_("Alle Rückmeldungen der Abgeordneten mit dem Stand je Empfehlung, neueste zuerst"),
         "/api/v2/pages/?type=councils.FollowUpPage&locale=de&fields=date,statuses&order=-date"),
        (_("Die Wahlkreisräte auf Englisch"),
         "/api/v2/pages/?type=councils.CouncilPage&locale=en&fields=guiding_question,date"),
        (_("Suche in allen Seiten"), "/api/v2/pages/?search=Rente&locale=de"),
        (_("Bilder mit Bildnachweis"), "/api/v2/images/"),
        (_("Dokumente zum Herunterladen"), "/api/v2/documents/"),
    ]

    class Meta:
        verbose_name = _("Offene Daten")
        verbose_name_plural = _("Offene Daten")


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
    drawn_info = models.ForeignKey("wagtailcore.Page", verbose_name=_("Informationen für Ausgeloste"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    open_data = models.ForeignKey("wagtailcore.Page", verbose_name=_("Offene Daten"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    panels = [FieldPanel("imprint"), FieldPanel("privacy"), FieldPanel("accessibility"),
              FieldPanel("easy_language"), FieldPanel("about"), FieldPanel("drawn_info"), FieldPanel("open_data")]

    class Meta:
        verbose_name = _("Wichtige Seiten")

    FIELDS = ("about", "easy_language", "drawn_info", "open_data", "accessibility", "privacy", "imprint")


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
