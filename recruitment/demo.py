"""Demo data of the private side (called by seed_demo after councils; idempotent).

- The demo group "Regionalmanagement (Demo)" may enter the admin and manages the constituency of
  the first German constituency page.
- Council ``probelauf``: cohorts for 35 seats, no pool yet (to try the import); a trial, so its
  page is private (``keep_private``) and never listed publicly.
- Council ``wahlkreisrat-mit-auslosung``: a synthetic pool of 1,500 people, already drawn, with
  its public draw protocol; its letters have an English second page.
- Scribbled signature images for the MdB and the organisation, so the letters show signatures.

Every person is synthetic: random combinations of common names and invented streets.
"""

import datetime
import io
import math
import random

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale, PageViewRestriction, Site

from councils.models import ConstituencyPage, CouncilPage, MdB
from home.models import OrganisationSettings
from home.translation import translate
from media.private import signature_file

from . import publishing
from .models import ImportJob, ManagerAssignment, RecruitmentCase
from .services import cases, imports, invitations
from .services import draw as draw_service

MANAGER_GROUP = "Regionalmanagement (Demo)"
POOL_SIZE = 1500
DEMO_SEED = "4-2-6-1-5-3"
DEMO_SEED_SOURCE = "Würfelwurf öffentlich im Bürgerhaus (Demo)"

COUNCILS = [
    {
        "slug": ("probelauf", "trial-run"),
        "title": ("Probelauf: Auslosung", "Trial run: the draw"),
        "question": ("Wie funktioniert die Auslosung Schritt für Schritt?",
                     "How does the draw work, step by step?"),
        "days": 70,
    },
    {
        "slug": ("wahlkreisrat-mit-auslosung", "council-with-a-draw"),
        "title": ("Gut ankommen: Mobilität im Wahlkreis", "Getting there: mobility in the constituency"),
        "question": ("Wie kommen alle gut zur Arbeit, zur Schule und zum Arzt?",
                     "How can everyone get to work, to school and to the doctor?"),
        "days": 45,
    },
]

#: A trial of two-stage selection (letters to a sample, then a panel among the volunteers): no
#: respondents yet, to try import, quotas and the panel lottery in the admin. Private like the trial.
TWO_STAGE_COUNCIL = {
    "slug": ("probelauf-zweistufig", "trial-run-two-stage"),
    "title": ("Probelauf: zweistufige Auswahl", "Trial run: two-stage selection"),
    "question": ("Wie entsteht ein ausgewogenes Panel aus allen, die zugesagt haben?",
                 "How is a balanced panel chosen among everyone who said yes?"),
    "days": 90,
}
TWO_STAGE_SEED_SOURCE = "Losnummer, öffentlich gezogen (Demo)"
#: What the response page asks the sample besides age and sex (the register's), for the quotas.
TWO_STAGE_FEATURES = ("Bildung: ohne Abschluss; Haupt- oder Realschule; Abitur; Hochschule\n"
                      "Migrationsgeschichte: ja; nein; keine Angabe")

FAMILY = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
          "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Krüger",
          "Yılmaz", "Kowalski", "Nguyen", "Öztürk", "Popescu", "Demir", "Hartmann", "Lange", "Weiß", "Jung"]
GIVEN_W = ["Anna", "Emma", "Mia", "Sophie", "Lena", "Hannah", "Maria", "Ursula", "Renate", "Ayşe", "Olga",
           "Chiara", "Marie", "Elif", "Petra", "Ingrid"]
GIVEN_M = ["Jörg", "Jürgen", "Lukas", "Paul", "Jonas", "Ben", "Elias", "Günther", "Klaus", "Mehmet", "Piotr",
           "Noah", "Luca", "Felix", "Sören", "Dieter"]
STREETS = ["Demoweg", "Beispielstraße", "Am Musterplatz", "Probegasse", "Erfundene Allee", "Zum Testfeld",
           "Platzhalterring", "Fiktivstraße"]
HEADER = ["Familienname", "Vornamen", "Doktorgrad", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer", "PLZ",
          "Wohnort", "Gesetzlicher Vertreter"]


