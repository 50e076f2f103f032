"""Dashboard panels of the admin's home page for the editors and the MdB teams (registered with the
``construct_homepage_panels`` hook in wagtail_hooks.py). Each panel shows only to its role, lists
only the user's own councils and reads a bounded number of rows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from . import followups
from .logic.reminders import latest_due_date
from .models import CouncilPage, FollowUpPage

MODERATION_ROWS = 10
DUE_ROWS = 20
UPCOMING_ROWS = 5
TEAM_COUNCILS = 10


def follow_up_add_url(council):
    return reverse("wagtailadmin_pages:add", args=("councils", "followuppage", council.pk))


def _due_rows(councils, today):
    open_by_council = followups.open_recommendations(councils)
    return [{"council": council, "due": council.feedback_due, "overdue": council.feedback_due <= today,
             "open": open_by_council[council.pk], "add_url": follow_up_add_url(council)}
            for council in councils]


def moderation_rows(user, limit=MODERATION_ROWS):
    """Workflow states in progress (pages and snippets), oldest first: (rows, total)."""
    states = (WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
              .select_related("requested_by", "current_task_state__task").order_by("created_at"))
    total = states.count()
    states = list(states[:limit])
    finder = AdminURLFinder(user)
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [int(s.object_id) for s in states if s.base_content_type_id == page_type.pk]
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    rows = []
    for state in states:
        obj = (pages.get(int(state.object_id)) if state.base_content_type_id == page_type.pk
               else state.content_object)
        if obj is None:
            continue
        title = obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)
        task = state.current_task_state.task if state.current_task_state else None
        rows.append({"title": title, "url": finder.get_edit_url(obj), "since": state.created_at,
                     "requested_by": state.requested_by, "task": task,
                     "kind": obj._meta.verbose_name})
    return rows, total


class EditorsPanel(Component):
    """For the editors ("Redaktion") and administrators: what waits for them."""

    name = "wahlkreisrat_editors"
    template_name = "councils/admin/editors_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        today = timezone.localdate()
        moderation, moderation_total = moderation_rows(request.user)
        due_councils = followups.due_until(
            followups.with_open_recommendations(followups.default_councils()).order_by("-date", "-pk"),
            latest_due_date(today), limit=DUE_ROWS)
        upcoming = list(CouncilPage.objects.filter(locale=Locale.get_default(), date__gte=today)
                        .select_related("wahlkreis").order_by("date", "pk")[:UPCOMING_ROWS])
        return {"moderation": moderation, "moderation_total": moderation_total,
                "due": _due_rows(due_councils, today), "upcoming": upcoming, "today": today}


class TeamPanel(Component):
    """For an MdB team: per council of the team, the recommendations still without a status."""

    name = "wahlkreisrat_team"
    template_name = "councils/admin/team_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        today = timezone.localdate()
        councils = list(followups.team_councils(request.user)[:TEAM_COUNCILS])
        rows = _due_rows(councils, today)
        drafts = {}
        if councils:
            below = Q()
            for council in councils:
                below |= Q(path__startswith=council.path, depth=council.depth + 1)
            for page in FollowUpPage.objects.filter(below, live=False).order_by("-latest_revision_created_at"):
                drafts.setdefault(page.path[: -page.steplen], []).append(page)
        for row in rows:
            row["drafts"] = drafts.get(row["council"].path, [])[:3]
            row["past"] = row["council"].date <= today
        return {"rows": rows, "today": today}


def homepage_panels(request, panels):
    """Add the panels of the user's roles (an editor who is also in a team sees both)."""
    user = request.user
    if followups.is_team_member(user):
        panels.append(TeamPanel())
    if followups.is_editor(user):
        panels.append(EditorsPanel())
