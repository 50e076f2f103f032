"""What every admin view of the private side shares: the access gate, the case from the user's
constituencies, breadcrumbs, POST-only actions and downloads that no cache keeps.

The gate (:class:`RecruitmentAccessMixin`) wraps every view function of the recruitment viewsets
in ``require_recruitment_access`` when the URL patterns are built (managers and superusers only,
403 for everyone else), before any view code runs. Every view then loads its case through
``cases_for_user``, so a case of another constituency is a 404. Views that show personal data
write an audit entry with the number of people shown.
"""

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import classonlymethod
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..permissions import cases_for_user, require_recruitment_access


class RecruitmentAccessMixin:
    """The coarse gate of the private side, for every view class a recruitment viewset mounts:
    ``as_view()`` returns the view wrapped in ``require_recruitment_access``."""

    @classonlymethod
    def as_view(cls, **initkwargs):
        return require_recruitment_access(super().as_view(**initkwargs))


def guarded(view_class):
    """``view_class`` behind the gate (for Wagtail's stock views of a viewset)."""
    return type(view_class.__name__, (RecruitmentAccessMixin, view_class), {"__module__": __name__})


def case_url(name, case, *args):
    return reverse(f"recruitment:{name}", args=[case.pk, *args])


def objects_for_user(view):
    """The objects of the view's model that the user may handle: of their constituencies (cases,
    alumni), or none for a manager where only superusers may act (assignments). Anything else is a 404."""
    return view.permission_policy.instances_user_has_any_permission_for(view.request.user, ["change"])


class ScopedMixin(RecruitmentAccessMixin):
    """Edit and delete views: the object comes from the user's own objects only (else 404), checked
    before Wagtail's permission check (which would redirect and so tell that the object exists)."""

    def dispatch(self, request, *args, **kwargs):
        get_object_or_404(objects_for_user(self), pk=kwargs[self.pk_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return objects_for_user(self)


class ScopedObjectMixin(RecruitmentAccessMixin):
    """History and usage views (their get_queryset lists entries, not objects): the object comes
    from the user's own objects only (else 404)."""

    def get_base_object_queryset(self):
        return objects_for_user(self)


class ScopedInspectMixin(RecruitmentAccessMixin):
    """Inspect views (they load their object by pk alone): the user's own objects only (else 404)."""

    def get_object(self, queryset=None):
        return get_object_or_404(objects_for_user(self), pk=self.pk)


def scoped(view_class, mixin=ScopedMixin):
    """``view_class`` behind the gate, its object from the user's own objects only."""
    return type(view_class.__name__, (mixin, view_class), {"__module__": __name__})


class CaseMixin(RecruitmentAccessMixin, WagtailAdminTemplateMixin):
    header_icon = "group"
    action_label = ""

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(
            cases_for_user(request.user).select_related("wahlkreis", "council"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.action_label or _("Auslosung")

    def get_page_subtitle(self):
        return str(self.case)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("recruitment:index"), "label": _("Auslosungen")}]
        if self.action_label:
            items.append({"url": case_url("dashboard", self.case), "label": str(self.case)})
            items.append({"url": "", "label": self.action_label})
        else:
            items.append({"url": "", "label": str(self.case)})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        return context

    def back(self):
        return redirect(case_url("dashboard", self.case))


class CaseTemplateView(CaseMixin, TemplateView):
    pass


class CaseFormView(CaseMixin, FormView):
    def form_invalid_with(self, form, error):
        form.add_error(None, str(error))
        return self.form_invalid(form)


class PostOnlyMixin:
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


class InvitationMixin:
    def dispatch(self, request, *args, **kwargs):
        case = get_object_or_404(cases_for_user(request.user), pk=kwargs["pk"])
        self.invitation = get_object_or_404(case.invitations, pk=kwargs["invitation"])
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect(case_url("invitations", self.case))


def private_download(data, filename, content_type="application/pdf"):
    """A file with personal data: a download that no cache keeps."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def case_slug(case):
    return case.council.slug if case.council else str(case.pk)
