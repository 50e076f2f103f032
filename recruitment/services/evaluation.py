"""Evaluation and funnel of a council: the anonymous questionnaire and the public figures.

About four weeks after the workshop the participants and the MdB's team answer a short
questionnaire. Anonymity is built in, not promised:

- A token (``EvaluationToken``) knows its council and role, never its recipient. Tokens are
  created in one batch and shuffled before they are handed out, so not even the row order links a
  token to a participant. The e-mail that carries a token is sent and forgotten: which address got
  which token is stored nowhere (the audit log records counts only).
- A response (``EvaluationResponse``) has no link to its token and only the date of submission.
- Results are shown only for at least :data:`MIN_RESPONSES` answers per role (and per question):
  fewer are "zu wenige Antworten", also in the admin, comments included.

The funnel (pool → invited → accepted → attended, per draw cohort and sex) is counted from the
invitations while they exist; :func:`publish_composition` has it written as aggregates to
the council's public record (by ``recruitment.publishing``), where it survives the purge of
personal data (``retention.purge`` calls :func:`publish_before_purge` first).
"""

import datetime
import hashlib
import logging
import secrets
from collections import Counter
from fractions import Fraction

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.models import Locale, ModelLogEntry

from .. import publishing
from ..logic import codes
from ..logic.apportion import restrict_bands
from ..models import EvaluationResponse, EvaluationToken, Invitation, Placement, RecruitmentCase
from .audit import ACTION_COMPOSITION_PUBLISH as ACTION_COMPOSITION
from .audit import ACTION_EVALUATION_MAIL as ACTION_MAIL
from .audit import ACTION_EVALUATION_PUBLISH as ACTION_PUBLISH
from .audit import ACTION_EVALUATION_TOKENS as ACTION_TOKENS
from .audit import ACTION_EVALUATION_UNPUBLISH as ACTION_UNPUBLISH
from .audit import RecruitmentError, audit

logger = logging.getLogger(__name__)

PARTICIPANT, MDB_TEAM = EvaluationToken.PARTICIPANT, EvaluationToken.MDB_TEAM

#: Fewer answers than this (per role, and per question) are never shown: k-anonymity.
MIN_RESPONSES = 5
#: At most this many tokens per request (a printed batch or the MdB team's links).
MAX_TOKENS = 200
MAX_COMMENT = 2000
#: A separate hash domain: a response code can never be an evaluation token and vice versa.
TOKEN_HASH_PREFIX = b"wkr-evaluation-token-v1\n"

# The questions: stable keys, German source texts. The texts are stored as they are (msgids) in
# the published aggregates, and translated when shown (the councils app cannot import this one).
QUESTIONS = {
    PARTICIPANT: [
        ("heard", gettext_noop("Ich habe mich mit meiner Meinung gehört gefühlt.")),
        ("respect", gettext_noop("Die Atmosphäre war respektvoll.")),
        ("informed", gettext_noop("Ich bin jetzt besser über das Thema informiert.")),
        ("dialogue", gettext_noop("Das Gespräch mit der/dem Abgeordneten war offen.")),
        ("results", gettext_noop("Die Empfehlungen geben wieder, was wir besprochen haben.")),
        ("again", gettext_noop("Ich würde wieder an einem Wahlkreisrat teilnehmen.")),
        ("organisation", gettext_noop("Die Organisation (Briefe, Ort, Verpflegung) war gut.")),
    ],
    MDB_TEAM: [
        ("learnt", gettext_noop("Wir haben etwas Neues über die Sicht der Menschen im Wahlkreis erfahren.")),
        ("usable", gettext_noop("Die Empfehlungen sind für unsere Arbeit verwertbar.")),
        ("again", gettext_noop("Wir würden wieder einen Wahlkreisrat durchführen.")),
        ("organisation", gettext_noop("Die Organisation war gut.")),
    ],
}
ROLE_LABELS = {PARTICIPANT: gettext_noop("Teilnehmende"), MDB_TEAM: gettext_noop("Team der/des Abgeordneten")}
SCALE = [
    (1, gettext_noop("trifft gar nicht zu")),
    (2, gettext_noop("trifft eher nicht zu")),
    (3, gettext_noop("teils, teils")),
    (4, gettext_noop("trifft eher zu")),
    (5, gettext_noop("trifft voll zu")),
]
SCALE_VALUES = tuple(value for value, _label in SCALE)

