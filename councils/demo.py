"""Demo councils in every state of the process, with recommendations and follow-ups, in German and English.

Dates are relative to today, so every state exists whenever the demo is built. Everything invented.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from home.models import HomePage
from home.translation import translate

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from media.demo import demo_image, demo_pdf

from .logic.reference_data import adult_age_shares
from .teams import setup_team
from .models import (
    CouncilDocument, CouncilImage, ConstituencyPage, CouncilIndexPage, CouncilPage, FollowUpPage, PublicRecord, Quote, Recommendation,
    RecommendationStatus, Wahlkreis,
)

INDEX = {"title": ("Wahlkreisräte", "Constituency councils"), "slug": ("wahlkreisraete", "councils"),
         "intro": ("Alle Wahlkreisräte: Themen, Ergebnisse und was die Abgeordneten daraus gemacht haben.",
                   "All constituency councils: topics, results and what the members of parliament did with them.")}

# (wahlkreis, days from today, topic, question, town, tags, recommendations, follow-up statuses)
COUNCILS = [
    {
        "wk": 75, "offset": -120, "town": "Berlin",
        "title": ("Bezahlbares Wohnen", "Affordable housing"),
        "question": ("Was muss der Bund tun, damit Wohnen in Pankow bezahlbar bleibt?",
                     "What must the federal government do to keep housing in Pankow affordable?"),
        "tags": ["Wohnen", "Soziales"],
        "recs": [
            ("e1", ("Mietpreisbremse verlängern", "Extend the rent cap"),
             ("Die Mietpreisbremse soll unbefristet gelten und Ausnahmen sollen wegfallen.",
              "The rent cap should apply without a time limit and exceptions should be removed."),
             "consensus", None, ""),
            ("e2", ("Mehr Geld für sozialen Wohnungsbau", "More money for social housing"),
             ("Der Bund soll die Mittel für sozialen Wohnungsbau verdoppeln.",
              "The federal government should double funding for social housing."),
             "majority", (27, 5, 2), ("Einige sahen die Länder in der Pflicht.", "Some saw this as a task for the states.")),
            ("e3", ("Leerstand melden", "Report vacancies"),
             ("Ein bundesweites Leerstandsregister soll eingeführt werden.",
              "A national register of vacant homes should be introduced."), "consensus", None, ""),
        ],
        "followups": [
            (-60, ("Erste Rückmeldung zum Wohnen", "First report on housing"),
             ("Ich habe die Empfehlungen in meine Fraktion getragen.", "I took the recommendations to my parliamentary group."),
             [("e1", "under_review", ("Wird in der Arbeitsgruppe Recht beraten.", "Being discussed in the legal working group.")),
              ("e2", "in_progress", ("Antrag zum Haushalt eingebracht.", "Budget motion tabled."))]),
            (-20, ("Zweite Rückmeldung zum Wohnen", "Second report on housing"),
             ("Es gibt Fortschritte.", "There is progress."),
             [("e1", "accepted", ("Im Gesetzentwurf enthalten.", "Included in the draft bill.")),
              ("e3", "not_pursued", ("Datenschutzbedenken der Länder.", "Data protection concerns of the states."))]),
        ],
        "quotes": [(("Ich hätte nie gedacht, dass mir eine Abgeordnete so lange zuhört.",
                     "I never thought a member of parliament would listen to me for so long."),
                    ("Teilnehmerin, 60–74", "Participant, 60–74"))],
        "record": True,
        "team": True,
    },
    {
        "wk": 93, "offset": -75, "town": "Köln",
        "title": ("Klimaschutz im Alltag", "Climate protection in everyday life"),
        "question": ("Wie kann Klimaschutz gerecht gestaltet werden?", "How can climate protection be made fair?"),
        "tags": ["Klima", "Verkehr"],
        "recs": [
            ("e1", ("Klimageld auszahlen", "Pay out a climate dividend"),
             ("Einnahmen aus dem CO2-Preis sollen pro Kopf zurückgezahlt werden.",
              "Revenue from the carbon price should be paid back per head."), "consensus", None, ""),
            ("e2", ("Deutschlandticket sichern", "Secure the Deutschlandticket"),
             ("Der Preis des Deutschlandtickets soll stabil bleiben.", "The price of the Deutschlandticket should stay stable."),
             "majority", (20, 10, 4), ""),
        ],
        "followups": [],
        "quotes": [],
        "record": True,
    },
    {
        "wk": 220, "offset": -21, "town": "München",
        "title": ("Pflege in der Familie", "Care in the family"),
        "question": ("Was brauchen pflegende Angehörige vom Bund?", "What do family carers need from the federal government?"),
        "tags": ["Pflege", "Soziales"],
        "recs": [
            ("e1", ("Pflegezeit bezahlen", "Paid care leave"),
             ("Pflegezeit soll wie Elternzeit bezahlt werden.", "Care leave should be paid like parental leave."),
             "consensus", None, ""),
        ],
        "followups": [],
        "quotes": [],
        "record": True,
    },
    {
        "wk": 153, "offset": 42, "town": "Leipzig",
        "title": ("Gesundheit auf dem Land", "Health care in rural areas"),
        "question": ("Wie bleibt die ärztliche Versorgung erreichbar?", "How can medical care stay within reach?"),
        "tags": ["Gesundheit"],
        "recs": [], "followups": [], "quotes": [], "record": False,
    },
    {
        "wk": 2, "offset": 95, "town": "Husum",
        "title": ("Energie an der Küste", "Energy on the coast"),
        "question": ("Wer soll vom Windstrom profitieren?", "Who should benefit from wind power?"),
        "tags": ["Energie", "Klima"],
        "recs": [], "followups": [], "quotes": [], "record": False,
    },
]

def _slug(text):
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.lower().replace(umlaut, ascii_)
    return slugify(text)


COHORTS = [("18-24", 6), ("25-34", 7), ("35-59", 11), ("60-74", 7), ("75 und mehr", 4)]


def _page(model, parent, slug, **fields):
    page = model.objects.filter(locale=parent.locale, slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return page


def _document(title):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save("dokumentation.pdf", ContentFile(demo_pdf(title)), save=False)
        document.save()
    return document


def _record(council, wk, today):
    official = adult_age_shares(wk.age_bands)
    cohorts = []
    for i, (label, seats) in enumerate(COHORTS):
        women = (seats + i % 2) // 2
        cohorts.append({"label": label, "official_share": official[label],
                        "counts": {"w": women, "m": seats - women - (1 if i == 2 else 0), "d": 1 if i == 2 else 0}})
    drawn = council.date - datetime.timedelta(weeks=7)
    PublicRecord.objects.update_or_create(council_key=council.translation_key, defaults={
        "participant_count": sum(seats for _, seats in COHORTS),
        "composition": {"cohorts": cohorts},
        "draw_protocol": {
            "drawn_at": drawn.isoformat(), "seed": "4-2-6-1-5-3", "seed_source": "Würfelwurf öffentlich (Demo)",
            "algorithm": "wkr-sha256-v1", "pool_fingerprint": "0" * 64, "result_fingerprint": "f" * 64,
            "cohorts": [{"label": label, "pool_size": 180 + 40 * i, "seats": seats}
                        for i, (label, seats) in enumerate(COHORTS)],
        },
    })


def seed(stdout):
    today = timezone.localdate()
    de = Locale.objects.get(language_code="de")
    home = HomePage.objects.get(locale=de)
    index = _page(CouncilIndexPage, home, INDEX["slug"][0], title=INDEX["title"][0],
                  intro=f"<p>{INDEX['intro'][0]}</p>", show_in_menus=True)
    index.save_revision().publish()
    translate(index, "en", {de_: en for de_, en in INDEX.values()})
    for spec in COUNCILS:
        wk = Wahlkreis.objects.get(number=spec["wk"])
        constituency = _page(ConstituencyPage, index, f"wahlkreis-{wk.number}", wahlkreis=wk,
                             title=f"Wahlkreis {wk.number}: {wk.name}")
        constituency.save_revision().publish()
        translate(constituency, "en", {constituency.title: f"Constituency {wk.number}: {wk.name}",
                                       constituency.slug: f"constituency-{wk.number}"})
        date = today + datetime.timedelta(days=spec["offset"])
        done = spec["offset"] < 0
        council = _page(
            CouncilPage, constituency, _slug(spec["title"][0]),
            title=spec["title"][0], guiding_question=spec["question"][0], date=date, venue_town=spec["town"],
            summary="",
            topic_found_on=date - datetime.timedelta(days=95),
            draw_on=(date - datetime.timedelta(weeks=7)) if date - datetime.timedelta(weeks=7) <= today else None,
            letters_sent_on=(date - datetime.timedelta(weeks=6)) if date - datetime.timedelta(weeks=6) <= today else None,
            visits_on=(date - datetime.timedelta(weeks=5)) if date - datetime.timedelta(weeks=5) <= today else None,
            documentation_on=(date + datetime.timedelta(weeks=2)) if done and spec["offset"] < -14 else None,
            evaluation_on=(date + datetime.timedelta(weeks=4)) if done and spec["offset"] < -28 else None,
        )
        council.tags.set(spec["tags"])
        strings = {spec["title"][0]: spec["title"][1], spec["question"][0]: spec["question"][1],
                   council.slug: _slug(spec["title"][1])}
        # Update existing recommendations in place: follow-up statuses point at them.
        existing = {r.code: r for r in Recommendation.objects.filter(page=council)} if council.pk else {}
        recommendations = []
        for code, title, text, support, votes, minority in spec["recs"]:
            rec = existing.get(code) or Recommendation(code=code)
            rec.title, rec.text, rec.support = title[0], text[0], support
            rec.votes_for, rec.votes_against, rec.votes_abstain = votes or (None, None, None)
            rec.minority_position = minority[0] if minority else ""
            recommendations.append(rec)
        council.recommendations = recommendations
        for code, title, text, support, votes, minority in spec["recs"]:
            strings.update({title[0]: title[1], text[0]: text[1]})
            if minority:
                strings[minority[0]] = minority[1]
        council.quotes = [Quote(text=text[0], attribution=attr[0]) for text, attr in spec["quotes"]]
        for text, attr in spec["quotes"]:
            strings.update({text[0]: text[1], attr[0]: attr[1]})
        if done:
            council.documents = [CouncilDocument(document=_document(f"Dokumentation: {spec['title'][0]}"))]
            council.gallery_images = [
                CouncilImage(image=demo_image(f"Wahlkreisrat {wk.number}, Bild {i}",
                                              f"Kleingruppe am Tisch beim Wahlkreisrat in {spec['town']} (Motiv {i})",
                                              seed=wk.number * 10 + i),
                             caption=f"Arbeitsphase {i}")
                for i in (1, 2, 3)
            ]
            strings.update({f"Arbeitsphase {i}": f"Working session {i}" for i in (1, 2, 3)})
        council.save_revision().publish()
        translate(council, "en", strings)
        if spec.get("team"):
            setup_team(council, name="MdB-Team (Demo)", users=["mdb-team"])
        recs = {r.code: r for r in Recommendation.objects.filter(page=council)}
        for offset, title, body, statuses in spec["followups"]:
            follow_up = _page(FollowUpPage, council, _slug(title[0]),
                              title=title[0], date=today + datetime.timedelta(days=offset), body=f"<p>{body[0]}</p>")
            follow_up.statuses = [RecommendationStatus(recommendation=recs[code], status=status, explanation=expl[0])
                                  for code, status, expl in statuses]
            follow_up.save_revision().publish()
            f_strings = {title[0]: title[1], body[0]: body[1], follow_up.slug: _slug(title[1])}
            f_strings.update({expl[0]: expl[1] for _, _, expl in statuses})
            translate(follow_up, "en", f_strings)
        if spec["record"]:
            _record(council, wk, today)
    stdout.write(f"{len(COUNCILS)} councils in German and English, with recommendations and follow-ups.")
