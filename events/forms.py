"""Public forms: registration (no account) and local challenges."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Challenge, Registration


class RegistrationForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und bin einverstanden, dass meine Angaben für diese "
                "Veranstaltung verarbeitet und danach gelöscht werden."), required=True)
    # a field people don't see; bots fill it in
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "role", "neighbourhood", "interest", "accessibility",
                  "wants_to_moderate"]
        labels = {
            "organisation": _("Organisation (freiwillig)"),
            "role": _("Funktion oder Rolle (freiwillig)"),
            "neighbourhood": _("Stadtteil oder Ort (freiwillig, für die Kleingruppen)"),
            "interest": _("Was interessiert Sie besonders? (freiwillig)"),
            "accessibility": _("Was brauchen Sie, um gut teilnehmen zu können? (freiwillig)"),
            "wants_to_moderate": _("Ich kann eine Kleingruppe moderieren."),
        }
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}

    def cleaned_registration(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return data


class ChallengeForm(forms.ModelForm):
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Challenge
        fields = ["kind", "title", "description", "neighbourhood", "submitted_by", "contact_email"]
        labels = {
            "kind": _("Was möchten Sie einreichen?"),
            "submitted_by": _("Name oder Organisation (wird mit veröffentlicht, freiwillig)"),
            "contact_email": _("E-Mail für Rückfragen (nicht öffentlich, freiwillig)"),
        }
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}

    def cleaned_challenge(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BallotForm(forms.Form):
    """One select per place: 1st, 2nd, ... (works without JavaScript)."""

    def __init__(self, topics, current=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–")] + [(str(t.pk), t.title) for t in topics]
        current = current or []
        for place in range(1, len(topics) + 1):
            initial = str(current[place - 1]) if place <= len(current) else ""
            self.fields[f"place_{place}"] = forms.ChoiceField(
                label=_("Platz %(place)s") % {"place": place}, choices=choices, required=False, initial=initial)

    def ranking(self):
        return [int(self.cleaned_data[name]) for name in self.fields if self.cleaned_data.get(name)]
