"""The anonymous evaluation: tokens that know no recipient, responses that know no token."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import RecruitmentCase


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
