"""Admin views of the private side (mounted by CaseViewSet in wagtail_hooks.py).

Every URL is behind ``require_recruitment_access``; every view loads its case through
``cases_for_user``, so a case of another constituency is a 404. Views that show personal data
(import preview, pool list, export) write an audit log entry with the number of people shown.
"""

import csv
import io
from collections import Counter

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, HistoryView, IndexView, UsageView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import outreach, participants, services
from .forms import (DrawForm, ManagerResponseForm, MappingForm, PurgeForm, TravelForm, UploadForm, VoidForm,
                    column_name)
from .logic.registry import read_head
from .messages import ERROR_TEXTS, duplicate_text, error_text
from .models import ImportJob, Invitation, Placement
from .permissions import cases_for_user
from .tasks import enqueue_import

POOL_PAGE_SIZE = 100
PREVIEW_ROWS = 10


def case_url(name, case, *args):
    return reverse(f"recruitment:{name}", args=[case.pk, *args])


# --- the ModelViewSet's own views, scoped to the user's constituencies ------------------------


class ScopedMixin:
    """Edit and delete views: the object comes from the user's cases only."""

    def get_queryset(self):
        return cases_for_user(self.request.user)


class ScopedObjectMixin:
    """History and usage views (their get_queryset lists entries, not cases)."""

    def get_base_object_queryset(self):
        return cases_for_user(self.request.user)


class CaseIndexView(IndexView):
    def get_base_queryset(self):
        return services.annotate_cases(cases_for_user(self.request.user))

    def get_edit_url(self, instance):
        return case_url("dashboard", instance)


class CaseCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        services.create_default_cohorts(instance)
        return instance

    def get_success_url(self):
        return case_url("dashboard", self.object)


class CaseEditView(ScopedMixin, EditView):
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


# --- the case's own pages ------------------------------------------------------------------------


class CaseMixin(WagtailAdminTemplateMixin):
    header_icon = "group"
    action_label = ""

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(
            cases_for_user(request.user).select_related("wahlkreis", "council"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.action_label or _("Auslosung")

    def get_page_subtitle(self):
        return str(self.case)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("recruitment:index"), "label": _("Auslosungen")}]
        if self.action_label:
            items.append({"url": case_url("dashboard", self.case), "label": str(self.case)})
            items.append({"url": "", "label": self.action_label})
        else:
            items.append({"url": "", "label": str(self.case)})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        return context

    def back(self):
        return redirect(case_url("dashboard", self.case))


class CaseTemplateView(CaseMixin, TemplateView):
    pass


class CaseFormView(CaseMixin, FormView):
    def form_invalid_with(self, form, error):
        form.add_error(None, str(error))
        return self.form_invalid(form)


class PostOnlyMixin:
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


class DashboardView(CaseTemplateView):
    template_name = "recruitment/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        cohorts = list(case.cohorts.all())
        counts = services.pool_counts(case, cohorts)
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
            "has_personal_data": services.has_personal_data(case),
            "can_delete_case": self.request.user.is_superuser or not services.has_personal_data(case),
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
            context["rows"] = services.suggest(self.case)
        except services.RecruitmentError as exc:
            context["error"] = str(exc)
        context["bands"] = self.case.wahlkreis.age_bands
        context["citywide"] = self.case.wahlkreis.age_bands_citywide
        context["locked"] = self.case.draws.filter(voided_at__isnull=True).exists()
        context["has_cohorts"] = self.case.cohorts.exists()
        return context

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("action") == "defaults":
                services.create_default_cohorts(self.case)
                messages.success(request, _("Standardkohorten angelegt."))
            else:
                services.apply_suggestion(self.case)
                messages.success(request, _("Die vorgeschlagene Sitzverteilung wurde übernommen."))
        except services.RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


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
            services.check_can_import(self.case, replace)
        except services.RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        job = ImportJob(case=self.case, created_by=self.request.user, replace=replace, source="upload")
        job.file.save(upload.name, upload, save=False)
        with job.file.open("rb") as handle:
            head = read_head(handle.read(), rows=0)
        if head.error is not None:
            job.file.delete(save=False)
            form.add_error("file", ERROR_TEXTS.get(head.error.code, head.error.message))
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
        context["file_error"] = ERROR_TEXTS.get(head.error.code) if head.error else None
        if head.sample:
            services.audit(self.case, services.ACTION_PREVIEW, self.request.user, count=len(head.sample))
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
            services.check_can_import(self.case, self.job.replace)
        except services.RecruitmentError as exc:
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
        job = self.job
        context.update({
            "job": job,
            "refresh": job.status in (ImportJob.QUEUED, ImportJob.RUNNING),
            "errors": [error_text(e) for e in job.errors[: self.max_listed]],
            "duplicates": [duplicate_text(d) for d in job.duplicates[: self.max_listed]],
            "can_retry": job.status == ImportJob.FAILED and bool(job.file),
        })
        return context


