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

    FIELDS = ("id", "participant_count", "composition", "draw_protocol", "evaluation", "panel")

    @classmethod
    def for_council(cls, council):
        """The council's record; no query when the council was read with ``annotations_for_council()``."""
        if f"record_{cls.FIELDS[0]}" in council.__dict__:
            if council.record_id is None:
                return None
            return cls(council_key=council.translation_key,
                       **{field: getattr(council, f"record_{field}") for field in cls.FIELDS})
        return cls.objects.filter(council_key=council.translation_key).first()

    @classmethod
    def annotations_for_council(cls):
        """Annotations for a council queryset: its record's fields as ``record_<field>``."""
        record = cls.objects.filter(council_key=models.OuterRef("translation_key"))
        return {f"record_{field}": models.Subquery(record.values(field)[:1]) for field in cls.FIELDS}
