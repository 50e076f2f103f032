"""Invitations of a draw: status, codes (hashed), the answer, visits, check-in and travel costs."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import RecruitmentCase
from .draw import DrawCohort, Placement

#: Who is younger needs a guardian's consent to photos (ages are counted on the workshop day).
ADULT_AGE = 18


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
    # Two-stage: the self-described features for the panel's quotas, and the consent to use them.
    panel_features = models.JSONField(_("Angaben für die Quoten"), default=dict, blank=True)
    consent_panel = models.BooleanField(_("Einwilligung Angaben für die Quoten"), default=False)
    # The photo consent as a record of the media app (kept there for the pictures of the day; a
    # withdrawal goes through media: Consent.withdraw). SET_NULL: the record may outlive this row.
    photo_consent = models.OneToOneField("site_media.Consent", verbose_name=_("Foto-Einwilligung"), null=True,
                                         blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
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
    def is_minor(self):
        """Under 18 on the day of the workshop (the register ages are counted on that day)."""
        return self.placement.person.age < ADULT_AGE

    @property
    def has_photo_consent(self):
        """A photo consent record that allows at least one use today (not withdrawn, not expired)."""
        return self.photo_consent_id is not None and self.photo_consent.allows_any_use()

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_replaceable(self):
        return self.status in self.REPLACEABLE_STATUSES
