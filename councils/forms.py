import copy

from wagtail.admin.forms import WagtailAdminPageForm


class FollowUpForm(WagtailAdminPageForm):
    """A follow-up can only report on the recommendations of its own council (in its language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        council = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if council is None:
            return
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
