from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in security of the admin: second factor, login throttling, session and header policy."""

    name = "accounts"
    label = "accounts"
    verbose_name = _("Anmeldung und Sicherheit")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
