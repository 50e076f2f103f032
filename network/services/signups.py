"""Sign-ups without an account: double opt-in by e-mail, one-click unsubscribe (RFC 8058), the
list mailings with their List-Unsubscribe headers, and the audit-logged export per list."""

import csv
import datetime
import io

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..logic.tokens import new_token, token_hash
from ..models import Subscription
from .audit import ACTION_EXPORTED, NetworkError, audit

#: How long a confirmation link stays valid.
CONFIRM_WITHIN = datetime.timedelta(days=7)


def absolute(path):
    return settings.NETWORK_BASE_URL.rstrip("/") + path


@transaction.atomic
def subscribe(mailing_list, email, name=""):
    """Start (or restart) the double opt-in: a new secret link goes to `email`. A confirmed address
    stays confirmed and gets no mail, so the form does not reveal who is on a list."""
    if not mailing_list.is_open:
        raise NetworkError(_("Für diesen Verteiler kann man sich zurzeit nicht anmelden."))
    email = email.strip().lower()
    existing = Subscription.objects.select_for_update().filter(mailing_list=mailing_list, email=email).first()
    if existing and existing.state == Subscription.CONFIRMED:
        return existing
    token, hashed = new_token()
    subscription = existing or Subscription(mailing_list=mailing_list, email=email)
    subscription.name, subscription.state, subscription.token_hash = name, Subscription.PENDING, hashed
    subscription.unsubscribed_at = None
    subscription.created_at = timezone.now()
    subscription.save()
    if existing:  # auto_now_add ignores assignments on update
        Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now())
    confirm_url = absolute(reverse("network:confirm", args=[token]))
    body = render_to_string("network/email/confirm.txt", {"list": mailing_list, "url": confirm_url,
                                                          "days": CONFIRM_WITHIN.days})
    message = EmailMessage(_("Bitte bestätigen Sie Ihre Anmeldung: %(list)s") % {"list": mailing_list.label},
                           body, settings.DEFAULT_FROM_EMAIL, [email])
    transaction.on_commit(message.send)
    return subscription


def find(token):
    """The subscription of a link's token, or NetworkError (forged or used up)."""
    subscription = Subscription.objects.select_related("mailing_list").filter(token_hash=token_hash(token)).first()
    if subscription is None:
        raise NetworkError(_("Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben."))
    return subscription


@transaction.atomic
def confirm(token):
    subscription = find(token)
    if subscription.state == Subscription.UNSUBSCRIBED:
        raise NetworkError(_("Sie haben sich von diesem Verteiler abgemeldet. Melden Sie sich bitte neu an."))
    if subscription.state == Subscription.PENDING:
        if timezone.now() - subscription.created_at > CONFIRM_WITHIN:
            raise NetworkError(_("Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich noch einmal an."))
        subscription.state, subscription.confirmed_at = Subscription.CONFIRMED, timezone.now()
        subscription.save(update_fields=["state", "confirmed_at"])
    return subscription


@transaction.atomic
def unsubscribe(token):
    """Unsubscribe at once; the address is kept only as "abgemeldet" so no mail goes out again."""
    subscription = find(token)
    if subscription.state != Subscription.UNSUBSCRIBED:
        subscription.state, subscription.unsubscribed_at = Subscription.UNSUBSCRIBED, timezone.now()
        subscription.name = ""
        subscription.save(update_fields=["state", "unsubscribed_at", "name"])
    return subscription


def send_mailing(mailing_list, subject, body):
    """Send a mailing to every confirmed address, each with its own unsubscribe link in the text and
    in the List-Unsubscribe header (with List-Unsubscribe-Post for one-click, RFC 8058). Every mail
    gets a fresh token, so older links keep the same subscription but a leaked list gives no access."""
    sent = 0
    for subscription in mailing_list.subscriptions.filter(state=Subscription.CONFIRMED):
        token, hashed = new_token()
        Subscription.objects.filter(pk=subscription.pk).update(token_hash=hashed)
        url = absolute(reverse("network:unsubscribe", args=[token]))
        text = f"{body}\n\n-- \n" + _("Abmelden mit einem Klick: %(url)s") % {"url": url}
        EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [subscription.email], headers={
            "List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{mailing_list.slug}.{settings.NETWORK_LIST_DOMAIN}",
        }).send()
        sent += 1
    return sent


def may_export(user, mailing_list):
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (user.has_perm("network.export_subscribers")
            and mailing_list.managers.filter(pk__in=user.groups.values("pk")).exists())


def export_csv(mailing_list, user):
    """CSV of the confirmed (consenting) contacts of one list; logged with the count."""
    if not may_export(user, mailing_list):
        raise NetworkError(_("Sie dürfen diesen Verteiler nicht exportieren."))
    rows = list(mailing_list.subscriptions.filter(state=Subscription.CONFIRMED).order_by("email")
                .values_list("email", "name", "confirmed_at"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "name", "confirmed_at"])
    for email, name, confirmed_at in rows:
        writer.writerow([email, name, confirmed_at.isoformat() if confirmed_at else ""])
    audit(mailing_list, ACTION_EXPORTED, user, count=len(rows))
    return out.getvalue(), len(rows)
