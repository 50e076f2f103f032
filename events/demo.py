"""Demo events (events/demo_data/events.json): a citizens' conference with a full list, a waiting list,
small groups with moderators and local challenges, and a network congress with a priority ballot.

Every person is invented (names from the lists in the JSON, addresses at example.org); nobody gets a
mail. Dates are relative to today. Idempotent: running it again rebuilds the registrations.
"""

import datetime
import json
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from home.models import HomePage
from home.translation import child_page, translate

from . import engagement
from .models import Ballot, Challenge, EventIndexPage, EventPage, Registration, SmallGroup, Topic
from .models.participation import voter_key
from .organisers import setup_organisers

DATA = json.loads((Path(__file__).resolve().parent / "demo_data" / "events.json").read_text(encoding="utf-8"))
DEMO_PASSWORD = "demo"


def _people(count, offset=0):
    rng = random.Random(f"events-demo-{offset}")
    for i in range(count):
        first = DATA["first_names"][(i + offset) % len(DATA["first_names"])]
        last = DATA["last_names"][(i * 3 + offset) % len(DATA["last_names"])]
        yield {"name": f"{first} {last}", "email": f"{first}.{last}.{offset + i}@example.org".lower(),
               "neighbourhood": rng.choice(DATA["neighbourhoods"]), "interest": rng.choice(DATA["interests"])}


def _time(text):
    return datetime.time.fromisoformat(text)


def _event(index, spec, kind, today, **fields):
    page = child_page(EventPage, index, spec["slug"], title=spec["title"][0], intro=spec["intro"][0],
                      body=f"<p>{spec['body'][0]}</p>", kind=kind,
                      date=today + datetime.timedelta(days=spec["days_ahead"]), start_time=_time(spec["start"]),
                      end_time=_time(spec["end"]), capacity=spec["capacity"], **fields)
    page.save_revision().publish()
    translate(page, "en", {spec["title"][0]: spec["title"][1], spec["intro"][0]: spec["intro"][1],
                           spec["body"][0]: spec["body"][1], spec["slug"]: spec["slug"]})
    return page


def _register(event, people, status, now, **extra):
    regs = []
    for n, person in enumerate(people):
        confirmed = now - datetime.timedelta(hours=200 - n) if status != Registration.PENDING else None
        regs.append(Registration.objects.create(event=event, status=status, consent_at=now, confirmed_at=confirmed,
                                                **person, **extra))
    return regs


def _organiser():
    spec = DATA["organisers"]
    user, _ = get_user_model().objects.get_or_create(username=spec["username"])
    user.first_name, user.last_name = spec["first_name"], spec["last_name"]
    user.email = f"{spec['username']}@wahlkreisrat.example"
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _conference(index, today, now, user):
    spec = DATA["conference"]
    event = _event(index, spec, EventPage.CONFERENCE, today, online=True, online_url="https://meet.example.org/suedstadt",
                   challenges_open=True, group_size=4, grouping=EventPage.MIXED)
    setup_organisers(event, [user])
    Registration.objects.filter(event=event).delete()
    Challenge.objects.filter(event=event).delete()
    people = list(_people(spec["confirmed"] + spec["waiting"] + spec["pending"]))
    confirmed = _register(event, people[:spec["confirmed"]], Registration.CONFIRMED, now)
    for reg in confirmed[:spec["moderators"]]:
        reg.is_moderator = reg.wants_to_moderate = True
        reg.save()
    _register(event, people[spec["confirmed"]:spec["confirmed"] + spec["waiting"]], Registration.WAITING,
              now + datetime.timedelta(hours=1))
    _register(event, people[spec["confirmed"] + spec["waiting"]:], Registration.PENDING, now)
    engagement.form_groups(event, seed="demo")
    groups = {g.number: g for g in SmallGroup.objects.filter(event=event)}
    made = []
    for item in spec["challenges"]:
        challenge = Challenge.objects.create(
            event=event, kind=item["kind"], title=item["title"][0], description=item["description"][0],
            neighbourhood=item["neighbourhood"], submitted_by=item["submitted_by"], state=item["state"],
            contact_email="")
        if item.get("group") in groups:
            challenge.groups.add(groups[item["group"]])
        for match in item.get("matches", []):
            challenge.matches.add(made[match])
        made.append(challenge)
    return event


def _congress(index, today, now, user):
    spec = DATA["congress"]
    deadline = timezone.make_aware(datetime.datetime.combine(
        today + datetime.timedelta(days=spec["ballot_days_ahead"]), datetime.time(23, 59)))
    event = _event(index, spec, EventPage.CONGRESS, today, online=True, online_url="https://meet.example.org/kongress",
                   ballot_deadline=deadline, group_size=6, grouping=EventPage.BY_INTEREST)
    setup_organisers(event, [user])
    Registration.objects.filter(event=event).delete()
    Topic.objects.filter(event=event).delete()
    Ballot.objects.filter(event=event).delete()
    topics = [Topic.objects.create(event=event, title=title, sort_order=n) for n, title in enumerate(spec["topics"])]
    regs = _register(event, _people(spec["confirmed"], offset=100), Registration.CONFIRMED, now,
                     organisation="Gemeinderat (fiktiv)", role="Ratsmitglied")
    rng = random.Random("congress-ballots")
    for reg in regs[: len(regs) * 2 // 3]:
        ranking = [t.pk for t in topics]
        rng.shuffle(ranking)
        Ballot.objects.create(event=event, voter_key=voter_key(reg), ranking=ranking[:rng.randint(2, len(ranking))])
    return event


def seed(stdout):
    today = timezone.localdate()
    now = timezone.now()
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="de"))
    spec = DATA["index"]
    index = child_page(EventIndexPage, home, spec["slug"][0], title=spec["title"][0],
                       intro=f"<p>{spec['intro'][0]}</p>", show_in_menus=True)
    index.save_revision().publish()
    translate(index, "en", {de: en for de, en in spec.values()})
    user = _organiser()
    _conference(index, today, now, user)
    _congress(index, today, now, user)
    stdout.write("2 events (a full citizens' conference with groups and challenges, a congress with a ballot) "
                 "for the demo user 'veranstaltungsteam'.")
