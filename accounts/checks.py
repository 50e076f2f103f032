"""System checks for settings an operator could get dangerously wrong."""

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Backends that never deliver: mail (with names and addresses) would end up in the logs or nowhere.
NON_DELIVERING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security)
def email_backend_delivers(app_configs, **kwargs):
    if settings.EMAIL_BACKEND in NON_DELIVERING_EMAIL_BACKENDS and not settings.ALLOW_CONSOLE_EMAIL:
        return [Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: mail would be printed or dropped, not sent.",
            hint="Configure EMAIL_HOST (SMTP) or EMAIL_BACKEND with a provider, or set ALLOW_CONSOLE_EMAIL=1 "
                 "for a test installation.",
            id="accounts.E001",
        )]
    return []
