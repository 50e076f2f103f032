from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The citizens' network (seed 004): places, micro-projects and sign-ups, without accounts."""

    name = "network"
    verbose_name = _("Bürgernetzwerk")
    default_auto_field = "django.db.models.BigAutoField"
