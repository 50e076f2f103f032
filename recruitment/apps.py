from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """The private side: register data, the draw, invitations.

    Public apps never import this one; data flows from here to the public side only.
    """

    name = "recruitment"
    label = "recruitment"
    verbose_name = _("Auslosung und Einladung")
