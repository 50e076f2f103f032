"""Admin report: pictures of people whose consent does not (or soon will not) cover a use,
and where each of them is used, from Wagtail's reference index."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ReferenceIndex

from . import consent as rule
from .models import CustomImage, Video

EXPIRY_WARNING_DAYS = 30

PROBLEM_LABELS = {
    "no_consent": _("keine Einwilligung erfasst"),
    "use_not_covered": _("Verwendung nicht umfasst"),
    "not_yet_given": _("noch nicht erteilt"),
    "expired": _("abgelaufen"),
    "withdrawn": _("widerrufen"),
    "guardian_missing": _("Einwilligung der Sorgeberechtigten fehlt"),
}
USE_LABELS = {"website": _("Website"), "press": _("Presse"), "social": _("Soziale Medien")}


def can_view_consents(user):
    return user.has_perm("site_media.view_consent") or user.has_perm("site_media.change_consent")


def usages(obj, url_finder):
    """[(label, edit url or None, [field descriptions])] of every place that uses `obj`."""
    rows = []
    for source, references in ReferenceIndex.get_references_to(obj).group_by_source_object():
        label = str(source) if source is not None else _("(gelöscht)")
        rows.append({
            "label": label,
            "type": source._meta.verbose_name if source is not None else "",
            "url": url_finder.get_edit_url(source) if source is not None else None,
            "fields": sorted({str(ref.describe_source_field()) for ref in references}),
        })
    return rows


def report_rows(day, url_finder, show_all=False):
    horizon = day + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    rows = []
    subjects = [
        *CustomImage.objects.filter(shows_identifiable_people=True).prefetch_related("consents").order_by("title"),
        *Video.objects.filter(shows_identifiable_people=True).prefetch_related("consents").order_by("title"),
    ]
    for subject in subjects:
        records = subject.consent_records()
        status = []
        for use in rule.USES:
            problems = subject.consent_problems(use, day)
            status.append({"use": USE_LABELS[use], "ok": not problems,
                           "problems": [PROBLEM_LABELS[p] for p in problems]})
        expiring = rule.expires_within(records, day, EXPIRY_WARNING_DAYS)
        blocked = not status[0]["ok"]  # not shown on the website
        if not (show_all or blocked or expiring):
            continue
        rows.append({
            "subject": subject,
            "kind": subject._meta.verbose_name,
            "edit_url": url_finder.get_edit_url(subject),
            "status": status,
            "records": records,
            "blocked": blocked,
            "expiring": expiring if expiring and expiring <= horizon else None,
            "usages": usages(subject, url_finder),
        })
    return rows


class ConsentReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "media/admin/consent_report.html"
    page_title = _("Bildrechte und Einwilligungen")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_consents(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_all = self.request.GET.get("alle") == "1"
        context.update({
            "rows": report_rows(rule.today(), AdminURLFinder(self.request.user), show_all=show_all),
            "show_all": show_all,
            "warning_days": EXPIRY_WARNING_DAYS,
        })
        return context
