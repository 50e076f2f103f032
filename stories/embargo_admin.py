"""The admin of press accreditations (personal links to releases under embargo).

Whoever has "Kann Presse-Akkreditierungen verwalten" (the editors) creates an accreditation; the link
is shown once, in the response to that request (never cached), and only its hash is stored. An
accreditation can get a new link (the old one stops working) or be revoked.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import EmbargoAccess, PressRoomPage

PERMISSION = "stories.manage_embargoaccess"
ACTION_LINK = "stories.embargo_link"
ACTION_REVOKE = "stories.embargo_revoke"
LOG_LABELS = {ACTION_LINK: _("Vorab-Link erzeugt"), ACTION_REVOKE: _("Vorab-Link widerrufen")}


class AccreditationPermissionPolicy(BasePermissionPolicy):
    """One permission for everything: managing accreditations."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(PERMISSION))

    def users_with_any_permission(self, actions):
        permission = Permission.objects.filter(content_type__app_label="stories",
                                               codename="manage_embargoaccess").first()
        return get_user_model().objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission)).distinct()


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def embargo_links(request, token):
    """[(language name, full URL)] of the link in every language with a live press room."""
    links = []
    for room in PressRoomPage.objects.live().select_related("locale").order_by("locale__id"):
        url = room.get_full_url(request)
        if url:
            links.append((room.locale.get_display_name(), url + room.reverse_subpage("embargo", kwargs={"token": token})))
    return links


def show_link(request, access, token):
    return _no_store(TemplateResponse(request, "stories/admin/embargo_link.html", {
        "access": access, "links": embargo_links(request, token), "page_title": _("Vorab-Link"),
        "index_url": reverse("press_accreditations:index"),
        "header_title": _("Vorab-Link für %(name)s") % {"name": access.name},
    }))


class AccessCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        instance = super().save_instance()
        self.token = instance.issue_token()
        log(instance=instance, action=ACTION_LINK, user=self.request.user)
        return instance

    def save_action(self):
        return show_link(self.request, self.object, self.token)


class ManagedAccessView(View):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NewLinkView(ManagedAccessView):
    def post(self, request, pk):
        access = get_object_or_404(EmbargoAccess, pk=pk, revoked_at__isnull=True)
        token = access.issue_token()
        log(instance=access, action=ACTION_LINK, user=request.user)
        return show_link(request, access, token)


class RevokeView(ManagedAccessView):
    def post(self, request, pk):
        access = get_object_or_404(EmbargoAccess, pk=pk)
        if access.revoked_at is None:
            access.revoked_at = timezone.now()
            access.save(update_fields=["revoked_at"])
            log(instance=access, action=ACTION_REVOKE, user=request.user)
        messages.success(request, _("Der Vorab-Link von %(name)s ist widerrufen.") % {"name": access.name})
        return redirect("press_accreditations:index")


class ActionsColumn(Column):
    cell_template_name = "stories/admin/embargo_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update({"access": instance, "csrf_token": parent_context.get("csrf_token"),
                        "link_url": reverse("press_accreditations:new_link", args=[instance.pk]),
                        "revoke_url": reverse("press_accreditations:revoke", args=[instance.pk])})
        return context


class EmbargoAccessViewSet(ModelViewSet):
    model = EmbargoAccess
    name = "press_accreditations"
    url_prefix = "presse-akkreditierungen"
    icon = "key"
    menu_label = _("Presse-Akkreditierungen")
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = AccessCreateView
    form_fields = ["name", "outlet", "email", "expires_at"]
    search_fields = ["name", "outlet"]
    list_display = ["name", "outlet", "expires_at", Column("status", label=_("Status")),
                    ActionsColumn("actions", label=_("Vorab-Link"))]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/link/", NewLinkView.as_view(), name="new_link"),
            path("<int:pk>/revoke/", RevokeView.as_view(), name="revoke"),
        ]