class ImportDiscardView(PostOnlyMixin, JobMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        if self.job.status not in (ImportJob.UPLOADED, ImportJob.FAILED):
            messages.error(request, _("Nur ein nicht abgeschlossener Import lässt sich verwerfen."))
        else:
            services.discard_import(self.job, request.user)
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
                      "cohort": services.cohort_of(cohorts, person.age, case.min_age)} for person in people],
            "active_draw": active,
            "invited_only": invited_only,
        })
        services.audit(case, services.ACTION_VIEW_POOL, self.request.user, count=len(people), page=page.number)
        return context


class FreezeView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            case = services.freeze(self.case, request.user)
            messages.success(request, _("Pool eingefroren. Fingerabdruck: %(fp)s")
                             % {"fp": case.pool_fingerprint})
        except services.RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


class DrawView(CaseFormView):
    template_name = "recruitment/draw.html"
    action_label = _("Auslosen")
    form_class = DrawForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohorts = list(self.case.cohorts.all())
        counts = services.pool_counts(self.case, cohorts)
        context.update({
            "active_draw": self.case.draws.filter(voided_at__isnull=True).first(),
            "pool_size": self.case.persons.count(),
            "cohorts": [{"cohort": c, "eligible": counts[c.label]} for c in cohorts],
            "seat_total": sum(c.seats for c in cohorts),
        })
        return context

    def form_valid(self, form):
        try:
            the_draw = services.draw(self.case, form.cleaned_data["seed"], form.cleaned_data["seed_source"],
                                     self.request.user, generated=bool(form.cleaned_data.get("generate")))
        except services.RecruitmentError as exc:
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
            services.void(self.case, form.cleaned_data["reason"], self.request.user)
        except services.RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        messages.success(self.request, _("Die Ziehung wurde verworfen. Eine neue Ziehung ist jetzt möglich."))
        return self.back()


