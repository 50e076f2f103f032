"""The private side of a council: its register pool, age cohorts and the draw.

Personal data lives only in ``Person`` (and, while an import runs, in the uploaded file of an
``ImportJob``); ``Placement`` links people to a draw's ranked lists. Everything else holds no
personal data and survives ``purge_personal_data``: the case, its cohorts, the draws with their
fingerprints and seeds, and the public aggregates written to ``councils.PublicRecord``.

None of these models is indexed for search, exposed in the API or shown on a public page.
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
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


@deconstructible
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
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("council"),
        FieldRowPanel([FieldPanel("seats"), FieldPanel("min_age")]),
        MultiFieldPanel([FieldPanel("household_rule"), FieldPanel("sex_balance")], heading=_("Regeln")),
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

    def save(self, *args, **kwargs):
        if self.council_id:
            council = self.council
            self.council_key = council.translation_key
            self.wahlkreis_id = council.wahlkreis_id
            self.title = council.title
        if self.retention_date is None and self.council_id:
            self.retention_date = self.default_retention_date(self.council)
        super().save(*args, **kwargs)

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

    @cached_property
    def active_draw(self):
        return self.draws.filter(voided_at__isnull=True).first()

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    def pool(self):
        return Person.objects.filter(case=self)

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


class ImportJob(models.Model):
    """One import of a register extract: uploaded file, column mapping, progress and outcome.

    ``errors`` and ``duplicates`` hold line numbers, codes and column names, never cell values.
    """

    UPLOADED, QUEUED, RUNNING, DONE, FAILED = "uploaded", "queued", "running", "done", "failed"
    STATUS_CHOICES = [(UPLOADED, _("hochgeladen")), (QUEUED, _("wartet")), (RUNNING, _("läuft")),
                      (DONE, _("importiert")), (FAILED, _("fehlgeschlagen"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=16, default="upload")  # "upload" or "command"
    file = models.FileField(storage=private_storage, upload_to=import_upload_path, blank=True)
    file_format = models.CharField(max_length=16, blank=True)
    delimiter = models.CharField(max_length=4, blank=True)
    replace = models.BooleanField(_("Vorhandenen Pool ersetzen"), default=False)
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=UPLOADED)
    stage = models.CharField(max_length=16, blank=True)  # "reading", "saving"
    progress = models.PositiveSmallIntegerField(default=0)
    headers = models.JSONField(default=list, blank=True)
    header_line = models.PositiveIntegerField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    data_lines = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    duplicate_count = models.PositiveIntegerField(default=0)
    duplicates = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.case} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self):
        return self.status in (self.DONE, self.FAILED)

    def delete_file(self):
        if self.file:
            self.file.delete(save=False)


class Person(models.Model):
    """One resident from the register extract: only what the draw and the letters need.

    ``case`` is NULL while an import is still being saved: such rows belong to no pool until the
    import commits (one UPDATE sets ``case``), so an import is all or nothing. ``import_job``
    records which import brought the person in.
    """

    # No separate index on case: the unique (case, person_key) index serves it.
    case = models.ForeignKey(RecruitmentCase, null=True, on_delete=models.CASCADE, related_name="persons",
                             db_index=False)
    # DO_NOTHING: the services delete a job's rows explicitly (purge, discard); deleting a job
    # that still has people fails loudly instead of taking a pool with it.
    import_job = models.ForeignKey(ImportJob, null=True, on_delete=models.DO_NOTHING, related_name="+")
    person_key = models.CharField(max_length=64)
    household_key = models.CharField(max_length=64, blank=True)
    family_name = models.TextField()
    given_names = models.TextField(blank=True)
    doctoral_degree = models.TextField(blank=True)
    age = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=1, blank=True, choices=SEX_CHOICES)
    street = models.TextField(blank=True)
    house_number = models.TextField(blank=True)
    postcode = models.CharField(max_length=5, blank=True)
    town = models.TextField(blank=True)
    legal_representative = models.TextField(blank=True)

    # Never in the reference index (its usage listings would name people).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        constraints = [models.UniqueConstraint(fields=["case", "person_key"], name="recruitment_unique_person")]

    def __str__(self):
        # Deliberately no name: str() ends up in logs and error pages.
        return f"Person {self.pk}"

    @property
    def first_name(self):
        """The first of the given names: all the workshop team and the response page show."""
        return (self.given_names or "").split(" ")[0]


class Draw(models.Model):
    """One draw of a council: the protocol (no personal data). At most one is active per council."""

    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="draws")
    algorithm = models.CharField(_("Verfahren"), max_length=32)
    seed = models.CharField(_("Startwert (Seed)"), max_length=200)
    seed_source = models.CharField(_("Herkunft des Startwerts"), max_length=300)
    seed_generated = models.BooleanField(default=False)
    pool_fingerprint = models.CharField(_("Fingerabdruck des Pools"), max_length=64)
    pool_size = models.PositiveIntegerField(_("Personen im Pool"))
    result_fingerprint = models.CharField(_("Fingerabdruck des Ergebnisses"), max_length=64)
    min_age = models.PositiveSmallIntegerField()
    ages_on = models.DateField(null=True)
    household_rule = models.BooleanField(default=False)
    sex_balance = models.BooleanField(default=False)
    frozen_at = models.DateTimeField()
    drawn_at = models.DateTimeField(_("Ausgelost am"), default=timezone.now)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    voided_at = models.DateTimeField(_("Verworfen am"), null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    void_reason = models.TextField(_("Grund"), blank=True)

    class Meta:
        verbose_name = _("Ziehung")
        verbose_name_plural = _("Ziehungen")
        ordering = ["-drawn_at"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(voided_at__isnull=True),
                                               name="recruitment_one_active_draw")]

    def __str__(self):
        return f"{self.case} – {self.drawn_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self):
        return self.voided_at is None


class DrawCohort(models.Model):
    """A cohort as it was drawn (a snapshot: later edits of the cohorts do not change a draw)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="cohorts")
    sort_order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=40)
    min_age = models.PositiveSmallIntegerField()
    max_age = models.PositiveSmallIntegerField(null=True)
    seats = models.PositiveSmallIntegerField()
    pool_size = models.PositiveIntegerField()

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


