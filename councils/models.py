"""Constituencies, councils, recommendations and the MdB's follow-up ledger (all public)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock
from home.visibility import ViewRestrictionsInOneQuery

from .forms import FollowUpForm
from .logic.dates import add_months
from .reference_models import ATTRIBUTION, STATE_CHOICES, STATE_LABELS, STATES, MdB, Wahlkreis  # noqa: F401  (callers import them from here)


class CouncilIndexPage(ViewRestrictionsInOneQuery, Page):
    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["councils.ConstituencyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Übersicht Wahlkreisräte")

    def get_context(self, request, *args, **kwargs):
        from .listing import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class ConstituencyPage(ViewRestrictionsInOneQuery, Page):
    wahlkreis = models.ForeignKey(Wahlkreis, verbose_name=_("Wahlkreis"), on_delete=models.PROTECT,
                                  related_name="pages")
    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("wahlkreis"), FieldPanel("intro")]
    parent_page_types = ["councils.CouncilIndexPage"]
    subpage_types = ["councils.CouncilPage"]
    api_fields = [APIField("wahlkreis_number"), APIField("intro")]

    @property
    def wahlkreis_number(self):
        return self.wahlkreis.number
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("Wahlkreisseite")

    def get_context(self, request, *args, **kwargs):
        from .listing import constituency_context

        context = super().get_context(request, *args, **kwargs)
        context.update(constituency_context(self, request))
        return context


class CouncilTag(TaggedItemBase):
    content_object = ParentalKey("councils.CouncilPage", related_name="tagged_items", on_delete=models.CASCADE)


class CouncilPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """One Wahlkreisrat. The page title is its topic; ``dokumentation/`` is its documentation as PDF."""

    guiding_question = models.CharField(_("Leitfrage"), max_length=500)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    date = models.DateField(_("Datum des Workshops"))
    venue_town = models.CharField(_("Ort"), max_length=255)
    # Where and when exactly: optional until known (the public presentation is on the workshop day).
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=255, blank=True,
                                  help_text=_("z. B. „Bürgerhaus Mitte“"))
    venue_street = models.CharField(_("Straße und Hausnummer"), max_length=255, blank=True)
    venue_postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    workshop_start = models.TimeField(_("Workshop von"), null=True, blank=True)
    workshop_end = models.TimeField(_("Workshop bis"), null=True, blank=True)
    presentation_start = models.TimeField(_("Öffentliche Präsentation von"), null=True, blank=True,
                                          help_text=_("Vorstellung der Ergebnisse mit den Abgeordneten, "
                                                      "am selben Tag"))
    presentation_end = models.TimeField(_("Öffentliche Präsentation bis"), null=True, blank=True)
    # Copied from the parent constituency page on save, so listings filter without tree joins.
    wahlkreis = models.ForeignKey(Wahlkreis, on_delete=models.PROTECT, null=True, editable=False,
                                  related_name="councils")
    tags = ClusterTaggableManager(through=CouncilTag, blank=True, verbose_name=_("Themen"))
    # Actual dates of the process steps; planned dates follow from `date` (see timeline()).
    topic_found_on = models.DateField(_("Thema gefunden am"), null=True, blank=True)
    draw_on = models.DateField(_("Ausgelost am"), null=True, blank=True)
    letters_sent_on = models.DateField(_("Briefe verschickt am"), null=True, blank=True)
    visits_on = models.DateField(_("Hausbesuche ab"), null=True, blank=True)
    documentation_on = models.DateField(_("Dokumentation veröffentlicht am"), null=True, blank=True)
    evaluation_on = models.DateField(_("Evaluation am"), null=True, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Bericht"), blank=True)
    evaluation_summary = RichTextField(_("Evaluation (Zusammenfassung)"), blank=True,
                                       features=["bold", "italic", "link", "ul"])
    easy_summary = models.TextField(
        _("Ergebnisse in Leichter Sprache"), blank=True,
        help_text=_("Kurze Sätze, ein Satz pro Zeile. Erscheint auf der Seite des Wahlkreisrats und auf der "
                    "Seite „Ergebnisse in Leichter Sprache“."))

    content_panels = Page.content_panels + [
        FieldPanel("guiding_question"), FieldPanel("summary"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("date"), FieldPanel("venue_name")]),
            FieldRowPanel([FieldPanel("venue_street"), FieldPanel("venue_postcode"), FieldPanel("venue_town")]),
            FieldRowPanel([FieldPanel("workshop_start"), FieldPanel("workshop_end")]),
            FieldRowPanel([FieldPanel("presentation_start"), FieldPanel("presentation_end")]),
        ], heading=_("Termin und Ort")),
        InlinePanel("invited_mdbs", heading=_("Eingeladene Abgeordnete"), label=_("Abgeordnete/r"),
                    help_text=_("Alle Abgeordneten, die den Wahlkreis betreuen, über Parteigrenzen hinweg. "
                                "Leer: die/der direkt gewählte Abgeordnete.")),
        FieldPanel("tags"),
        MultiFieldPanel([FieldPanel("topic_found_on"), FieldPanel("draw_on"), FieldPanel("letters_sent_on"),
                         FieldPanel("visits_on"), FieldPanel("documentation_on"), FieldPanel("evaluation_on")],
                        heading=_("Tatsächliche Termine"), classname="collapsed"),
        InlinePanel("recommendations", heading=_("Empfehlungen"), label=_("Empfehlung")),
        InlinePanel("quotes", heading=_("Stimmen der Teilnehmenden"), label=_("Zitat")),
        InlinePanel("documents", heading=_("Dokumentation zum Herunterladen"), label=_("Dokument")),
        InlinePanel("gallery_images", heading=_("Fotos"), label=_("Foto")),
        FieldPanel("body"), FieldPanel("evaluation_summary"), FieldPanel("easy_summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("guiding_question"), index.SearchField("summary"), index.SearchField("body"),
        index.SearchField("easy_summary"),
        index.RelatedFields("recommendations", [index.SearchField("title"), index.SearchField("text")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("locale_id"),
    ]
    # The address is the same in every language (the venue's and town's names may be translated).
    override_translatable_fields = [SynchronizedField("venue_street"), SynchronizedField("venue_postcode")]
    parent_page_types = ["councils.ConstituencyPage"]
    subpage_types = ["councils.FollowUpPage"]
    route_select_related = ("wahlkreis__mdb",)  # read when serving the page (home.routing)

    @classmethod
    def route_annotations(cls):
        """The public record's fields, read with the page when it is served (home.routing)."""
        return PublicRecord.annotations_for_council()
    api_fields = [APIField("guiding_question"), APIField("summary"), APIField("date"), APIField("venue_town"),
                  APIField("venue_name"), APIField("venue_street"), APIField("venue_postcode"),
                  APIField("workshop_start"), APIField("workshop_end"), APIField("presentation_start"),
                  APIField("presentation_end"), APIField("tags"), APIField("recommendations"), APIField("quotes"),
                  APIField("body"), APIField("evaluation_summary"),
                  APIField("easy_summary")]

    class Meta:
        verbose_name = _("Wahlkreisrat")
        verbose_name_plural = _("Wahlkreisräte")

    def save(self, *args, **kwargs):
        if self.path and self.depth > 1:
            parent = ConstituencyPage.objects.filter(
                path=self.path[: -self.steplen]).values_list("wahlkreis_id", flat=True).first()
            self.wahlkreis_id = parent or self.wahlkreis_id
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .ledger import council_context

        context = super().get_context(request, *args, **kwargs)
        context.update(council_context(self, request))
        if context["ledger"]["rows"]:
            context["documentation_pdf_url"] = (self.get_url(request) or "") + self.reverse_subpage("documentation")
        return context

    @path("dokumentation/", name="documentation")
    def documentation(self, request):
        from .documentation import documentation_view

        return documentation_view(self, request)

    @property
    def easy_sentences(self):
        """The summary in Leichte Sprache, one sentence per line."""
        return [line.strip() for line in self.easy_summary.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        errors = {}
        for start, end in (("workshop_start", "workshop_end"), ("presentation_start", "presentation_end")):
            if getattr(self, start) and getattr(self, end) and getattr(self, end) <= getattr(self, start):
                errors[end] = _("Das Ende muss nach dem Beginn liegen.")
        if errors:
            raise ValidationError(errors)

    def mdbs(self):
        """The invited members in their order; without invitations the directly elected one (if any)."""
        prefetched = "invited_mdbs" in getattr(self, "_prefetched_objects_cache", {})
        items = self.invited_mdbs.all() if prefetched else self.invited_mdbs.select_related("mdb")
        invited = [item.mdb for item in items if item.mdb_id]
        if invited or not self.pk:
            return invited
        if CouncilPage.wahlkreis.is_cached(self):  # read with select_related("mdb"): no query
            direct = getattr(self.wahlkreis, "mdb", None) if self.wahlkreis_id else None
        else:
            direct = MdB.objects.filter(wahlkreis_id=self.wahlkreis_id).first() if self.wahlkreis_id else None
        return [direct] if direct else []

    @property
    def venue_address(self):
        """The address lines: venue, street, postcode and town (only those known)."""
        town = " ".join(p for p in (self.venue_postcode, self.venue_town) if p)
        return [line for line in (self.venue_name, self.venue_street, town) if line]

    @property
    def feedback_due(self):
        """'Rückmeldung spätestens 2 Monate danach' (seed 000)."""
        return add_months(self.date, 2)

    def status(self, today=None):
        today = today or timezone.localdate()
        if today < self.date:
            return "upcoming"
        if today == self.date:
            return "today"
        return "done"

    def timeline(self, first_follow_up_date=None):
        """The process steps of DESIGN.md with planned and actual dates.

        The feedback step is done with the first published follow-up (pass its date when known).
        """
        d = self.date
        steps = [
            ("topic", _("Gemeinsame Themenfindung"), add_months(d, -3), self.topic_found_on),
            ("draw", _("Auslosung aus dem Melderegister"), d - datetime.timedelta(weeks=7), self.draw_on),
            ("letters", _("Briefe an die Ausgelosten"), d - datetime.timedelta(weeks=6), self.letters_sent_on),
            ("visits", _("Hausbesuche bei allen ohne Antwort"), d - datetime.timedelta(weeks=5), self.visits_on),
            ("workshop", _("Workshop-Tag"), d, d if self.status() == "done" else None),
            ("documentation", _("Dokumentation und Pressemitteilung"), d + datetime.timedelta(weeks=2),
             self.documentation_on),
            ("evaluation", _("Evaluation"), d + datetime.timedelta(weeks=4), self.evaluation_on),
            ("feedback", _("Rückmeldung der/des Abgeordneten"), self.feedback_due, first_follow_up_date),
        ]
        return [{"key": k, "label": label, "planned": planned, "actual": actual} for k, label, planned, actual in steps]


class CouncilMdB(Orderable):
    """A member of the Bundestag invited to a council (the same in every language)."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="invited_mdbs")
    mdb = models.ForeignKey(MdB, verbose_name=_("Abgeordnete/r"), on_delete=models.PROTECT,
                            related_name="council_invitations")

    panels = [FieldPanel("mdb")]

    class Meta(Orderable.Meta):
        verbose_name = _("Eingeladene/r Abgeordnete/r")
        verbose_name_plural = _("Eingeladene Abgeordnete")

    def __str__(self):
        return str(self.mdb)


class Recommendation(TranslatableMixin, Orderable):
    """A result of the council. `code` gives a stable anchor, the same in every language."""

    SUPPORT_CHOICES = [("consensus", _("Konsens")), ("majority", _("Mehrheit"))]

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="recommendations")
    code = models.SlugField(_("Kürzel"), max_length=20, help_text=_("z. B. „e1“; bildet den Anker #empfehlung-e1."))
    title = models.CharField(_("Titel"), max_length=255)
    text = models.TextField(_("Text"))
    support = models.CharField(_("Zustimmung"), max_length=16, choices=SUPPORT_CHOICES, default="consensus")
    votes_for = models.PositiveSmallIntegerField(_("Ja-Stimmen"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("Nein-Stimmen"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), null=True, blank=True)
    minority_position = models.TextField(_("Minderheitenposition"), blank=True)

    api_fields = [APIField(f) for f in ("code", "title", "text", "support", "votes_for", "votes_against",
                                        "votes_abstain", "minority_position")]
    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("support")]), FieldPanel("title"), FieldPanel("text"),
              FieldRowPanel([FieldPanel("votes_for"), FieldPanel("votes_against"), FieldPanel("votes_abstain")]),
              FieldPanel("minority_position")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"empfehlung-{self.code}"


class Quote(TranslatableMixin, Orderable):
    """An anonymised participant quote: attribution by role and age band only."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("Zitat"))
    attribution = models.CharField(_("Zuschreibung"), max_length=100, help_text=_("z. B. „Teilnehmerin, 35–49“"))

    panels = [FieldPanel("text"), FieldPanel("attribution")]
    api_fields = [APIField("text"), APIField("attribution")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Zitat")


class CouncilDocument(TranslatableMixin, Orderable):
    """Documentation downloads (report, presentation, photo protocol) shown with size and type."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("Dokument"), on_delete=models.CASCADE,
                                 related_name="+")
    title = models.CharField(_("Titel"), max_length=255, blank=True, help_text=_("Leer: Titel des Dokuments"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Dokumentation")

    @property
    def display_title(self):
        return self.title or self.document.title


class CouncilImage(TranslatableMixin, Orderable):
    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("site_media.CustomImage", verbose_name=_("Bild"), on_delete=models.CASCADE,
                              related_name="+")
    caption = models.CharField(_("Bildunterschrift"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Foto")


class FollowUpPage(ViewRestrictionsInOneQuery, Page):
    """The MdB team's report on what became of the recommendations."""

    date = models.DateField(_("Datum"))
    body = RichTextField(_("Text"), features=["bold", "italic", "link", "ul", "ol"])
    # Which invited member answers (each has a team of its own; see councils/teams.py).
    mdb = models.ForeignKey(MdB, verbose_name=_("Antwort von"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="follow_ups")

    content_panels = Page.content_panels + [
        # a plain list of the council's members (FollowUpForm), not the chooser of all members
        FieldPanel("mdb", widget=forms.Select), FieldPanel("date"), FieldPanel("body"),
        InlinePanel("statuses", heading=_("Stand je Empfehlung"), label=_("Stand")),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"),
                                          index.RelatedFields("statuses", [index.SearchField("explanation")])]
    parent_page_types = ["councils.CouncilPage"]
    subpage_types = []
    api_fields = [APIField("date"), APIField("mdb_name"), APIField("body"), APIField("statuses")]
    base_form_class = FollowUpForm

    class Meta:
        verbose_name = _("Rückmeldung der/des Abgeordneten")
        verbose_name_plural = _("Rückmeldungen der Abgeordneten")

    @property
    def mdb_name(self):
        return self.mdb.label if self.mdb_id else ""


class RecommendationStatus(TranslatableMixin, Orderable):
    STATUS_CHOICES = [
        ("accepted", _("angenommen")),
        ("in_progress", _("in Arbeit")),
        ("under_review", _("wird geprüft")),
        ("not_pursued", _("nicht weiterverfolgt")),
    ]

    page = ParentalKey(FollowUpPage, on_delete=models.CASCADE, related_name="statuses")
    recommendation = models.ForeignKey(Recommendation, verbose_name=_("Empfehlung"), on_delete=models.CASCADE,
                                       related_name="statuses")
    status = models.CharField(_("Stand"), max_length=16, choices=STATUS_CHOICES)
    explanation = models.TextField(_("Erläuterung"), blank=True)
    evidence_label = models.CharField(_("Beleg (Bezeichnung)"), max_length=255, blank=True,
                                      help_text=_("z. B. „Antrag“, „Schriftliche Frage“, „Brief an das Ministerium“"))
    evidence_url = models.URLField(_("Beleg (Link)"), blank=True)

    api_fields = [APIField("recommendation_code"), APIField("status"), APIField("explanation"),
                  APIField("evidence_label"), APIField("evidence_url")]
    panels = [FieldPanel("recommendation"), FieldPanel("status"), FieldPanel("explanation"),
              FieldRowPanel([FieldPanel("evidence_label"), FieldPanel("evidence_url")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Stand einer Empfehlung")

    @property
    def recommendation_code(self):
        return self.recommendation.code


from .record_models import PublicRecord  # noqa: E402  (written by recruitment.publishing only)
from .reminder_models import FollowUpReminder  # noqa: E402,F401  (its own module: councils/reminders.py)
from .team_models import MdBTeam  # noqa: E402,F401  (its own module: councils/teams.py)
