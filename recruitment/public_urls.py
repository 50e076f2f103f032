"""Public response page; included inside i18n_patterns (config/urls.py): /de/antwort/, /en/response/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import public_evaluation_views, public_views

app_name = "recruitment_public"

urlpatterns = [
    path(_("antwort/"), public_views.code_entry, name="code"),
    path(_("antwort/danke/"), public_views.done, name="done"),
    path(_("antwort/<str:code>/"), public_views.respond, name="respond"),
    path(_("bewertung/"), public_evaluation_views.code_entry, name="evaluation_code"),
    path(_("bewertung/danke/"), public_evaluation_views.done, name="evaluation_done"),
    path(_("bewertung/<str:token>/"), public_evaluation_views.questionnaire, name="evaluation_form"),
]
