"""Dashboard panel for regional managers: the councils of their constituencies, the current step of
the process (CouncilPage.timeline()) and its deadline, with a link to the council's recruitment
case. Registered with ``construct_homepage_panels`` in wagtail_hooks.py; only for users with
recruitment access, only their own constituencies, at most ROWS councils."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from councils.models import CouncilPage

from .permissions import cases_for_user, has_recruitment_access, is_superuser, managed_wahlkreis_ids

ROWS = 10
#: Councils stay on the panel this long after their workshop (documentation, evaluation, feedback).
SHOWN_AFTER_WORKSHOP = datetime.timedelta(days=90)


def current_step(council):
    """The first step of the council's timeline that has not happened yet, or None."""
    return next((step for step in council.timeline() if step["actual"] is None), None)


def manager_rows(user, today, limit=ROWS):
    councils = CouncilPage.objects.filter(locale=Locale.get_default(), date__gte=today - SHOWN_AFTER_WORKSHOP)
    if not is_superuser(user):
        councils = councils.filter(wahlkreis_id__in=managed_wahlkreis_ids(user))
    councils = list(councils.select_related("wahlkreis").order_by("date", "pk")[:limit])
    cases = {case.council_key: case for case in
             cases_for_user(user).filter(council_key__in=[c.translation_key for c in councils])}
    rows = []
    for council in councils:
        step = current_step(council)
        rows.append({"council": council, "case": cases.get(council.translation_key), "step": step,
                     "late": bool(step and step["planned"] < today)})
    return rows


class ManagerPanel(Component):
    name = "wahlkreisrat_recruitment"
    template_name = "recruitment/admin/manager_panel.html"
    order = 45

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        return {"rows": manager_rows(parent_context["request"].user, today), "today": today}


def homepage_panels(request, panels):
    if has_recruitment_access(request.user):
        panels.append(ManagerPanel())
