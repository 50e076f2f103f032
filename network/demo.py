"""Demo content of the citizens' network: three places with meetings, the project library with one
funded micro-project (with a report) and one application under review (one juror's score, another
juror's declared conflict), and the mailing lists with a few invented subscribers. Data in ``network/demo_data/network.json``; every person is invented
("(fiktiv)", @example.org). Dates are relative to today; running it again updates in place."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale

from home.models import HomePage
from home.translation import child_page, translate

from .logic.tokens import new_token
from .models import (
    BudgetLine,
    ConflictDeclaration,
    JuryReview,
    MailingList,
    MicroProjectApplication,
    PlaceContact,
    PlaceIndexPage,
    PlaceMeeting,
    PlacePage,
    ProjectIndexPage,
    ProjectPage,
    ProjectReport,
    Subscription,
)

DATA = json.loads((Path(__file__).resolve().parent / "demo_data" / "network.json").read_text(encoding="utf-8"))
JURY_GROUP = "Jury Mikroprojekte"
OFFICE_GROUP = "Netzwerkbüro"
DEMO_PASSWORD = "demo"  # seed_demo refuses to run with DEBUG off


def _index(model, home, spec):
    page = child_page(model, home, spec["slug"][0], title=spec["title"][0], intro=spec["intro"][0],
                      show_in_menus=True)
    page.save_revision().publish()
    translate(page, "en", {spec["title"][0]: spec["title"][1], spec["slug"][0]: spec["slug"][1],
                           spec["intro"][0]: spec["intro"][1]})
    return page


def _place(index, spec, today):
    page = child_page(PlacePage, index, spec["slug"], title=spec["title"][0], kind=spec["kind"],
                      municipality=spec["municipality"], postcode=spec["postcode"], latitude=None,
                      longitude=None, intro=spec["intro"][0], meetings_text=spec["meetings_text"][0])
    page.meetings = [PlaceMeeting(date=today + datetime.timedelta(days=m["in_days"]),
                                  start_time=datetime.time.fromisoformat(m["time"]), venue=m["venue"])
                     for m in spec["meetings"]]
    page.contacts = [PlaceContact(name=c["name"], role=c["role"], email=c["email"], public_consent=c["consent"],
                                  consent_recorded_on=today if c["consent"] else None) for c in spec["contacts"]]
    page.save_revision().publish()
    translate(page, "en", {spec["intro"][0]: spec["intro"][1], spec["meetings_text"][0]: spec["meetings_text"][1],
                           spec["title"][0]: spec["title"][1]})
    return page


def _application(spec, places, projects_index, today):
    application = MicroProjectApplication.objects.filter(reference=spec["reference"]).first() or \
        MicroProjectApplication(reference=spec["reference"])
    for field in ("applicant_name", "applicant_email", "organisation", "publish_name_consent", "title", "idea",
                  "partners"):
        setattr(application, field, spec[field])
    application.place = places[spec["place"]]
    funded = spec.get("funded")
    application.status = MicroProjectApplication.FUNDED if funded else MicroProjectApplication.SUBMITTED
    application.save()
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create([BudgetLine(application=application, item=item, amount=Decimal(amount))
                                    for item, amount in spec["budget"]])
    if not funded:
        return None
    application.decided_at = timezone.now() - datetime.timedelta(days=funded["days_ago"])
    application.granted_amount = application.budget_total
    application.save()
    report = funded["report"]
    page = child_page(ProjectPage, projects_index, "baenke-fuer-den-marktplatz", title=spec["title"],
                      summary=spec["idea"], partners=spec["partners"], place=application.place,
                      team_name=(application.organisation or application.applicant_name)
                      if application.publish_name_consent else "",
                      funded_on=today - datetime.timedelta(days=funded["days_ago"]),
                      granted_amount=application.granted_amount, contact_email=application.applicant_email,
                      application=application)
    page.reports = [ProjectReport(date=today - datetime.timedelta(days=report["days_ago"]),
                                  title=report["title"][0], text=report["text"][0])]
    page.save_revision().publish()
    translate(page, "en", {spec["title"]: funded["title_en"], spec["idea"]: funded["summary_en"],
                           report["title"][0]: report["title"][1], report["text"][0]: report["text"][1],
                           "baenke-fuer-den-marktplatz": "benches-for-the-market-square"})
    return page


def _lists():
    office, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    lists = {}
    for spec in DATA["lists"]:
        mailing_list, _ = MailingList.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "name_en": spec["name_en"], "kind": spec["kind"],
                                         "description": spec["description"],
                                         "description_en": spec["description_en"], "is_open": True})
        mailing_list.managers.add(office)
        lists[spec["slug"]] = mailing_list
    for spec in DATA["subscribers"]:
        confirmed = spec["state"] == Subscription.CONFIRMED
        Subscription.objects.update_or_create(
            mailing_list=lists[spec["list"]], email=spec["email"],
            defaults={"name": spec["name"], "state": spec["state"], "token_hash": new_token()[1],
                      "confirmed_at": timezone.now() if confirmed else None})
    return lists


def _groups(projects_index, places_index):
    """The jury (access to the admin, may review) and the network office (may also decide and export,
    and edits places and projects: adds reports, meetings and contacts)."""
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    jury, _ = Group.objects.get_or_create(name=JURY_GROUP)
    jury.permissions.add(admin_access, Permission.objects.get(codename="review_application"))
    office, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    office.permissions.add(admin_access, *Permission.objects.filter(
        content_type__app_label="network",
        codename__in=["review_application", "decide_application", "export_subscribers", "view_mailinglist",
                      "add_mailinglist", "change_mailinglist"]))
    for index in (projects_index, places_index):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(group=office, page=index, permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename))


def _jury():
    """Two invented jurors (login jury/demo, jury2/demo): one review and one declared conflict."""
    jury = Group.objects.get(name=JURY_GROUP)
    for spec in DATA["jury"]:
        user, _ = get_user_model().objects.get_or_create(username=spec["username"])
        user.first_name, user.last_name, user.email = spec["first_name"], spec["last_name"], spec["email"]
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(jury)
        for review in spec.get("reviews", []):
            JuryReview.objects.update_or_create(
                application=MicroProjectApplication.objects.get(reference=review["reference"]), juror=user,
                defaults={"score": review["score"], "comment": review["comment"]})
        for conflict in spec.get("conflicts", []):
            ConflictDeclaration.objects.update_or_create(
                application=MicroProjectApplication.objects.get(reference=conflict["reference"]), juror=user,
                defaults={"note": conflict["note"]})


def seed(stdout):
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="de"))
    today = timezone.localdate()
    places_index = _index(PlaceIndexPage, home, DATA["places_index"])
    projects_index = _index(ProjectIndexPage, home, DATA["projects_index"])
    places = {spec["key"]: _place(places_index, spec, today) for spec in DATA["places"]}
    funded = [p for spec in DATA["applications"] if (p := _application(spec, places, projects_index, today))]
    _groups(projects_index, places_index)
    _jury()
    lists = _lists()
    stdout.write(f"Network: {len(places)} places, {len(DATA['applications'])} micro-project applications "
                 f"({len(funded)} funded, jury logins jury/demo and jury2/demo), {len(lists)} mailing lists.")
