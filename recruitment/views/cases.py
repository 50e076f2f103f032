"""Step 1 in the admin: the list of cases, adding and editing one, its dashboard and the seat
suggestion (the ModelViewSet's own views are scoped to the user's constituencies)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, HistoryView, IndexView, UsageView

from ..permissions import cases_for_user
from ..services import cases, imports, outreach, retention
from ..services.audit import RecruitmentError
from .base import CaseTemplateView, RecruitmentAccessMixin, ScopedMixin, ScopedObjectMixin, case_url


class CaseIndexView(RecruitmentAccessMixin, IndexView):
    def get_base_queryset(self):
        return cases.annotate_cases(cases_for_user(self.request.user))

    def get_edit_url(self, instance):
        return case_url("dashboard", instance)


class CaseCreateView(RecruitmentAccessMixin, CreateView):
    def save_instance(self):
        instance = super().save_instance()
        cases.create_default_cohorts(instance)
        return instance

    def get_success_url(self):
        return case_url("dashboard", self.object)


class CaseEditView(ScopedMixin, EditView):
    def save_instance(self):
        old = type(self.object).objects.filter(pk=self.object.pk).values_list("retention_date", flat=True).first()
        instance = super().save_instance()
        retention.log_retention_date_change(instance, old, instance.retention_date, self.request.user)
        return instance

    def get_success_url(self):
        return case_url("dashboard", self.object)


class CaseDeleteView(ScopedMixin, DeleteView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", obj):
            raise PermissionDenied
        return obj


class CaseHistoryView(ScopedObjectMixin, HistoryView):
    pass


class CaseUsageView(ScopedObjectMixin, UsageView):
    pass


class DashboardView(CaseTemplateView):
    template_name = "recruitment/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        imports.fail_stale_imports(case)  # a running import whose worker died shows as failed
        cohorts = list(case.cohorts.all())
        counts = cases.pool_counts(case, cohorts)
        pool_size = case.persons.count()
        active = case.draws.filter(voided_at__isnull=True).prefetch_related("cohorts").first()
        today = timezone.localdate()
        council = case.council
        context.update({
            "council": council,
            "public_url": council.get_url(self.request) if council and council.live else None,
            "cohorts": [{"cohort": c, "eligible": counts[c.label]} for c in cohorts],
            "seat_total": sum(c.seats for c in cohorts),
            "pool_size": pool_size,
            "eligible": sum(counts.values()),
            "outside": pool_size - sum(counts.values()),
            "active_draw": active,
            "voided_draws": list(case.draws.filter(voided_at__isnull=False)),
            "jobs": list(case.import_jobs.all()[:5]),
            "days_left": (case.retention_date - today).days if case.retention_date else None,
            "has_personal_data": cases.has_personal_data(case),
            "can_delete_case": self.request.user.is_superuser or not cases.has_personal_data(case),
        })
        if active:
            progress = outreach.cohort_progress(case)
            context.update({"progress": progress, "progress_total": outreach.totals(progress),
                            "deadlines": outreach.deadlines(case, today)})
        return context


class SuggestView(CaseTemplateView):
    template_name = "recruitment/suggest.html"
    action_label = _("Sitzverteilung vorschlagen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["rows"] = cases.suggest(self.case)
        except RecruitmentError as exc:
            context["error"] = str(exc)
        context["bands"] = self.case.wahlkreis.age_bands
        context["citywide"] = self.case.wahlkreis.age_bands_citywide
        context["locked"] = self.case.draws.filter(voided_at__isnull=True).exists()
        context["has_cohorts"] = self.case.cohorts.exists()
        return context

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("action") == "defaults":
                cases.create_default_cohorts(self.case)
                messages.success(request, _("Standardkohorten angelegt."))
            else:
                cases.apply_suggestion(self.case)
                messages.success(request, _("Die vorgeschlagene Sitzverteilung wurde übernommen."))
        except RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()
