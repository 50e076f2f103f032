"""The letters in the admin: batches, reminders and reprints (mounted by CaseViewSet in wagtail_hooks).

Behind the same wall as every recruitment view: ``require_recruitment_access`` on the URL and
the case loaded through ``cases_for_user`` (another constituency's case is a 404). The PDFs hold
names, addresses and fresh response codes: never cached, and every batch is in the audit log.
"""

import io
import zipfile

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..services import letters
from ..services.audit import RecruitmentError
from .base import CaseTemplateView, InvitationMixin, PostOnlyMixin, case_slug, case_url, private_download


class LettersView(CaseTemplateView):
    """How many letters are pending and reminders due; POST makes them as one PDF (or a ZIP)."""

    template_name = "recruitment/letters.html"
    action_label = _("Briefe")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        active = case.draws.filter(voided_at__isnull=True).exists()
        mdbs = letters.signing_mdbs(case)
        org = letters.organisation()
        context.update({
            "active_draw": active,
            "purged": case.purged_at is not None,
            "pending": letters.pending_letters(case).count() if active else 0,
            "reminders": letters.reminders_due(case).count() if active else 0,
            "answer_by": case.answer_by,
            "letters_due": case.letters_due,
            "venue": case.venue.strip() or (case.council.venue_town if case.council else ""),
            "second_language": case.get_second_language_display() if case.second_language else "",
            "mdbs": mdbs,
            "org_signature": bool(org.signature),
        })
        return context

    def post(self, request, *args, **kwargs):
        reminders = request.POST.get("kind") == "reminders"
        as_zip = request.POST.get("format") == "zip"
        try:
            result = letters.make_letters(self.case, request.user, reminders=reminders, split=as_zip)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
            return redirect(case_url("letters", self.case))
        name = f"{'erinnerungen' if reminders else 'briefe'}-{case_slug(self.case)}"
        if not as_zip:
            return private_download(result.pdf, f"{name}.pdf", "application/pdf")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{name}.pdf", result.pdf)
            for filename, data in result.files:
                archive.writestr(filename, data)
        return private_download(buffer.getvalue(), f"{name}.zip", "application/zip")


class LetterView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    """"Brief neu drucken": one invitee's letter (or reminder) again, with a new code; the code of the
    earlier print stops working."""

    def post(self, request, *args, **kwargs):
        reminders = request.POST.get("kind") == "reminders"
        try:
            result = letters.make_letters(self.case, request.user, reminders=reminders,
                                          invitations=[self.invitation], split=True)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
            return self.back()
        filename, data = result.files[0]
        return private_download(data, filename, "application/pdf")
