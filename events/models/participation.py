"""Local challenges collected before a conference, and the priority ballot of a network congress.

Challenges are moderated: a submission waits (SUBMITTED) until an organiser approves it; only approved
ones appear on the event page. The event's organisers (and EVENTS_MODERATION_EMAILS) get a mail with the
link to the moderation page for every submission. The submitter's contact is private and deleted with
the registrants.

Why not Wagtail's moderation workflow (a snippet with DraftStateMixin/RevisionMixin/WorkflowMixin): its
tasks go to fixed groups for all objects of a model (GroupApprovalTask), and the snippet listing shows
every challenge, with the submitters' contacts, to anyone with the model's permissions. Here each
event's own organiser group moderates its own challenges and nobody else sees them, as for the
registrations (events/organisers.py). A per-event task type and a scoped snippet listing would rebuild
that scoping inside Wagtail's workflow for a two-state decision (approve or reject); the submitter has
no draft to revise. So the state stays here, with the notification mail and an audit entry per decision.

A ballot is secret: it is stored under `voter_key`, an HMAC of the registration with the site's secret
key, so it cannot be linked to a person from the database, yet the same registration finds (and may
change) its ballot until the deadline. The ranking is a list of topic ids, best first.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Challenge(models.Model):
    PROBLEM, OFFER = "problem", "offer"
    KINDS = [(PROBLEM, _("Herausforderung")), (OFFER, _("Hilfsangebot"))]
    SUBMITTED, APPROVED, REJECTED = "submitted", "approved", "rejected"
    STATES = [(SUBMITTED, _("eingereicht")), (APPROVED, _("freigegeben")), (REJECTED, _("abgelehnt"))]

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="challenges")
    kind = models.CharField(_("Art"), max_length=20, choices=KINDS, default=PROBLEM)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    neighbourhood = models.CharField(_("Stadtteil oder Ort"), max_length=200, blank=True)
    submitted_by = models.CharField(_("Eingereicht von (Organisation, öffentlich)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("Kontakt (nicht öffentlich)"), blank=True)
    state = models.CharField(_("Moderation"), max_length=20, choices=STATES, default=SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True)
    groups = models.ManyToManyField("events.SmallGroup", verbose_name=_("Bearbeitet von"), blank=True,
                                    related_name="challenges")
    matches = models.ManyToManyField("self", verbose_name=_("Passende Angebote"), blank=True, symmetrical=True)

    class Meta:
        ordering = ["event", "kind", "created_at", "pk"]
        verbose_name = _("Lokale Herausforderung")
        verbose_name_plural = _("Lokale Herausforderungen")

    def __str__(self):
        return self.title


class Topic(models.Model):
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["event", "sort_order", "pk"]
        verbose_name = _("Thema der Prioritätenliste")
        verbose_name_plural = _("Themen der Prioritätenliste")

    def __str__(self):
        return self.title


def voter_key(registration):
    message = f"ballot:{registration.event_id}:{registration.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class Ballot(models.Model):
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(max_length=64)
    ranking = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("event", "voter_key")]
        verbose_name = _("Stimmzettel")
        verbose_name_plural = _("Stimmzettel")


class BallotResult(models.Model):
    """The organisers published the priority list of this event (the counts are computed when shown)."""

    event = models.OneToOneField("events.EventPage", on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Veröffentlichte Prioritätenliste")
