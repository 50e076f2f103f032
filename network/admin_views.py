"""Admin views for the jury and the network office: applications with reviews, conflicts and the
decision; the export of a mailing list. Thin: the work is in network.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from .forms import ConflictForm, DecisionForm, ReviewForm
from .models import JuryReview, MailingList, MicroProjectApplication, ProjectIndexPage
from .services import projects, signups
from .services.audit import ACTION_APPLICATION_VIEWED, NetworkError, audit


class JuryMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (projects.is_juror(request.user) or projects.may_decide(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApplicationListView(JuryMixin, TemplateView):
    template_name = "network/admin/applications.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        applications = MicroProjectApplication.objects.select_related("place").prefetch_related("budget_lines")
        mine = dict(JuryReview.objects.filter(juror=self.request.user).values_list("application_id", "score"))
        context["rows"] = [(a, mine.get(a.pk)) for a in applications]
        return context


class ApplicationDetailView(JuryMixin, TemplateView):
    template_name = "network/admin/application.html"

    def get_application(self):
        return get_object_or_404(MicroProjectApplication, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        user = self.request.user
        audit(application, ACTION_APPLICATION_VIEWED, user)
        own = application.reviews.filter(juror=user).first()
        context.update({
            "application": application, "conflict": projects.has_conflict(application, user),
            "review_form": kwargs.get("review_form") or ReviewForm(
                initial={"score": own.score, "comment": own.comment} if own else None),
            "conflict_form": ConflictForm(), "decision_form": DecisionForm(),
            "may_decide": projects.may_decide(user),
            # the jury's reviews stay private: the deciding office sees them all, a juror only their own
            "reviews": application.reviews.select_related("juror") if projects.may_decide(user) else
            application.reviews.filter(juror=user),
            "conflicts": application.conflicts.select_related("juror"),
        })
        return context

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        action = request.POST.get("action")
        try:
            if action == "review":
                form = ReviewForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(review_form=form))
                projects.record_review(application, request.user, form.cleaned_data["score"],
                                       form.cleaned_data["comment"])
                messages.success(request, _("Ihre Bewertung ist gespeichert."))
            elif action == "conflict":
                form = ConflictForm(request.POST)
                form.is_valid()
                projects.declare_conflict(application, request.user, form.cleaned_data.get("note", ""))
                messages.success(request, _("Ihr Interessenkonflikt ist vermerkt."))
            elif action == "decide":
                form = DecisionForm(request.POST)
                if form.is_valid():
                    index = ProjectIndexPage.objects.filter(locale__language_code="de").first()
                    projects.decide(application, request.user, form.cleaned_data["decision"], index,
                                    form.cleaned_data["granted_amount"])
                    messages.success(request, _("Die Entscheidung ist gespeichert."))
        except NetworkError as error:
            messages.error(request, str(error))
        return redirect("network_application", pk=application.pk)


class ExportView(View):
    def get(self, request, pk):
        mailing_list = get_object_or_404(MailingList, pk=pk)
        try:
            content, _count = signups.export_csv(mailing_list, request.user)
        except NetworkError as error:
            raise PermissionDenied(str(error)) from error
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="verteiler-{mailing_list.slug}.csv"'
        response["Cache-Control"] = "no-store"
        return response


class ExportListView(TemplateView):
    template_name = "network/admin/exports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists"] = [ml for ml in MailingList.objects.all() if signups.may_export(self.request.user, ml)]
        return context
