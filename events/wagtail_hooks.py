from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import admin_views, audit, organisers


@hooks.register("register_admin_urls")
def register_event_urls():
    return [
        path("events/", admin_views.EventsIndexView.as_view(), name="events_index"),
        path("events/<int:pk>/registrations/", admin_views.RegistrationsView.as_view(), name="events_registrations"),
        path("events/<int:pk>/registrations.csv", admin_views.export_csv, name="events_export_csv"),
        path("events/<int:pk>/registrations.xlsx", admin_views.export_xlsx, name="events_export_xlsx"),
        path("events/<int:pk>/fill/", admin_views.fill_from_waiting_list, name="events_fill"),
        path("events/<int:pk>/groups/", admin_views.GroupsView.as_view(), name="events_groups"),
        path("events/<int:pk>/groups/print/", admin_views.GroupsView.as_view(print_version=True),
             name="events_groups_print"),
        path("events/<int:pk>/challenges/", admin_views.ChallengesView.as_view(), name="events_challenges"),
        path("events/<int:pk>/ballot/", admin_views.BallotView.as_view(), name="events_ballot"),
    ]


class EventsMenuItem(MenuItem):
    def is_shown(self, request):
        return organisers.organised_events(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_events_menu_item():
    return EventsMenuItem(_("Veranstaltungsteams"), reverse("events_index"), name="events", icon_name="date",
                          order=290)


@hooks.register("register_log_actions")
def register_event_log_actions(actions):
    for action, label in audit.LABELS.items():

        class Formatter(LogFormatter):
            def format_message(self, log_entry, _label=label):
                data = log_entry.data or {}
                if "count" in data:
                    return f"{_label}: {data['count']}"
                return str(_label)

        Formatter.label = label
        actions.register_action(action)(Formatter)
