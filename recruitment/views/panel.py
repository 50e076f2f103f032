"""Two-stage selection in the admin: the state of stage two (volunteers, commitment, lottery) and the
pseudonymous exports for ``tools/audit_panel.py`` (every download is audit-logged)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ..services import panel as panel_service
from .base import CaseTemplateView, case_slug, private_download


class PanelView(CaseTemplateView):
    template_name = "recruitment/panel.html"
    action_label = _("Zweistufige Auswahl")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selection = panel_service.active_selection(self.case)
        context.update({
            "respondent_count": self.case.respondents.count(),
            "selection": selection,
            "current_panel_size": len(panel_service.current_panel(selection)) if selection else 0,
        })
        return context


class PanelExportView(CaseTemplateView):
    """``what``: ``liste`` (all N panels), ``chancen`` (each respondent's chance), ``panel`` (the
    current panel) or ``rueckmeldungen``."""

    def get(self, request, *args, what, **kwargs):
        selection = panel_service.active_selection(self.case)
        slug = case_slug(self.case)
        if what == "rueckmeldungen" and self.case.respondents.exists():
            data = panel_service.respondents_csv(self.case, request.user)
        elif what == "liste" and selection and selection.panels:
            data = panel_service.panel_list_csv(selection, request.user)
        elif what == "chancen" and selection and selection.panels:
            data = panel_service.probabilities_csv(selection, request.user)
        elif what == "panel" and selection and selection.chosen:
            data = panel_service.panel_csv(selection, request.user)
        else:
            raise Http404
        return private_download(data.encode("utf-8"), f"panel-{slug}-{what}.csv", "text/csv; charset=utf-8")
