"""After the letters in the admin: the door visits (the non-responders in walking order, as a page
or a printable PDF) and their outcomes."""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..services import audit, outreach
from ..services.audit import RecruitmentError
from .base import CaseTemplateView, InvitationMixin, PostOnlyMixin, case_slug, case_url, private_download


class VisitsView(CaseTemplateView):
    """The non-responders in walking order; ``?format=pdf`` prints the list."""

    template_name = "recruitment/visits.html"
    action_label = _("Hausbesuche")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "pdf":
            return private_download(outreach.visit_list_pdf(self.case, request.user),
                                    f"hausbesuche-{case_slug(self.case)}.pdf")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = outreach.visit_list(self.case)
        answer_by = self.case.answer_by
        context.update({"rows": rows, "answer_by": answer_by, "outcomes": outreach.VISIT_OUTCOMES,
                        "before_deadline": answer_by and timezone.localdate() <= answer_by})
        audit.audit(self.case, audit.ACTION_VIEW_VISITS, self.request.user, count=len(rows))
        return context


class VisitOutcomeView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        outcome = request.POST.get("outcome", "")
        if outcome == outreach.VISIT_ACCEPTED:
            return redirect(case_url("respond", self.case, self.invitation.pk) + "?channel=door&next=visits")
        try:
            outreach.record_visit(self.invitation, outcome, request.user)
            messages.success(request, _("Besuch gespeichert."))
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return redirect(case_url("visits", self.case))
