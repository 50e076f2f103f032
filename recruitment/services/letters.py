"""Invitation and reminder letters as PDF (admin batch, "Brief neu drucken" and ``make_letters``).

Each letter is laid out as its own WeasyPrint document with the shared, pre-parsed stylesheet,
and the pages are combined into one batch PDF. The codes are made in memory and printed; they
are stored (hashed, with ``letter_sent_at``/``reminder_sent_at`` and one audit entry with the
count) in one short transaction only after the PDF was made and, with a ``deliver`` callback,
written. A failure anywhere leaves the database as it was, and the printed codes never work.
"""

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

import segno
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site
from weasyprint import CSS, HTML

from home.models import OrganisationSettings

from .. import pdf
from ..logic import codes
from ..logic import letters as layout
from ..models import Invitation, RecruitmentCase
from .audit import ACTION_LETTERS, RecruitmentError, audit
from .info_pages import letter_info_urls
from .invitations import active_invitations, fresh_codes

logger = logging.getLogger(__name__)

TEMPLATE = "recruitment/pdf/letter.html"
STYLESHEET = "recruitment/pdf/letter.css"
SIGNATURE_SPEC = "max-600x240"


@dataclass
class Letters:
    pdf: bytes
    count: int
    pages: int
    reminders: bool
    files: list = field(default_factory=list)  # [(file name without personal names, PDF bytes)]


# --- who gets a letter ---------------------------------------------------------------------------


def _open(case):
    return active_invitations(case).filter(status__in=Invitation.OPEN_STATUSES)


def pending_letters(case):
    """Open invitations of the active draw that have had no letter yet."""
    return _open(case).filter(letter_sent_at__isnull=True)


def reminders_due(case):
    """Open (so unanswered) invitations that had a letter but no reminder yet."""
    return _open(case).filter(letter_sent_at__isnull=False, reminder_sent_at__isnull=True)


def check_case(case):
    """The active draw, or RecruitmentError if the case cannot have letters."""
    if case.purged_at is not None:
        raise RecruitmentError(_("Die Personendaten dieses Wahlkreisrats sind gelöscht."))
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is None:
        raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es keine gültige Ziehung."))
    if case.council is None:
        raise RecruitmentError(_("Die Auslosung gehört zu keinem Wahlkreisrat."))
    return the_draw


# --- what the letters of a batch share ----------------------------------------------------------


def _base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def response_url(code, language="de"):
    """The absolute URL of the public response page for a code: what the QR code holds."""
    with translation.override(language):
        path = reverse("recruitment_public:respond", kwargs={"code": codes.formatted(code)})
    return _base_url() + path


def entry_url(language="de"):
    """The code entry page, printed for typing (without the scheme)."""
    with translation.override(language):
        path = reverse("recruitment_public:code")
    return re.sub(r"^https?://", "", _base_url() + path)


#: A fixed mask pattern: scoring all eight (segno's default) took 4 ms of every QR code, 8 % of a
#: bilingual batch, and any mask decodes (the code states its mask); error correction level M.
QR_MASK = 4


def qr_data_uri(url):
    """The QR code as a PNG with one pixel per module, scaled up crisply by the stylesheet: much
    cheaper for WeasyPrint than an SVG path, and just as sharp in print."""
    return segno.make(url, error="m", mask=QR_MASK).png_data_uri(scale=1, border=2)


def organisation():
    site = Site.objects.filter(is_default_site=True).first()
    org = OrganisationSettings.objects.filter(site=site).first() if site else None
    return org or OrganisationSettings()


def _signature(file):
    """A signature (a private image file, media.private) as a data URI, or "" (then the letter prints
    the name alone)."""
    if not file:
        return ""
    try:
        return pdf.image_data_uri(file, SIGNATURE_SPEC)
    except Exception:  # a missing file must not stop a batch: the name is printed anyway
        logger.warning("letters: a signature file could not be read")
        return ""


def _council_texts(council, language):
    page = council
    if language != "de":
        locale = Locale.objects.filter(language_code=language).first()
        page = (council.get_translation_or_none(locale) if locale else None) or council
    return {"title": page.title, "question": page.guiding_question}


def signing_mdbs(case):
    """The council's invited members (CouncilPage.mdbs), else the Wahlkreis's directly elected one."""
    council = case.council
    mdbs = council.mdbs() if council is not None else []
    if not mdbs:
        direct = getattr(case.wahlkreis, "mdb", None)
        mdbs = [direct] if direct else []
    return mdbs