#: Sex in the public figures: the register's "x" (no entry) and unknown ("") are one group,
#: "ohne Angabe" – not "divers", which is a sex of its own. Small cells are suppressed on the page.
SEXES = ("w", "m", "d", "x")
SEX_LABELS = {"w": _("weiblich"), "m": _("männlich"), "d": _("divers"), "x": _("ohne Angabe")}
STAGES = ("pool", "invited", "accepted", "attended")
STAGE_LABELS = {"pool": _("im Pool"), "invited": _("eingeladen"), "accepted": _("zugesagt"),
                "attended": _("teilgenommen")}


def questions(role):
    return QUESTIONS[role]


def sex_key(value):
    return value if value in ("w", "m", "d") else "x"


# --- tokens --------------------------------------------------------------------------------------


def token_hash(code):
    """SHA-256 (hex) of a normalised token (see ``logic.codes``), in its own hash domain."""
    return hashlib.sha256(TOKEN_HASH_PREFIX + code.encode("ascii")).hexdigest()


def issue_tokens(case, role, count):
    """``count`` fresh single-use tokens (normalised): returned once, stored hashed, in random order.

    Never log the return value.
    """
    if role not in QUESTIONS:
        raise ValueError(f"unknown role {role!r}")
    if not 0 < count <= MAX_TOKENS:
        raise RecruitmentError(_("Bitte zwischen 1 und %(max)d Zugänge auf einmal.")
                               % {"max": MAX_TOKENS})
    plain = set()
    while len(plain) < count:
        candidates = {codes.new_code() for _ in range(count - len(plain))} - plain
        taken = set(EvaluationToken.objects.filter(
            token_hash__in=[token_hash(c) for c in candidates]).values_list("token_hash", flat=True))
        plain |= {c for c in candidates if token_hash(c) not in taken}
    tokens = list(plain)
    secrets.SystemRandom().shuffle(tokens)
    EvaluationToken.objects.bulk_create(
        [EvaluationToken(case=case, role=role, token_hash=token_hash(code)) for code in tokens])
    secrets.SystemRandom().shuffle(tokens)  # the handing-out order is not the row order
    return tokens


def find_open_token(token_text):
    """The unused token a typed or linked code belongs to, else None (unknown, malformed and used
    look the same to the caller)."""
    code = codes.normalise(token_text)
    if code is None:
        return None
    return (EvaluationToken.objects.filter(token_hash=token_hash(code), used=False)
            .select_related("case").first())


def token_counts(case):
    """{role: {"issued": n, "used": n}} for the admin page (response rate)."""
    counts = {role: {"issued": 0, "used": 0} for role in QUESTIONS}
    for role, used, n in (EvaluationToken.objects.filter(case=case).order_by()
                          .values_list("role", "used").annotate(n=Count("pk"))):
        counts[role]["issued"] += n
        if used:
            counts[role]["used"] += n
    return counts


def form_url(code, language=None):
    """The absolute link to the questionnaire of one token (for e-mails and printed sheets)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        path = reverse("recruitment_public:evaluation_form", args=[codes.formatted(code)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def entry_url(language=None):
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        path = reverse("recruitment_public:evaluation_code")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- handing out ---------------------------------------------------------------------------------


def attended(case):
    """The invitations of people who came (checked in) for the active draw."""
    return Invitation.objects.filter(case=case, draw_cohort__draw__voided_at__isnull=True,
                                     checked_in_at__isnull=False)


def attendance(case):
    """How many came, and how many of them gave an e-mail address (counts only)."""
    came = attended(case)
    total = came.count()
    with_email = came.exclude(email="").count()
    return {"attended": total, "with_email": with_email, "without_email": total - with_email}


def last_mailing(case):
    """The audit entry of the participants' e-mails if any was delivered, else None."""
    return (ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(RecruitmentCase),
                                         object_id=str(case.pk), action=ACTION_MAIL, data__count__gt=0)
            .order_by("-timestamp").first())


