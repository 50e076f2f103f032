"""Demo councils: six constituencies with three councils each (the 18 councils of seed 003).

The councils are spread over every stage of the process, from a topic just found to a council whose
recommendations have all been answered. Dates are relative to today, so every stage exists whenever
the demo is built. The content lives in ``councils/demo_data/``: ``constituencies.json`` (the councils
with their recommendations, follow-ups and quotes; each council's "note" names its stage today) and
``texts.json`` (index, intros, photo captions, documents, evaluation lines). Every text there is a
[German, English] pair; the English side goes through wagtail-localize. Everything is invented except
the official Wahlkreis data. The members of the Bundestag the demo councils invite are invented too
(``constituencies.json`` "mdbs", every name marked "(fiktiv)", no Wahlkreis of their own): no invented
follow-up is ever attributed to a real member; the official MdB data (councils/data) stays as it is.
Each council gets a venue with its address and the times of the workshop and of the public presentation.

Running `seed_demo` again updates the same pages in place (recommendations keep their rows, so
follow-up statuses keep pointing at them).
"""

import datetime
import hashlib
import json
import random
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale

from home.models import HomePage
from home.translation import child_page, translate
from media.demo import demo_image, demo_pdf

from .logic.reference_data import adult_age_shares
from .models import (
    ConstituencyPage,
    CouncilDocument,
    CouncilImage,
    CouncilIndexPage,
    CouncilMdB,
    CouncilPage,
    FollowUpPage,
    MdB,
    PublicRecord,
    Quote,
    Recommendation,
    RecommendationStatus,
    Wahlkreis,
)
from .teams import setup_team

# --- the demo data (councils/demo_data/*.json) ----------------------------------------------------

DATA_DIR = Path(__file__).resolve().parent / "demo_data"


def _read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _status(entry, evidence_kinds):
    """A follow-up's status for one recommendation; evidence becomes (label pair, url) or None."""
    evidence = entry.get("evidence")
    return {"code": entry["code"], "status": entry["status"], "explanation": entry["explanation"],
            "evidence": (evidence_kinds[evidence["kind"]], evidence["url"]) if evidence else None}


def _council_spec(spec, evidence_kinds):
    """A council as the seeding code reads it: optional keys filled in with their defaults."""
    recs = [{"support": "consensus", "votes": None, "minority": None, **item} for item in spec.get("recs", [])]
    follow_ups = [{**item, "statuses": [_status(s, evidence_kinds) for s in item["statuses"]]}
                  for item in spec.get("follow_ups", [])]
    return {"summary": None, "quotes": [], "team": False, "venue": None, **spec, "recs": recs,
            "follow_ups": follow_ups}


def load_constituencies():
    """The demo constituencies, each {"wk": number, "councils": [council spec, ...]}; a council
    invites its constituency's (fictional) "mdbs" unless it names its own."""
    data = _read("constituencies.json")
    return [{"wk": entry["wk"], "councils": [_council_spec({"mdbs": entry.get("mdbs", []), **c}, data["evidence_kinds"])
                                             for c in entry["councils"]]}
            for entry in data["constituencies"]]


def _times():
    times = _read("constituencies.json")["times"]
    return {key: tuple(datetime.time.fromisoformat(t) for t in span) for key, span in times.items()}


#: The invented members of the Bundestag: key -> {"title", "given_names", "family_name", "party"}.
FICTIONAL_MDBS = _read("constituencies.json")["mdbs"]
TIMES = _times()


TEXTS = _read("texts.json")
INDEX = TEXTS["index"]
CONSTITUENCY_INTRO = TEXTS["constituency_intro"]
TOWNS_EN = TEXTS["towns_en"]  # town names that differ in English; all others stay as they are
PHOTOS = TEXTS["photos"]  # caption pair and alt text with {town}
DOCUMENTS = TEXTS["documents"]  # title prefix pair and the step that publishes the document
EVALUATION = TEXTS["evaluation"]  # one list item each; numbers filled in per council
EASY_READ = {title: pair for title, pair in _read("easy_read.json").items() if not title.startswith("_")}
CONSTITUENCIES = load_constituencies()
COUNCILS = [spec for constituency in CONSTITUENCIES for spec in constituency["councils"]]

