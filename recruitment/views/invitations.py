"""Step 4 in the admin: the invitations of the valid draw, their outcomes, answers taken by the
manager and replacements (Nachlosen)."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..forms import ManagerResponseForm
from ..models import Invitation
from ..services import audit, photo_consent, stage_one
from ..services import invitations as invitation_service
from ..services.audit import RecruitmentError
from .base import CaseFormView, CaseTemplateView, InvitationMixin, PostOnlyMixin, case_url


class InvitationsView(CaseTemplateView):
    """Everyone invited for the active draw with their status (personal data: logged with count)."""

    template_name = "recruitment/invitations.html"
    action_label = _("Einladungen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitations = list(invitation_service.active_invitations(self.case))
        counts = {}
        for invitation in invitations:
            counts[invitation.status] = counts.get(invitation.status, 0) + 1
        context.update({
            "invitations": invitations,
            "status_counts": [(label, counts.get(value, 0)) for value, label in Invitation.STATUS_CHOICES],
            "status_choices": [(value, label) for value, label in Invitation.STATUS_CHOICES
                               if value in invitation_service.MANAGER_STATUSES],
            "channel_choices": Invitation.CHANNEL_CHOICES,
        })
        audit.audit(self.case, audit.ACTION_VIEW_INVITATIONS, self.request.user, count=len(invitations))
        return context


class InvitationStatusView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            invitation_service.set_status(self.invitation, request.POST.get("status", ""), request.user,
                                          channel=request.POST.get("channel", ""))
            messages.success(request, _("Stand gespeichert."))
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


class ReplaceView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    """"Ersetzen (Nachlosen)": the next place of the same cohort's list is invited."""

    def post(self, request, *args, **kwargs):
        try:
            new = invitation_service.replace(self.invitation, request.user)
            messages.success(request, _("Ersetzt: Platz %(position)d der Kohorte „%(cohort)s“ ist jetzt eingeladen.")
                             % {"position": new.position, "cohort": new.draw_cohort.label})
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


class ManagerResponseView(InvitationMixin, CaseFormView):
    """"Antwort erfassen": a yes or no the manager took by phone, at the door or by post."""

    template_name = "recruitment/manager_response.html"
    action_label = _("Antwort erfassen")
    form_class = ManagerResponseForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "minor": self.invitation.is_minor,
                "panel_features": self.panel_features()}

    def panel_features(self):
        """Two-stage: the self-described features, asked as on the public page (none if misconfigured)."""
        if not self.case.two_stage:
            return []
        try:
            return stage_one.feature_config(self.case)
        except RecruitmentError:
            return []

    def get_initial(self):
        inv = self.invitation
        initial = {name: getattr(inv, name) for name in invitation_service.RESPONSE_FIELDS}
        record = inv.photo_consent
        if record is not None and record.is_minor and record.withdrawn_on is None:
            initial.update(guardian_name=record.guardian_name, guardian_consent=True)
        if inv.status in (Invitation.ACCEPTED, Invitation.DECLINED):
            initial["answer"] = "accept" if inv.status == Invitation.ACCEPTED else "decline"
        for index, (name, _values) in enumerate(self.panel_features()):
            initial[f"feature_{index}"] = (inv.panel_features or {}).get(name, "")
        initial["channel"] = self.request.GET.get("channel", "phone")
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation
        audit.audit(self.case, audit.ACTION_VIEW_INVITATIONS, self.request.user, count=1,
                    invitation=self.invitation.pk)
        return context

    def form_valid(self, form):
        try:
            saved = invitation_service.record_response(
                self.invitation, form.cleaned_data["answer"] == "accept", form.response_data(),
                channel=form.cleaned_data["channel"], user=self.request.user)
        except RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        messages.success(self.request, _("Antwort gespeichert."))
        if saved.photo_consent_outcome == photo_consent.GUARDIAN_MISSING:
            messages.warning(self.request, photo_consent.GUARDIAN_MISSING_MESSAGE)
        elif saved.photo_consent_outcome == photo_consent.RECORDED:
            messages.success(self.request, _("Foto-Einwilligung als Einwilligung vor der Aufnahme gespeichert."))
        back = "visits" if self.request.GET.get("next") == "visits" else "invitations"
        return redirect(case_url(back, self.case))
