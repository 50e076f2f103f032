"""Public pages of the private side, inside i18n_patterns (config/urls.py): /de/antwort/ and
/de/bewertung/ with their English twins (/en/response/, /en/evaluation/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import evaluation, responses

app_name = "recruitment_public"

urlpatterns = [
    path(_("antwort/"), responses.code_entry, name="code"),
    path(_("antwort/danke/"), responses.done, name="done"),
    path(_("antwort/<str:code>/"), responses.respond, name="respond"),
    path(_("bewertung/"), evaluation.code_entry, name="evaluation_code"),
    path(_("bewertung/danke/"), evaluation.done, name="evaluation_done"),
    path(_("bewertung/<str:token>/"), evaluation.questionnaire, name="evaluation_form"),
]