def send_participant_invitations(case, user=None):
    """One e-mail with a fresh token to every participant who came and gave an e-mail address.

    Once per council: a second mailing would give everyone a second vote. Participants without an
    address (or whose e-mail failed) get printed tokens (:func:`issue_print_tokens`). Returns counts.
    """
    if last_mailing(case) is not None:
        raise RecruitmentError(_("Die Einladungen zur Evaluation wurden schon per E-Mail "
                                 "verschickt. Wer keine bekommen hat, erhält einen gedruckten "
                                 "Zugangscode."))
    addresses = list(attended(case).exclude(email="").values_list("email", flat=True))
    if not addresses:
        raise RecruitmentError(_("Von den Teilnehmenden hat niemand eine E-Mail-Adresse angegeben "
                                 "(oder es ist noch niemand als angekommen vermerkt)."))
    tokens = issue_tokens(case, PARTICIPANT, len(addresses))
    pages = _council_pages(case)
    sent = failed = 0
    connection = get_connection()
    for address, code in zip(addresses, tokens):
        subject, body = _email(pages, code)
        try:
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], connection=connection).send()
            sent += 1
        except Exception:
            failed += 1
    if failed:
        logger.warning("evaluation: %d of %d e-mails could not be sent", failed, len(addresses))
    without = attended(case).filter(email="").count()
    audit(case, ACTION_MAIL, user, count=sent, failed=failed, without_email=without)
    return {"sent": sent, "failed": failed, "without_email": without}


SUBJECT = gettext_noop("Ihre Meinung zum Wahlkreisrat")


def _english_available():
    with translation.override("en"):
        return translation.gettext(SUBJECT) != SUBJECT


def _council_pages(case):
    """{language: council page} for the e-mail: German, and English once the texts are translated
    (the English page if the council has a live one)."""
    council = case.council
    if council is None:
        return {"de": case}
    pages = {"de": council}
    locale = Locale.objects.filter(language_code="en").first()
    if locale is not None and _english_available():
        english = council.get_translation_or_none(locale)
        pages["en"] = english if english is not None and english.live else council
    return pages


def _email(pages, code):
    """Subject and body, one block per language (the link leads to the questionnaire in it)."""
    subjects, texts = [], []
    for language, council in pages.items():
        with translation.override(language):
            context = {"council": council, "link": form_url(code, language), "entry": entry_url(language),
                       "code": codes.formatted(code)}
            texts.append(render_to_string("recruitment/public/evaluation_email.txt", context).strip())
            subjects.append(translation.gettext(SUBJECT))
    return " / ".join(subjects), "\n\n-----\n\n".join(texts) + "\n"


def issue_print_tokens(case, count, user=None):
    """Tokens for a printed sheet (participants without e-mail, lost e-mails). Count audited only."""
    tokens = issue_tokens(case, PARTICIPANT, count)
    audit(case, ACTION_TOKENS, user, count=count, role=PARTICIPANT, channel="print")
    return tokens


def issue_team_tokens(case, count=1, user=None):
    """Links for the MdB's team (one per team member who answers)."""
    tokens = issue_tokens(case, MDB_TEAM, count)
    audit(case, ACTION_TOKENS, user, count=count, role=MDB_TEAM, channel="link")
    return tokens


# --- answering -----------------------------------------------------------------------------------


def clean_answers(role, answers):
    """Only known questions with a value on the scale; unanswered questions are left out."""
    keys = {key for key, _text in questions(role)}
    cleaned = {}
    for key, value in (answers or {}).items():
        if key not in keys:
            raise RecruitmentError(_("Unbekannte Frage."))
        if value in (None, ""):
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise RecruitmentError(_("Ungültige Antwort.")) from None
        if value not in SCALE_VALUES:
            raise RecruitmentError(_("Ungültige Antwort."))
        cleaned[key] = value
    return cleaned


