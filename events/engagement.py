"""Small groups, local challenges and the priority ballot (the work; admin and public views are thin)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from . import audit
from .logic import borda
from .logic import groups as grouping
from .models import Ballot, BallotResult, Challenge, Registration, SmallGroup, Topic
from .models.participation import voter_key
from .services import EventError, _base_url

# --- small groups ------------------------------------------------------------------------------


def _key(registration, mode):
    if mode == "neighbourhood":
        return registration.neighbourhood
    if mode == "interest":
        return registration.interest
    return registration.neighbourhood or registration.interest


@transaction.atomic
def form_groups(event, seed, user=None, size=None, mode=None):
    """(Re)build the small groups of the confirmed people, reproducibly from `seed`; moderators are
    dealt over the groups. Returns the groups."""
    size = size or event.group_size
    mode = mode or event.grouping
    confirmed = list(Registration.objects.filter(event=event, status=Registration.CONFIRMED))
    participants = [r for r in confirmed if not r.is_moderator]
    moderators = [r.pk for r in confirmed if r.is_moderator]
    by_id = {r.pk: r for r in confirmed}
    people = [grouping.Person(r.pk, _key(r, mode)) for r in participants]
    plan = grouping.assign(people, size=size, mode=mode if mode == "mixed" else "matched", seed=seed)
    Registration.objects.filter(event=event).update(group=None)
    SmallGroup.objects.filter(event=event, number__gt=len(plan)).delete()
    result = []
    for number, ids in enumerate(plan, start=1):
        group, _ = SmallGroup.objects.get_or_create(event=event, number=number)
        Registration.objects.filter(pk__in=ids).update(group=group)
        result.append(group)
    for index, ids in grouping.assign_moderators(moderators, len(plan), seed=seed).items():
        Registration.objects.filter(pk__in=ids).update(group=result[index])
    audit.audit(event, audit.ACTION_GROUPS, user, count=len(by_id), groups=len(result))
    return result


def reassign(registration, group, user=None):
    if group is not None and group.event_id != registration.event_id:
        raise EventError(translation.gettext("Diese Gruppe gehört zu einer anderen Veranstaltung."))
    registration.group = group
    registration.save(update_fields=["group"])
    audit.audit(registration.event, audit.ACTION_REASSIGN, user, count=1)


# --- local challenges --------------------------------------------------------------------------


def moderation_url(event, request=None):
    return _base_url(request) + reverse("events_challenges", args=[event.pk])


def moderator_addresses(event):
    addresses = set(getattr(settings, "EVENTS_MODERATION_EMAILS", []))
    if event.organisers_id:
        users = get_user_model().objects.filter(groups=event.organisers_id, is_active=True).exclude(email="")
        addresses.update(users.values_list("email", flat=True))
    return sorted(addresses)


def submit_challenge(event, data, request=None):
    """A new challenge or offer, waiting for moderation; the organisers get a mail with the link to
    the moderation page (without the submitter's contact)."""
    event = event.canonical
    if not event.challenges_open:
        raise EventError(translation.gettext("Für diese Veranstaltung werden keine Herausforderungen gesammelt."))
    challenge = Challenge.objects.create(event=event, **data)
    to = moderator_addresses(event)
    if to:
        with translation.override("de"):
            subject = translation.gettext("Neue Einreichung zur Moderation: %(event)s") % {"event": event.title}
            body = translation.gettext(
                "Zur Veranstaltung „%(event)s“ ist eine neue Einreichung eingegangen: „%(title)s“.\n"
                "Sie erscheint erst, wenn Sie sie freigeben. Zur Moderation:\n%(url)s"
            ) % {"event": event.title, "title": challenge.title, "url": moderation_url(event, request)}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return challenge


def moderate(challenge, approve, user=None):
    challenge.state = Challenge.APPROVED if approve else Challenge.REJECTED
    challenge.save(update_fields=["state"])
    audit.audit(challenge.event, audit.ACTION_CHALLENGE, user, count=1, state=challenge.state)


def approved_challenges(event):
    return (Challenge.objects.filter(event=event.canonical, state=Challenge.APPROVED)
            .prefetch_related("groups", "matches"))


# --- the priority ballot -----------------------------------------------------------------------


def ballot_of(registration):
    return Ballot.objects.filter(event=registration.event, voter_key=voter_key(registration)).first()


def cast_ballot(registration, ranking):
    """Store (or replace) the ranking of a confirmed registration until the deadline."""
    event = registration.event
    if registration.status != Registration.CONFIRMED:
        raise EventError(translation.gettext("Nur bestätigte Teilnehmende können abstimmen."))
    if not event.ballot_open:
        raise EventError(translation.gettext("Die Abstimmung ist beendet."))
    valid = set(Topic.objects.filter(event=event).values_list("pk", flat=True))
    clean = []
    for topic in ranking:
        if topic in valid and topic not in clean:
            clean.append(topic)
    if not clean:
        raise EventError(translation.gettext("Bitte ordnen Sie mindestens ein Thema ein."))
    ballot, _ = Ballot.objects.update_or_create(event=event, voter_key=voter_key(registration),
                                                defaults={"ranking": clean})
    return ballot


def withdraw_ballot(registration):
    Ballot.objects.filter(event=registration.event, voter_key=voter_key(registration)).delete()


def results(event):
    """[(topic, borda.Row)], best first, and the number of ballots."""
    event = event.canonical
    topics = list(Topic.objects.filter(event=event))
    by_id = {t.pk: t for t in topics}
    rankings = list(Ballot.objects.filter(event=event).values_list("ranking", flat=True))
    rows = borda.count([t.pk for t in topics], rankings)
    return [(by_id[row.topic], row) for row in rows], len(rankings)


def publish_results(event, user=None):
    event = event.canonical
    if event.ballot_open:
        raise EventError(translation.gettext("Die Abstimmung läuft noch bis %(deadline)s.") % {
            "deadline": timezone.localtime(event.ballot_deadline).strftime("%d.%m.%Y %H:%M")})
    _rows, ballots = results(event)
    BallotResult.objects.get_or_create(event=event)
    audit.audit(event, audit.ACTION_BALLOT_PUBLISH, user, count=ballots)
