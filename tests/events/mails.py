"""Reading the personal links out of the mails the tests receive (locmem outbox)."""

import re

from django.core import mail

LINK = re.compile(r"https?://\S+/(?:de/anmeldung|en/registration)/[^/\s]+/")


def links(message):
    return LINK.findall(message.body)


def last_link(to):
    """The personal link in the newest mail to `to`, as a path."""
    for message in reversed(mail.outbox):
        if to in message.to:
            return "/" + links(message)[0].split("/", 3)[3]
    raise AssertionError(f"no mail to {to}")


def mails_to(to):
    return [m for m in mail.outbox if to in m.to]
