"""Invitation and reminder letters: real WeasyPrint layout, codes, recording, command and admin.

Runs on the drawn demo council; every person is synthetic. To keep the tests fast only a few
letters are pending (the others are marked as sent by the ``few_pending`` fixture).
"""

import base64
import io
import re
import zipfile

import pytest
import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry, Site
from weasyprint.formatting_structure.boxes import ReplacedBox, TextBox

from councils.models import CouncilPage, MdB
from home.models import OrganisationSettings
from media.private import signature_file
from recruitment.logic import codes
from recruitment.models import Invitation, Person
from recruitment.services import audit, draw, letters, retention
from recruitment.services import invitations as invitation_service

from ..pdfs import font_names, only_shipped_fonts, pdf_text
from .conftest import DEMO_SLUG, demo_case

pytestmark = pytest.mark.django_db

MM = 25.4 / 96  # CSS px to mm
CODE = re.compile(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{5}\b")


@pytest.fixture
def few_pending(drawn):
    """Three letters pending (German only); everyone else already had a letter and a reminder."""
    drawn.second_language = ""
    drawn.save()
    invitations = list(letters.pending_letters(drawn)[:3])
    now = timezone.now()
    Invitation.objects.filter(case=drawn).exclude(pk__in=[i.pk for i in invitations]).update(
        letter_sent_at=now, reminder_sent_at=now)
    return invitations


def signature_png(name):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "navy").save(buffer, "PNG")
    return signature_file(buffer.getvalue(), f"{name}.png")


