from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Website")

    def ready(self):
        from . import purge, search_index

        purge.connect()
        search_index.connect()