def submit(token_text, answers, comment="", role=None):
    """Use the token and store the anonymous response, both or neither.

    The token row is locked, so a token answers once even if two tabs send at the same moment.
    The response gets the date only and no reference to the token.
    """
    code = codes.normalise(token_text)
    if code is None:
        raise RecruitmentError(_("Ungültiger Zugangscode."))
    with transaction.atomic():
        token = EvaluationToken.objects.select_for_update().filter(token_hash=token_hash(code)).first()
        if token is None or token.used or (role is not None and token.role != role):
            raise RecruitmentError(_("Ungültiger Zugangscode."))
        cleaned = clean_answers(token.role, answers)
        token.used = True
        token.save(update_fields=["used"])
        return EvaluationResponse.objects.create(case_id=token.case_id, role=token.role, answers=cleaned,
                                                 comment=(comment or "").strip()[:MAX_COMMENT],
                                                 submitted_on=timezone.localdate())


# --- results -------------------------------------------------------------------------------------


def _question(key, label, values):
    """n, mean and distribution of one question; None values when too few answered it."""
    n = len(values)
    entry = {"key": key, "label": label, "text": _(label), "n": n, "suppressed": n < MIN_RESPONSES,
             "mean": None, "distribution": None}
    if not entry["suppressed"]:
        counts = Counter(values)
        entry["mean"] = round(sum(values) / n, 1)
        entry["distribution"] = [counts.get(value, 0) for value in SCALE_VALUES]
    return entry


def aggregate(case):
    """Per role: n, per question n/mean/distribution, and the comments; all suppressed below
    :data:`MIN_RESPONSES` responses ("zu wenige Antworten")."""
    rows = list(EvaluationResponse.objects.filter(case=case).values_list("role", "answers", "comment"))
    result = {}
    for role, role_questions in QUESTIONS.items():
        mine = [(answers or {}, comment) for r, answers, comment in rows if r == role]
        n = len(mine)
        entry = {"role": role, "label": ROLE_LABELS[role], "text": _(ROLE_LABELS[role]), "n": n,
                 "suppressed": n < MIN_RESPONSES, "questions": [], "comments": []}
        if not entry["suppressed"]:
            entry["questions"] = [
                _question(key, label, [a[key] for a, _c in mine if a.get(key) in SCALE_VALUES])
                for key, label in role_questions]
            # Sorted, not in submission order: the order must not hint at who wrote what.
            entry["comments"] = sorted(c.strip() for _a, c in mine if c and c.strip())
        result[role] = entry
    return result


def publish(case, user=None):
    """Write both roles' aggregates (never the comments) to the council's public record."""
    data = aggregate(case)
    if all(entry["suppressed"] for entry in data.values()):
        raise RecruitmentError(
            _("Zu wenige Antworten: Veröffentlicht wird erst ab %(min)d Antworten.") % {"min": MIN_RESPONSES})
    record = publishing.publish_evaluation(case, [data[role] for role in QUESTIONS], MIN_RESPONSES,
                                           [label for _value, label in SCALE])
    audit(case, ACTION_PUBLISH, user, count=sum(e["n"] for e in data.values()),
          participants=data[PARTICIPANT]["n"], mdb_team=data[MDB_TEAM]["n"])
    return record


def unpublish(case, user=None):
    record = publishing.unpublish_evaluation(case)
    audit(case, ACTION_UNPUBLISH, user)
    return record


# --- the funnel and the public composition ----------------------------------------------------


def _empty():
    return Counter(dict.fromkeys(SEXES, 0))