COHORTS = [("18-24", 6), ("25-34", 7), ("35-59", 11), ("60-74", 7), ("75 und mehr", 4)]


# --- helpers -----------------------------------------------------------------------------------

def fictional_mdbs():
    """The invented members as MdB rows (created or updated; never one with a Wahlkreis), by key."""
    mdbs = {}
    for key, person in FICTIONAL_MDBS.items():
        mdb = (MdB.objects.filter(wahlkreis__isnull=True, given_names=person["given_names"],
                                  family_name=person["family_name"]).first()
               or MdB(given_names=person["given_names"], family_name=person["family_name"]))
        mdb.title, mdb.party = person["title"], person["party"]
        mdb.save()
        mdbs[key] = mdb
    return mdbs


def _slug(text):
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.lower().replace(umlaut, ascii_)
    return slugify(text)


def _done_by(day, today):
    """The actual date of a step planned for `day`: the day itself once it has passed, else None."""
    return day if day <= today else None


def _document(title):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(f"{_slug(title)}.pdf", ContentFile(demo_pdf(title)), save=False)
        document.save()
    return document


def _rng(council_page):
    """Random numbers that are the same on every run for the same council."""
    return random.Random(council_page.url_path)


def _fingerprint(*parts):
    return hashlib.sha256("/".join(str(p) for p in parts).encode()).hexdigest()


def _seats(council_page):
    """Seats per cohort (about 35 people), varied a little per council."""
    rng = _rng(council_page)
    return [(label, seats + rng.choice((-1, 0, 0, 0, 1))) for label, seats in COHORTS]


def _record(council_page, wk, seats, held):
    """The aggregates the private side publishes: the draw protocol once drawn, the composition once held."""
    from . import records  # the record's shape, as the private side writes it

    if council_page.draw_on is None:
        PublicRecord.objects.filter(council_key=council_page.translation_key).delete()
        return
    rng = _rng(council_page)
    composition = {}
    if held:
        official = adult_age_shares(wk.age_bands)
        cohorts = []
        for i, (label, count) in enumerate(seats):
            women = (count + i % 2) // 2
            diverse = 1 if i == 2 else 0
            cohorts.append({"label": label, "official_share": official[label],
                            "counts": {"w": women, "m": count - women - diverse, "d": diverse}})
        composition = records.composition(published_on=council_page.date, cohorts=cohorts)
    drawn_at = timezone.make_aware(datetime.datetime.combine(council_page.draw_on, datetime.time(18)))
    cohorts = [{"label": label, "pool_size": 180 + 40 * i + rng.randrange(30), "seats": count}
               for i, (label, count) in enumerate(seats)]
    PublicRecord.objects.update_or_create(council_key=council_page.translation_key, defaults={
        "participant_count": sum(count for _, count in seats) if held else None,
        "composition": composition,
        "draw_protocol": records.draw_protocol(
            drawn_at=drawn_at, seed="-".join(str(n) for n in rng.sample(range(1, 7), 6)),
            seed_source="Würfelwurf öffentlich (Demo)", algorithm=records.DRAW_ALGORITHM,
            pool_fingerprint=_fingerprint("pool", council_page.translation_key),
            result_fingerprint=_fingerprint("result", council_page.translation_key),
            pool_size=sum(c["pool_size"] for c in cohorts), cohorts=cohorts),
    })


def _evaluation(council_page, participants):
    """The evaluation summary (rich text) and its translations, with numbers made up per council."""
    rng = _rng(council_page)
    numbers = {"participants": participants, "answered": participants - rng.randrange(1, 6),
               "again": rng.randrange(82, 97), "heard": rng.randrange(75, 95)}
    items = [(de.format(**numbers), en.format(**numbers)) for de, en in EVALUATION]
    html = "<ul>" + "".join(f"<li>{de}</li>" for de, _ in items) + "</ul>"
    return html, dict(items)


