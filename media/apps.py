import mimetypes

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    # The package is `media`; an explicit label keeps it apart from MEDIA_ROOT/"media" ideas.
    name = "media"
    label = "site_media"
    verbose_name = _("Medien")

    def ready(self):
        # Caption files must be served as text/vtt (Python 3.11 does not know the extension).
        mimetypes.add_type("text/vtt", ".vtt")
