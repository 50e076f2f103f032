from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from councils.models import CouncilPage

from .logic import stage_one
from .logic.registry import missing_fields
from .models import RecruitmentCase
from .permissions import is_superuser, managed_wahlkreis_ids
from .services import cases, draw
from .services.audit import RecruitmentError
from .services.photo_consent import PHOTO_FIELDS

#: The register fields a manager can map, in the order shown (citizenship is never read).
FIELD_CHOICES = [
    ("family_name", _("Familienname")),
    ("given_names", _("Vornamen")),
    ("doctoral_degree", _("Doktorgrad")),
    ("birth_date", _("Geburtsdatum")),
    ("birth_year", _("Geburtsjahr")),
    ("age", _("Alter")),
    ("sex", _("Geschlecht")),
    ("street", _("Straße")),
    ("house_number", _("Hausnummer")),
    ("house_number_suffix", _("Hausnummernzusatz")),
    ("address", _("Anschrift (Straße und Hausnummer)")),
    ("postcode", _("Postleitzahl")),
    ("town", _("Wohnort")),
    ("legal_representative", _("Gesetzliche Vertretung")),
]
FIELD_LABELS = dict(FIELD_CHOICES)
MISSING_LABELS = {
    "family_name": _("Familienname"),
    "given_names": _("Vornamen"),
    "postcode": _("Postleitzahl"),
    "birth_date|birth_year|age": _("Geburtsdatum, Geburtsjahr oder Alter"),
    "street|address": _("Straße oder Anschrift"),
}
LOCKED_WHEN_DRAWN = ("seats", "min_age", "household_rule", "sex_balance", "sample_size")


