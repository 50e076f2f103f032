"""A council's case: its settings, age cohorts and timeline, and who may handle it (``ManagerAssignment``).

Private uploads are kept in :class:`PrivateStorage`, outside MEDIA_ROOT and never served.
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from councils.logic.dates import add_months
from councils.models import CouncilPage, Wahlkreis

#: The process timeline of seed 000: letters six weeks before the workshop, door visits five weeks before.
LETTERS_WEEKS_BEFORE = 6


VISITS_WEEKS_BEFORE = 5


#: Languages the letters can add as a second page (those the site ships a translation for).
LETTER_LANGUAGE_CHOICES = [("", _("keine")), ("en", _("Englisch"))]


SEX_CHOICES = [("w", _("weiblich")), ("m", _("männlich")), ("d", _("divers")), ("x", _("ohne Angabe")),
               ("", _("unbekannt"))]


def retention_date_error(council):
    """The form's message for a deletion date after the ceiling."""
    latest = RecruitmentCase.latest_retention_date(council)
    return _("Die Personendaten müssen spätestens %(months)d Monate nach dem Workshop gelöscht werden, "
             "also spätestens am %(date)s.") % {"months": settings.RECRUITMENT_RETENTION_MAX_MONTHS,
                                               "date": date_format(latest, "j. F Y")}


@deconstructible(path="recruitment.models.PrivateStorage")  # the path the migrations use
class PrivateStorage(FileSystemStorage):
    """Files under ``settings.RECRUITMENT_PRIVATE_ROOT``: outside MEDIA_ROOT, never served, no URL.

    The location is read from the settings on every use, so tests can point it elsewhere.
    """

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return str(settings.RECRUITMENT_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private recruitment files have no URL.")


private_storage = PrivateStorage()


def import_upload_path(instance, filename):
    # A random name: the original file name might name a person or a place.
    extension = os.path.splitext(filename)[1].lower()
    if extension not in (".csv", ".txt", ".xlsx", ".tsv"):
        extension = ".bin"
    return f"recruitment/imports/{uuid.uuid4().hex}{extension}"


class ManagerAssignment(models.Model):
    """Binds a user group to a constituency: its members are that constituency's regional managers.

    They see and handle the private data of every council in the constituency, nothing else.
    """

    group = models.ForeignKey("auth.Group", verbose_name=_("Gruppe"), on_delete=models.CASCADE, related_name="+")
    wahlkreis = models.ForeignKey(Wahlkreis, verbose_name=_("Wahlkreis"), on_delete=models.CASCADE,
                                  related_name="+")

    panels = [FieldPanel("group"), FieldPanel("wahlkreis")]

    class Meta:
        verbose_name = _("Zuständigkeit Regionalmanagement")
        verbose_name_plural = _("Zuständigkeiten Regionalmanagement")
        ordering = ["wahlkreis__number", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "wahlkreis"], name="recruitment_unique_assignment"),
        ]

    def __str__(self):
        return f"{self.group} → {self.wahlkreis}"


