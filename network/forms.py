"""Public forms of the network: micro-project application, dock-on request, sign-up."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DockOnRequest, MicroProjectApplication, PlacePage

BUDGET_ROWS = 5
MAX_GRANT = Decimal("2000")


class ApplicationForm(forms.ModelForm):
    privacy = forms.BooleanField(label=_("Ich habe die Datenschutzhinweise gelesen und bin einverstanden, dass "
                                         "meine Angaben für die Prüfung des Antrags gespeichert werden."))

    class Meta:
        model = MicroProjectApplication
        fields = ["applicant_name", "applicant_email", "organisation", "place", "place_text", "title", "idea",
                  "partners", "publish_name_consent"]
        widgets = {"idea": forms.Textarea(attrs={"rows": 6}), "partners": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        places = PlacePage.objects.live().public().order_by("title")
        if locale is not None:
            places = places.filter(locale=locale)
        self.fields["place"].queryset = places
        self.fields["place"].empty_label = _("– anderer Ort –")
        for i in range(BUDGET_ROWS):
            self.fields[f"budget_item_{i}"] = forms.CharField(label=_("Posten %(n)s") % {"n": i + 1},
                                                              max_length=160, required=False)
            self.fields[f"budget_amount_{i}"] = forms.DecimalField(
                label=_("Betrag %(n)s (€)") % {"n": i + 1}, min_value=0, max_digits=9, decimal_places=2,
                required=False)

    def budget_rows(self):
        return [(self[f"budget_item_{i}"], self[f"budget_amount_{i}"]) for i in range(BUDGET_ROWS)]

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("place_text"):
            self.add_error("place_text", _("Bitte wählen Sie einen Ort oder nennen Sie ihn."))
        lines = []
        for i in range(BUDGET_ROWS):
            item, amount = data.get(f"budget_item_{i}"), data.get(f"budget_amount_{i}")
            if item and amount is None:
                self.add_error(f"budget_amount_{i}", _("Bitte geben Sie einen Betrag an."))
            elif amount is not None and not item:
                self.add_error(f"budget_item_{i}", _("Bitte benennen Sie den Posten."))
            elif item:
                lines.append((item, amount))
        if not lines:
            self.add_error(None, _("Bitte geben Sie mindestens einen Kostenposten an."))
        elif sum(a for _, a in lines) > MAX_GRANT:
            self.add_error(None, _("Mikroprojekte werden mit höchstens %(max)s € gefördert.") % {"max": MAX_GRANT})
        data["budget_lines"] = lines
        return data


class DockOnForm(forms.ModelForm):
    privacy = forms.BooleanField(label=_("Ich bin einverstanden, dass Name, E-Mail und Ort an die Ansprechperson "
                                         "des Projekts weitergegeben werden."))

    class Meta:
        model = DockOnRequest
        fields = ["name", "email", "place_text", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail"))
    name = forms.CharField(label=_("Name (freiwillig)"), max_length=120, required=False)
    privacy = forms.BooleanField(label=_("Ich möchte E-Mails über diesen Verteiler bekommen und kann mich jederzeit "
                                         "mit einem Klick abmelden."))


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(label=_("Bewertung"), coerce=int,
                                   choices=[(n, str(n)) for n in range(1, 6)])
    comment = forms.CharField(label=_("Kommentar (nur für die Jury)"), required=False, widget=forms.Textarea)


class ConflictForm(forms.Form):
    note = forms.CharField(label=_("Art des Konflikts (freiwillig)"), max_length=200, required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Entscheidung"), choices=[("funded", _("Fördern")),
                                                                    ("rejected", _("Nicht fördern"))])
    granted_amount = forms.DecimalField(label=_("Bewilligter Betrag (€)"), required=False, min_value=0)
