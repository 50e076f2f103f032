from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    label = "councils"
    verbose_name = _("Wahlkreisräte")

    def ready(self):
        # Connects the signal that mirrors team permissions onto new translations of a council;
        # wagtail_hooks is loaded lazily, management commands would miss it.
        from . import teams  # noqa: F401
