"""Fixtures for the private side: councils in two constituencies, their managers, synthetic
register extracts in every format. Every person here is synthetic."""

import datetime
import io
import random

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from openpyxl import Workbook
from wagtail.models import Locale

from councils.models import ConstituencyPage, CouncilIndexPage, CouncilPage, Wahlkreis
from recruitment.models import ManagerAssignment
from recruitment.services import cases, imports

COUNCIL_DATE = datetime.date(2026, 9, 12)
HEADER = ["Familienname", "Vornamen", "Doktorgrad", "Geburtsdatum", "Geschlecht", "Straße", "Hausnummer", "PLZ",
          "Wohnort", "Gesetzlicher Vertreter", "Staatsangehörigkeit"]
FAMILY = ["Zzyxmüller", "Quabbelstein", "Öztürkoglu", "Weißbrodt", "Nguyenhaus", "Kowalczykowa", "Fantasiewitz"]
GIVEN = ["Anna", "Jörg", "Zoë", "Sören", "Chiara", "Piotr", "Mia", "Elias"]
STREETS = ["Erfundene Straße", "Demoweg", "Am Probeplatz", "Testgasse"]
#: A surname that exists nowhere but in the synthetic extracts of these tests.
MARKER_SURNAME = "Zzyxmüller"


def synthetic_rows(count, seed=7, reference=COUNCIL_DATE):
    rng = random.Random(seed)
    rows = []
    household = None
    for i in range(count):
        if household is None or rng.random() < 0.5:
            household = (rng.choice(STREETS), str(rng.randint(1, 90)))
        age = rng.randint(16, 90)
        birth = reference - datetime.timedelta(days=365 * age + rng.randint(2, 360))
        sex = rng.choice("wm") if rng.random() > 0.02 else "d"
        legal = "Eltern Demo" if age < 18 else ""
        rows.append([FAMILY[i % len(FAMILY)], f"{rng.choice(GIVEN)} {i}", "", birth.strftime("%d.%m.%Y"), sex,
                     household[0], household[1], "12345", "Demostadt", legal, "deutsch"])
    return rows


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="utf-8", newline="\r\n"):
    def quote(cell):
        if delimiter in cell or '"' in cell:
            return '"' + cell.replace('"', '""') + '"'
        return cell

    lines = [delimiter.join(quote(c) for c in row) for row in [header, *rows]]
    return (newline.join(lines) + newline).encode(encoding)


def xlsx_bytes(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Uploaded extracts go to a temporary private folder."""
    settings.RECRUITMENT_PRIVATE_ROOT = tmp_path / "private"
    return settings.RECRUITMENT_PRIVATE_ROOT


@pytest.fixture
def de(db):
    return Locale.objects.get(language_code="de")


def constituency_page(de, number):
    wk = Wahlkreis.objects.get(number=number)
    page = ConstituencyPage.objects.filter(locale=de, wahlkreis=wk).first()
    if page is None:
        index = CouncilIndexPage.objects.get(locale=de)
        page = ConstituencyPage(title=f"Wahlkreis {number}", slug=f"wk-test-{number}", wahlkreis=wk)
        index.add_child(instance=page)
    return page


@pytest.fixture
def make_council(de):
    def make(slug, number=75, date=COUNCIL_DATE):
        parent = constituency_page(de, number)
        council = CouncilPage(title=f"Testrat {slug}", slug=slug, guiding_question="Was tun?", date=date,
                              venue_town="Demostadt")
        parent.add_child(instance=council)
        council.save_revision().publish()
        return CouncilPage.objects.get(pk=council.pk)

    return make


@pytest.fixture
def council(make_council):
    return make_council("testrat")


@pytest.fixture
def case(council):
    return cases.create_case(council)


@pytest.fixture
def extract(tmp_path):
    """Write bytes to a file and return its path."""
    def write(data, name="auszug.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def _user(username, group=None, superuser=False):
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    user.is_superuser = user.is_staff = superuser
    user.set_password("demo")
    user.save()
    if group is not None:
        user.groups.add(group)
    return user


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def manager_75(db):
    """A regional manager of Wahlkreis 75 (where the test councils are)."""
    group, _ = Group.objects.get_or_create(name="Regionalmanagement WK 75 (Test)")
    group.permissions.add(access_admin())
    ManagerAssignment.objects.get_or_create(group=group, wahlkreis=Wahlkreis.objects.get(number=75))
    return _user("rm-75", group)


@pytest.fixture
def manager_other(db):
    """A regional manager of another constituency (one no other group manages)."""
    taken = ManagerAssignment.objects.values_list("wahlkreis_id", flat=True)
    other = Wahlkreis.objects.exclude(number=75).exclude(pk__in=taken).order_by("number").first()
    group, _ = Group.objects.get_or_create(name="Regionalmanagement anderer Wahlkreis (Test)")
    group.permissions.add(access_admin())
    ManagerAssignment.objects.get_or_create(group=group, wahlkreis=other)
    return _user("rm-other", group)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def imported(case):
    """The test council with 400 synthetic people imported."""
    from recruitment.models import ImportJob

    job = ImportJob.objects.create(case=case, source="command")
    outcome = imports.run_import(job, data=csv_bytes(synthetic_rows(400)))
    assert outcome.ok, outcome
    case.refresh_from_db()
    return case


# --- the drawn demo council (seeded once per session) ---------------------------------------------

DEMO_SLUG = "wahlkreisrat-mit-auslosung"


def demo_case():
    from recruitment.models import RecruitmentCase

    de = Locale.objects.get(language_code="de")
    return RecruitmentCase.objects.get(council__slug=DEMO_SLUG, council__locale=de)


def first_cohort(case):
    return case.active_draw.cohorts.order_by("sort_order").first()


@pytest.fixture
def drawn(db):
    return demo_case()


@pytest.fixture
def demo_manager(db):
    from recruitment.demo import MANAGER_GROUP

    user, _ = get_user_model().objects.get_or_create(username="rm-demo-test")
    user.groups.add(Group.objects.get(name=MANAGER_GROUP))
    return user
