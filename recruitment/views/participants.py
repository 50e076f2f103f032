"""The workshop day in the admin: the confirmed list (first names and needs), check-in, no-shows,
name badges and travel costs."""

import csv
import io

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..forms import TravelForm
from ..services import audit, participants
from ..services.audit import RecruitmentError
from .base import CaseTemplateView, InvitationMixin, PostOnlyMixin, case_slug, case_url, private_download


class ParticipantsView(CaseTemplateView):
    """The confirmed list for the workshop team: first names and needs, check-in, travel costs."""

    template_name = "recruitment/participants.html"
    action_label = _("Teilnehmende")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = participants.participants(self.case)
        context.update({
            "rows": [{"inv": inv, "first_name": inv.person.first_name,
                      "needs": participants.needs(inv),
                      "photo": inv.has_photo_consent, "minor": inv.is_minor,
                      "travel_form": TravelForm(prefix=f"t{inv.pk}", initial={
                          "travel_amount": inv.travel_amount, "travel_paid_on": inv.travel_paid_on,
                          "travel_note": inv.travel_note})} for inv in rows],
            "checked_in": sum(1 for inv in rows if inv.checked_in_at),
            "no_shows": sum(1 for inv in rows if inv.no_show),
            "travel_total": participants.travel_total(rows),
            "workshop_over": self.case.council and timezone.localdate() >= self.case.council.date,
        })
        audit.audit(self.case, audit.ACTION_VIEW_PARTICIPANTS, self.request.user, count=len(rows))
        return context


class CheckInView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            inv = participants.check_in(self.invitation, request.user, undo=request.POST.get("undo") == "1")
            name = inv.person.first_name
            messages.success(request, _("%(name)s ist angekommen.") % {"name": name} if inv.checked_in_at
                             else _("Check-in von %(name)s zurückgenommen.") % {"name": name})
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return redirect(case_url("participants", self.case) + f"#p{self.invitation.pk}")


class NoShowsView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        count = participants.mark_no_shows(self.case, request.user)
        messages.success(request, _("%(count)d Personen als nicht erschienen vermerkt.") % {"count": count})
        return redirect(case_url("participants", self.case))


class TravelView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        form = TravelForm(request.POST, prefix=f"t{self.invitation.pk}")
        if not form.is_valid():
            messages.error(request, _("Fahrtkosten nicht gespeichert: bitte Betrag und Datum prüfen."))
        else:
            try:
                participants.record_travel(self.invitation, form.cleaned_data["travel_amount"],
                                           form.cleaned_data["travel_paid_on"], form.cleaned_data["travel_note"],
                                           request.user)
                messages.success(request, _("Fahrtkosten gespeichert."))
            except RecruitmentError as exc:
                messages.error(request, str(exc))
        return redirect(case_url("participants", self.case) + f"#p{self.invitation.pk}")


class BadgesView(CaseTemplateView):
    def get(self, request, *args, **kwargs):
        return private_download(participants.badges_pdf(self.case, request.user),
                                f"namensschilder-{case_slug(self.case)}.pdf")


class TravelExportView(CaseTemplateView):
    """CSV of the travel-cost reimbursements for the bookkeeping (Excel-friendly: ';', UTF-8 BOM)."""

    def get(self, request, *args, **kwargs):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(participants.TRAVEL_HEADER)
        writer.writerows(participants.travel_rows(self.case, request.user))
        return private_download("\ufeff" + buffer.getvalue(), f"fahrtkosten-{case_slug(self.case)}.csv",
                                "text/csv; charset=utf-8")