@pytest.fixture
def signatures(settings, tmp_path):
    """Signature images for the MdB and the organisation (private files in a temporary folder)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    case = demo_case()
    mdb = MdB.objects.filter(wahlkreis=case.wahlkreis).first() or MdB(wahlkreis=case.wahlkreis, party="Demo")
    mdb.title, mdb.given_names, mdb.family_name = "", "Erika", "Musterfrau"
    mdb.signature = signature_png("Unterschrift MdB")
    mdb.save()
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.signature = signature_png("Unterschrift")
    org.signatory, org.signatory_role = "Alex Beispiel", "Leitung"
    org.save()
    return mdb, org


def walk(document, page=0):
    stack = [document.pages[page]._page_box]
    while stack:
        box = stack.pop()
        box = getattr(box, "_box", box)  # an absolutely positioned box sits in a placeholder
        yield box
        stack.extend(getattr(box, "children", ()))


def text_boxes(document, page=0):
    """(text, left, top, right, bottom) in mm of every laid-out text run, top to bottom."""
    found = [(b.text, b.position_x * MM, b.position_y * MM, (b.position_x + b.width) * MM,
              (b.position_y + b.height) * MM) for b in walk(document, page) if isinstance(b, TextBox)]
    return sorted(found, key=lambda t: (round(t[2], 1), t[1]))


def page_text(document, page=0):
    return " ".join(t[0] for t in text_boxes(document, page))


def box_of(document, text, page=0):
    matches = [t for t in text_boxes(document, page) if t[0].strip() == text]
    assert matches, f"{text!r} not laid out"
    return matches[0]


def render(case, invitation, code="ABCDEFGHJKMNP", reminders=False):
    shared = letters.shared_context(case, reminders)
    context = letters.letter_context(shared, invitation.placement.person, code)
    return context, letters.render_letter(context)


def printed_code(document, page=0):
    found = CODE.findall(page_text(document, page))
    assert len(found) == 1, found
    return found[0]


def spy_on_rendering(monkeypatch):
    """Record every laid-out letter (WeasyPrint still does the real work)."""
    rendered = []
    original = letters.render_letter

    def render_letter(context, image_cache=None):
        document = original(context, image_cache)
        rendered.append((context, document))
        return document

    monkeypatch.setattr(letters, "render_letter", render_letter)
    return rendered


def letter_log(case):
    return list(ModelLogEntry.objects.filter(object_id=str(case.pk), action=audit.ACTION_LETTERS))


# --- layout ------------------------------------------------------------------------------------


def test_the_address_lies_in_the_din_5008_window(drawn, few_pending, signatures):
    invitation = few_pending[0]
    Person.objects.filter(pk=invitation.placement.person_id).update(
        sex="w", doctoral_degree="Dr.", family_name="Zzyxmüller", given_names="Anna 1", age=40)
    invitation = Invitation.objects.select_related("placement__person").get(pk=invitation.pk)
    context, document = render(drawn, invitation)
    assert len(document.pages) == 1
    lines = context["address_lines"]
    assert lines[0] == "Frau Dr. Anna 1 Zzyxmüller"
    for line in lines:  # Anschriftzone: 20-105 mm from the left, 62.7-90 mm from the top
        _, left, top, right, bottom = box_of(document, line)
        assert left >= 20 and right <= 105 and top >= 62.7 and bottom <= 90, (line, left, top, right, bottom)
    _, left, top, right, bottom = box_of(document, context["return_line"])  # Rücksendeangabe: 45-50 mm
    assert left >= 20 and right <= 105 and top >= 45 and bottom <= 50
    subject = [t for t in text_boxes(document) if t[0].startswith("Einladung zum Wahlkreisrat am")][0]
    assert abs(subject[2] - 98.46) < 1 and abs(subject[1] - 25) < 0.5  # text starts at 98.46 mm, 25 mm margin
    date_box = [t for t in text_boxes(document) if t[0].startswith("Datum")][0]
    assert date_box[1] >= 125 and date_box[2] < 98  # information block beside the window
    text = page_text(document)
    assert "Sehr geehrte Frau Dr. Zzyxmüller," in text
    for expected in ("Fahrtkosten", "Kinderbetreuung", "Barrierefreiheit", "Sprache", "9:00 bis 19:00 Uhr",
                     drawn.council.guiding_question, context["venue"], "Erika Musterfrau", "Alex Beispiel",
                     letters.entry_url("de"), "mittags essen Sie gemeinsam mit Erika Musterfrau",
                     "Antwort bis"):
        assert expected in text, expected
    assert printed_code(document) == "ABCD-EFGH-JKMNP"
    images = [b for b in walk(document) if isinstance(b, ReplacedBox)]
    assert len(images) == 3  # the QR code and both signatures
    html = letters.render_to_string(letters.TEMPLATE, context)
    assert '<html lang="de">' in html and "<title>" in html
    assert all('alt="' in tag for tag in re.findall(r"<img [^>]*>", html))


def test_the_qr_code_holds_the_response_url(drawn, few_pending):
    context, _document = render(drawn, few_pending[0])
    page = context["pages"][0]
    assert page["response_url"] == f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/de/antwort/ABCD-EFGH-JKMNP/"
    # The printed PNG, module by module, is the QR code of exactly that URL.
    png = Image.open(io.BytesIO(base64.b64decode(page["qr"].split(",", 1)[1]))).convert("1")
    matrix = segno.make(page["response_url"], error="m", mask=letters.QR_MASK).matrix
    border = (png.width - len(matrix)) // 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            assert (png.getpixel((x + border, y + border)) == 0) == bool(dark)


def test_minors_letters_address_their_guardians(drawn, few_pending):
    invitation = few_pending[0]
    Person.objects.filter(pk=invitation.placement.person_id).update(
        age=16, legal_representative="", given_names="Mia 7", family_name="Zzyxmüller", doctoral_degree="")
    invitation = Invitation.objects.select_related("placement__person").get(pk=invitation.pk)
    context, document = render(drawn, invitation)
    box_of(document, "An die Erziehungsberechtigten")
    _, left, top, right, bottom = box_of(document, "von Mia 7 Zzyxmüller")
    assert left >= 20 and right <= 105 and top >= 62.7 and bottom <= 90
    text = page_text(document)
    assert "Sehr geehrte Erziehungsberechtigte," in text
    assert "Weil Mia 7 Zzyxmüller noch minderjährig ist" in text
    assert context["guardians"]


def test_the_second_language_page(drawn, few_pending):
    drawn.second_language = "en"
    drawn.save()
    context, document = render(drawn, few_pending[0])
    assert len(document.pages) == 2
    assert [page["lang"] for page in context["pages"]] == ["de", "en"]
    assert context["pages"][1]["response_url"].endswith("/en/response/ABCD-EFGH-JKMNP/")
    english = page_text(document, 1)
    salutation = context["pages"][1]["salutation"]
    assert salutation.startswith("Dear") and salutation in english
    assert printed_code(document, 1) == "ABCD-EFGH-JKMNP"
    html = letters.render_to_string(letters.TEMPLATE, context)
    assert '<section class="page second" lang="en">' in html


def test_letters_are_set_in_the_shipped_font_only(drawn, few_pending):
    """The layout (and so what fits a page) is the same on every server: no system font is used."""
    result = letters.make_letters(drawn, invitations=few_pending[:1])
    assert only_shipped_fonts(result.pdf), font_names(result.pdf)
    assert {"Open-Sans-Shipped", "Open-Sans-Shipped-Bold"} <= font_names(result.pdf)
    assert len(CODE.findall(pdf_text(result.pdf))) == 1  # the code reads back from the PDF as printed


def test_long_texts_still_fit_one_page_per_language(drawn, few_pending, monkeypatch):
    """The longest guiding question an editor can enter, a four-line venue and long names: the reminder
    needs the compact type size in the shipped font, and fits with it."""
    rendered = spy_on_rendering(monkeypatch)
    council = drawn.council
    council.title = "Gut ankommen: Mobilität, Verkehr und Erreichbarkeit im ländlichen Wahlkreis"
    longest = CouncilPage._meta.get_field("guiding_question").max_length
    council.guiding_question = ("Wie können Bus, Bahn, Rad- und Fußverkehr im Wahlkreis so zusammenspielen, "
                                "dass alle Menschen Arbeit, Schule und Einkauf gut erreichen? " * 6)[:longest]
    council.save()
    drawn.second_language = "en"
    drawn.venue = "Bürgerhaus Mitte\nGroßer Saal im ersten Obergeschoss\nMarktplatz 1\n12345 Demostadt-Nord"
    drawn.save()
    invitation = few_pending[0]
    Person.objects.filter(pk=invitation.placement.person_id).update(
        age=16, given_names="Anna Maria Theresia", family_name="Hartmann-Leutheusser-Zzyxmüller",
        legal_representative="Erika und Max Hartmann-Leutheusser")
    result = letters.make_letters(drawn, invitations=[invitation])
    assert result.pages == 2
    result = letters.make_letters(drawn, reminders=True, invitations=[invitation])
    assert result.pages == 2
    assert rendered[-1][0].get("compact")  # made to fit with the smaller type
    assert only_shipped_fonts(result.pdf)


# --- making and recording the letters -------------------------------------------------------------


def test_a_batch_records_codes_dates_and_one_audit_entry(client, drawn, few_pending, monkeypatch):
    rendered = spy_on_rendering(monkeypatch)
    result = letters.make_letters(drawn)
    assert result.count == 3 and result.pages == 3 and result.pdf.startswith(b"%PDF")
    assert letters.pending_letters(drawn).count() == 0
    for invitation, (context, document) in zip(few_pending, rendered):
        invitation.refresh_from_db()
        assert invitation.letter_sent_at is not None
        code = printed_code(document)
        assert code == context["code"]
        # The printed code answers the public response page.
        assert invitation_service.find_open_invitation(code) == invitation
        page = client.get(f"/de/antwort/{code}/")
        assert page.status_code == 200
        assert invitation.placement.person.given_names.split(" ")[0] in page.content.decode()
    log = letter_log(drawn)
    assert len(log) == 1 and log[0].data["count"] == 3 and log[0].data["kind"] == "letters"
    data = str(log[0].data)
    for context, _document in rendered:
        assert context["code"] not in data and codes.normalise(context["code"]) not in data
    for invitation in few_pending:
        person = invitation.placement.person
        assert person.family_name not in data and person.given_names not in data
    with pytest.raises(audit.RecruitmentError, match="keine ausstehenden"):
        letters.make_letters(drawn)


def test_a_reminder_has_its_own_code_and_the_first_code_keeps_working(drawn, few_pending, monkeypatch):
    rendered = spy_on_rendering(monkeypatch)
    letters.make_letters(drawn)
    assert letters.reminders_due(drawn).count() == 3
    reminder = letters.make_letters(drawn, reminders=True)
    assert reminder.count == 3 and letters.reminders_due(drawn).count() == 0
    for index, invitation in enumerate(few_pending):
        first_code = rendered[index][0]["code"]
        context, document = rendered[3 + index]
        assert context["reminder"] and "noch nichts gehört" in page_text(document)
        assert "Erinnerung" in page_text(document)
        assert printed_code(document) != first_code
        assert invitation_service.find_open_invitation(printed_code(document)) == invitation
        assert invitation_service.find_open_invitation(first_code) == invitation
        invitation.refresh_from_db()
        assert invitation.reminder_sent_at is not None
    assert [entry.data["kind"] for entry in letter_log(drawn)] == ["reminders", "letters"]


def test_reprinting_a_letter_invalidates_the_old_code(drawn, few_pending, monkeypatch):
    rendered = spy_on_rendering(monkeypatch)
    invitation = few_pending[0]
    letters.make_letters(drawn, invitations=[invitation])
    old = rendered[-1][0]["code"]
    result = letters.make_letters(drawn, invitations=[invitation], split=True)
    new = rendered[-1][0]["code"]
    assert old != new and result.count == 1
    assert invitation_service.find_open_invitation(old) is None
    assert invitation_service.find_open_invitation(new) == invitation
    name, data = result.files[0]
    assert re.fullmatch(r"brief-\d\d-\d\d\d\.pdf", name) and data.startswith(b"%PDF")
    assert letter_log(drawn)[0].data["reprint"] is True


def test_answered_invitations_get_no_letter(drawn, few_pending):
    invitation = few_pending[0]
    invitation_service.set_status(invitation, Invitation.DECLINED)
    with pytest.raises(audit.RecruitmentError):
        letters.make_letters(drawn, invitations=[invitation])
    assert letters.pending_letters(drawn).count() == 2


def test_nothing_changes_when_delivery_fails(drawn, few_pending):
    hashes = {i.pk: i.code_hash for i in few_pending}

    def deliver(result):
        assert result.pdf.startswith(b"%PDF")
        raise OSError("disk full")

    with pytest.raises(OSError):
        letters.make_letters(drawn, deliver=deliver)
    for invitation in few_pending:
        invitation.refresh_from_db()
        assert invitation.letter_sent_at is None and invitation.code_hash == hashes[invitation.pk]
    assert letter_log(drawn) == []


def test_purged_or_undrawn_cases_are_refused(drawn, few_pending):
    draw.void(drawn, "Test")
    with pytest.raises(audit.RecruitmentError, match="keine gültige Ziehung"):
        letters.make_letters(drawn)
    retention.purge(drawn)
    drawn.refresh_from_db()
    with pytest.raises(audit.RecruitmentError, match="gelöscht"):
        letters.make_letters(drawn)
    assert letter_log(drawn) == []


# --- the command ---------------------------------------------------------------------------------


def test_the_command_writes_one_pdf_and_single_letters(drawn, few_pending, tmp_path, capsys):
    out, split = tmp_path / "briefe.pdf", tmp_path / "einzeln"
    call_command("make_letters", "--council", DEMO_SLUG, "--out", str(out), "--split", str(split))
    summary = capsys.readouterr().out
    assert "3 invitation letters (3 pages) written to" in summary and str(out) in summary
    assert out.read_bytes().startswith(b"%PDF")
    names = sorted(p.name for p in split.iterdir())
    assert len(names) == 3 and all(re.fullmatch(r"brief-\d\d-\d\d\d\.pdf", n) for n in names)
    assert not [p for p in tmp_path.rglob(".letters-*")]  # no temporary file left
    for invitation in few_pending:
        invitation.refresh_from_db()
        assert invitation.letter_sent_at is not None
        assert invitation.placement.person.family_name not in " ".join(names)
    # Now nothing is pending: a one-line refusal, exit code 1, the file stays as it was.
    before = out.read_bytes()
    with pytest.raises(CommandError, match="keine ausstehenden Briefe") as refused:
        call_command("make_letters", "--council", DEMO_SLUG, "--out", str(out))
    assert refused.value.returncode == 1 and out.read_bytes() == before
    call_command("make_letters", "--council", DEMO_SLUG, "--out", str(out), "--reminders")
    assert "3 reminder letters" in capsys.readouterr().out


@pytest.mark.parametrize("target", ["missing/briefe.pdf", "."])
def test_the_command_checks_the_output_path_before_issuing_codes(drawn, few_pending, tmp_path, target):
    hashes = {i.pk: i.code_hash for i in few_pending}
    with pytest.raises(CommandError, match="nothing changed") as refused:
        call_command("make_letters", "--council", DEMO_SLUG, "--out", str(tmp_path / target))
    assert refused.value.returncode == 1 and "\n" not in str(refused.value)
    for invitation in few_pending:
        invitation.refresh_from_db()
        assert invitation.letter_sent_at is None and invitation.code_hash == hashes[invitation.pk]
    assert letter_log(drawn) == []


def test_the_command_refuses_unknown_and_purged_councils(drawn, tmp_path):
    with pytest.raises(CommandError, match="Keinen Wahlkreisrat"):
        call_command("make_letters", "--council", "gibt-es-nicht", "--out", str(tmp_path / "x.pdf"))
    retention.purge(drawn)
    with pytest.raises(CommandError, match="gelöscht"):
        call_command("make_letters", "--council", DEMO_SLUG, "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


# --- admin -----------------------------------------------------------------------------------------


def test_the_manager_gets_the_batch_pdf_and_a_zip(client, drawn, few_pending, demo_manager):
    client.force_login(demo_manager)
    url = reverse("recruitment:letters", args=[drawn.pk])
    page = client.get(url)
    assert page.status_code == 200 and "3 Briefe stehen aus" in page.content.decode()
    response = client.post(url, {"kind": "letters", "format": "zip"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == f'attachment; filename="briefe-{DEMO_SLUG}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist())[-1] == f"briefe-{DEMO_SLUG}.pdf" and len(archive.namelist()) == 4
    # Nothing pending any more: back to the page with a message.
    again = client.post(url, {"kind": "letters"})
    assert again.status_code == 302 and again["Location"] == url
    response = client.post(url, {"kind": "reminders"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="erinnerungen-{DEMO_SLUG}.pdf"'
    assert response.content.startswith(b"%PDF")


def test_the_manager_gets_one_pdf_for_all_pending_letters(client, drawn, few_pending,
                                                          demo_manager):
    client.force_login(demo_manager)
    response = client.post(reverse("recruitment:letters", args=[drawn.pk]), {"kind": "letters"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="briefe-{DEMO_SLUG}.pdf"'
    assert "no-store" in response["Cache-Control"] and response.content.startswith(b"%PDF")
    assert letters.pending_letters(drawn).count() == 0


def test_reprint_in_the_admin(client, drawn, few_pending, demo_manager, monkeypatch):
    rendered = spy_on_rendering(monkeypatch)
    client.force_login(demo_manager)
    invitation = few_pending[0]
    url = reverse("recruitment:letter", args=[drawn.pk, invitation.pk])
    assert client.get(url).status_code == 405
    first = client.post(url)
    second = client.post(url)
    assert first["Content-Type"] == second["Content-Type"] == "application/pdf"
    assert "no-store" in second["Cache-Control"]
    assert re.fullmatch(r'attachment; filename="brief-\d\d-\d\d\d\.pdf"', second["Content-Disposition"])
    assert invitation_service.find_open_invitation(rendered[0][0]["code"]) is None
    assert invitation_service.find_open_invitation(rendered[1][0]["code"]) == invitation


def test_others_get_no_letters(client, drawn, few_pending, manager_other):
    invitation = few_pending[0]
    urls = [reverse("recruitment:letters", args=[drawn.pk]),
            reverse("recruitment:letter", args=[drawn.pk, invitation.pk])]
    client.force_login(manager_other)
    for url in urls:
        assert client.post(url, {"kind": "letters"}).status_code == 404
    assert client.get(urls[0]).status_code == 404
    client.force_login(get_user_model().objects.get(username="redaktion"))
    for url in urls:
        response = client.post(url, {"kind": "letters"})
        assert response.status_code in (302, 403) and not response.content.startswith(b"%PDF")
    client.logout()
    for url in urls:
        response = client.post(url, {"kind": "letters"})
        assert response.status_code == 302 and "login" in response["Location"]
    assert letters.pending_letters(drawn).count() == 3 and letter_log(drawn) == []