def column_name(index):
    """0 → "A", 25 → "Z", 26 → "AA" (as spreadsheets name columns)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def councils_for_user(user):
    queryset = CouncilPage.objects.filter(locale=Locale.get_default()).select_related("wahlkreis")
    if not is_superuser(user):
        queryset = queryset.filter(wahlkreis_id__in=managed_wahlkreis_ids(user))
    return queryset.order_by("-date")


class CaseForm(WagtailAdminModelForm):
    """Settings and cohorts of a council's draw. Councils are limited to the user's constituencies;
    cohorts, seats and rules are locked while a draw is active."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "council" in self.fields:
            taken = RecruitmentCase.objects.exclude(pk=self.instance.pk).values_list("council_key", flat=True)
            self.fields["council"] = forms.ModelChoiceField(
                queryset=councils_for_user(for_user).exclude(translation_key__in=taken),
                label=_("Wahlkreisrat"), widget=forms.Select,
                help_text=_("Nur Wahlkreisräte in Ihren Wahlkreisen."),
            )
            if self.instance.pk:
                self.fields["council"].disabled = True
                self.fields["council"].required = False
        if "retention_date" in self.fields:
            # The ceiling comes from the settings (not the model: no migration when it changes).
            self.fields["retention_date"].help_text = _(
                "Leer: drei Monate nach dem Workshop. Danach werden die Personendaten automatisch gelöscht. "
                "Höchstens %(months)d Monate nach dem Workshop.") % {"months": settings.RECRUITMENT_RETENTION_MAX_MONTHS}
        self.is_drawn = bool(self.instance.pk and self.instance.draws.filter(voided_at__isnull=True).exists())
        if self.is_drawn:
            for name in LOCKED_WHEN_DRAWN:
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean_panel_features(self):
        text = self.cleaned_data.get("panel_features", "")
        try:
            stage_one.parse_features(text)
        except stage_one.ConfigError as exc:
            raise ValidationError(_("Zeile %(line)s: bitte „Merkmal: Wert; Wert; …“ mit mindestens zwei "
                                    "verschiedenen Werten; nicht „Alter“ oder „Geschlecht“, kein Name doppelt.")
                                  % {"line": exc.line}) from None
        return text

    def is_valid(self):
        if not super().is_valid():
            return False
        formset = self.formsets.get("cohorts")
        if formset is None:
            return True
        if self.is_drawn and formset.has_changed():
            self.add_error(None, _("Während eine Ziehung gilt, lassen sich die Kohorten nicht ändern. "
                                   "Verwerfen Sie die Ziehung zuerst."))
            return False
        cohorts = [
            form.instance for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if cohorts:
            try:
                cases.check_cohorts(cohorts)
            except RecruitmentError as exc:
                self.add_error(None, str(exc))
                return False
        return True


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Registerauszug"),
                           help_text=_("CSV (UTF-8 oder Windows-1252; getrennt durch Semikolon, Komma oder "
                                       "Tabulator) oder XLSX."))
    replace = forms.BooleanField(label=_("Vorhandenen Pool ersetzen"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.RECRUITMENT_MAX_UPLOAD_MB * 2**20:
            raise ValidationError(_("Die Datei ist größer als %(mb)d MB.")
                                  % {"mb": settings.RECRUITMENT_MAX_UPLOAD_MB})
        if not upload.name.lower().endswith((".csv", ".txt", ".tsv", ".xlsx")):
            raise ValidationError(_("Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
        return upload


class MappingForm(forms.Form):
    """One select per register field: which column holds it."""

    def __init__(self, *args, headers=(), mapping=None, header_line=None, **kwargs):
        super().__init__(*args, **kwargs)
        mapping = mapping or {}
        choices = [("", _("– nicht vorhanden –"))] + [
            (str(i), f"{column_name(i)}: {header}" if header else column_name(i))
            for i, header in enumerate(headers)
        ]
        for name, label in FIELD_CHOICES:
            initial = mapping.get(name)
            self.fields[f"map_{name}"] = forms.ChoiceField(
                label=label, choices=choices, required=False,
                initial="" if initial is None else str(initial))
        self.fields["header_line"] = forms.IntegerField(
            label=_("Kopfzeile in Zeile"), min_value=1, max_value=50, initial=header_line, required=False,
            help_text=_("Leer: wird erkannt."))

    def clean(self):
        cleaned = super().clean()
        mapping = {}
        for name, _label in FIELD_CHOICES:
            value = cleaned.get(f"map_{name}")
            if value not in (None, ""):
                mapping[name] = int(value)
        used = {}
        for name, column in mapping.items():
            if column in used:
                raise ValidationError(_("Spalte %(column)s ist zweimal zugeordnet: %(a)s und %(b)s.") % {
                    "column": column_name(column), "a": FIELD_LABELS[used[column]], "b": FIELD_LABELS[name]})
            used[column] = name
        if missing := missing_fields(mapping):
            raise ValidationError(_("Es fehlt die Zuordnung für: %(fields)s.") % {
                "fields": ", ".join(str(MISSING_LABELS.get(m, m)) for m in missing)})
        cleaned["mapping"] = mapping
        return cleaned


class DrawForm(forms.Form):
    seed = forms.CharField(label=_("Startwert (Seed)"), max_length=200, required=False,
                           help_text=_("z. B. die gewürfelten Augenzahlen „4-2-6-1-5-3“"))
    seed_source = forms.CharField(label=_("Herkunft des Startwerts"), max_length=300, required=False,
                                  help_text=_("z. B. „Würfelwurf öffentlich am 3. März 2026 im Rathaus“"))
    generate = forms.BooleanField(label=_("Startwert zufällig erzeugen"), required=False,
                                  help_text=_("Statt eines öffentlichen Startwerts: ein zufälliger, der "
                                              "protokolliert wird."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("generate"):
            cleaned["seed"] = draw.generate_seed()
            source = cleaned.get("seed_source") or str(_("Zufällig erzeugt und protokolliert"))
            cleaned["seed_source"] = source
        else:
            try:
                draw.check_seed(cleaned.get("seed", ""))
            except RecruitmentError as exc:
                self.add_error("seed", str(exc))
            if not cleaned.get("seed_source", "").strip():
                self.add_error("seed_source", _("Bitte geben Sie die Herkunft des Startwerts an."))
        return cleaned


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text=_("Wird im Protokoll festgehalten. Bitte keine Namen nennen."))


class PurgeForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ich weiß, dass alle Personendaten dieses Wahlkreisrats unwiderruflich gelöscht werden."))


# --- the public response page --------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Ihr Antwortcode"), max_length=40, strip=True,
        help_text=_("Sie finden ihn in Ihrem Brief, z. B. ABCD-EFGH-JKMNP. Groß- und Kleinschreibung egal."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))


class ResponseForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Ihre Antwort"), widget=forms.RadioSelect,
        choices=[("accept", _("Ja, ich nehme teil.")), ("decline", _("Nein, ich nehme nicht teil."))])
    decline_reason = forms.CharField(label=_("Grund (freiwillig)"), required=False, max_length=1000,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    needs_accessibility = forms.CharField(label=_("Barrierefreiheit (z. B. Rollstuhl, Gebärdensprache)"),
                                          required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    needs_dietary = forms.CharField(label=_("Essen (z. B. vegetarisch, Allergien)"), required=False,
                                    max_length=1000)
    needs_childcare = forms.CharField(label=_("Kinderbetreuung (Anzahl und Alter der Kinder)"), required=False,
                                      max_length=1000)
    needs_travel = forms.CharField(label=_("Anreise (z. B. Abholung, Fahrkarte)"), required=False, max_length=1000)
    needs_language = forms.CharField(label=_("Sprache (z. B. Übersetzung)"), required=False, max_length=1000)
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=40,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    email = forms.EmailField(label=_("E-Mail"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    consent_data = forms.BooleanField(
        label=_("Ich willige ein, dass meine Angaben zur Vorbereitung und Durchführung des Wahlkreisrats "
                "verarbeitet werden (erforderlich für eine Zusage)."), required=False)
    consent_photo_website = forms.BooleanField(
        label=_("Ich bin einverstanden, dass Fotos von mir gemacht und auf der Website des Wahlkreisrats "
                "veröffentlicht werden."), required=False)
    consent_photo_press = forms.BooleanField(
        label=_("Ich bin einverstanden, dass Fotos von mir gemacht und an die Presse gegeben werden."),
        required=False)
    consent_photo_social = forms.BooleanField(
        label=_("Ich bin einverstanden, dass Fotos von mir gemacht und in sozialen Medien veröffentlicht "
                "werden."), required=False)
    consent_alumni = forms.BooleanField(label=_("Ich möchte später zum Alumni-Netzwerk eingeladen werden."),
                                        required=False)

    #: The photo consent of a minor counts only with a guardian's (fields added for minors).
    GUARDIAN_FIELDS = ("guardian_name", "guardian_consent")

    def __init__(self, *args, minor=False, panel_features=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.minor = minor
        # Two-stage: the self-described features the panel is balanced on (name, values).
        self.panel_features = list(panel_features)
        for index, (name, values) in enumerate(self.panel_features):
            self.fields[f"feature_{index}"] = forms.ChoiceField(
                label=name, required=False, choices=[("", _("Bitte wählen"))] + [(v, v) for v in values])
        if self.panel_features:
            self.fields["consent_panel"] = forms.BooleanField(
                label=_("Ich willige ein, dass meine Angaben zu Alter, Geschlecht und den Fragen oben für die "
                        "ausgewogene Auslosung des Panels verwendet werden (erforderlich für eine Zusage)."),
                required=False)
        if minor:
            self.fields["guardian_name"] = forms.CharField(
                label=_("Name der erziehungsberechtigten Person"), required=False, max_length=255,
                help_text=_("Nur nötig, wenn Sie in Fotos einwilligen: Sie sind am Tag des Workshops noch "
                            "nicht 18 Jahre alt."))
            self.fields["guardian_consent"] = forms.BooleanField(
                label=_("Ich bin erziehungsberechtigt und stimme zu, dass Fotos von meinem Kind gemacht und "
                        "wie angekreuzt veröffentlicht werden."), required=False)

    @property
    def feature_fields(self):
        return [self[f"feature_{i}"] for i in range(len(self.panel_features))]

    @property
    def photo_fields(self):
        return [self[name] for name in PHOTO_FIELDS]

    @property
    def guardian_fields(self):
        return [self[name] for name in self.GUARDIAN_FIELDS if name in self.fields]

    def clean(self):
        data = super().clean()
        if data.get("answer") == "accept":
            if not data.get("consent_data"):
                self.add_error("consent_data", _("Für eine Zusage brauchen wir Ihre Einwilligung."))
            if not data.get("phone") and not data.get("email"):
                self.add_error("phone", _("Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an, "
                                          "damit wir Sie erreichen können."))
            for index in range(len(self.panel_features)):
                if not data.get(f"feature_{index}"):
                    self.add_error(f"feature_{index}", _("Bitte wählen Sie eine Antwort."))
            if self.panel_features and not data.get("consent_panel"):
                self.add_error("consent_panel", _("Für eine Zusage brauchen wir diese Einwilligung."))
        return data

    def response_data(self):
        data = dict(self.cleaned_data)
        data.pop("answer", None)
        if self.cleaned_data.get("answer") != "accept":
            # A decline keeps only the (optional) reason: no contact data, needs or consents.
            return {"decline_reason": data.get("decline_reason", "")}
        if not self.minor:
            for name in self.GUARDIAN_FIELDS:
                data.pop(name, None)
        data["panel_features"] = {name: data.pop(f"feature_{i}", "") for i, (name, _values)
                                  in enumerate(self.panel_features)}
        return data


# --- the manager's side of answers, visits and the workshop day ----------------------------------


class ManagerResponseForm(ResponseForm):
    """An answer the regional manager took by phone, at the door or by post (the same fields as the
    invitee's own form; consents are the ones the person gave in that conversation)."""

    channel = forms.ChoiceField(label=_("Antwort über"), choices=[
        ("phone", _("Telefon")), ("door", _("Haustür")), ("letter", _("Brief"))])

    field_order = ["channel", "answer"]

    def clean(self):
        data = forms.Form.clean(self)
        if data.get("answer") == "accept" and not data.get("consent_data"):
            self.add_error("consent_data", _("Ohne Einwilligung in die Datenverarbeitung ist keine Zusage möglich."))
        return data


class TravelForm(forms.Form):
    travel_amount = forms.DecimalField(label=_("Betrag (€)"), required=False, min_value=0, max_digits=7,
                                       decimal_places=2)
    travel_paid_on = forms.DateField(label=_("Erstattet am"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))
    travel_note = forms.CharField(label=_("Vermerk"), required=False, max_length=200)


# --- two-stage selection in the admin -------------------------------------------------------------


def read_csv_upload(upload):
    """The text of an uploaded CSV file (UTF-8, with or without BOM), or a ValidationError."""
    if upload.size > 20 * 1024 * 1024:
        raise ValidationError(_("Die Datei ist größer als 20 MB."))
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Die Datei ist keine CSV-Datei in UTF-8. Bitte als „CSV UTF-8“ speichern.")) from None


class RespondentsForm(forms.Form):
    file = forms.FileField(label=_("Rückmeldungen (CSV)"),
                           help_text=_("Eine Spalte id und eine Spalte je Merkmal, z. B. id,sex,age,education; "
                                       "optional household. Ersetzt frühere Rückmeldungen."))

    def clean_file(self):
        return read_csv_upload(self.cleaned_data["file"])


class QuotasForm(forms.Form):
    file = forms.FileField(label=_("Quotendatei (CSV)"), required=False,
                           help_text=_("Spalten feature,value,min,max: eine Zeile je Merkmalswert."))
    text = forms.CharField(label=_("Oder Quoten hier bearbeiten"), required=False,
                           widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            try:
                cleaned["quotas"] = read_csv_upload(upload)
            except ValidationError as exc:
                self.add_error("file", exc)
        elif cleaned.get("text", "").strip():
            cleaned["quotas"] = cleaned["text"]
        else:
            self.add_error(None, _("Bitte laden Sie eine Quotendatei hoch oder tragen Sie die Quoten ein."))
        return cleaned


class PanelSelectForm(forms.Form):
    seed = forms.CharField(label=_("Öffentliche Losnummer (Startwert)"), max_length=200,
                           help_text=_("Genau so, wie sie öffentlich gezogen wurde, z. B. „187“ oder die "
                                       "gewürfelten Augenzahlen; aus ihr folgt die Nummer des Panels."))
    seed_source = forms.CharField(label=_("Herkunft der Losnummer"), max_length=300,
                                  help_text=_("z. B. „Ziehung öffentlich am 3. März 2026 im Rathaus“"))
    panels = forms.IntegerField(label=_("Anzahl gleich wahrscheinlicher Panels"), initial=1000, min_value=1,
                                max_value=10000)
    method = forms.ChoiceField(label=_("Verfahren"), initial="leximin",
                               choices=[("leximin", _("LEXIMIN (am fairsten)")),
                                        ("maximin", _("MAXIMIN (schneller)"))])

    def clean_seed(self):
        seed = self.cleaned_data["seed"]
        try:
            draw.check_seed(seed)
        except RecruitmentError as exc:
            raise ValidationError(str(exc)) from None
        return seed


class PanelReplaceForm(forms.Form):
    dropout = forms.CharField(label=_("Kennung der Person, die abgesagt hat"), max_length=100)


class SampleForm(forms.Form):
    size = forms.IntegerField(label=_("Anzahl Briefe (Stichprobe)"), min_value=1, max_value=30000,
                              help_text=_("z. B. 2.000 bis 20.000; verteilt auf die Kohorten im Verhältnis ihrer "
                                          "Größe im Register."))
    by_municipality = forms.BooleanField(
        label=_("Nach Gemeinden schichten"), required=False,
        help_text=_("Die Briefe jeder Kohorte werden zusätzlich auf die Gemeinden (Wohnort im Register) im "
                    "Verhältnis ihrer Größe verteilt; eingeladen werden je Gemeinde die Ersten der Rangfolge."))