def _recommendations(council_page, spec):
    """Recommendations updated in place by code (follow-up statuses point at them)."""
    existing = {r.code: r for r in Recommendation.objects.filter(page=council_page)} if council_page.pk else {}
    recommendations, strings = [], {}
    for item in spec["recs"]:
        rec_ = existing.get(item["code"]) or Recommendation(code=item["code"])
        rec_.title, rec_.text, rec_.support = item["title"][0], item["text"][0], item["support"]
        rec_.votes_for, rec_.votes_against, rec_.votes_abstain = item["votes"] or (None, None, None)
        rec_.minority_position = item["minority"][0] if item["minority"] else ""
        recommendations.append(rec_)
        # The code is the anchor #empfehlung-<code>: the same in every language.
        strings.update({item["code"]: item["code"], item["title"][0]: item["title"][1],
                        item["text"][0]: item["text"][1]})
        if item["minority"]:
            strings[item["minority"][0]] = item["minority"][1]
    return recommendations, strings


def _seed_council(constituency, wk, spec, number, today, mdbs):
    date = today + datetime.timedelta(days=spec["offset"])
    held = spec["offset"] < 0
    title, summary = spec["title"], spec["summary"] or ("", "")
    easy = EASY_READ.get(title[0], ("", "")) if held else ("", "")
    venue = spec["venue"] or {"name": "", "street": "", "postcode": ""}
    council_page = child_page(
        CouncilPage, constituency, _slug(title[0]),
        title=title[0], guiding_question=spec["question"][0], summary=summary[0],
        date=date, venue_town=spec["town"], venue_name=venue["name"], venue_street=venue["street"],
        venue_postcode=venue["postcode"],
        workshop_start=TIMES["workshop"][0], workshop_end=TIMES["workshop"][1],
        easy_summary=easy[0],
        presentation_start=TIMES["presentation"][0], presentation_end=TIMES["presentation"][1],
        topic_found_on=_done_by(date - datetime.timedelta(days=95), today),
        draw_on=_done_by(date - datetime.timedelta(weeks=7), today),
        letters_sent_on=_done_by(date - datetime.timedelta(weeks=6), today),
        visits_on=_done_by(date - datetime.timedelta(weeks=5), today),
        documentation_on=_done_by(date + datetime.timedelta(weeks=2), today) if held else None,
        evaluation_on=_done_by(date + datetime.timedelta(weeks=4), today) if held else None,
    )
    council_page.tags.set(spec["tags"])
    council_page.invited_mdbs = [CouncilMdB(mdb=mdbs[key]) for key in spec["mdbs"]]
    strings = {title[0]: title[1], spec["question"][0]: spec["question"][1], council_page.slug: _slug(title[1]),
               spec["town"]: TOWNS_EN.get(spec["town"], spec["town"])}
    if summary[0]:
        strings[summary[0]] = summary[1]
    if easy[0]:  # wagtail-localize segments a multi-line text with <br/> for its line breaks
        strings[easy[0].replace("\n", "<br/>")] = easy[1].replace("\n", "<br/>")

    council_page.recommendations, rec_strings = _recommendations(council_page, spec)
    strings.update(rec_strings)
    council_page.quotes = [Quote(text=q["text"][0], attribution=q["attribution"][0]) for q in spec["quotes"]]
    for q in spec["quotes"]:
        strings.update({q["text"][0]: q["text"][1], q["attribution"][0]: q["attribution"][1]})

    documents = []
    for document in DOCUMENTS:
        prefix_de, prefix_en = document["prefix"]
        if getattr(council_page, document["step"]):
            doc_title = f"{prefix_de}: {title[0]}"
            documents.append(CouncilDocument(document=_document(doc_title), title=doc_title))
            strings[doc_title] = f"{prefix_en}: {title[1]}"
    council_page.documents = documents

    images = []
    if held:
        for i, photo in enumerate(PHOTOS, start=1):
            (caption_de, caption_en), alt = photo["caption"], photo["alt"]
            # Drawn figures, nobody identifiable: no consent records needed (see media.consent).
            image = demo_image(f"Wahlkreisrat {wk.number}: {title[0]}, Bild {i}", alt.format(town=spec["town"]),
                               seed=wk.number * 100 + number * 10 + i, style="people")
            images.append(CouncilImage(image=image, caption=caption_de))
            strings[caption_de] = caption_en
    council_page.gallery_images = images

    seats = _seats(council_page)
    council_page.evaluation_summary = ""
    if council_page.evaluation_on:
        council_page.evaluation_summary, eval_strings = _evaluation(council_page, sum(c for _, c in seats))
        strings.update(eval_strings)

    council_page.save_revision().publish()
    translate(council_page, "en", strings)
    _record(council_page, wk, seats, held)
    if spec["team"]:
        # The demo user "mdb-team" answers for the first member; every other member has a team too.
        invited = [mdbs[key] for key in spec["mdbs"]]
        setup_team(council_page, name="MdB-Team (Demo)", users=["mdb-team"], mdb=invited[0] if invited else None)
        for mdb in invited[1:]:
            setup_team(council_page, mdb=mdb)
    return council_page


