"""Draws and their ranked lists: ``Draw`` (seed, fingerprints; kept after the purge), its cohorts and
the placements that link people to places (deleted with the people)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import RecruitmentCase
from .imports import Person


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
    # Stage one: letters per cohort apportioned over the municipalities (``logic.strata``).
    by_municipality = models.BooleanField(default=False)
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
    # No database constraint and no index: checking the one and filling the other cost a random
    # lookup per row, a third of a 250,000-person draw. The draw inserts only people it has just
    # read, every purge deletes placements first, and the lists are read by cohort and place (the
    # pool page's lookup of 50 people scans one draw's places, as its "invited" view always did).
    person = models.ForeignKey(Person, on_delete=models.DO_NOTHING, related_name="placements",
                               db_constraint=False, db_index=False)
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
