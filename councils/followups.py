"""Open follow-ups: recommendations still without a status, the councils they belong to, and who
answers for them (the council's MdB team and the editors). Used by the reminders
(councils/reminders.py) and the admin dashboards (councils/admin_home.py).

A recommendation "has a status" as on the public page (councils/ledger.py): a RecommendationStatus
on a live follow-up, matched by the recommendation's translation_key, so a status given in any
language counts.

MdB teams are found by what they may do, not by their name: a team is any group other than the
editors that holds ``add_page`` directly on a council page (or one of its translations), which is
what councils/teams.py grants. That keeps these queries right however teams are cut (one per council
or one per MdB and council).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from wagtail.models import GroupPagePermission, Locale

from .logic.dates import add_months
from .models import CouncilPage, Recommendation, RecommendationStatus
from .teams import EDITORS_GROUP

TEAM_PERMISSION = "add_page"
FEEDBACK_MONTHS = 2  # CouncilPage.feedback_due


def has_status():
    """Exists() for a Recommendation queryset: a status on a live follow-up, in any language."""
    return Exists(RecommendationStatus.objects.filter(
        recommendation__translation_key=OuterRef("translation_key"), page__live=True))


def default_councils():
    """Live councils in the default language (one per council, whatever its translations)."""
    return CouncilPage.objects.live().filter(locale=Locale.get_default())


def due_until(queryset, last_due, limit=None):
    """Councils of `queryset` (in its order) whose feedback is due on or before `last_due`, at most
    `limit` of them (a superset in SQL, narrowed by CouncilPage.feedback_due in Python; a list)."""
    # add_months clamps to the month's end: allow three days so that 31 Dec is due on 28 Feb.
    latest_date = add_months(last_due, -FEEDBACK_MONTHS) + datetime.timedelta(days=3)
    candidates = queryset.filter(date__lte=latest_date)
    if limit is not None:
        candidates = candidates[: limit + 3]
    councils = [c for c in candidates if c.feedback_due <= last_due]
    return councils if limit is None else councils[:limit]


def with_open_recommendations(queryset):
    """Councils of `queryset` that have at least one recommendation without a status."""
    open_recs = Recommendation.objects.filter(page_id=OuterRef("pk")).filter(~has_status())
    return queryset.filter(Exists(open_recs))


def open_recommendations(councils):
    """{council pk: [recommendations without a status, in order]} in one query."""
    result = {council.pk: [] for council in councils}
    recs = (Recommendation.objects.filter(page_id__in=list(result)).filter(~has_status())
            .order_by("page_id", "sort_order", "pk"))
    for rec in recs:
        result[rec.page_id].append(rec)
    return result


def _team_permissions():
    return (GroupPagePermission.objects
            .filter(permission__content_type__app_label="wagtailcore", permission__codename=TEAM_PERMISSION,
                    page__content_type__app_label="councils", page__content_type__model="councilpage")
            .exclude(group__name=EDITORS_GROUP))


def team_councils(user):
    """The councils (default language, live or not) of the MdB teams `user` belongs to, by date."""
    if not (user.is_authenticated and user.is_active):
        return CouncilPage.objects.none()
    keys = _team_permissions().filter(group__user=user).values("page__translation_key")
    return CouncilPage.objects.filter(locale=Locale.get_default(), translation_key__in=keys).order_by("date", "pk")


def is_team_member(user):
    return bool(user.is_authenticated and user.is_active
                and _team_permissions().filter(group__user=user).exists())


def team_members(council):
    """Active users with an e-mail address in the MdB team(s) of `council` (any translation of it)."""
    groups = _team_permissions().filter(page__translation_key=council.translation_key).values("group_id")
    return (get_user_model().objects.filter(is_active=True, groups__in=groups).exclude(email="")
            .distinct().order_by("email"))


def editors():
    """Active members of the editors' group ("Redaktion") with an e-mail address."""
    return (get_user_model().objects.filter(is_active=True, groups__name=EDITORS_GROUP).exclude(email="")
            .distinct().order_by("email"))


def is_editor(user):
    return bool(user.is_authenticated and user.is_active
                and (user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()))
