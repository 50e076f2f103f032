"""Step 3 in the admin: freeze the pool, draw, verify, void, and the export for the independent audit."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..forms import DrawForm, VoidForm
from ..services import cases
from ..services import draw as draw_service
from ..services.audit import RecruitmentError
from .base import CaseFormView, CaseTemplateView, PostOnlyMixin


class FreezeView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            case = draw_service.freeze(self.case, request.user)
            messages.success(request, _("Pool eingefroren. Fingerabdruck: %(fp)s")
                             % {"fp": case.pool_fingerprint})
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


class DrawView(CaseFormView):
    template_name = "recruitment/draw.html"
    action_label = _("Auslosen")
    form_class = DrawForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohorts = list(self.case.cohorts.all())
        counts = cases.pool_counts(self.case, cohorts)
        context.update({
            "active_draw": self.case.draws.filter(voided_at__isnull=True).first(),
            "pool_size": self.case.persons.count(),
            "cohorts": [{"cohort": c, "eligible": counts[c.label]} for c in cohorts],
            "seat_total": sum(c.seats for c in cohorts),
        })
        return context

    def form_valid(self, form):
        try:
            the_draw = draw_service.draw(self.case, form.cleaned_data["seed"], form.cleaned_data["seed_source"],
                                         self.request.user, generated=bool(form.cleaned_data.get("generate")))
        except RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        messages.success(self.request, _("Ausgelost. Fingerabdruck des Ergebnisses: %(fp)s")
                         % {"fp": the_draw.result_fingerprint})
        return self.back()


class VoidView(CaseFormView):
    template_name = "recruitment/void.html"
    action_label = _("Ziehung verwerfen")
    form_class = VoidForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["active_draw"] = self.case.draws.filter(voided_at__isnull=True).first()
        return context

    def form_valid(self, form):
        try:
            draw_service.void(self.case, form.cleaned_data["reason"], self.request.user)
        except RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        messages.success(self.request, _("Die Ziehung wurde verworfen. Eine neue Ziehung ist jetzt möglich."))
        return self.back()


class VerifyView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            result = draw_service.verify(self.case, request.user)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
            return self.back()
        if result.ok:
            messages.success(request, _("Nachgerechnet: Die gespeicherte Ziehung stimmt mit der Neuberechnung "
                                        "überein."))
        else:
            messages.error(request, _("Abweichung gefunden: %(details)s")
                           % {"details": "; ".join(result.differences)})
        return self.back()


class ExportView(CaseTemplateView):
    """CSV ``person_key,cohort,household,sex,municipality`` for ``tools/audit_draw.py`` (pseudonymous; logged)."""

    def get(self, request, *args, **kwargs):
        rows = draw_service.export_rows(self.case, request.user)
        slug = self.case.council.slug if self.case.council else str(self.case.pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auslosung-{slug}-pruefung.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response, lineterminator="\n")
        writer.writerow(["person_key", "cohort", "household", "sex", "municipality"])
        writer.writerows(rows)
        return response