class VerifyView(PostOnlyMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            result = services.verify(self.case, request.user)
        except services.RecruitmentError as exc:
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
    """CSV ``person_key,cohort`` for ``tools/audit_draw.py`` (pseudonymous keys; logged)."""

    def get(self, request, *args, **kwargs):
        rows = services.export_rows(self.case, request.user)
        slug = self.case.council.slug if self.case.council else str(self.case.pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="auslosung-{slug}-pruefung.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response, lineterminator="\n")
        writer.writerow(["person_key", "cohort"])
        writer.writerows(rows)
        return response


class PurgeView(CaseFormView):
    template_name = "recruitment/purge.html"
    action_label = _("Personendaten löschen")
    form_class = PurgeForm

    @cached_property
    def counts(self):
        return {"persons": self.case.persons.count(), "imports": self.case.import_jobs.count()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.counts)
        return context

    def form_valid(self, form):
        count, files = services.purge(self.case, self.request.user, reason="manual")
        messages.success(self.request, _("Personendaten gelöscht: %(count)d Personen, %(files)d Dateien. "
                                         "Protokoll und Kennzahlen bleiben erhalten.")
                         % {"count": count, "files": files})
        return self.back()


# --- invitations: outcomes and replacements (Nachlosen) ----------------------------------------


class InvitationsView(CaseTemplateView):
    """Everyone invited for the active draw with their status (personal data: logged with count)."""

    template_name = "recruitment/invitations.html"
    action_label = _("Einladungen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitations = list(services.active_invitations(self.case))
        counts = {}
        for invitation in invitations:
            counts[invitation.status] = counts.get(invitation.status, 0) + 1
        context.update({
            "invitations": invitations,
            "status_counts": [(label, counts.get(value, 0)) for value, label in Invitation.STATUS_CHOICES],
            "status_choices": [(v, l) for v, l in Invitation.STATUS_CHOICES if v in services.MANAGER_STATUSES],
            "channel_choices": Invitation.CHANNEL_CHOICES,
        })
        services.audit(self.case, services.ACTION_VIEW_INVITATIONS, self.request.user, count=len(invitations))
        return context


class InvitationMixin:
    def dispatch(self, request, *args, **kwargs):
        case = get_object_or_404(cases_for_user(request.user), pk=kwargs["pk"])
        self.invitation = get_object_or_404(case.invitations, pk=kwargs["invitation"])
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect(case_url("invitations", self.case))


class InvitationStatusView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            services.set_status(self.invitation, request.POST.get("status", ""), request.user,
                                channel=request.POST.get("channel", ""))
            messages.success(request, _("Stand gespeichert."))
        except services.RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


class ReplaceView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    """"Ersetzen (Nachlosen)": the next place of the same cohort's list is invited."""

    def post(self, request, *args, **kwargs):
        try:
            new = services.replace(self.invitation, request.user)
            messages.success(request, _("Ersetzt: Platz %(position)d der Kohorte „%(cohort)s“ ist jetzt eingeladen.")
                             % {"position": new.position, "cohort": new.draw_cohort.label})
        except services.RecruitmentError as exc:
            messages.error(request, str(exc))
        return self.back()


def private_download(data, filename, content_type="application/pdf"):
    """A file with personal data: a download that no cache keeps."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def case_slug(case):
    return case.council.slug if case.council else str(case.pk)


class ManagerResponseView(InvitationMixin, CaseFormView):
    """"Antwort erfassen": a yes or no the manager took by phone, at the door or by post."""

    template_name = "recruitment/manager_response.html"
    action_label = _("Antwort erfassen")
    form_class = ManagerResponseForm

    def get_initial(self):
        inv = self.invitation
        initial = {name: getattr(inv, name) for name in services.RESPONSE_FIELDS}
        if inv.status in (Invitation.ACCEPTED, Invitation.DECLINED):
            initial["answer"] = "accept" if inv.status == Invitation.ACCEPTED else "decline"
        initial["channel"] = self.request.GET.get("channel", "phone")
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation
        services.audit(self.case, services.ACTION_VIEW_INVITATIONS, self.request.user, count=1,
                       invitation=self.invitation.pk)
        return context

    def form_valid(self, form):
        try:
            services.record_response(self.invitation, form.cleaned_data["answer"] == "accept",
                                     form.response_data(), channel=form.cleaned_data["channel"],
                                     user=self.request.user)
        except services.RecruitmentError as exc:
            return self.form_invalid_with(form, exc)
        messages.success(self.request, _("Antwort gespeichert."))
        back = "visits" if self.request.GET.get("next") == "visits" else "invitations"
        return redirect(case_url(back, self.case))


# --- door visits ------------------------------------------------------------------------------------


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
        services.audit(self.case, services.ACTION_VIEW_VISITS, self.request.user, count=len(rows))
        return context


class VisitOutcomeView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        outcome = request.POST.get("outcome", "")
        if outcome == outreach.VISIT_ACCEPTED:
            return redirect(case_url("respond", self.case, self.invitation.pk) + "?channel=door&next=visits")
        try:
            outreach.record_visit(self.invitation, outcome, request.user)
            messages.success(request, _("Besuch gespeichert."))
        except services.RecruitmentError as exc:
            messages.error(request, str(exc))
        return redirect(case_url("visits", self.case))


# --- the workshop day -------------------------------------------------------------------------------


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
                      "travel_form": TravelForm(prefix=f"t{inv.pk}", initial={
                          "travel_amount": inv.travel_amount, "travel_paid_on": inv.travel_paid_on,
                          "travel_note": inv.travel_note})} for inv in rows],
            "checked_in": sum(1 for inv in rows if inv.checked_in_at),
            "no_shows": sum(1 for inv in rows if inv.no_show),
            "travel_total": participants.travel_total(rows),
            "workshop_over": self.case.council and timezone.localdate() >= self.case.council.date,
        })
        services.audit(self.case, services.ACTION_VIEW_PARTICIPANTS, self.request.user, count=len(rows))
        return context


class CheckInView(PostOnlyMixin, InvitationMixin, CaseTemplateView):
    def post(self, request, *args, **kwargs):
        try:
            inv = participants.check_in(self.invitation, request.user, undo=request.POST.get("undo") == "1")
            name = inv.person.first_name
            messages.success(request, _("%(name)s ist angekommen.") % {"name": name} if inv.checked_in_at
                             else _("Check-in von %(name)s zurückgenommen.") % {"name": name})
        except services.RecruitmentError as exc:
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
            except services.RecruitmentError as exc:
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


# --- alumni (kept after the purge with their consent) ---------------------------------------------


class AlumniScopedMixin:
    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])


class AlumniIndexView(IndexView):
    def get_base_queryset(self):
        queryset = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])
        return queryset.select_related("wahlkreis")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Viewing contacts is an access to personal data: logged on each constituency, with the count.
        shown = Counter(alumnus.wahlkreis for alumnus in context["object_list"])
        for wahlkreis, count in shown.items():
            log(instance=wahlkreis, action=services.ACTION_VIEW_ALUMNI, user=self.request.user,
                data={"count": count})
        return context


class AlumniEditView(AlumniScopedMixin, EditView):
    pass


class AlumniDeleteView(AlumniScopedMixin, DeleteView):
    pass
