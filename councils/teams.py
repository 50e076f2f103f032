"""MdB teams: a user group per council that drafts follow-ups, moderated by the editors.

A team gets `add_page` and `change_page` (never `publish_page`) on its council page and on every
translation of it, so it can create and edit follow-ups below the council in every locale. The
council page itself stays with the editors (see `may_edit_council_page`, enforced by a
`before_edit_page` hook in wagtail_hooks.py). A moderation workflow on the council page sends the
team's "Submit for moderation" to the group "Redaktion".

Wagtail's group page permissions and workflow assignments belong to one page in one locale tree:
the English translation of a council does not inherit what its German page has. `setup_team`
therefore covers every existing translation, and `mirror_translation_permissions` gives a
translation created later what its siblings have (see the signal handler at the end).

A council may invite several members of the Bundestag (CouncilPage.invited_mdbs). Each gets a
team of its own (`setup_team(council, mdb=...)`, `setup_mdb_teams`), recorded as an MdBTeam row;
such a team may only post follow-ups for its member (`team_mdb_ids`, enforced in FollowUpForm).
A group without an MdBTeam row (a team set up for the whole council) answers for every invited
member.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CouncilPage, MdBTeam

EDITORS_GROUP = "Redaktion"
WORKFLOW_NAME = "Moderation Rückmeldungen"
TASK_NAME = "Freigabe durch die Redaktion"
TEAM_PAGE_PERMISSIONS = ("add_page", "change_page")
# Never held by a team on its council, even if an existing group is reused as the team.
FORBIDDEN_TEAM_PAGE_PERMISSIONS = ("publish_page", "bulk_delete_page", "lock_page", "unlock_page")
GROUP_NAME_MAX = 150  # auth.Group.name

# FollowUpPage has no image field (its rich text allows no images), so teams get no image or
# collection permissions: keep the team's rights minimal.


def default_team_name(council_page):
    """'MdB-Team: <council title> (<Wahlkreis number>)', from the default-locale council."""
    council = _default_locale_council(council_page)
    wahlkreis = getattr(council, "wahlkreis", None) or council.get_parent().specific.wahlkreis
    suffix = f" ({wahlkreis.number})"
    prefix = "MdB-Team: "
    title = council.title[: GROUP_NAME_MAX - len(prefix) - len(suffix)]
    return f"{prefix}{title}{suffix}"


def mdb_team_name(council_page, mdb):
    """'MdB-Team: <member> – <council title> (<Wahlkreis number>)', from the default-locale council."""
    council = _default_locale_council(council_page)
    wahlkreis = getattr(council, "wahlkreis", None) or council.get_parent().specific.wahlkreis
    prefix, suffix = f"MdB-Team: {mdb.display_name} – ", f" ({wahlkreis.number})"
    title = council.title[: max(GROUP_NAME_MAX - len(prefix) - len(suffix), 0)]
    return f"{prefix}{title}{suffix}"[:GROUP_NAME_MAX]


def council_translations(council_page):
    """The council page in every locale (aliases included), the given page among them."""
    return list(Page.objects.filter(translation_key=council_page.translation_key).order_by("pk"))


def ensure_moderation_workflow():
    """The workflow "Moderation Rückmeldungen": one group approval task for "Redaktion" (idempotent)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(editors)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task,
                                    sort_order=WorkflowTask.objects.filter(workflow=workflow).count())
    return workflow


