import copy

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class FollowUpForm(WagtailAdminPageForm):
    """A follow-up can only report on the recommendations of its own council (in its language),
    and answers for one of the council's members: an MdB team only for its own member."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        council = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if council is None:
            return
        council = council.specific
        from .models import Recommendation

        choices = Recommendation.objects.filter(page_id=council.pk).order_by("sort_order")
        formset = self.formsets["statuses"]
        for form in formset.forms:
            form.fields["recommendation"].queryset = choices
        # new rows (the formset's empty form) get the same choices: a per-form subclass,
        # so the shared form class is never changed
        form_class = type(formset.form.__name__, (formset.form,), {})
        form_class.base_fields = copy.deepcopy(formset.form.base_fields)
        form_class.base_fields["recommendation"].queryset = choices
        formset.form = form_class
        self._limit_mdb(council)

    def _limit_mdb(self, council):
        field = self.fields.get("mdb")
        if field is None or not hasattr(council, "mdbs"):
            return
        from .models import MdB
        from .teams import team_mdb_ids

        ids = [mdb.pk for mdb in council.mdbs()]
        allowed = team_mdb_ids(getattr(self, "for_user", None), council)
        self.mdb_restricted = allowed is not None
        if allowed is not None:
            ids = [pk for pk in ids if pk in allowed]
            field.required = True
            if self.instance.mdb_id and self.instance.mdb_id not in allowed:
                # shown as it is, but the form will not save (see clean_mdb)
                self.foreign_mdb = True
                ids.append(self.instance.mdb_id)
        if allowed is not None:
            field.empty_label = None  # a team always answers for its member
        field.label_from_instance = lambda mdb: mdb.label
        field.queryset = MdB.objects.filter(pk__in=ids).order_by("family_name", "given_names")
        if len(ids) == 1 and not self.instance.mdb_id and not self.is_bound:
            self.initial["mdb"] = ids[0]

    def clean_mdb(self):
        mdb = self.cleaned_data.get("mdb")
        if getattr(self, "foreign_mdb", False):
            raise forms.ValidationError(
                _("Diese Rückmeldung gehört zu einer/einem anderen Abgeordneten; Ihr Team kann sie nicht ändern."))
        # Wagtail defers required fields when a draft is saved: a team's draft still says whose it is.
        if mdb is None and getattr(self, "mdb_restricted", False):
            raise forms.ValidationError(_("Bitte wählen Sie, für wen diese Rückmeldung antwortet."))
        return mdb
