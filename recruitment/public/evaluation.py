"""The anonymous evaluation questionnaire: ``/de/bewertung/`` (and its English twin).

``bewertung/`` asks for the access code from the e-mail or the printed sheet;
``bewertung/<token>/`` (the link) shows the council's title and the questions of the token's role
(participants or the MdB's team); ``bewertung/danke/`` thanks.

- Nothing on these pages or in what they store names a person: the token is not linked to anyone,
  the response is not linked to the token (see ``evaluation``).
- Wrong, malformed and used codes get one neutral message. Failed attempts count against the
  same per-IP limit as the response page (``code_entry``), then HTTP 429.
- CSRF protected, no JavaScript, never cached, not indexed, no referrer (the link holds the code).
"""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from ..logic import codes
from ..services import evaluation
from ..services.audit import RecruitmentError
from .code_entry import CodeEntry, council_for_display

INVALID_MESSAGE = _("Dieser Zugangscode ist nicht (mehr) gültig. Jeder Code gilt für einen Fragebogen. Bitte "
                    "prüfen Sie die Eingabe oder wenden Sie sich an die Kontaktadresse in Ihrer Einladung.")
NO_ANSWER = "na"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Ihr Zugangscode"), max_length=40, strip=True,
        help_text=_("Sie finden ihn in der E-Mail oder auf dem Zettel zur Evaluation, z. B. ABCD-EFGH-JKMNP. "
                    "Groß- und Kleinschreibung egal."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false"}))


class RatingSelect(forms.RadioSelect):
    """Radio buttons whose field id is the first option's, so the error summary can link to it."""

    def id_for_label(self, id_, index="0"):
        return forms.widgets.ChoiceWidget.id_for_label(self, id_, index)


class QuestionnaireForm(forms.Form):
    """One required rating per question (with "keine Angabe"), and an optional comment."""

    def __init__(self, *args, role, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(value), f"{value} – {gettext(label)}") for value, label in evaluation.SCALE]
        choices.append((NO_ANSWER, _("keine Angabe")))
        for key, text in evaluation.questions(role):
            self.fields[f"q_{key}"] = forms.ChoiceField(
                label=gettext(text), choices=choices, widget=RatingSelect,
                error_messages={"required": _("Bitte wählen Sie eine Antwort oder „keine Angabe“.")})
        self.fields["comment"] = forms.CharField(
            label=_("Was möchten Sie uns noch sagen? (freiwillig)"), required=False,
            max_length=evaluation.MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Bitte nennen Sie keine Namen. Ihr Kommentar wird nicht veröffentlicht."))
        self.role = role

    def ratings(self):
        return [self[name] for name in self.fields if name.startswith("q_")]

    def answers(self):
        return {name[2:]: int(value) for name, value in self.cleaned_data.items()
                if name.startswith("q_") and value != NO_ANSWER}


token_code = CodeEntry(TokenForm, "token", "recruitment/public/evaluation_code.html", INVALID_MESSAGE,
                       evaluation.find_open_token, "recruitment_public:evaluation_form")


@never_cache
def code_entry(request):
    """Step 1: the form for the access code; a valid one leads to the questionnaire."""
    return token_code.view(request)


@never_cache
def questionnaire(request, token):
    """Step 2: the questionnaire of one token (the target of the e-mailed link)."""
    found, refusal = token_code.lookup(request, token)
    if refusal is not None:
        return refusal
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, role=found.role)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation.submit(token, form.answers(), form.cleaned_data["comment"], role=found.role)
        except RecruitmentError:
            return token_code.invalid(request)
        return redirect(reverse("recruitment_public:evaluation_done"))
    return render(request, "recruitment/public/evaluation_form.html", {
        "form": form,
        "token": codes.formatted(codes.normalise(token)),
        "council": council_for_display(found.case),
        "is_team": found.role == evaluation.MDB_TEAM,
        "min_responses": evaluation.MIN_RESPONSES,
    })


@never_cache
def done(request):
    """Step 3: thanks. The same page for everyone: it stores and shows nothing about the answer."""
    return render(request, "recruitment/public/evaluation_done.html")