@transaction.atomic
def setup_team(council_page, name=None, users=(), mdb=None):
    """Create or update the MdB team group of a council and return it.

    `name` may be an existing group (e.g. "MdB-Team (Demo)"); without it the group is called
    "MdB-Team: <title> (<Wahlkreis number>)", or with `mdb` (one of the council's members,
    see CouncilPage.mdbs) "MdB-Team: <member> – <title> (<number>)", and the team answers for that
    member only. `users` are User objects or usernames; they are added to the group (nobody is
    removed). Idempotent.
    """
    council = council_page.specific
    if not isinstance(council, CouncilPage):
        raise TypeError(f"{council_page!r} is not a council page")
    if mdb is not None and mdb.pk not in {m.pk for m in council.mdbs()}:
        raise ValueError(f"{mdb} is not invited to {council.title!r}")
    default = default_team_name(council) if mdb is None else mdb_team_name(council, mdb)
    group, _ = Group.objects.get_or_create(name=(name or "").strip() or default)
    if mdb is not None:
        MdBTeam.objects.update_or_create(group=group, council_key=council.translation_key,
                                         defaults={"mdb": mdb})
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                 codename="access_admin"))

    allowed = list(_page_permissions(TEAM_PAGE_PERMISSIONS))
    workflow = ensure_moderation_workflow()
    pages = council_translations(council)
    for page in pages:
        for permission in allowed:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
        # The team's drafts go to the editors, whatever workflow the tree above has.
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    GroupPagePermission.objects.filter(
        group=group, page__in=pages, permission__in=_page_permissions(FORBIDDEN_TEAM_PAGE_PERMISSIONS)
    ).delete()

    User = get_user_model()
    for user in users:
        if not isinstance(user, User):
            user = User.objects.get(**{User.USERNAME_FIELD: user})
        user.groups.add(group)
    return group


def setup_mdb_teams(council_page):
    """One team per member of the council (CouncilPage.mdbs); returns {MdB: Group}."""
    council = council_page.specific
    return {mdb: setup_team(council, mdb=mdb) for mdb in council.mdbs()}


def team_mdb_ids(user, council_page):
    """The members `user` may answer for on this council: a set of MdB ids, or None for all.

    Editors and superusers answer for anyone; so does a member of a team set up for the whole
    council (no MdBTeam row). A member of an MdB team answers only for that team's member(s).
    """
    if user is None or user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists():
        return None
    ids = set(MdBTeam.objects.filter(group__user=user, council_key=council_page.translation_key)
              .values_list("mdb_id", flat=True))
    return ids or None


def mirror_translation_permissions(page):
    """Give `page` the group page permissions and the workflow its translations have.

    Only permissions set directly on a translation are copied (inherited ones come from the
    locale tree above). Adds, never removes; returns the number of permissions created.
    """
    siblings = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    wanted = set(GroupPagePermission.objects.filter(page__in=siblings)
                 .values_list("group_id", "permission_id"))
    have = set(GroupPagePermission.objects.filter(page=page).values_list("group_id", "permission_id"))
    missing = wanted - have
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(page_id=page.pk, group_id=group_id, permission_id=permission_id)
        for group_id, permission_id in sorted(missing)
    )
    if not WorkflowPage.objects.filter(page_id=page.pk).exists():
        source = WorkflowPage.objects.filter(page__in=siblings).order_by("page_id").first()
        if source is not None:
            WorkflowPage.objects.create(page_id=page.pk, workflow_id=source.workflow_id)
    return len(missing)


def may_edit_council_page(user, page):
    """Whether `user` may edit the council page itself (not only its follow-ups).

    A team's rights start at its council, so that it can add and edit follow-ups below; the
    council page belongs to whoever may edit the constituency page above it (the editors).
    """
    if user.is_superuser:
        return True
    parent = page.get_parent()
    return parent is not None and parent.permissions_for_user(user).can_edit()


def can_set_up_teams(user):
    """Editors ("Redaktion"), group administrators (auth.add_group) and superusers."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (user.is_superuser or user.has_perm("auth.add_group")
            or user.groups.filter(name=EDITORS_GROUP).exists())


def _page_permissions(codenames):
    return Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)


def _default_locale_council(council_page):
    council = council_page.specific
    translation = council.get_translation_or_none(Locale.get_default())
    return translation.specific if translation is not None else council


# Why post_save: a translation of a council page comes into being in several ways, and only
# this signal sees all of them. wagtail-localize's save_target() copies the page (Page.copy via
# copy_for_translation), creates parents as aliases, and its tree sync creates aliases with
# create_alias(); Wagtail's `after_create_page` hook fires only in the admin create view,
# `page_published` misses translations kept as drafts, and `copy_for_translation_done` misses
# create_alias(). Every path ends in treebeard's add_child(), i.e. a save with created=True.
# The handler is connected when this module is imported: wagtail_hooks.py imports it, and
# CouncilsConfig.ready() should too, so that management commands (seed_demo) are covered.
@receiver(post_save, sender=CouncilPage, dispatch_uid="councils.teams.mirror_translation_permissions")
def _mirror_on_council_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        mirror_translation_permissions(instance)