def _seed_follow_ups(council_page, spec, mdbs):
    recs = {r.code: r for r in Recommendation.objects.filter(page=council_page)}
    for item in spec["follow_ups"]:
        title, body = item["title"], item["body"]
        # every follow-up answers for an invited (fictional) member: the one it names, else the first
        mdb = mdbs[item.get("mdb") or spec["mdbs"][0]]
        page = child_page(FollowUpPage, council_page, _slug(title[0]), title=title[0], mdb=mdb,
                     date=council_page.date + datetime.timedelta(days=item["days_after"]), body=f"<p>{body[0]}</p>")
        statuses, strings = [], {title[0]: title[1], body[0]: body[1], page.slug: _slug(title[1])}
        for entry in item["statuses"]:
            label, url = entry["evidence"] or (("", ""), "")
            statuses.append(RecommendationStatus(
                recommendation=recs[entry["code"]], status=entry["status"], explanation=entry["explanation"][0],
                evidence_label=label[0], evidence_url=url))
            strings[entry["explanation"][0]] = entry["explanation"][1]
            if label[0]:
                strings[label[0]] = label[1]
        page.statuses = statuses
        page.save_revision().publish()
        translate(page, "en", strings)


def seed(stdout):
    today = timezone.localdate()
    de = Locale.objects.get(language_code="de")
    home = HomePage.objects.get(locale=de)
    index = child_page(CouncilIndexPage, home, INDEX["slug"][0], title=INDEX["title"][0],
                  intro=f"<p>{INDEX['intro'][0]}</p>", show_in_menus=True)
    index.save_revision().publish()
    translate(index, "en", {de_: en for de_, en in INDEX.values()})
    mdbs = fictional_mdbs()
    for entry in CONSTITUENCIES:
        wk = Wahlkreis.objects.get(number=entry["wk"])
        intro = [text.format(name=wk.name) for text in CONSTITUENCY_INTRO]
        constituency = child_page(ConstituencyPage, index, f"wahlkreis-{wk.number}", wahlkreis=wk,
                             title=f"Wahlkreis {wk.number}: {wk.name}", intro=intro[0])
        constituency.save_revision().publish()
        translate(constituency, "en", {constituency.title: f"Constituency {wk.number}: {wk.name}",
                                       constituency.slug: f"constituency-{wk.number}", intro[0]: intro[1]})
        for number, spec in enumerate(entry["councils"], start=1):
            council_page = _seed_council(constituency, wk, spec, number, today, mdbs)
            _seed_follow_ups(council_page, spec, mdbs)
    stdout.write(f"{len(COUNCILS)} councils in {len(CONSTITUENCIES)} constituencies in German and English, "
                 "with recommendations and follow-ups.")
