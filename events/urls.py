"""Public URLs of the events app, inside i18n_patterns: the personal registration page and iCal."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "events"

urlpatterns = [
    path(_("anmeldung/<str:token>/"), views.registration, name="registration"),
    path(_("kalender/veranstaltung/<int:page_id>.ics"), views.event_ics, name="event_ics"),
]