def _names(names, language):
    """'A', 'A und B', 'A, B und C' in the letter's language."""
    if len(names) < 2:
        return "".join(names)
    with translation.override(language):
        return str(_("%(names)s und %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]})


def letter_languages(case):
    second = case.second_language
    return ["de", second] if second and second != "de" and second in dict(settings.LANGUAGES) else ["de"]


def shared_context(case, reminders=False, today=None):
    """Everything but the addressee and the code (signature images are read once per batch here)."""
    council = case.council
    org = organisation()
    mdbs = [{"name": m.display_name, "signature": _signature(m.signature)} for m in signing_mdbs(case)]
    address = [line.strip() for line in (org.address or "").splitlines() if line.strip()]
    field_default = RecruitmentCase._meta.get_field
    venue = ", ".join(line.strip() for line in case.venue.splitlines() if line.strip())
    return {
        "reminder": reminders,
        "letter_date": today or timezone.localdate(),
        "council_date": council.date,
        "starts_at": case.starts_at or field_default("starts_at").default,
        "ends_at": case.ends_at or field_default("ends_at").default,
        "venue": venue or council.venue_town,
        "answer_by": case.answer_by,
        "seats": case.seats,
        # stage one of a two-stage selection: the letter asks to volunteer, the panel is drawn later
        "two_stage": case.two_stage,
        "letters": case.letter_seats,
        "wahlkreis": case.wahlkreis.name,
        "mdbs": mdbs,
        "mdb": mdbs[0] if mdbs else None,
        "org": {"name": org.name, "address_lines": address, "phone": org.phone, "email": org.email,
                "signatory": org.signatory, "signatory_role": org.signatory_role,
                "signature": _signature(org.signature)},
        "return_line": " · ".join([org.name, *address]),
        "languages": [{"lang": lang, "entry_url": entry_url(lang), "info_urls": letter_info_urls(lang),
                       **_council_texts(council, lang),
                       "mdb_names": _names([m["name"] for m in mdbs], lang)}
                      for lang in letter_languages(case)],
    }


def letter_context(shared, person, code):
    """The template context of one letter; ``pages`` has one entry per language."""
    pages = []
    audience = "parents" if layout.is_minor(person) else "adults"
    for language in shared["languages"]:
        url = response_url(code, language["lang"])
        pages.append({**language, "salutation": layout.salutation(person, language["lang"]),
                      "response_url": url, "qr": qr_data_uri(url),
                      "info_url": language["info_urls"].get(audience, "")})
    return {**shared, "pages": pages, "code": codes.formatted(code),
            "address_lines": layout.address_lines(person), "guardians": layout.is_minor(person),
            "minor_name": layout.full_name(person, with_degree=False)}


# --- layout ------------------------------------------------------------------------------------------

#: What the letter needs of a browser's default stylesheet. letter.css sets every margin and size
#: itself, so a letter looks the same with WeasyPrint's full default stylesheet.
_UA_CSS = """
html, body, section, div, p, h1 { display: block }
head, title, meta, style, script { display: none }
strong { font-weight: bold }
br::before { content: "\\A"; white-space: pre-line }
"""


@lru_cache(maxsize=1)
def _ua_stylesheet():
    return CSS(string=_UA_CSS, font_config=pdf.font_config())


class _LetterHTML(HTML):
    """HTML with a minimal default stylesheet: matching WeasyPrint's full one against every element
    took about a quarter of a letter's layout time. ``_ua_stylesheets`` is WeasyPrint's private hook
    (checked with 70.0): kept because without it 300 bilingual letters miss the 30 s target, and
    watched by ``tests/recruitment/test_letter_stylesheet.py``, which fails if a release stops
    calling it (letters would get slower, not different)."""

    def _ua_stylesheets(self, forms=False):
        return [_ua_stylesheet()]


def render_letter(context, image_cache=None):
    """Lay out one letter as a WeasyPrint document (German first, whatever the admin's language)."""
    with translation.override("de"):
        html = render_to_string(TEMPLATE, context)
    return _LetterHTML(string=html, url_fetcher=pdf.url_fetcher()).render(
        stylesheets=[pdf.stylesheet(STYLESHEET)], font_config=pdf.font_config(), cache=image_cache)


def file_name(cohort_index, position, reminders=False):
    """``brief-02-007.pdf``: cohort and place, never a name."""
    return f"{'erinnerung' if reminders else 'brief'}-{cohort_index:02d}-{position:03d}.pdf"


def _render(case, the_draw, invitations, new_codes, reminders, split):
    shared = shared_context(case, reminders)
    cohort_index = {pk: n for n, pk in enumerate(
        the_draw.cohorts.order_by("sort_order", "pk").values_list("pk", flat=True), start=1)}
    image_cache, documents, files = {}, [], []  # the cache shares decoded signatures between letters
    with pdf.laid_out_batch() as keep:
        for invitation, code in zip(invitations, new_codes):
            context = letter_context(shared, invitation.placement.person, code)
            document = render_letter(context, image_cache)
            if len(document.pages) != len(shared["languages"]):  # long question, venue or names
                document = render_letter({**context, "compact": True}, image_cache)
            if len(document.pages) != len(shared["languages"]):
                raise RecruitmentError(
                    _("Ein Brief passt nicht auf eine Seite: Bitte kürzen Sie Leitfrage oder Veranstaltungsort."))
            documents.append(document)
            if split:
                name = file_name(cohort_index[invitation.draw_cohort_id], invitation.position, reminders)
                files.append((name, document.write_pdf()))
            keep()
        combined = pdf.combine(documents)
    return Letters(pdf=combined, count=len(documents),
                   pages=sum(len(d.pages) for d in documents), reminders=reminders, files=files)


# --- the whole step ----------------------------------------------------------------------------------


def make_letters(case, user=None, reminders=False, invitations=None, split=False, deliver=None):
    """Make the letters (or reminders) of a case as one PDF and record them.

    ``invitations`` None: every pending letter (or due reminder). Otherwise exactly these (a
    reprint): each gets a new code of its kind and the earlier print's code stops working.
    ``split`` adds one PDF per invitee. ``deliver(result)`` runs inside the recording transaction
    (e.g. to write the file): if it raises, nothing is recorded. Returns :class:`Letters`; refuses
    with RecruitmentError, nothing changed.
    """
    the_draw = check_case(case)
    batch = invitations is None
    if batch:
        invitations = list(reminders_due(case) if reminders else pending_letters(case))
        if not invitations:
            raise RecruitmentError(_("Es sind keine Erinnerungen fällig.") if reminders
                                   else _("Es gibt keine ausstehenden Briefe."))
    else:
        wanted = {i.pk for i in invitations}
        invitations = list(_open(case).filter(pk__in=wanted))
        if len(invitations) != len(wanted):
            raise RecruitmentError(
                _("Nur offene Einladungen der gültigen Ziehung bekommen einen Brief."))
        if reminders and any(i.letter_sent_at is None for i in invitations):
            raise RecruitmentError(_("Eine Erinnerung gibt es erst nach dem ersten Brief."))

    new_codes = fresh_codes(len(invitations))
    result = _render(case, the_draw, invitations, new_codes, reminders, split)

    if reminders:
        hash_field, sent_field = "reminder_code_hash", "reminder_sent_at"
    else:
        hash_field, sent_field = "code_hash", "letter_sent_at"
    with transaction.atomic():
        # The case lock serialises letter runs. The same invitations must still be open (and, for
        # a batch, still without this letter): otherwise a concurrent run, an answer, a replacement
        # or a purge came in between and the PDF is outdated.
        locked = RecruitmentCase.objects.select_for_update().get(pk=case.pk)
        current = _open(case).filter(pk__in=[i.pk for i in invitations])
        if batch:
            current = current.filter(**{f"{sent_field}__isnull": True})
        if locked.purged_at or current.count() != len(invitations):
            raise RecruitmentError(_("Die Einladungen haben sich inzwischen geändert. "
                                     "Bitte erstellen Sie die Briefe noch einmal."))
        now = timezone.now()
        for invitation, code in zip(invitations, new_codes):
            setattr(invitation, hash_field, codes.code_hash(code))
            setattr(invitation, sent_field, now)
        Invitation.objects.bulk_update(invitations, [hash_field, sent_field], batch_size=500)
        # Counts only: never a name or a code.
        audit(case, ACTION_LETTERS, user, count=result.count,
              kind="reminders" if reminders else "letters", reprint=not batch, pages=result.pages)
        if deliver is not None:
            deliver(result)
    return result
