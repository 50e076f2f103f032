"""Public pages of the network that are not Wagtail pages, inside i18n_patterns (config/urls.py):
/de/netzwerk/… and /en/network/…. None of them is page-cached (they carry forms or secret links)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "network"

urlpatterns = [
    path(_("netzwerk/mikroprojekt-beantragen/"), views.apply, name="apply"),
    path(_("netzwerk/mikroprojekt-beantragen/danke/"), views.apply_done, name="apply_done"),
    path(_("netzwerk/projekte/<int:page_id>/andocken/"), views.dock_on, name="dock_on"),
    path(_("netzwerk/anmelden/<slug:slug>/"), views.signup, name="signup"),
    path(_("netzwerk/bestaetigen/<str:token>/"), views.confirm, name="confirm"),
    path(_("netzwerk/abmelden/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
