"""Public response page; included inside i18n_patterns (config/urls.py): /de/antwort/, /en/response/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import public_views

app_name = "recruitment_public"

urlpatterns = [
    path(_("antwort/"), public_views.code_entry, name="code"),
    path(_("antwort/danke/"), public_views.done, name="done"),
    path(_("antwort/<str:code>/"), public_views.respond, name="respond"),
]
