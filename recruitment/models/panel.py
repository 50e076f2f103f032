"""Two-stage selection: the volunteers of stage two (``Respondent``, personal data: deleted with
the pool) and the panel lotteries (``PanelSelection``: quotas, fingerprints, the published list of
equally likely panels and the drawn number)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import RecruitmentCase


class Respondent(models.Model):
    """A volunteer who said yes to the letter: a pseudonymous id and the features the panel is
    balanced on (``{"sex": "w", ...}``); ``household`` groups people who may not sit together."""

    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="respondents")
    respondent_id = models.CharField(_("Kennung"), max_length=100)
    features = models.JSONField(_("Merkmale"), default=dict)
    household = models.CharField(max_length=200, blank=True)
    # Stage one: the answer the volunteer came from (none for a CSV import).
    invitation = models.OneToOneField("recruitment.Invitation", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="respondent")
    created_at = models.DateTimeField(default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Rückmeldung (zweistufig)")
        verbose_name_plural = _("Rückmeldungen (zweistufig)")
        ordering = ["respondent_id"]
        constraints = [models.UniqueConstraint(fields=["case", "respondent_id"],
                                               name="recruitment_unique_respondent")]

    def __str__(self):
        return self.respondent_id


class PanelSelection(models.Model):
    """One panel lottery of a council. At most one is active per council."""

    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="panel_selections")
    algorithm = models.CharField(_("Verfahren"), max_length=32)
    method = models.CharField(_("Methode"), max_length=16)
    seed = models.CharField(_("Startwert (Seed)"), max_length=200)
    seed_source = models.CharField(_("Herkunft des Startwerts"), max_length=300, blank=True)
    seats = models.PositiveSmallIntegerField(_("Plätze"))
    panel_count = models.PositiveIntegerField(_("Anzahl gleich wahrscheinlicher Panels"))
    household_rule = models.BooleanField(default=False)
    quotas = models.JSONField(default=list)  # [[feature, value, min, max], ...]
    respondent_count = models.PositiveIntegerField()
    respondents_fingerprint = models.CharField(max_length=64)
    quotas_fingerprint = models.CharField(max_length=64)
    panels_fingerprint = models.CharField(max_length=64)
    result_fingerprint = models.CharField(max_length=64)
    panels = models.JSONField(default=list)  # N lists of pseudonymous ids
    number = models.PositiveIntegerField(_("Gezogene Nummer"))
    chosen = models.JSONField(default=list)
    min_probability = models.CharField(max_length=40)  # exact, "110/1000"
    distinct_panels = models.PositiveIntegerField()
    replacements = models.JSONField(default=list)  # [{"dropout", "replacement", "at"}]
    frozen_at = models.DateTimeField()
    drawn_at = models.DateTimeField(default=timezone.now)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Panel-Losung")
        verbose_name_plural = _("Panel-Losungen")
        ordering = ["-drawn_at"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(voided_at__isnull=True),
                                               name="recruitment_one_active_panel")]

    def __str__(self):
        return f"{self.case} – {self.number}/{self.panel_count}"
