"""Two-stage selection in the admin: the state of stage two (volunteers, quotas, commitment, lottery),
the forms that do what the commands do (import, quotas, lottery, verification, replacement) and the
pseudonymous exports for ``tools/audit_panel.py`` (every access is audit-logged)."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..forms import PanelReplaceForm, PanelSelectForm, QuotasForm, RespondentsForm
from ..models import Invitation
from ..services import panel as panel_service
from ..services import stage_one as stage_one_service
from ..services.audit import ACTION_PANEL_VIEW, RecruitmentError, audit
from .base import CaseFormView, CaseTemplateView, PostOnlyMixin, case_slug, case_url, private_download


class PanelView(CaseTemplateView):
    template_name = "recruitment/panel.html"
    action_label = _("Zweistufige Auswahl")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selection = panel_service.active_selection(self.case)
        current = panel_service.current_panel(selection) if selection else []
        if current:
            audit(self.case, ACTION_PANEL_VIEW, self.request.user, count=len(current))
        context.update({
            "respondent_count": self.case.respondents.count(),
            "quota_rows": panel_service.quota_rows(self.case),
            "selection": selection,
            "current_panel": current,
            "stage_one": stage_one_summary(self.case),
            "from_answers": self.case.respondents.filter(invitation__isnull=False).exists(),
        })
        return context


def stage_one_summary(case):
    """Counts of stage one (letters, answers) and the configured features or their error."""
    answers = Invitation.objects.filter(case=case, draw_cohort__draw__voided_at__isnull=True)
    try:
        features, error = stage_one_service.feature_config(case), ""
    except RecruitmentError as exc:
        features, error = [], str(exc)
    return {"letters": answers.exclude(letter_sent_at=None).count(), "invited": answers.count(),
            "accepted": answers.filter(status=Invitation.ACCEPTED).count(),
            "features": features, "feature_error": error}


class PanelFormView(CaseFormView):
    """A step of stage two: on success a German message and back to the stage-two page; on a refused
    input the form again with the service's one-line reason (nothing changed)."""

    template_name = "recruitment/panel_form.html"
    intro = ""
    submit_label = _("Speichern")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"intro": self.intro, "submit_label": self.submit_label,
                        "quota_rows": panel_service.quota_rows(self.case),
                        "respondent_count": self.case.respondents.count()})
        return context

    def form_valid(self, form):
        try:
            message = self.run(form.cleaned_data)
        except RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        messages.success(self.request, message)
        return redirect(case_url("panel", self.case))


class RespondentsImportView(PanelFormView):
    action_label = _("Rückmeldungen importieren")
    form_class = RespondentsForm
    intro = _("Die Zusagen als CSV: eine Spalte id (pseudonym, keine Namen) und eine Spalte je Merkmal. "
              "Ein neuer Import ersetzt den vorigen, bis die Rückmeldungen eingefroren sind.")
    submit_label = _("Importieren")

    def run(self, data):
        count = panel_service.import_respondents(self.case, data["file"], self.request.user)
        return _("%(count)s Rückmeldungen importiert.") % {"count": count}


class QuotasView(PanelFormView):
    action_label = _("Quoten")
    form_class = QuotasForm
    intro = _("Für jeden Wert eines Merkmals die kleinste und größte Zahl an Plätzen (feature,value,min,max). "
              "Jedes Merkmal mit Quoten wird ausgeglichen; jede Rückmeldung braucht dafür einen Wert mit Quote.")

    def get_initial(self):
        return {"text": self.case.panel_quotas}

    def run(self, data):
        quotas = panel_service.save_quotas(self.case, data["quotas"], self.request.user)
        return _("%(count)s Quoten gespeichert.") % {"count": len(quotas)}


class SelectView(PanelFormView):
    action_label = _("Panel auslosen")
    form_class = PanelSelectForm
    intro = _("Friert die Rückmeldungen ein (die Zusage wird veröffentlicht), berechnet die gleich "
              "wahrscheinlichen Panels und wählt mit der öffentlichen Losnummer eines davon. Das kann bei "
              "vielen Rückmeldungen einige Minuten dauern.")
    submit_label = _("Panel auslosen")

    def run(self, data):
        if not self.case.panel_quotas:
            raise RecruitmentError(_("Es gibt noch keine Quoten: Laden Sie zuerst die Quotendatei hoch."))
        selection = panel_service.select(self.case, self.case.panel_quotas, data["seed"], data["seed_source"],
                                         panels=data["panels"], method=data["method"], user=self.request.user)
        return (_("Panel Nr. %(number)s von %(count)s ausgelost. Fingerabdruck des Ergebnisses: %(fp)s")
                % {"number": selection.number, "count": selection.panel_count, "fp": selection.result_fingerprint})


class ReplaceView(PanelFormView):
    action_label = _("Absage ersetzen")
    form_class = PanelReplaceForm
    intro = _("Den Platz erhält die Person, die alle Quoten wahrt und der absagenden Person in den meisten "
              "Merkmalen gleicht; bei Gleichstand entscheidet eine Rangfolge aus dem Startwert. Die Regel ist "
              "veröffentlicht, jede Nachbesetzung steht im Protokoll.")
    submit_label = _("Nachbesetzen")

    def run(self, data):
        taker = panel_service.replace(self.case, data["dropout"].strip(), self.request.user)
        return _("Der Platz geht an %(taker)s.") % {"taker": taker}


class VerifyView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            result = panel_service.verify(self.case, request.user)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        else:
            if result.ok:
                messages.success(request, _("Nachgerechnet: Die Panel-Losung stimmt mit der Neuberechnung überein."))
            else:
                messages.error(request, _("Abweichung gefunden: %(details)s")
                               % {"details": "; ".join(result.differences)})
        return redirect(case_url("panel", self.case))


class PanelExportView(CaseTemplateView):
    """``what``: ``liste`` (all N panels), ``chancen`` (each respondent's chance), ``panel`` (the
    current panel), ``kontakte`` (the current panel with names and contacts, stage one only),
    ``quoten`` or ``rueckmeldungen``."""

    def get(self, request, *args, what, **kwargs):
        selection = panel_service.active_selection(self.case)
        slug = case_slug(self.case)
        if what == "rueckmeldungen" and self.case.respondents.exists():
            data = panel_service.respondents_csv(self.case, request.user)
        elif what == "quoten" and self.case.panel_quotas:
            data = self.case.panel_quotas
        elif what == "liste" and selection and selection.panels:
            data = panel_service.panel_list_csv(selection, request.user)
        elif what == "chancen" and selection and selection.panels:
            data = panel_service.probabilities_csv(selection, request.user)
        elif what == "panel" and selection and selection.chosen:
            data = panel_service.panel_csv(selection, request.user)
        elif what == "kontakte" and selection and selection.chosen:
            data = panel_service.panel_contacts_csv(selection, request.user)
        else:
            raise Http404
        return private_download(data.encode("utf-8"), f"panel-{slug}-{what}.csv", "text/csv; charset=utf-8")
