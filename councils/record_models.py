"""The aggregates the private side publishes for a council (shape: councils.records)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicRecord(models.Model):
    """Aggregates the private side publishes for a council (shared by all its translations).

    Written only by `recruitment`; never holds a person.
    """

    council_key = models.UUIDField(unique=True, default=uuid.uuid4, help_text="translation_key of the council")
    participant_count = models.PositiveSmallIntegerField(null=True, blank=True)
    composition = models.JSONField(default=dict, blank=True)  # {cohort: {sex: count}}
    draw_protocol = models.JSONField(default=dict, blank=True)
    # Aggregated evaluation results, set when the regional manager publishes them (empty: not published).
    evaluation = models.JSONField(default=dict, blank=True)
    # Two-stage selection: the commitment published when the respondents are frozen, then the lottery.
    panel = models.JSONField(default=dict, blank=True)

    class Meta:
        app_label = "councils"
        verbose_name = _("Öffentliche Kennzahlen")

    @classmethod
    def for_council(cls, council):
        return cls.objects.filter(council_key=council.translation_key).first()