class RecruitmentCase(ClusterableModel):
    """The private file of one council: settings, cohorts, pool state. One per council (all locales)."""

    council_key = models.UUIDField(unique=True, editable=False, help_text="translation_key of the council")
    council = models.ForeignKey(CouncilPage, verbose_name=_("Wahlkreisrat"), null=True, on_delete=models.SET_NULL,
                                related_name="+", help_text=_("Die deutsche Seite des Wahlkreisrats."))
    wahlkreis = models.ForeignKey(Wahlkreis, verbose_name=_("Wahlkreis"), on_delete=models.PROTECT,
                                  related_name="+", editable=False)
    title = models.CharField(_("Titel"), max_length=255, editable=False)
    seats = models.PositiveSmallIntegerField(_("Plätze"), default=35,
                                             validators=[MinValueValidator(1), MaxValueValidator(500)])
    min_age = models.PositiveSmallIntegerField(
        _("Mindestalter"), default=16, validators=[MinValueValidator(14), MaxValueValidator(99)],
        help_text=_("Jüngere Personen werden importiert, aber nicht ausgelost."))
    household_rule = models.BooleanField(
        _("Höchstens eine Person je Haushalt"), default=False,
        help_text=_("Weitere Personen derselben Anschrift rücken ans Ende der Liste ihrer Kohorte."))
    sex_balance = models.BooleanField(
        _("Geschlechterausgleich je Kohorte"), default=False,
        help_text=_("Die ersten Plätze jeder Kohorte werden abwechselnd mit Frauen und Männern besetzt."))
    retention_date = models.DateField(
        _("Löschung der Personendaten am"), null=True, blank=True,
        help_text=_("Leer: drei Monate nach dem Workshop. Danach werden die Personendaten automatisch gelöscht."))
    # What the invitation letters say about the day (the topic and date come from the council page).
    venue = models.TextField(_("Veranstaltungsort (Anschrift)"), blank=True,
                             help_text=_("Wie im Brief gedruckt, z. B. „Bürgerhaus Mitte, Marktplatz 1, 12345 Ort“"))
    starts_at = models.TimeField(_("Beginn"), null=True, blank=True, default=datetime.time(9, 0),
                                 help_text=_("Leer: 9 Uhr"))
    ends_at = models.TimeField(_("Ende"), null=True, blank=True, default=datetime.time(19, 0),
                               help_text=_("Leer: 19 Uhr"))
    response_deadline = models.DateField(
        _("Antwort erbeten bis"), null=True, blank=True,
        help_text=_("Leer: fünf Wochen vor dem Workshop (dann beginnen die Hausbesuche)."))
    second_language = models.CharField(
        _("Zweite Sprache im Brief"), max_length=8, blank=True, choices=LETTER_LANGUAGE_CHOICES,
        help_text=_("Fügt jedem Brief eine zweite Seite in dieser Sprache an."))
    ages_on = models.DateField(_("Alter berechnet zum"), null=True, editable=False)
    frozen_at = models.DateTimeField(_("Pool eingefroren am"), null=True, editable=False)
    pool_fingerprint = models.CharField(_("Fingerabdruck des Pools"), max_length=64, blank=True, editable=False)
    purged_at = models.DateTimeField(_("Personendaten gelöscht am"), null=True, editable=False)
    two_stage = models.BooleanField(
        _("Zweistufige Auswahl"), default=False,
        help_text=_("Erst Briefe an eine Stichprobe, dann ein Panel aus den Zusagen, ausgewogen nach Quoten."))
    respondents_frozen_at = models.DateTimeField(_("Rückmeldungen eingefroren am"), null=True, editable=False)
    respondents_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    planned_seed_source = models.CharField(_("Geplante Herkunft des Startwerts"), max_length=300, blank=True,
                                           help_text=_("z. B. „öffentliche Ziehung der Losnummer am 3. März“"))
    sample_size = models.PositiveIntegerField(
        _("Stichprobe (Anzahl Briefe)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30000)],
        help_text=_("Zweistufig: so viele Menschen bekommen einen Brief; verteilt auf die Kohorten im "
                    "Verhältnis ihrer Größe im Register."))
    sample_by_municipality = models.BooleanField(
        _("Nach Gemeinden schichten"), default=False,
        help_text=_("Zweistufig: die Briefe jeder Kohorte werden auf die Gemeinden (Wohnort im Register) im "
                    "Verhältnis ihrer Größe verteilt."))
    panel_features = models.TextField(
        _("Selbstauskunft für die Quoten"), blank=True,
        help_text=_("Zweistufig: eine Zeile je Merkmal, das die Antwortseite erfragt, z. B. „Bildung: "
                    "Hauptschule; Realschule; Abitur; Hochschule“. Alter und Geschlecht kommen aus dem Register."))
    # The quotas of stage two as canonical CSV (feature,value,min,max), set in the admin.
    panel_quotas = models.TextField(_("Quoten (zweistufig)"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("council"),
        FieldRowPanel([FieldPanel("seats"), FieldPanel("min_age")]),
        MultiFieldPanel([FieldPanel("household_rule"), FieldPanel("sex_balance")], heading=_("Regeln")),
        MultiFieldPanel([FieldPanel("two_stage"), FieldPanel("planned_seed_source"), FieldPanel("sample_size"),
                         FieldPanel("panel_features")],
                        heading=_("Zweistufige Auswahl")),
        FieldPanel("retention_date"),
        MultiFieldPanel([FieldPanel("venue"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                         FieldPanel("response_deadline"), FieldPanel("second_language")],
                        heading=_("Einladungsbriefe")),
        InlinePanel("cohorts", heading=_("Alterskohorten"), label=_("Kohorte")),
    ]

    class Meta:
        verbose_name = _("Auslosung")
        verbose_name_plural = _("Auslosungen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or str(self.council_key)

    @property
    def letter_seats(self):
        """What the cohorts' seats add up to: the sample of stage one, else the council's seats."""
        return self.sample_size if self.two_stage and self.sample_size else self.seats

    def save(self, *args, **kwargs):
        if self.council_id:
            council = self.council
            self.council_key = council.translation_key
            self.wahlkreis_id = council.wahlkreis_id
            self.title = council.title
        if self.retention_date is None and self.council_id:
            self.retention_date = self.default_retention_date(self.council)
        if self.council_id and self.retention_date > self.latest_retention_date(self.council):
            # Never later than the ceiling, whoever saves (the form refuses it with a message first).
            self.retention_date = self.latest_retention_date(self.council)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        council = self.council if self.council_id else None
        if council is not None and self.retention_date and self.retention_date > self.latest_retention_date(council):
            raise ValidationError({"retention_date": retention_date_error(council)})

    @property
    def answer_by(self):
        """The response deadline printed in the letters; door visits start after it."""
        if self.response_deadline:
            return self.response_deadline
        council = self.council
        if council is None:
            return None
        return council.visits_on or council.date - datetime.timedelta(weeks=VISITS_WEEKS_BEFORE)

    @property
    def letters_due(self):
        council = self.council
        if council is None:
            return None
        return council.letters_sent_on or council.date - datetime.timedelta(weeks=LETTERS_WEEKS_BEFORE)

    @staticmethod
    def default_retention_date(council):
        return add_months(council.date, settings.RECRUITMENT_RETENTION_MONTHS)

    @staticmethod
    def latest_retention_date(council):
        """The latest allowed deletion date: ``RECRUITMENT_RETENTION_MAX_MONTHS`` after the workshop."""
        return add_months(council.date, settings.RECRUITMENT_RETENTION_MAX_MONTHS)

    @cached_property
    def active_draw(self):
        return self.draws.filter(voided_at__isnull=True).first()

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    def pool(self):
        return self.persons.all()

    def cohort_seat_total(self):
        return sum(c.seats for c in self.cohorts.all())

    # Columns of the admin listing (the listing annotates pool_count and is_drawn).
    def workshop_date(self):
        return self.council.date if self.council_id and self.council else None

    workshop_date.short_description = _("Workshop")

    def state(self):
        pool_count = getattr(self, "pool_count", None)
        if pool_count is None:
            pool_count = self.persons.count()
        if getattr(self, "is_drawn", None) or (not hasattr(self, "is_drawn") and self.active_draw):
            return _("ausgelost (%(count)d Personen im Pool)") % {"count": pool_count} if pool_count else _(
                "ausgelost, Personendaten gelöscht")
        if pool_count:
            return _("Pool: %(count)d Personen") % {"count": pool_count}
        if self.purged_at:
            return _("Personendaten gelöscht")
        return _("noch kein Pool")

    state.short_description = _("Stand")


class Cohort(Orderable):
    """An age cohort (stratum) of a council with its seats; ``max_age`` None = open upwards."""

    case = ParentalKey(RecruitmentCase, on_delete=models.CASCADE, related_name="cohorts")
    label = models.CharField(_("Bezeichnung"), max_length=40, help_text=_("z. B. „16-24“ oder „75+“"))
    min_age = models.PositiveSmallIntegerField(_("Alter von"), validators=[MaxValueValidator(120)])
    max_age = models.PositiveSmallIntegerField(_("Alter bis"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)],
                                               help_text=_("Leer: nach oben offen"))
    seats = models.PositiveSmallIntegerField(_("Plätze"), default=0)

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("min_age"), FieldPanel("max_age"),
                             FieldPanel("seats")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Alterskohorte")
        verbose_name_plural = _("Alterskohorten")

    def __str__(self):
        return self.label

    def clean(self):
        if "\n" in self.label or "\r" in self.label or "\t" in self.label:
            raise ValidationError(
                {"label": _("Die Bezeichnung darf keinen Zeilenumbruch oder Tabulator enthalten.")})
        if self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError({"max_age": _("Das Höchstalter liegt unter dem Mindestalter.")})

    def contains(self, age):
        return age >= self.min_age and (self.max_age is None or age <= self.max_age)

    @property
    def age_range(self):
        return (self.label, self.min_age, self.max_age)