def synthetic_extract(size, reference, town, postcode, seed=2025):
    """A ';'-separated UTF-8 extract of ``size`` synthetic people aged 16–95 on ``reference``."""
    rng = random.Random(seed)
    lines = [";".join(HEADER)]
    household = None
    for i in range(size):
        if household is None or rng.random() < 0.55:  # about two people per address
            household = (rng.choice(STREETS), str(rng.randint(1, 120)) + rng.choice(["", "", "", "a"]))
        age = min(95, int(rng.triangular(16, 96, 45)))
        birth = reference - datetime.timedelta(days=365 * age + rng.randint(1, 360))
        sex = "d" if rng.random() < 0.01 else rng.choice("wm")
        given = rng.choice(GIVEN_W if sex == "w" else GIVEN_M if sex == "m" else GIVEN_W + GIVEN_M)
        representative = "Eltern (Demo)" if age < 18 else ""
        degree = "Dr." if rng.random() < 0.02 else ""
        # The running number keeps every synthetic person unique.
        lines.append(";".join([rng.choice(FAMILY), f"{given} {i + 1}", degree, birth.strftime("%d.%m.%Y"), sex,
                               household[0], household[1], postcode, town, representative]))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _council(parent, spec, date, **extra):
    page = CouncilPage.objects.filter(locale=parent.locale, slug=spec["slug"][0]).first()
    fields = {"title": spec["title"][0], "guiding_question": spec["question"][0], "date": date,
              "venue_town": parent.specific.wahlkreis.name.split(" ")[0].strip(" –-"), **extra}
    if page is None:
        page = CouncilPage(slug=spec["slug"][0], **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    translate(page, "en", {spec["title"][0]: spec["title"][1], spec["question"][0]: spec["question"][1],
                           spec["slug"][0]: spec["slug"][1]})
    return CouncilPage.objects.get(pk=page.pk)


def keep_private(council):
    """The trial council (Probelauf) is there to try the process in the admin, never to be shown:
    Wagtail's page privacy ("only for logged-in users") on every language version keeps it and its
    subpages out of every public list, which all ask for ``.live().public()`` pages (council index,
    constituency pages and their counts, sitemap, search, API, feeds, calendar, press room).
    The recruitment side does not need the page to be public."""
    for page in council.get_translations(inclusive=True):
        PageViewRestriction.objects.get_or_create(page=page, restriction_type=PageViewRestriction.LOGIN)


def _case(council, **letter):
    case = RecruitmentCase.objects.filter(council_key=council.translation_key).first()
    if case is None:
        case = cases.create_case(council)
    case.venue = f"Bürgerhaus (Demo), Marktplatz 1, {council.venue_town}"
    for name, value in letter.items():
        setattr(case, name, value)
    case.save()  # also refreshes title and Wahlkreis from the page
    return case


def _signature(seed):
    """A scribble on white: obviously not anyone's real signature (a PNG for the private storage)."""
    rng = random.Random(seed)
    canvas = Image.new("RGB", (600, 200), "white")
    draw = ImageDraw.Draw(canvas)
    points, x = [], 30.0
    while x < 570:
        points.append((x, 110 + 45 * math.sin(x / rng.uniform(18, 30)) * rng.uniform(0.4, 1.0)))
        x += rng.uniform(3, 7)
    draw.line(points, fill=(20, 30, 90), width=4, joint="curve")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return signature_file(buffer.getvalue(), f"demo-unterschrift-{seed}.png")


def _signatures(wahlkreis):
    mdb = MdB.objects.filter(wahlkreis=wahlkreis).first()
    if mdb and not mdb.signature:
        mdb.signature = _signature(1)
        mdb.save(update_fields=["signature"])
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        settings = OrganisationSettings.for_site(site)
        if not settings.signature:
            settings.signature = _signature(2)
            settings.signatory, settings.signatory_role = "Kim Beispiel (Demo)", "Regionalmanagement"
            settings.save()


def seed(stdout):
    de = Locale.objects.get(language_code="de")
    constituency = ConstituencyPage.objects.filter(locale=de).order_by("path").first()
    if constituency is None:
        stdout.write("Recruitment demo skipped: no constituency page.")
        return
    today = timezone.localdate()

    group, _ = Group.objects.get_or_create(name=MANAGER_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    ManagerAssignment.objects.get_or_create(group=group, wahlkreis=constituency.wahlkreis)

    _signatures(constituency.wahlkreis)
    trial = _council(constituency, COUNCILS[0], today + datetime.timedelta(days=COUNCILS[0]["days"]))
    keep_private(trial)
    _case(trial)
    two_stage = _council(constituency, TWO_STAGE_COUNCIL,
                         today + datetime.timedelta(days=TWO_STAGE_COUNCIL["days"]))
    keep_private(two_stage)
    _case(two_stage, two_stage=True, household_rule=True, planned_seed_source=TWO_STAGE_SEED_SOURCE,
          panel_features=TWO_STAGE_FEATURES)

    spec = COUNCILS[1]
    drawn = _council(constituency, spec, today + datetime.timedelta(days=spec["days"]), draw_on=today)
    case = _case(drawn, second_language="en")
    if case.active_draw is None:
        if not case.persons.exists():
            wk = constituency.wahlkreis
            data = synthetic_extract(POOL_SIZE, drawn.date, town=drawn.venue_town or "Demostadt",
                                     postcode=f"{10000 + wk.number * 7:05d}"[:5])
            job = ImportJob.objects.create(case=case, source="demo", replace=True)
            outcome = imports.run_import(job, data=data)
            if not outcome.ok:
                raise RuntimeError(f"demo import failed: {outcome.message}")
        draw_service.draw(case, DEMO_SEED, DEMO_SEED_SOURCE)
    else:
        publishing.publish_protocol(case)
    invitations.ensure_invitations(case)
    stdout.write(f"Recruitment: councils '{trial.slug}' (cohorts, no pool), '{two_stage.slug}' (two-stage, "
                 f"no respondents yet) and '{drawn.slug}' "
                 f"({case.persons.count()} synthetic people, drawn); "
                 f"'{MANAGER_GROUP}' manages {constituency.wahlkreis}.")
