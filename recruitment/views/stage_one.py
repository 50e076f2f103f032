"""Two-stage selection, stage one in the admin: plan the sample of letters and take the yes-answers
(with their features) over as the panel's volunteers. Letters and codes are the usual steps."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..forms import SampleForm
from ..services import stage_one
from ..services.audit import RecruitmentError
from .base import CaseTemplateView, PostOnlyMixin, case_url
from .panel import PanelFormView


class SampleView(PanelFormView):
    action_label = _("Stichprobe planen")
    form_class = SampleForm
    intro = _("Stufe 1: So viele Menschen bekommen einen Brief. Die Briefe werden auf die Alterskohorten im "
              "Verhältnis ihrer Größe im Register verteilt (Verfahren der größten Reste); die Ziehung wählt "
              "danach in jeder Kohorte die Ersten der nachprüfbaren Rangfolge – auf Wunsch je Gemeinde, "
              "im Verhältnis ihrer Größe.")
    submit_label = _("Stichprobe übernehmen")

    def get_initial(self):
        return {"size": self.case.sample_size, "by_municipality": self.case.sample_by_municipality}

    def run(self, data):
        seats = stage_one.plan_sample(self.case, data["size"], self.request.user, data["by_municipality"])
        message = _("Stichprobe: %(total)s Briefe (%(split)s). Jetzt den Pool einfrieren und ziehen.") % {
            "total": sum(seats.values()), "split": ", ".join(f"{label}: {n}" for label, n in seats.items())}
        if data["by_municipality"]:
            message += " " + str(_("Die Ziehung verteilt die Briefe jeder Kohorte auf die Gemeinden."))
        return message


class FromAnswersView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            count, skipped = stage_one.respondents_from_answers(self.case, request.user)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        else:
            message = _("%(count)s Zusagen als Rückmeldungen übernommen.") % {"count": count}
            if skipped:
                message += " " + str(_("%(skipped)s Zusagen ohne vollständige Angaben oder Einwilligung bleiben "
                                       "außen vor.") % {"skipped": skipped})
            messages.success(request, message)
        return redirect(case_url("panel", self.case))
