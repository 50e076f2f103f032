"""Registrants of an event and the small groups they work in. Personal data: never on a public page, in
a log line or the search index; visible only to the event's organisers; deleted after the event
(`purge_event_registrations`, setting EVENTS_PURGE_DAYS).

A registration is reached only through its personal link: a token signed with the site's secret key
(django.core.signing) that names the registration and its random `nonce`. A forged token fails the
signature; a token of a deleted registration finds nothing. Every mail carries the same link, so a
reminder can still offer the cancellation.
"""

import secrets

from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_SALT = "events.registration"


def new_nonce():
    return secrets.token_urlsafe(16)


class RegistrationQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(status=Registration.CONFIRMED)

    def by_token(self, token):
        """The registration of a personal link token, or None (forged, malformed or deleted)."""
        if not token or len(token) > 200:
            return None
        try:
            pk, nonce = signing.loads(token, salt=TOKEN_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        registration = self.filter(pk=pk).select_related("event").first()
        if registration is None or not secrets.compare_digest(registration.nonce, str(nonce)):
            return None
        return registration


class SmallGroup(models.Model):
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="small_groups")
    number = models.PositiveSmallIntegerField(_("Nummer"))
    topic = models.CharField(_("Thema"), max_length=200, blank=True)
    result = models.TextField(_("Ergebnis"), blank=True)

    class Meta:
        ordering = ["event", "number"]
        unique_together = [("event", "number")]
        verbose_name = _("Kleingruppe")
        verbose_name_plural = _("Kleingruppen")

    def __str__(self):
        return _("Gruppe %(number)s") % {"number": self.number}


class Registration(models.Model):
    PENDING, CONFIRMED, WAITING, CANCELLED = "pending", "confirmed", "waiting", "cancelled"
    STATUSES = [
        (PENDING, _("unbestätigt")),
        (CONFIRMED, _("bestätigt")),
        (WAITING, _("Warteliste")),
        (CANCELLED, _("abgesagt")),
    ]

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    neighbourhood = models.CharField(_("Stadtteil oder Ort"), max_length=200, blank=True)
    interest = models.CharField(_("Interesse"), max_length=200, blank=True)
    accessibility = models.TextField(_("Barrierefreiheit"), blank=True)
    wants_to_moderate = models.BooleanField(_("möchte moderieren"), default=False)
    is_moderator = models.BooleanField(_("Moderation"), default=False)
    language = models.CharField(max_length=10, default="de")
    status = models.CharField(_("Stand"), max_length=20, choices=STATUSES, default=PENDING)
    nonce = models.CharField(max_length=40, default=new_nonce)
    created_at = models.DateTimeField(auto_now_add=True)
    consent_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)  # the e-mail confirmed: the queue order
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    group = models.ForeignKey(SmallGroup, verbose_name=_("Kleingruppe"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="members")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "confirmed_at", "created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")

    def __str__(self):  # never the name: this string may end up in logs and admin messages
        return _("Anmeldung %(pk)s") % {"pk": self.pk}

    @property
    def token(self):
        """The personal link token (signed; see the module docstring)."""
        return signing.dumps([self.pk, self.nonce], salt=TOKEN_SALT, compress=True)
