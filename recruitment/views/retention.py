"""The last step in the admin: deleting the personal data, and the alumni kept with their consent."""

from collections import Counter

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.log_actions import log

from ..forms import PurgeForm
from ..services import audit, retention
from .base import CaseFormView, RecruitmentAccessMixin, ScopedMixin


class PurgeView(CaseFormView):
    template_name = "recruitment/purge.html"
    action_label = _("Personendaten löschen")
    form_class = PurgeForm

    @cached_property
    def counts(self):
        return {"persons": self.case.persons.count(), "imports": self.case.import_jobs.count(),
                "comments": self.case.evaluation_responses.exclude(comment="").count()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.counts)
        return context

    def form_valid(self, form):
        count, files = retention.purge(self.case, self.request.user, reason="manual")
        messages.success(self.request, _("Personendaten gelöscht: %(count)d Personen, %(files)d Dateien. "
                                         "Protokoll und Kennzahlen bleiben erhalten.")
                         % {"count": count, "files": files})
        return self.back()


class AlumniIndexView(RecruitmentAccessMixin, IndexView):
    def get_base_queryset(self):
        queryset = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])
        return queryset.select_related("wahlkreis")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Viewing contacts is an access to personal data: logged on each constituency, with the count.
        shown = Counter(alumnus.wahlkreis for alumnus in context["object_list"])
        for wahlkreis, count in shown.items():
            log(instance=wahlkreis, action=audit.ACTION_VIEW_ALUMNI, user=self.request.user,
                data={"count": count})
        return context


class AlumniEditView(ScopedMixin, EditView):
    pass


class AlumniDeleteView(ScopedMixin, DeleteView):
    pass
