"""The wall: who may see the private side.

Access does not come from Django model permissions (which could be granted to any group by
accident) but from ``ManagerAssignment``: a user may handle the councils of exactly those
constituencies that one of their groups is assigned to. Superusers may handle everything.
Editors, MdB teams and managers of other constituencies get nothing: no menu item, no URL, no
object.

Two layers enforce it: every recruitment admin URL is wrapped in :func:`require_recruitment_access`
(a coarse gate: managers and superusers only), and every view fetches its objects through
:func:`cases_for_user` (scoped to the user's constituencies; anything else is a 404).
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

CACHE_ATTR = "_recruitment_wahlkreis_ids"


def managed_wahlkreis_ids(user):
    """Ids of the constituencies whose private data ``user`` may handle (cached on the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, CACHE_ATTR, None)
    if cached is None:
        from .models import ManagerAssignment

        cached = frozenset(
            ManagerAssignment.objects.filter(group__user=user).values_list("wahlkreis_id", flat=True)
        )
        setattr(user, CACHE_ATTR, cached)
    return cached


def is_superuser(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def has_recruitment_access(user):
    """Superusers and regional managers (members of an assigned group)."""
    return is_superuser(user) or bool(managed_wahlkreis_ids(user))


def may_handle_wahlkreis(user, wahlkreis_id):
    return is_superuser(user) or wahlkreis_id in managed_wahlkreis_ids(user)


def cases_for_user(user):
    from .models import RecruitmentCase

    queryset = RecruitmentCase.objects.all()
    if is_superuser(user):
        return queryset
    return queryset.filter(wahlkreis_id__in=managed_wahlkreis_ids(user))


def require_recruitment_access(view):
    """Decorator for every recruitment admin view: 403 for anyone but managers and superusers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_recruitment_access(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _users_with_access():
    from .models import ManagerAssignment

    groups = ManagerAssignment.objects.values_list("group_id", flat=True)
    return get_user_model().objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(groups__in=groups)).distinct()


class ConstituencyPermissionPolicy(BasePermissionPolicy):
    """Any action on objects of the constituencies assigned to one of the user's groups.

    ``wahlkreis_path`` is the lookup from the model to the constituency id, e.g.
    ``"wahlkreis_id"`` or ``"case__wahlkreis_id"``.
    """

    def __init__(self, model, wahlkreis_path="wahlkreis_id"):
        super().__init__(model)
        self.wahlkreis_path = wahlkreis_path

    def _wahlkreis_of(self, instance):
        value = instance
        for part in self.wahlkreis_path.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def user_has_permission(self, user, action):
        return has_recruitment_access(user)

    def user_has_any_permission(self, user, actions):
        return has_recruitment_access(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and not self.may_delete(instance):
            return False
        return may_handle_wahlkreis(user, self._wahlkreis_of(instance))

    def may_delete(self, instance):
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = self.model._default_manager.all()
        if is_superuser(user):
            return queryset
        return queryset.filter(**{f"{self.wahlkreis_path}__in": managed_wahlkreis_ids(user)})

    def users_with_any_permission(self, actions):
        return _users_with_access()

    def users_with_any_permission_for_instance(self, actions, instance):
        wahlkreis_id = self._wahlkreis_of(instance)
        from .models import ManagerAssignment

        groups = ManagerAssignment.objects.filter(wahlkreis_id=wahlkreis_id).values_list("group_id", flat=True)
        return get_user_model().objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(groups__in=groups)).distinct()


class CasePermissionPolicy(ConstituencyPermissionPolicy):
    """A case can be deleted in the admin only while it holds no pool and no draw: personal data
    goes through the logged purge, and a draw's protocol is kept."""

    def may_delete(self, instance):
        if instance.pk is None:
            return True
        return not (instance.persons.exists() or instance.draws.exists() or instance.import_jobs.exists())


class AlumniPermissionPolicy(ConstituencyPermissionPolicy):
    """Alumni entries come only from the purge (with consent): they can be corrected and deleted
    (consent withdrawn), never added by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SuperuserOnlyPermissionPolicy(BasePermissionPolicy):
    """Only superusers: who manages which constituency is decided by administrators."""

    def user_has_permission(self, user, action):
        return is_superuser(user)

    def user_has_any_permission(self, user, actions):
        return is_superuser(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
