"""Who may see an event's registrations: the members of its organiser group ("Veranstaltungsteam"),
one Django group per event, like the MdB teams of the councils (councils/teams.py). Superusers too.
Nobody else, not even the editors: registrants' data stays with the people who run the event."""

from django.contrib.auth.models import Group, Permission

GROUP_PREFIX = "Veranstaltungsteam: "
GROUP_NAME_MAX = 150


def organiser_group_name(event):
    """'Veranstaltungsteam: <title> (<date>, <id>)': unique per event even when titles repeat."""
    suffix = f" ({event.date:%d.%m.%Y}, {event.pk})"
    return GROUP_PREFIX + event.title[: GROUP_NAME_MAX - len(GROUP_PREFIX) - len(suffix)] + suffix


def setup_organisers(event, users=(), name=None):
    """The event's organiser group (created if missing, with access to the admin), `users` added to it;
    the group is set on the event and all its translations."""
    from .models import EventPage

    event = event.canonical
    group = event.organisers
    if group is None:
        group, _ = Group.objects.get_or_create(name=name or organiser_group_name(event))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for user in users:
        user.groups.add(group)
    EventPage.objects.filter(translation_key=event.translation_key).update(organisers=group)
    event.organisers = group
    return group


def organises(user, event):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    group_id = event.canonical.organisers_id
    return bool(group_id) and user.groups.filter(pk=group_id).exists()


def organised_events(user):
    """The events (default language) whose registrations `user` may see."""
    from wagtail.models import Locale

    from .models import EventPage

    events = EventPage.objects.filter(locale=Locale.get_default()).order_by("-date", "title")
    if user.is_superuser:
        return events
    return events.filter(organisers__in=user.groups.all())
