"""Step 2 in the admin: upload a register extract, map its columns, follow the import, and the pool
itself (personal data: every page view is logged with its count)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..forms import MappingForm, UploadForm, column_name
from ..logic.registry import read_head
from ..messages import duplicate_text, error_text, file_error_text, mixed_encoding_text
from ..models import ImportJob, Placement
from ..permissions import cases_for_user
from ..services import audit, cases, imports
from ..services.audit import RecruitmentError
from ..tasks import enqueue_import
from .base import CaseFormView, CaseTemplateView, PostOnlyMixin, case_url

POOL_PAGE_SIZE = 100


PREVIEW_ROWS = 10


class ImportUploadView(CaseFormView):
    template_name = "recruitment/import_upload.html"
    action_label = _("Registerauszug importieren")
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pool_size"] = self.case.persons.count()
        context["jobs"] = list(self.case.import_jobs.all()[:10])
        return context

    def form_valid(self, form):
        upload, replace = form.cleaned_data["file"], form.cleaned_data["replace"]
        try:
            imports.check_can_import(self.case, replace)
        except RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        job = ImportJob(case=self.case, created_by=self.request.user, replace=replace, source="upload")
        job.file.save(upload.name, upload, save=False)
        with job.file.open("rb") as handle:
            head = read_head(handle.read(), rows=0)
        if head.error is not None:
            job.file.delete(save=False)
            form.add_error("file", file_error_text(head.error))
            return self.form_invalid(form)
        job.headers, job.header_line, job.mapping = head.headers, head.header_line, head.mapping
        job.file_format, job.delimiter = head.file_format, head.delimiter or ""
        job.save()
        return redirect(case_url("import_mapping", self.case, job.pk))


class JobMixin:
    """For views of one import job of the case (CaseMixin loads the case)."""

    def dispatch(self, request, *args, **kwargs):
        case = get_object_or_404(cases_for_user(request.user), pk=kwargs["pk"])
        self.job = get_object_or_404(case.import_jobs, pk=kwargs["job"])
        return super().dispatch(request, *args, **kwargs)


class ImportMappingView(JobMixin, CaseFormView):
    """Shows the detected column mapping and a preview of the first rows (logged: personal data)."""

    template_name = "recruitment/import_mapping.html"
    action_label = _("Spalten zuordnen")
    form_class = MappingForm

    def get(self, request, *args, **kwargs):
        if self.job.status not in (ImportJob.UPLOADED, ImportJob.FAILED) or not self.job.file:
            return redirect(case_url("import_progress", self.case, self.job.pk))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(headers=self.job.headers, mapping=self.job.mapping, header_line=self.job.header_line)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        head = self.read_head()
        context["job"] = self.job
        context["columns"] = [f"{column_name(i)}: {h}" if h else column_name(i)
                              for i, h in enumerate(head.headers)]
        context["sample"] = head.sample
        context["file_error"] = file_error_text(head.error) if head.error else None
        context["encoding_warning"] = mixed_encoding_text(head.mixed_lines)
        if head.sample:
            audit.audit(self.case, audit.ACTION_PREVIEW, self.request.user, count=len(head.sample))
        return context

    def read_head(self):
        with self.job.file.open("rb") as handle:
            return read_head(handle.read(), rows=PREVIEW_ROWS, header_line=self.job.header_line)

    def post(self, request, *args, **kwargs):
        if self.job.status not in (ImportJob.UPLOADED, ImportJob.FAILED) or not self.job.file:
            return redirect(case_url("import_progress", self.case, self.job.pk))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        header_line = form.cleaned_data.get("header_line")
        if header_line and header_line != self.job.header_line:
            # Another header row: read its headers and detect the mapping again, then let the
            # manager check it before anything is imported.
            self.job.header_line = header_line
            head = self.read_head()
            self.job.headers, self.job.mapping = head.headers, head.mapping
            self.job.save(update_fields=["header_line", "headers", "mapping"])
            messages.warning(self.request, _("Kopfzeile geändert: Bitte prüfen Sie die Zuordnung."))
            return redirect(case_url("import_mapping", self.case, self.job.pk))
        try:
            imports.check_can_import(self.case, self.job.replace)
        except RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        self.job.mapping = form.cleaned_data["mapping"]
        self.job.errors, self.job.duplicates, self.job.error_count, self.job.duplicate_count = [], [], 0, 0
        self.job.message = ""
        self.job.save()
        enqueue_import(self.job)
        return redirect(case_url("import_progress", self.case, self.job.pk))


class ImportProgressView(JobMixin, CaseTemplateView):
    template_name = "recruitment/import_progress.html"
    action_label = _("Import")
    max_listed = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.job.status == ImportJob.RUNNING and imports.fail_stale_imports(self.case):
            self.job.refresh_from_db()
        job = self.job
        context.update({
            "job": job,
            "refresh": job.status in (ImportJob.QUEUED, ImportJob.RUNNING),
            "errors": [error_text(e) for e in job.errors[: self.max_listed]],
            "duplicates": [duplicate_text(d) for d in job.duplicates[: self.max_listed]],
            "can_retry": job.status == ImportJob.FAILED and bool(job.file),
            "encoding_warning": mixed_encoding_text(job.mixed_lines),
        })
        return context


class ImportRestartView(PostOnlyMixin, JobMixin, CaseTemplateView):
    """Queue a failed import again with the same file and mapping (e.g. after its worker died)."""

    def post(self, request, *args, **kwargs):
        try:
            imports.restart_import(self.job, request.user)
        except RecruitmentError as exc:
            messages.error(request, str(exc))
            return self.back()
        return redirect(case_url("import_progress", self.case, self.job.pk))


class ImportDiscardView(PostOnlyMixin, JobMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        if self.job.status not in (ImportJob.UPLOADED, ImportJob.FAILED):
            messages.error(request, _("Nur ein nicht abgeschlossener Import lässt sich verwerfen."))
        else:
            imports.discard_import(self.job, request.user)
            messages.success(request, _("Der Import wurde verworfen und die Datei gelöscht."))
        return self.back()


class PoolView(CaseTemplateView):
    """The pool itself (personal data): paginated, every page view logged with its count."""

    template_name = "recruitment/pool.html"
    action_label = _("Pool")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        active = case.draws.filter(voided_at__isnull=True).first()
        invited_only = self.request.GET.get("invited") == "1" and active is not None
        if invited_only:  # the invited, cohort by cohort, in the order of their lists
            queryset = (Placement.objects.filter(draw_cohort__draw=active, invited=True)
                        .select_related("person", "draw_cohort").order_by("draw_cohort__sort_order", "position"))
            page = Paginator(queryset, POOL_PAGE_SIZE).get_page(self.request.GET.get("p"))
            placements = {p.person_id: p for p in page.object_list}
            people = [p.person for p in page.object_list]
        else:
            queryset = case.persons.order_by("family_name", "given_names", "pk")
            page = Paginator(queryset, POOL_PAGE_SIZE).get_page(self.request.GET.get("p"))
            people = list(page.object_list)
            placements = {}
            if active is not None:
                placements = {
                    p.person_id: p for p in Placement.objects.filter(
                        draw_cohort__draw=active, person_id__in=[x.pk for x in people]
                    ).select_related("draw_cohort")
                }
        cohorts = list(case.cohorts.all())
        context.update({
            "page": page,
            "rows": [{"person": person, "placement": placements.get(person.pk),
                      "cohort": cases.cohort_of(cohorts, person.age, case.min_age)} for person in people],
            "active_draw": active,
            "invited_only": invited_only,
        })
        audit.audit(case, audit.ACTION_VIEW_POOL, self.request.user, count=len(people), page=page.number)
        return context