def funnel(case):
    """Pool → invited → accepted → attended per cohort of the active draw and per sex.

    ``pool`` per cohort comes from the draw (kept after the purge); everything by sex, and the
    later stages, need the people and invitations and are None once they are deleted.
    Invited counts every invitation, replacements included; attended = checked in.
    """
    the_draw = case.draws.filter(voided_at__isnull=True).first()
    if the_draw is None:
        return None
    cohorts = list(the_draw.cohorts.all())
    has_people = Invitation.objects.filter(case=case, draw_cohort__draw=the_draw).exists()
    counts = {c.pk: {stage: _empty() for stage in STAGES} for c in cohorts}
    if has_people:
        for cohort_id, sex, n in (Placement.objects.filter(draw_cohort__draw=the_draw).order_by()
                                  .values_list("draw_cohort_id", "person__sex").annotate(n=Count("pk"))):
            counts[cohort_id]["pool"][sex_key(sex)] += n
        for cohort_id, sex, status, checked_in in (
                Invitation.objects.filter(case=case, draw_cohort__draw=the_draw)
                .values_list("draw_cohort_id", "placement__person__sex", "status", "checked_in_at")):
            key = sex_key(sex)
            counts[cohort_id]["invited"][key] += 1
            if status == Invitation.ACCEPTED or checked_in:
                counts[cohort_id]["accepted"][key] += 1
            if checked_in:
                counts[cohort_id]["attended"][key] += 1
    rows = []
    for cohort in cohorts:
        stages = {}
        for stage in STAGES:
            by_sex = dict(counts[cohort.pk][stage]) if has_people else None
            total = cohort.pool_size if stage == "pool" else (sum(by_sex.values()) if has_people else None)
            stages[stage] = {"by_sex": by_sex, "total": total}
        rows.append({"label": cohort.label, "min_age": cohort.min_age, "max_age": cohort.max_age,
                     "seats": cohort.seats, "stages": stages})
    totals = {stage: sum(r["stages"][stage]["total"] for r in rows) if has_people or stage == "pool" else None
              for stage in STAGES}
    return {"draw": the_draw, "cohorts": rows, "totals": totals, "has_people": has_people}


def official_shares(case, the_draw, rows):
    """The share (%) of each draw cohort in the constituency's official age structure, cut at the
    draw's minimum age as the seat suggestion does; None without official data."""
    bands = case.wahlkreis.age_bands or {}
    labels = [row["label"] for row in rows]
    ranges = [(row["label"], row["min_age"], row["max_age"]) for row in rows]
    weights = restrict_bands(bands, the_draw.min_age, ranges) if bands else {}
    total = sum(weights.values())
    if not total:
        return dict.fromkeys(labels)
    return {label: round(float(Fraction(100) * weights[label] / total), 1) for label in labels}


def publish_composition(case, user=None):
    """Write who came (per cohort and sex) and the funnel totals per cohort to the public record.

    Aggregates only, so they survive the purge; the page suppresses small cells when it shows them.
    """
    data = funnel(case)
    if data is None:
        raise RecruitmentError(_("Für diesen Wahlkreisrat gibt es keine gültige Ziehung."))
    if not data["has_people"]:
        raise RecruitmentError(_("Die Personendaten sind gelöscht; die schon veröffentlichten "
                                 "Zahlen bleiben erhalten."))
    if not data["totals"]["attended"]:
        raise RecruitmentError(_("Es ist noch niemand als angekommen vermerkt (Check-in)."))
    shares = official_shares(case, data["draw"], data["cohorts"])
    record = publishing.publish_composition(
        case, [{**row, "official_share": shares[row["label"]]} for row in data["cohorts"]],
        attended=data["totals"]["attended"])
    audit(case, ACTION_COMPOSITION, user, count=data["totals"]["attended"],
          invited=data["totals"]["invited"], accepted=data["totals"]["accepted"])
    return record


def publish_before_purge(case, user=None):
    """Called by ``retention.purge`` before it deletes the invitations: once the workshop has taken
    place and someone checked in, publish the composition, so the public figures outlive the data.

    Never stops the purge (deleting personal data on time matters more); a failure is logged
    by its type only and rolled back to a savepoint.
    """
    if not workshop_held(case) or not attended(case).exists():
        return False
    try:
        with transaction.atomic():
            publish_composition(case, user)
        return True
    except Exception as exc:
        logger.error("composition not published before the purge of case %s: %s", case.pk, type(exc).__name__)
        return False


def workshop_held(case, today=None):
    council = case.council
    return bool(council and council.date <= (today or timezone.localdate()))


def evaluation_due(case):
    """About four weeks after the workshop (the process's timeline)."""
    council = case.council
    return council.date + datetime.timedelta(weeks=4) if council else None

