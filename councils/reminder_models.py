"""The record of follow-up reminders sent (councils/reminders.py), so a daily cron job sends each once.

Imported by councils/models.py so that Django and the migrations see the model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .logic.reminders import DUE_SOON, OVERDUE


class FollowUpReminder(models.Model):
    """One reminder e-mail about one council's follow-up (shared by all translations of the council)."""

    KIND_CHOICES = [(DUE_SOON, _("bald fällig")), (OVERDUE, _("überfällig"))]

    council_key = models.UUIDField(help_text="translation_key of the council")
    council = models.ForeignKey("councils.CouncilPage", verbose_name=_("Wahlkreisrat"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("Art"), max_length=16, choices=KIND_CHOICES)
    # A moved workshop moves the due date: reminders are per due date.
    due = models.DateField(_("Rückmeldung fällig am"))
    sent_at = models.DateTimeField(_("versandt am"), auto_now_add=True)
    recipient_count = models.PositiveSmallIntegerField(_("Empfänger"), default=0)

    class Meta:
        verbose_name = _("Erinnerung an eine Rückmeldung")
        verbose_name_plural = _("Erinnerungen an Rückmeldungen")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["council_key", "kind", "due"],
                                               name="one_followup_reminder_per_kind_and_due_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due:%Y-%m-%d} ({self.council_key})"