class Placement(models.Model):
    """A person's place on a cohort's ranked list. The first ``seats`` are invited; declines are
    replaced by the next place on the same list."""

    # No separate index: the unique (draw_cohort, position) index serves it.
    draw_cohort = models.ForeignKey(DrawCohort, on_delete=models.CASCADE, related_name="placements",
                                    db_index=False)
    # DO_NOTHING: purges delete placements first, then people in one statement (fast for 250,000).
    person = models.ForeignKey(Person, on_delete=models.DO_NOTHING, related_name="placements")
    position = models.PositiveIntegerField()
    invited = models.BooleanField(default=False)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["draw_cohort", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw_cohort", "position"], name="recruitment_unique_position"),
        ]

    def __str__(self):
        return f"{self.draw_cohort} #{self.position}"


class Invitation(models.Model):
    """One invited person: the letter, the response code (hashed), the answer and what they need.

    The first ``seats`` places of every cohort's ranked list get an invitation when the draw is
    made; every replacement (Nachlosen) is a new invitation for the next place on the same list
    that has none yet. ``Placement.invited`` keeps recording the draw itself (the first places) and
    is not changed by replacements, so ``verify_draw`` stays meaningful.

    The response code is shown once, when the letter is made, and stored only as a SHA-256 hash
    (``code_hash``): a database copy does not let anyone answer for an invitee. Making a letter
    again issues a new code and the old one stops working.

    Holds personal data (contact, needs, consents): deleted with the pool by ``purge``.
    """

    PENDING, ACCEPTED, DECLINED, NO_ANSWER, VISITED = "pending", "accepted", "declined", "no_answer", "visited"
    MOVED_AWAY, UNREACHABLE, REPLACED = "moved_away", "unreachable", "replaced"
    STATUS_CHOICES = [
        (PENDING, _("offen")), (ACCEPTED, _("zugesagt")), (DECLINED, _("abgesagt")),
        (NO_ANSWER, _("keine Antwort")), (VISITED, _("besucht, noch offen")), (MOVED_AWAY, _("verzogen")),
        (UNREACHABLE, _("nicht erreichbar")), (REPLACED, _("ersetzt (nachgelost)")),
    ]
    #: Statuses in which the invitee may still answer with their code.
    OPEN_STATUSES = (PENDING, NO_ANSWER, VISITED)
    #: Statuses from which a manager may replace the invitee by the next place of the list.
    REPLACEABLE_STATUSES = (DECLINED, MOVED_AWAY, UNREACHABLE)

    LETTER, PHONE, DOOR, WEB = "letter", "phone", "door", "web"
    CHANNEL_CHOICES = [(LETTER, _("Brief")), (PHONE, _("Telefon")), (DOOR, _("Haustür")), (WEB, _("Internet"))]

    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="invitations")
    draw_cohort = models.ForeignKey(DrawCohort, on_delete=models.CASCADE, related_name="invitations")
    # DO_NOTHING: purge deletes invitations before placements (fast deletes of large lists).
    placement = models.OneToOneField(Placement, on_delete=models.DO_NOTHING, related_name="invitation")
    position = models.PositiveIntegerField()
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="replaced_by")
    status = models.CharField(_("Stand"), max_length=16, choices=STATUS_CHOICES, default=PENDING)
    status_before_replacement = models.CharField(max_length=16, blank=True, choices=STATUS_CHOICES)
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The reminder letter carries a second code; the first letter's code keeps working too.
    reminder_code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    letter_sent_at = models.DateTimeField(_("Brief erstellt am"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("Erinnerung erstellt am"), null=True, blank=True)
    visit_count = models.PositiveSmallIntegerField(_("Hausbesuche"), default=0)
    last_visit_at = models.DateTimeField(_("Letzter Hausbesuch"), null=True, blank=True)
    responded_at = models.DateTimeField(_("Antwort am"), null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(_("Antwort über"), max_length=8, choices=CHANNEL_CHOICES, blank=True)
    decline_reason = models.TextField(_("Grund der Absage"), blank=True)
    needs_accessibility = models.TextField(_("Barrierefreiheit"), blank=True)
    needs_dietary = models.TextField(_("Ernährung"), blank=True)
    needs_childcare = models.TextField(_("Kinderbetreuung"), blank=True)
    needs_travel = models.TextField(_("Anreise"), blank=True)
    needs_language = models.TextField(_("Sprache"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    consent_data = models.BooleanField(_("Einwilligung Datenverarbeitung"), default=False)
    consent_photo_website = models.BooleanField(_("Fotos: Website"), default=False)
    consent_photo_press = models.BooleanField(_("Fotos: Presse"), default=False)
    consent_photo_social = models.BooleanField(_("Fotos: soziale Medien"), default=False)
    consent_alumni = models.BooleanField(_("Alumni-Netzwerk"), default=False)
    # The workshop day.
    checked_in_at = models.DateTimeField(_("Angekommen um"), null=True, blank=True)
    no_show = models.BooleanField(_("Nicht erschienen"), default=False)
    travel_amount = models.DecimalField(_("Fahrtkosten (€)"), max_digits=7, decimal_places=2, null=True,
                                        blank=True)
    travel_paid_on = models.DateField(_("Fahrtkosten erstattet am"), null=True, blank=True)
    travel_note = models.CharField(_("Fahrtkosten: Vermerk"), max_length=200, blank=True,
                                   help_text=_("z. B. Verkehrsmittel, Belegnummer"))

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["draw_cohort__sort_order", "position"]

    def __str__(self):
        # Deliberately no name (see Person.__str__).
        return f"Invitation {self.pk}"

    @property
    def person(self):
        return self.placement.person

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_replaceable(self):
        return self.status in self.REPLACEABLE_STATUSES


class EvaluationToken(models.Model):
    """A single-use link to the anonymous questionnaire.

    Deliberately not linked to an invitation: a token says which council and which role (participant
    or MdB team), never who received it. Stored hashed like the response codes.
    """

    PARTICIPANT, MDB_TEAM = "participant", "mdb_team"
    ROLE_CHOICES = [(PARTICIPANT, _("Teilnehmende")), (MDB_TEAM, _("Team des MdB"))]

    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="evaluation_tokens")
    role = models.CharField(max_length=16, choices=ROLE_CHOICES)
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Zugang zur Evaluation")
        verbose_name_plural = _("Zugänge zur Evaluation")


class EvaluationResponse(models.Model):
    """One anonymous questionnaire: answers only, no person, no time of day (just the date)."""

    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="evaluation_responses")
    role = models.CharField(max_length=16, choices=EvaluationToken.ROLE_CHOICES)
    submitted_on = models.DateField(default=datetime.date.today)
    answers = models.JSONField(default=dict)  # {question key: 1..5}
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Evaluationsbogen")
        verbose_name_plural = _("Evaluationsbögen")


class Alumnus(models.Model):
    """A former participant who agreed to stay in touch (alumni network): kept after the purge.

    Holds only what the person gave with their consent: their names and the contact they entered.
    """

    wahlkreis = models.ForeignKey(Wahlkreis, verbose_name=_("Wahlkreis"), on_delete=models.PROTECT,
                                  related_name="+")
    council_key = models.UUIDField(help_text="translation_key of the council")
    council_title = models.CharField(_("Wahlkreisrat"), max_length=255)
    given_names = models.CharField(_("Vornamen"), max_length=255, blank=True)
    family_name = models.CharField(_("Nachname"), max_length=255)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    consented_at = models.DateTimeField(_("Einwilligung am"))
    created_at = models.DateTimeField(default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Alumna/Alumnus")
        verbose_name_plural = _("Alumni")
        ordering = ["wahlkreis__number", "family_name", "given_names"]

    def __str__(self):
        return f"Alumnus {self.pk}"
