"""Admin view for editors: set up the MdB team of a council (see councils/teams.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminPageChooser
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Locale

from . import teams
from .models import CouncilPage, MdB, MdBTeam

TEAM_SETUP_ACTION = "councils.team_setup"


def _active_users():
    User = get_user_model()
    return User.objects.filter(is_active=True).order_by("last_name", "first_name", User.USERNAME_FIELD)


class UserChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        full_name = user.get_full_name()
        return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


class TeamSetupForm(forms.Form):
    council = forms.ModelChoiceField(
        label=_("Wahlkreisrat"),
        queryset=CouncilPage.objects.all(),
        widget=AdminPageChooser(target_models=[CouncilPage]),
        help_text=_("Das Team erhält Rechte auf diesen Wahlkreisrat und alle seine Übersetzungen."),
    )
    name = forms.CharField(
        label=_("Name der Gruppe"), max_length=teams.GROUP_NAME_MAX, required=False,
        help_text=_("Optional. Leer lassen für „MdB-Team: Thema (Wahlkreisnummer)“. "
                    "Eine bestehende Gruppe dieses Namens wird ergänzt."),
    )
    mdb = forms.ModelChoiceField(
        label=_("Abgeordnete/r"), queryset=MdB.objects.filter(council_invitations__isnull=False).distinct(),
        required=False,
        help_text=_("Optional: das Team antwortet nur für diese/n eingeladene/n Abgeordnete/n. "
                    "Leer: für alle Abgeordneten des Wahlkreisrats."),
    )
    users = UserChoiceField(
        label=_("Mitglieder"), queryset=_active_users(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Diese Personen werden der Gruppe hinzugefügt; niemand wird entfernt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = _active_users()  # evaluated per request, not at import
        self.fields["mdb"].queryset = (MdB.objects.filter(council_invitations__isnull=False).distinct()
                                       .order_by("family_name", "given_names"))

    def clean(self):
        cleaned = super().clean()
        council, mdb = cleaned.get("council"), cleaned.get("mdb")
        if council is not None and mdb is not None and mdb.pk not in {m.pk for m in council.mdbs()}:
            self.add_error("mdb", _("Diese/r Abgeordnete ist zu diesem Wahlkreisrat nicht eingeladen."))
        return cleaned

    def clean_council(self):
        council = self.cleaned_data["council"]
        # Teams are named and logged after the council in the default language.
        default = council.get_translation_or_none(Locale.get_default())
        return default.specific if default is not None else council


class TeamSetupView(WagtailAdminTemplateMixin, FormView):
    form_class = TeamSetupForm
    template_name = "councils/admin/team_setup.html"
    page_title = _("MdB-Team einrichten")
    header_icon = "group"
    success_url = reverse_lazy("councils_team_setup")

    def dispatch(self, request, *args, **kwargs):
        if not teams.can_set_up_teams(request.user):
            raise PermissionDenied  # Wagtail's admin turns this into "no permission" and a redirect
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({
            "action_url": reverse("councils_team_setup"),
            "submit_button_label": _("Team einrichten"),
            "submit_button_active_label": _("Wird eingerichtet …"),
            "media": context["form"].media,
            "existing_teams": self.existing_teams(),
        })
        return context

    def existing_teams(self):
        """(group, council) pairs of groups that may add pages under a default-locale council."""
        rows = (GroupPagePermission.objects
                .filter(permission__codename="add_page", page__locale=Locale.get_default(),
                        page__content_type__app_label="councils", page__content_type__model="councilpage")
                .exclude(group__name=teams.EDITORS_GROUP)
                .select_related("group", "page")
                .order_by("group__name"))
        mdbs = {(team.group_id, team.council_key): team.mdb
                 for team in MdBTeam.objects.select_related("mdb")}
        return [{"group": row.group, "council": row.page, "members": row.group.user_set.count(),
                 "mdb": mdbs.get((row.group_id, row.page.translation_key))}
                for row in rows]

    def form_valid(self, form):
        council = form.cleaned_data["council"]
        users = list(form.cleaned_data["users"])
        mdb = form.cleaned_data.get("mdb")
        group = teams.setup_team(council, name=form.cleaned_data["name"] or None, users=users, mdb=mdb)
        log(instance=council, action=TEAM_SETUP_ACTION, user=self.request.user,
            data={"group": group.name, "group_id": group.pk, "users": [u.get_username() for u in users],
                  **({"mdb": mdb.display_name} if mdb else {})})
        messages.success(self.request, _("Das MdB-Team „%(group)s“ für „%(council)s“ ist eingerichtet.")
                         % {"group": group.name, "council": council.title})
        return redirect(self.get_success_url())
