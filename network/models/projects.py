"""Micro-projects: applications for small grants (private), the jury's reviews (private), and the
published projects with their reports (public pages) that other places can dock onto."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.visibility import ViewRestrictionsInOneQuery


class MicroProjectApplication(models.Model):
    """An application from the public form. Applicant name and e-mail are personal data: shown only in
    the admin to the jury and the network office, never on a public page, in a log or in the index."""

    SUBMITTED, FUNDED, REJECTED = "submitted", "funded", "rejected"
    STATUSES = [(SUBMITTED, _("Eingereicht")), (FUNDED, _("Gefördert")), (REJECTED, _("Nicht gefördert"))]

    reference = models.CharField(_("Aktenzeichen"), max_length=16, unique=True)
    applicant_name = models.CharField(_("Name der antragstellenden Person"), max_length=120)
    applicant_email = models.EmailField(_("E-Mail"))
    organisation = models.CharField(_("Initiative oder Verein"), max_length=160, blank=True)
    publish_name_consent = models.BooleanField(
        _("Einwilligung: Name darf bei einer Förderung veröffentlicht werden"), default=False)
    place = models.ForeignKey("network.PlacePage", verbose_name=_("Ort"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    place_text = models.CharField(_("Ort (falls nicht in der Liste)"), max_length=120, blank=True)
    title = models.CharField(_("Titel des Projekts"), max_length=160)
    idea = models.TextField(_("Idee"))
    partners = models.TextField(_("Kooperationspartner"), blank=True)
    status = models.CharField(_("Stand"), max_length=16, choices=STATUSES, default=SUBMITTED)
    submitted_at = models.DateTimeField(_("Eingereicht am"), auto_now_add=True)
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    granted_amount = models.DecimalField(_("Bewilligter Betrag (€)"), max_digits=9, decimal_places=2,
                                         null=True, blank=True)

    class Meta:
        verbose_name = _("Antrag auf Mikroförderung")
        verbose_name_plural = _("Anträge auf Mikroförderung")
        ordering = ["-submitted_at"]
        permissions = [("review_application", _("Anträge begutachten (Jury)")),
                       ("decide_application", _("Über Anträge entscheiden"))]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    @property
    def budget_total(self):
        return sum((line.amount for line in self.budget_lines.all()), Decimal("0"))

    @property
    def place_label(self):
        return self.place.title if self.place else self.place_text


class BudgetLine(models.Model):
    application = models.ForeignKey(MicroProjectApplication, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("Posten"), max_length=160)
    amount = models.DecimalField(_("Betrag (€)"), max_digits=9, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("Kostenposten")
        verbose_name_plural = _("Kostenposten")
        ordering = ["pk"]


class ConflictDeclaration(models.Model):
    """A juror declares a conflict of interest with an application and may then not score it."""

    application = models.ForeignKey(MicroProjectApplication, on_delete=models.CASCADE, related_name="conflicts")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    declared_at = models.DateTimeField(_("Erklärt am"), auto_now_add=True)
    note = models.CharField(_("Art des Konflikts"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Erklärung zu Interessenkonflikt")
        verbose_name_plural = _("Erklärungen zu Interessenkonflikten")
        constraints = [models.UniqueConstraint(fields=["application", "juror"], name="one_conflict_per_juror")]


class JuryReview(models.Model):
    """One juror's score and comment on one application (private to the jury)."""

    application = models.ForeignKey(MicroProjectApplication, on_delete=models.CASCADE, related_name="reviews")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("Bewertung (1–5)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("Kommentar"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Bewertung der Jury")
        verbose_name_plural = _("Bewertungen der Jury")
        constraints = [models.UniqueConstraint(fields=["application", "juror"], name="one_review_per_juror")]


class ProjectIndexPage(ViewRestrictionsInOneQuery, Page):
    """„Projekte“: the library of funded micro-projects that other places can dock onto."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Projektbibliothek")
        verbose_name_plural = _("Projektbibliotheken")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = ProjectPage.objects.child_of(self).live().public().select_related("place")
        place = request.GET.get("ort", "")
        if place.isdigit():
            projects = projects.filter(place_id=int(place))
        context["projects"] = projects.order_by("-funded_on", "title")
        return context


class ProjectPage(ViewRestrictionsInOneQuery, Page):
    """A funded micro-project. Shows no applicant data: `team_name` is filled only when the applicant
    consented (the decision copies it then); the contact e-mail for dock-on requests is never shown."""

    place = models.ForeignKey("network.PlacePage", verbose_name=_("Ort"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="projects")
    summary = models.TextField(_("Kurzbeschreibung"))
    body = models.TextField(_("Beschreibung"), blank=True)
    partners = models.TextField(_("Kooperationspartner"), blank=True)
    team_name = models.CharField(_("Projektteam (öffentlich)"), max_length=160, blank=True,
                                 help_text=_("Nur mit Einwilligung der Beteiligten."))
    funded_on = models.DateField(_("Gefördert am"), null=True, blank=True)
    granted_amount = models.DecimalField(_("Fördersumme (€)"), max_digits=9, decimal_places=2, null=True,
                                         blank=True)
    contact_email = models.EmailField(_("Kontakt für Andock-Anfragen (nicht öffentlich)"), blank=True)
    application = models.ForeignKey(MicroProjectApplication, verbose_name=_("Antrag"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("place"), FieldPanel("summary"), FieldPanel("body"), FieldPanel("partners"),
        MultiFieldPanel([FieldPanel("funded_on"), FieldPanel("granted_amount"), FieldPanel("team_name"),
                         FieldPanel("contact_email")], heading=_("Förderung")),
        InlinePanel("reports", label=_("Berichte")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["network.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")

    def get_context(self, request, *args, **kwargs):
        from ..forms import DockOnForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("dock_form", DockOnForm())
        return context


class ProjectReport(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="reports")
    date = models.DateField(_("Datum"))
    title = models.CharField(_("Überschrift"), max_length=160)
    text = models.TextField(_("Bericht"))

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        ordering = ["date"]


class DockOnRequest(models.Model):
    """„Das wollen wir auch machen“: a reader's request, forwarded by e-mail to the project's contact."""

    project = models.ForeignKey(ProjectPage, on_delete=models.CASCADE, related_name="dock_on_requests")
    name = models.CharField(_("Name"), max_length=120)
    email = models.EmailField(_("E-Mail"))
    place_text = models.CharField(_("Ort"), max_length=120)
    message = models.TextField(_("Nachricht"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Andock-Anfrage")
        verbose_name_plural = _("Andock-Anfragen")
        ordering = ["-created_at"]
