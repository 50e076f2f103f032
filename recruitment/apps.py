from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """The private side: register data, the draw, invitations.

    Public apps never import this one; data flows from here to the public side only.
    """

    name = "recruitment"
    label = "recruitment"
    verbose_name = _("Auslosung und Einladung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Permission policies must be registered before Wagtail creates fallback ones.
        from wagtail.permissions import register_permission_policy

        from . import checks, models  # noqa: F401 - checks registers the system checks
        from .permissions import (
            AlumniPermissionPolicy,
            CasePermissionPolicy,
            ConstituencyPermissionPolicy,
            SuperuserOnlyPermissionPolicy,
        )

        register_permission_policy(models.RecruitmentCase, CasePermissionPolicy(models.RecruitmentCase),
                                   exact_class=True)
        register_permission_policy(models.Alumnus, AlumniPermissionPolicy(models.Alumnus), exact_class=True)
        register_permission_policy(models.ManagerAssignment,
                                   SuperuserOnlyPermissionPolicy(models.ManagerAssignment), exact_class=True)
        for model, path in [
            (models.Cohort, "case__wahlkreis_id"),
            (models.ImportJob, "case__wahlkreis_id"),
            (models.Person, "case__wahlkreis_id"),
            (models.Draw, "case__wahlkreis_id"),
            (models.DrawCohort, "draw__case__wahlkreis_id"),
            (models.Placement, "draw_cohort__draw__case__wahlkreis_id"),
            (models.Invitation, "case__wahlkreis_id"),
            (models.EvaluationToken, "case__wahlkreis_id"),
            (models.EvaluationResponse, "case__wahlkreis_id"),
        ]:
            register_permission_policy(model, ConstituencyPermissionPolicy(model, path), exact_class=True)
