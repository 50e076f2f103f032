"""Demo councils: six constituencies with three councils each (the 18 councils of seed 003).

The councils are spread over every stage of the process, from a topic just found to a council whose
recommendations have all been answered. Dates are relative to today, so every stage exists whenever
the demo is built. Every text is a (German, English) pair; the English side goes through
wagtail-localize. Everything is invented except the official Wahlkreis and MdB data; follow-ups
describe process steps, not political positions of the real members of parliament.

Running `seed_demo` again updates the same pages in place (recommendations keep their rows, so
follow-up statuses keep pointing at them).
"""

import datetime
import hashlib
import random

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
    ConstituencyPage, CouncilDocument, CouncilImage, CouncilIndexPage, CouncilPage, FollowUpPage, PublicRecord,
    Quote, Recommendation, RecommendationStatus, Wahlkreis,
)
from .teams import setup_team


# --- small spec builders (every text is a (German, English) pair) ------------------------------

def council(offset, town, title, question, tags, *, summary=None, recs=(), follow_ups=(), quotes=(), team=False):
    """A council `offset` days from today (negative: held)."""
    return {"offset": offset, "town": town, "title": title, "question": question, "tags": tags,
            "summary": summary, "recs": recs, "follow_ups": follow_ups, "quotes": quotes, "team": team}


def rec(code, title, text, support="consensus", votes=None, minority=None):
    """A recommendation; `votes` is (for, against, abstentions) for majority decisions."""
    return {"code": code, "title": title, "text": text, "support": support, "votes": votes, "minority": minority}


def follow_up(days_after, title, body, *statuses):
    """A follow-up `days_after` the workshop with one status per recommendation it covers."""
    return {"days_after": days_after, "title": title, "body": body, "statuses": statuses}


def status(code, value, explanation, evidence=None):
    """`value` is one of RecommendationStatus.STATUS_CHOICES; `evidence` is (label pair, url)."""
    return {"code": code, "status": value, "explanation": explanation, "evidence": evidence}


def quote(text, attribution):
    return {"text": text, "attribution": attribution}


def dip(path):
    """A placeholder link in the style of the Bundestag's documentation system (not a real address)."""
    return f"https://dip.bundestag.example/vorgang/{path}"


WRITTEN_QUESTION = ("Schriftliche Frage", "Written question")
MOTION = ("Antrag", "Motion")
AMENDMENT = ("Änderungsantrag", "Amendment")
DRAFT_BILL = ("Gesetzentwurf", "Draft bill")
RESOLUTION = ("Entschließungsantrag", "Resolution")
GOVERNMENT_REPLY = ("Antwort der Bundesregierung", "Government reply")
LETTER = ("Brief an das Ministerium", "Letter to the ministry")
PLENARY_RECORD = ("Plenarprotokoll", "Plenary record")


# --- the demo data -----------------------------------------------------------------------------

INDEX = {"title": ("Wahlkreisräte", "Constituency councils"), "slug": ("wahlkreisraete", "councils"),
         "intro": ("Alle Wahlkreisräte: Themen, Ergebnisse und was die Abgeordneten daraus gemacht haben.",
                   "All constituency councils: topics, results and what the members of parliament did with them.")}

CONSTITUENCY_INTRO = (
    "Drei Wahlkreisräte, drei Themen: Hier steht, was Menschen aus dem Wahlkreis {name} beraten haben "
    "und was daraus geworden ist.",
    "Three councils, three topics: what residents of the constituency {name} discussed and what became of it.",
)

# Town names that differ in English; all others stay as they are.
TOWNS_EN = {"Köln": "Cologne", "München": "Munich"}

# Six constituencies in Berlin, Nordrhein-Westfalen, Sachsen, Bayern (Oberbayern and
# Oberfranken) and Schleswig-Holstein. The comment above each council names its stage today.
CONSTITUENCIES = [
    {"wk": 75, "councils": [  # Berlin-Pankow
        # completed: every recommendation answered, final report published
        council(
            -400, "Berlin", ("Digitale Verwaltung", "Digital public services"),
            ("Wie werden Behördengänge einfacher – digital und für alle?",
             "How can dealing with public authorities become easier – digitally and for everyone?"),
            ["Digitalisierung", "Verwaltung"],
            summary=("Menschen aus Pankow haben beraten, wie Anträge und Bescheide schneller, verständlicher "
                     "und barrierefrei werden.",
                     "Residents of Pankow discussed how applications and official notices can become faster, "
                     "clearer and accessible."),
            recs=[
                rec("e1", ("Einmal melden genügt", "Once is enough"),
                    ("Behörden sollen Daten, die sie schon haben, nicht noch einmal abfragen dürfen.",
                     "Authorities should not ask again for data they already hold.")),
                rec("e2", ("Bescheide in einfacher Sprache", "Notices in plain language"),
                    ("Jeder Bescheid einer Bundesbehörde soll eine Zusammenfassung in einfacher Sprache enthalten.",
                     "Every notice from a federal authority should include a summary in plain language."),
                    "majority", (25, 6, 3),
                    ("Eine Minderheit befürchtete, dass Zusammenfassungen rechtlich ungenau werden.",
                     "A minority feared that summaries would be legally imprecise.")),
                rec("e3", ("Der analoge Weg bleibt", "Keep a non-digital option"),
                    ("Wer nicht online gehen kann, soll jeden Antrag weiter persönlich oder auf Papier stellen können.",
                     "Anyone who cannot go online should still be able to apply in person or on paper.")),
                rec("e4", ("Digitaler Ausweis ohne Hürden", "Digital ID without hurdles"),
                    ("Die Online-Ausweisfunktion soll ohne Zusatzgeräte und mit wenigen Schritten funktionieren.",
                     "The online ID function should work without extra devices and in a few steps."),
                    "majority", (21, 9, 4)),
            ],
            follow_ups=[
                follow_up(
                    45, ("Rückmeldung zur digitalen Verwaltung", "Report on digital public services"),
                    ("Die Empfehlungen wurden an den Digitalausschuss und das zuständige Ministerium weitergegeben.",
                     "The recommendations were passed on to the digital affairs committee and the responsible "
                     "ministry."),
                    status("e1", "in_progress",
                           ("Eine Schriftliche Frage zum Stand des Once-only-Prinzips wurde gestellt.",
                            "A written question on the state of the once-only principle was submitted."),
                           (WRITTEN_QUESTION, dip("schriftliche-frage-0117"))),
                    status("e2", "under_review", ("Wird mit dem Ministerium besprochen.",
                                                  "Being discussed with the ministry.")),
                    status("e3", "accepted",
                           ("Im Entschließungsantrag zum Onlinezugangsgesetz enthalten.",
                            "Included in the resolution on the Online Access Act."),
                           (RESOLUTION, dip("entschliessungsantrag-0342"))),
                    status("e4", "in_progress",
                           ("Die Vorschläge des Wahlkreisrats gingen als Brief an das Ministerium.",
                            "The council's proposals were sent to the ministry as a letter."),
                           (LETTER, "https://ministerium.example/post/wahlkreisrat-pankow")),
                ),
                follow_up(
                    160, ("Abschlussbericht zur digitalen Verwaltung", "Final report on digital public services"),
                    ("Ein gutes Jahr danach: Das ist aus den vier Empfehlungen geworden.",
                     "A year or so on: this is what became of the four recommendations."),
                    status("e1", "accepted",
                           ("Das Once-only-Prinzip steht im Gesetz zur Registermodernisierung.",
                            "The once-only principle is part of the register modernisation act."),
                           (DRAFT_BILL, dip("gesetzentwurf-1208"))),
                    status("e2", "not_pursued",
                           ("Keine Mehrheit im Ausschuss; die Zusammenfassungen bleiben freiwillig.",
                            "No majority in committee; summaries remain voluntary.")),
                    status("e4", "accepted", ("Die Ausweisfunktion läuft jetzt auch allein mit dem Smartphone.",
                                              "The ID function now works with a smartphone alone.")),
                ),
            ],
            quotes=[quote(("Ich dachte, Politik interessiert sich nicht für meinen Papierkram. Heute war das anders.",
                           "I thought politics didn't care about my paperwork. Today was different."),
                          ("Teilnehmer, 35–59", "Participant, 35–59"))],
        ),
        # completed: follow-ups for every recommendation; the demo MdB team works here
        council(
            -120, "Berlin", ("Bezahlbares Wohnen", "Affordable housing"),
            ("Was muss der Bund tun, damit Wohnen in Pankow bezahlbar bleibt?",
             "What must the federal government do to keep housing in Pankow affordable?"),
            ["Wohnen", "Soziales"],
            recs=[
                rec("e1", ("Mietpreisbremse verlängern", "Extend the rent cap"),
                    ("Die Mietpreisbremse soll unbefristet gelten und Ausnahmen sollen wegfallen.",
                     "The rent cap should apply without a time limit and exceptions should be removed.")),
                rec("e2", ("Mehr Geld für sozialen Wohnungsbau", "More money for social housing"),
                    ("Der Bund soll die Mittel für sozialen Wohnungsbau verdoppeln.",
                     "The federal government should double funding for social housing."),
                    "majority", (27, 5, 2),
                    ("Einige sahen die Länder in der Pflicht.", "Some saw this as a task for the states.")),
                rec("e3", ("Leerstand melden", "Report vacancies"),
                    ("Ein bundesweites Leerstandsregister soll eingeführt werden.",
                     "A national register of vacant homes should be introduced.")),
            ],
            follow_ups=[
                follow_up(
                    60, ("Erste Rückmeldung zum Wohnen", "First report on housing"),
                    ("Ich habe die Empfehlungen in meine Fraktion getragen.",
                     "I took the recommendations to my parliamentary group."),
                    status("e1", "under_review", ("Wird in der Arbeitsgruppe Recht beraten.",
                                                  "Being discussed in the legal working group.")),
                    status("e2", "in_progress", ("Antrag zum Haushalt eingebracht.", "Budget motion tabled."),
                           (AMENDMENT, dip("aenderungsantrag-0488"))),
                ),
                follow_up(
                    100, ("Zweite Rückmeldung zum Wohnen", "Second report on housing"),
                    ("Es gibt Fortschritte.", "There is progress."),
                    status("e1", "accepted", ("Im Gesetzentwurf enthalten.", "Included in the draft bill."),
                           (DRAFT_BILL, dip("gesetzentwurf-mietrecht-0731"))),
                    status("e3", "not_pursued", ("Datenschutzbedenken der Länder.",
                                                 "Data protection concerns of the states.")),
                ),
            ],
            quotes=[quote(("Ich hätte nie gedacht, dass mir eine Abgeordnete so lange zuhört.",
                           "I never thought a member of parliament would listen to me for so long."),
                          ("Teilnehmerin, 60–74", "Participant, 60–74"))],
            team=True,
        ),
        # door visits: letters sent, visits to everyone who has not answered are under way
        council(
            30, "Berlin", ("Kita und Schule", "Childcare and schools"),
            ("Was braucht gute Bildung in Pankow vom Bund?",
             "What does good education in Pankow need from the federal government?"),
            ["Bildung", "Familie"],
        ),
    ]},
    {"wk": 93, "councils": [  # Köln II
        # completed: two follow-ups, one recommendation not pursued
        council(
            -420, "Köln", ("Eine Rente, die reicht", "A pension that is enough"),
            ("Wie kann die Rente in Zukunft gerecht und sicher sein?",
             "How can pensions be fair and secure in the future?"),
            ["Rente", "Soziales"],
            summary=("Jung und Alt haben einen Tag lang über die Zukunft der gesetzlichen Rente beraten.",
                     "Young and old spent a day discussing the future of the statutory pension."),
            recs=[
                rec("e1", ("Rentenniveau absichern", "Secure the pension level"),
                    ("Das Rentenniveau soll gesetzlich nicht unter 48 Prozent fallen.",
                     "By law, the pension level should not fall below 48 per cent."),
                    "majority", (22, 8, 5),
                    ("Einige hielten das für nicht finanzierbar und wollten stattdessen ein späteres Rentenalter "
                     "prüfen.",
                     "Some considered this unaffordable and wanted to consider a later retirement age instead.")),
                rec("e2", ("Alle zahlen ein", "Everyone pays in"),
                    ("Auch Selbstständige und neue Beamtinnen und Beamte sollen in die gesetzliche Rente einzahlen.",
                     "Self-employed people and new civil servants should also pay into the statutory pension."),
                    "majority", (24, 7, 4)),
                rec("e3", ("Renteninformation verständlich machen", "Make pension statements understandable"),
                    ("Die jährliche Renteninformation soll klar zeigen, was im Alter zum Leben bleibt.",
                     "The annual pension statement should clearly show what will be left to live on in old age.")),
                rec("e4", ("Flexibel in Rente gehen", "Flexible retirement"),
                    ("Wer länger arbeiten will, soll das einfacher können; wer körperlich schwer arbeitet, soll "
                     "früher gehen dürfen.",
                     "Those who want to work longer should find it easier; those in physically demanding jobs "
                     "should be able to retire earlier.")),
            ],
            follow_ups=[
                follow_up(
                    55, ("Rückmeldung zur Rente", "Report on pensions"),
                    ("Die Empfehlungen wurden in der Arbeitsgruppe Arbeit und Soziales vorgestellt.",
                     "The recommendations were presented to the working group on labour and social affairs."),
                    status("e1", "under_review", ("Wird im Rentenpaket beraten.",
                                                  "Being discussed as part of the pension package.")),
                    status("e2", "under_review", ("Die Rentenkommission soll die Frage prüfen.",
                                                  "The pension commission is to examine the question.")),
                    status("e3", "accepted",
                           ("Die Rentenversicherung überarbeitet die jährliche Renteninformation.",
                            "The pension insurance is revising the annual pension statement."),
                           (GOVERNMENT_REPLY, dip("kleine-anfrage-0871"))),
                    status("e4", "in_progress", ("Ein Antrag zum flexiblen Übergang in die Rente wird vorbereitet.",
                                                 "A motion on a flexible transition to retirement is being prepared.")),
                ),
                follow_up(
                    200, ("Zweite Rückmeldung zur Rente", "Second report on pensions"),
                    ("Das Rentenpaket ist beschlossen; nicht alle Empfehlungen sind darin enthalten.",
                     "The pension package has been passed; not all recommendations are part of it."),
                    status("e1", "accepted", ("Das Rentenniveau ist für die nächsten Jahre gesetzlich abgesichert.",
                                              "The pension level is secured by law for the coming years."),
                           (DRAFT_BILL, dip("rentenpaket-2043"))),
                    status("e2", "not_pursued", ("Dafür gibt es in dieser Wahlperiode keine Mehrheit.",
                                                 "There is no majority for this in the current parliamentary "
                                                 "term.")),
                    status("e4", "accepted", ("Arbeiten nach dem Rentenbeginn wird steuerlich erleichtert.",
                                              "Working after retirement is made easier through tax relief."),
                           (PLENARY_RECORD, dip("plenarprotokoll-21-058"))),
                ),
            ],
            quotes=[quote(("Ich bin 23 und habe zum ersten Mal über meine Rente nachgedacht.",
                           "I'm 23 and thought about my pension for the first time."),
                          ("Teilnehmerin, 18–24", "Participant, 18–24"))],
        ),
        # overdue: two months passed, no follow-up
        council(
            -75, "Köln", ("Klimaschutz im Alltag", "Climate protection in everyday life"),
            ("Wie kann Klimaschutz gerecht gestaltet werden?", "How can climate protection be made fair?"),
            ["Klima", "Verkehr"],
            recs=[
                rec("e1", ("Klimageld auszahlen", "Pay out a climate dividend"),
                    ("Einnahmen aus dem CO2-Preis sollen pro Kopf zurückgezahlt werden.",
                     "Revenue from the carbon price should be paid back per head.")),
                rec("e2", ("Deutschlandticket sichern", "Secure the Deutschlandticket"),
                    ("Der Preis des Deutschlandtickets soll stabil bleiben.",
                     "The price of the Deutschlandticket should stay stable."),
                    "majority", (20, 10, 4)),
            ],
        ),
        # workshop today
        council(
            0, "Köln", ("Ankommen und Zusammenleben", "Arriving and living together"),
            ("Was hilft Zugewanderten, in Arbeit, Schule und Nachbarschaft anzukommen?",
             "What helps newcomers settle into work, school and the neighbourhood?"),
            ["Migration", "Integration"],
            summary=("Die Empfehlungen erscheinen hier, sobald sie ausgewertet sind.",
                     "The recommendations will appear here once they have been written up."),
        ),
    ]},
    {"wk": 153, "councils": [  # Leipzig-Land
        # completed: every status once, evidence links
        council(
            -210, "Borna", ("Bus und Bahn im Landkreis", "Buses and trains in the district"),
            ("Wie kommen Menschen ohne Auto zuverlässig zur Arbeit, zum Arzt und zum Einkaufen?",
             "How can people without a car reliably get to work, the doctor and the shops?"),
            ["Verkehr", "Ländlicher Raum"],
            recs=[
                rec("e1", ("Stundentakt für jedes Dorf", "An hourly service for every village"),
                    ("Der Bund soll die Länder dabei unterstützen, jeden Ort mindestens stündlich anzubinden.",
                     "The federal government should help the states connect every village at least once an hour."),
                    "majority", (23, 6, 2),
                    ("Einige hielten Rufbusse für sinnvoller als leere Linienbusse.",
                     "Some thought on-demand buses make more sense than empty scheduled buses.")),
                rec("e2", ("Mehr Bundesgeld für den Nahverkehr", "More federal money for local transport"),
                    ("Die Regionalisierungsmittel sollen jedes Jahr mit den Kosten steigen.",
                     "Federal funding for regional transport should rise each year in line with costs.")),
                rec("e3", ("Bahnstrecken reaktivieren", "Reopen railway lines"),
                    ("Stillgelegte Bahnstrecken in der Region sollen auf eine Reaktivierung geprüft werden.",
                     "Disused railway lines in the region should be assessed for reopening.")),
                rec("e4", ("Barrierefreie Haltestellen", "Step-free stops"),
                    ("Bahnhöfe und Haltestellen sollen bis 2030 stufenlos erreichbar sein.",
                     "Stations and stops should be step-free by 2030.")),
            ],
            follow_ups=[
                follow_up(
                    50, ("Rückmeldung zu Bus und Bahn", "Report on buses and trains"),
                    ("Die Empfehlungen gingen an den Verkehrsausschuss und an den Landkreis.",
                     "The recommendations went to the transport committee and the district council."),
                    status("e1", "not_pursued",
                           ("Der Takt ist Sache der Länder und Kreise; der Bund kann ihn nicht vorschreiben.",
                            "Service frequency is a matter for the states and districts; the federal government "
                            "cannot prescribe it.")),
                    status("e2", "in_progress", ("Ein Änderungsantrag zum Haushalt wurde eingebracht.",
                                                 "A budget amendment was tabled."),
                           (AMENDMENT, dip("aenderungsantrag-0655"))),
                    status("e3", "under_review", ("Das Ministerium lässt eine Potenzialanalyse erstellen.",
                                                  "The ministry has commissioned a feasibility study.")),
                    status("e4", "accepted",
                           ("Das Förderprogramm für barrierefreie Bahnhöfe wird aufgestockt.",
                            "The funding programme for step-free stations is being increased."),
                           (PLENARY_RECORD, dip("plenarprotokoll-21-042"))),
                ),
                follow_up(
                    130, ("Zweite Rückmeldung zu Bus und Bahn", "Second report on buses and trains"),
                    ("Neuigkeiten zum Geld für den Nahverkehr und zur Reaktivierung.",
                     "News on funding for local transport and on reopening lines."),
                    status("e2", "accepted", ("Die Mittel steigen ab dem nächsten Jahr um drei Prozent jährlich.",
                                              "Funding will rise by three per cent a year from next year."),
                           (DRAFT_BILL, dip("regionalisierungsgesetz-0912"))),
                    status("e3", "in_progress", ("Die Strecke wurde in die Potenzialanalyse aufgenommen.",
                                                 "The line has been included in the feasibility study.")),
                ),
            ],
            quotes=[quote(("Ohne Auto bin ich hier abgehängt. Heute hat mir jemand zugehört.",
                           "Without a car I'm cut off here. Today someone listened to me."),
                          ("Teilnehmer, 75 und älter", "Participant, 75 and over"))],
        ),
        # evaluation done; feedback due in about four weeks
        council(
            -35, "Markkleeberg", ("Arbeit nach der Kohle", "Work after coal"),
            ("Wie entstehen im Leipziger Land gute Arbeitsplätze, wenn die Braunkohle geht?",
             "How can good jobs be created in the Leipzig region as lignite mining ends?"),
            ["Arbeit", "Energie", "Strukturwandel"],
            recs=[
                rec("e1", ("Strukturmittel vor Ort entscheiden", "Decide on structural funds locally"),
                    ("Über einen Teil der Mittel für den Strukturwandel sollen Menschen aus der Region mitentscheiden.",
                     "Residents of the region should have a say over part of the structural change funds."),
                    "majority", (26, 5, 3)),
                rec("e2", ("Weiterbildung bezahlen", "Pay for retraining"),
                    ("Beschäftigte der Kohlebranche sollen Umschulungen mit vollem Lohnausgleich machen können.",
                     "Coal workers should be able to retrain on full pay.")),
                rec("e3", ("Schnelle Genehmigungen für neue Betriebe", "Fast approval for new businesses"),
                    ("Ansiedlungen sollen in höchstens sechs Monaten genehmigt werden.",
                     "New businesses should be approved within six months at most."),
                    "majority", (19, 11, 4),
                    ("Eine Minderheit befürchtete, dass Umwelt- und Beteiligungsrechte zu kurz kommen.",
                     "A minority feared that environmental and participation rights would be cut short.")),
            ],
            quotes=[quote(("Mein Vater war im Tagebau. Ich will, dass meine Kinder hier auch Arbeit finden.",
                           "My father worked in the open-cast mine. I want my children to find work here too."),
                          ("Teilnehmerin, 35–59", "Participant, 35–59"))],
        ),
        # letters sent: the draw is done, the invitations went out today
        council(
            42, "Leipzig", ("Gesundheit auf dem Land", "Health care in rural areas"),
            ("Wie bleibt die ärztliche Versorgung erreichbar?", "How can medical care stay within reach?"),
            ["Gesundheit"],
        ),
    ]},
    {"wk": 220, "councils": [  # München-Land
        # completed: every recommendation answered, one still in progress
        council(
            -180, "Unterhaching", ("Bezahlbare Energie", "Affordable energy"),
            ("Wie bleiben Strom und Heizen für alle bezahlbar?",
             "How can electricity and heating stay affordable for everyone?"),
            ["Energie", "Klima"],
            recs=[
                rec("e1", ("Stromsteuer senken", "Cut electricity tax"),
                    ("Die Stromsteuer soll für alle auf das europäische Minimum sinken.",
                     "Electricity tax should fall to the European minimum for everyone.")),
                rec("e2", ("Heizungstausch sozial fördern", "Income-based support for new heating"),
                    ("Die Förderung neuer Heizungen soll sich stärker nach dem Einkommen richten.",
                     "Support for new heating systems should depend more on income."),
                    "majority", (24, 8, 2),
                    ("Einige wollten eine gleiche Förderung für alle, um Bürokratie zu vermeiden.",
                     "Some wanted the same support for everyone to avoid red tape.")),
                rec("e3", ("Mieterstrom vereinfachen", "Simplify tenant electricity"),
                    ("Solarstrom vom Dach soll unbürokratisch an die Mietparteien im Haus geliefert werden dürfen.",
                     "Solar power from the roof should be easy to supply to the tenants in the building.")),
            ],
            follow_ups=[
                follow_up(
                    58, ("Rückmeldung zu den Energiepreisen", "Report on energy prices"),
                    ("Die Empfehlungen wurden in die Beratungen zum Haushalt und zum Gebäudeenergiegesetz "
                     "eingebracht.",
                     "The recommendations were fed into the debates on the budget and the Buildings Energy Act."),
                    status("e1", "in_progress",
                           ("Die Senkung für Unternehmen ist beschlossen, für private Haushalte noch offen.",
                            "The cut has been agreed for businesses but not yet for households."),
                           (DRAFT_BILL, dip("haushaltsbegleitgesetz-0930"))),
                    status("e2", "under_review", ("Wird bei der Reform der Heizungsförderung geprüft.",
                                                  "Being examined as part of the heating subsidy reform.")),
                    status("e3", "accepted", ("Die Vereinfachung steht im Solarpaket.",
                                              "The simplification is part of the solar package."),
                           (DRAFT_BILL, dip("solarpaket-0518"))),
                ),
                follow_up(
                    150, ("Zweite Rückmeldung zu den Energiepreisen", "Second report on energy prices"),
                    ("Der Stand nach der Sommerpause.", "The state of play after the summer recess."),
                    status("e1", "in_progress",
                           ("Eine Schriftliche Frage zum Zeitplan für private Haushalte wurde gestellt.",
                            "A written question on the timetable for households was submitted."),
                           (WRITTEN_QUESTION, dip("schriftliche-frage-1377"))),
                    status("e2", "accepted", ("Die neue Förderrichtlinie staffelt die Zuschüsse nach Einkommen.",
                                              "The new funding guideline grades grants by income.")),
                ),
            ],
            quotes=[quote(("Meine Nachbarin hat ganz andere Sorgen als ich – und trotzdem haben wir uns geeinigt.",
                           "My neighbour has completely different worries from mine – and we still agreed."),
                          ("Teilnehmer, 60–74", "Participant, 60–74"))],
        ),
        # documentation published; evaluation pending
        council(
            -21, "München", ("Pflege in der Familie", "Care in the family"),
            ("Was brauchen pflegende Angehörige vom Bund?", "What do family carers need from the federal government?"),
            ["Pflege", "Soziales"],
            recs=[
                rec("e1", ("Pflegezeit bezahlen", "Paid care leave"),
                    ("Pflegezeit soll wie Elternzeit bezahlt werden.",
                     "Care leave should be paid like parental leave.")),
                rec("e2", ("Beratung aus einer Hand", "One-stop advice"),
                    ("Pflegende Angehörige sollen eine feste Ansprechperson für alle Anträge bekommen.",
                     "Family carers should have one contact person for all applications."),
                    "majority", (29, 3, 2),
                    ("Einige befürchteten eine neue Behörde statt echter Hilfe.",
                     "Some feared a new authority instead of real help.")),
            ],
            quotes=[quote(("Zum ersten Mal habe ich erzählt, wie es ist, meine Mutter zu pflegen – und jemand hat "
                           "mitgeschrieben.",
                           "For the first time I talked about what caring for my mother is like – and someone "
                           "took notes."),
                          ("Teilnehmerin, 35–59", "Participant, 35–59"))],
        ),
        # draw done: letters go out next week
        council(
            45, "Ottobrunn", ("Fachkräfte für die Region", "Skilled workers for the region"),
            ("Wie finden Handwerk, Pflege und Kitas im Münchner Umland genug Personal?",
             "How can trades, care services and nurseries around Munich find enough staff?"),
            ["Arbeit", "Fachkräfte"],
        ),
    ]},
    {"wk": 2, "councils": [  # Nordfriesland – Dithmarschen Nord
        # feedback due within days, no follow-up yet
        council(
            -55, "Niebüll", ("Zukunft der Landwirtschaft", "The future of farming"),
            ("Wie können Höfe an der Westküste wirtschaftlich und umweltgerecht bestehen?",
             "How can farms on the west coast stay viable and environmentally sound?"),
            ["Landwirtschaft", "Ländlicher Raum"],
            recs=[
                rec("e1", ("Faire Preise im Handel", "Fair prices from retailers"),
                    ("Der Handel soll Lebensmittel nicht unter den Erzeugungskosten einkaufen dürfen.",
                     "Retailers should not be allowed to buy food below production cost."),
                    "majority", (27, 4, 3)),
                rec("e2", ("Weniger Formulare", "Fewer forms"),
                    ("Förderanträge für Höfe sollen auf einer Plattform mit einem Formular möglich sein.",
                     "Farm subsidy applications should be possible on one platform with a single form.")),
                rec("e3", ("Tierwohl verlässlich fördern", "Reliable support for animal welfare"),
                    ("Ställe mit mehr Tierwohl sollen mindestens 20 Jahre lang verlässlich gefördert werden.",
                     "Barns with higher animal welfare standards should receive reliable support for at least "
                     "20 years."),
                    "majority", (20, 9, 5),
                    ("Einige wollten das Geld lieber für den Klimaschutz auf Moorböden einsetzen.",
                     "Some preferred to spend the money on climate protection on peatland.")),
                rec("e4", ("Hofnachfolge erleichtern", "Make farm succession easier"),
                    ("Junge Menschen, die einen Hof übernehmen, sollen Startkapital und Beratung bekommen.",
                     "Young people taking over a farm should get start-up capital and advice.")),
            ],
            quotes=[quote(("Als Bäuerin sitze ich selten mit Leuten aus der Stadt an einem Tisch. Das sollte öfter "
                           "passieren.",
                           "As a farmer I rarely sit at a table with people from town. That should happen more often."),
                          ("Teilnehmerin, 35–59", "Participant, 35–59"))],
        ),
        # just held: results online, documentation still being written
        council(
            -3, "Bredstedt", ("Jung sein auf dem Land", "Being young in the countryside"),
            ("Was brauchen junge Menschen, um in Nordfriesland und Dithmarschen zu bleiben?",
             "What do young people need to stay in North Frisia and Dithmarschen?"),
            ["Jugend", "Bildung", "Ländlicher Raum"],
            recs=[
                rec("e1", ("Günstiges Ticket für Azubis", "A cheaper ticket for trainees"),
                    ("Auszubildende und Freiwillige sollen das Deutschlandticket bundesweit ermäßigt bekommen.",
                     "Trainees and volunteers should get a discounted Deutschlandticket nationwide.")),
                rec("e2", ("BAföG an die Mieten anpassen", "Align student grants with rents"),
                    ("Die Wohnpauschale im BAföG soll sich an den örtlichen Mieten orientieren.",
                     "The housing allowance in student grants should reflect local rents."),
                    "majority", (25, 5, 4)),
                rec("e3", ("Glasfaser für jede Schule", "Fibre for every school"),
                    ("Jede Schule soll bis 2028 einen Glasfaseranschluss haben.",
                     "Every school should have a fibre connection by 2028.")),
            ],
            quotes=[quote(("Ich war die Jüngste im Raum und wurde trotzdem ernst genommen.",
                           "I was the youngest in the room and was still taken seriously."),
                          ("Teilnehmerin, 18–24", "Participant, 18–24"))],
        ),
        # topic found: the draw follows in about six weeks
        council(
            95, "Husum", ("Energie an der Küste", "Energy on the coast"),
            ("Wer soll vom Windstrom profitieren?", "Who should benefit from wind power?"),
            ["Energie", "Klima"],
        ),
    ]},
    {"wk": 236, "councils": [  # Bayreuth (Oberfranken, Nord-Bayern)
        # completed: final report, one recommendation not pursued
        council(
            -330, "Pegnitz", ("Schnelles Internet überall", "Fast internet everywhere"),
            ("Wie kommen schnelles Internet und guter Mobilfunk in jedes Dorf?",
             "How can fast internet and good mobile coverage reach every village?"),
            ["Digitalisierung", "Ländlicher Raum"],
            recs=[
                rec("e1", ("Recht auf schnelles Internet", "A right to fast internet"),
                    ("Der Anspruch auf Versorgung soll auf mindestens 100 Megabit pro Sekunde steigen.",
                     "The legal right to coverage should rise to at least 100 megabits per second."),
                    "majority", (28, 4, 2)),
                rec("e2", ("Funklöcher melden und schließen", "Report and close dead zones"),
                    ("Gemeldete Funklöcher sollen die Netzbetreiber innerhalb eines Jahres schließen.",
                     "Network operators should close reported dead zones within a year.")),
                rec("e3", ("Masten gemeinsam nutzen", "Shared masts"),
                    ("Netzbetreiber sollen ihre Masten in abgelegenen Gegenden gemeinsam nutzen müssen.",
                     "Network operators should be required to share masts in remote areas."),
                    "majority", (22, 7, 5),
                    ("Einige befürchteten, dass dann niemand mehr in neue Masten investiert.",
                     "Some feared that nobody would invest in new masts any more.")),
            ],
            follow_ups=[
                follow_up(
                    40, ("Rückmeldung zum schnellen Internet", "Report on fast internet"),
                    ("Die Empfehlungen wurden im Digitalausschuss vorgestellt und an die Bundesnetzagentur geschickt.",
                     "The recommendations were presented to the digital affairs committee and sent to the "
                     "Federal Network Agency."),
                    status("e1", "under_review", ("Die Bundesnetzagentur prüft die Mindestbandbreite neu.",
                                                  "The Federal Network Agency is reviewing the minimum bandwidth."),
                           (LETTER, "https://bundesnetzagentur.example/konsultation/mindestversorgung")),
                    status("e2", "accepted",
                           ("Gemeldete Funklöcher fließen jetzt in die amtliche Versorgungskarte ein.",
                            "Reported dead zones now feed into the official coverage map.")),
                    status("e3", "in_progress", ("Ein Antrag zum Telekommunikationsgesetz wird vorbereitet.",
                                                 "A motion on the Telecommunications Act is being prepared."),
                           (MOTION, dip("antrag-tkg-0406"))),
                ),
                follow_up(
                    120, ("Abschlussbericht zum schnellen Internet", "Final report on fast internet"),
                    ("Was aus den drei Empfehlungen geworden ist.", "What became of the three recommendations."),
                    status("e1", "accepted", ("Die Mindestbandbreite wurde angehoben.",
                                              "The minimum bandwidth has been raised."),
                           (PLENARY_RECORD, dip("plenarprotokoll-21-071"))),
                    status("e3", "not_pursued",
                           ("Der Ausschuss setzt auf freiwillige Vereinbarungen der Netzbetreiber.",
                            "The committee relies on voluntary agreements between network operators.")),
                ),
            ],
            quotes=[quote(("Bei uns im Dorf telefoniert man auf dem Dachboden. Jetzt weiß das auch Berlin.",
                           "In our village you make phone calls in the attic. Now Berlin knows too."),
                          ("Teilnehmer, 60–74", "Participant, 60–74"))],
        ),
        # overdue in part: one follow-up covers two of four recommendations, the rest is overdue
        council(
            -100, "Bayreuth", ("Weniger Bürokratie für kleine Betriebe", "Less red tape for small businesses"),
            ("Welche Regeln des Bundes bremsen Handwerk, Gastronomie und Vereine – und wie geht es einfacher?",
             "Which federal rules hold back trades, restaurants and clubs – and how could it be simpler?"),
            ["Wirtschaft", "Verwaltung"],
            recs=[
                rec("e1", ("Meldepflichten bündeln", "Bundle reporting duties"),
                    ("Daten, die ein Betrieb schon an eine Behörde meldet, sollen alle anderen Behörden nutzen.",
                     "Data a business has already reported to one authority should be usable by all others.")),
                rec("e2", ("Bagatellgrenzen anheben", "Raise minimum thresholds"),
                    ("Für kleine Beträge und kleine Betriebe sollen vereinfachte Regeln gelten.",
                     "Simplified rules should apply to small amounts and small businesses."),
                    "majority", (26, 6, 2)),
                rec("e3", ("Praxistest für neue Gesetze", "Practice check for new laws"),
                    ("Neue Gesetze sollen vor dem Beschluss mit Betrieben aus der Praxis erprobt werden.",
                     "New laws should be tried out with businesses before they are passed.")),
                rec("e4", ("Vereine entlasten", "Relieve clubs and associations"),
                    ("Ehrenamtlich geführte Vereine sollen von Dokumentationspflichten weitgehend befreit werden.",
                     "Volunteer-run associations should be largely exempted from documentation duties."),
                    "majority", (24, 7, 3),
                    ("Einige warnten, dass dann bei großen Vereinen Kontrollen fehlen.",
                     "Some warned that this would mean a lack of checks on large associations.")),
            ],
            follow_ups=[
                follow_up(
                    40, ("Erste Rückmeldung zur Bürokratie", "First report on red tape"),
                    ("Zwei Empfehlungen sind bereits in laufende Gesetzgebung eingeflossen; zu den anderen folgt "
                     "eine Rückmeldung.",
                     "Two recommendations have already been fed into ongoing legislation; a report on the others "
                     "will follow."),
                    status("e1", "in_progress", ("Teil des Entwurfs für ein Gesetz zur Bürokratieentlastung.",
                                                 "Part of the draft bill to reduce red tape."),
                           (DRAFT_BILL, dip("buerokratieentlastung-0764"))),
                    status("e3", "under_review", ("Der Normenkontrollrat wurde um eine Stellungnahme gebeten.",
                                                  "The National Regulatory Control Council has been asked for "
                                                  "an opinion.")),
                ),
            ],
            quotes=[quote(("Ich verbringe jeden Sonntag mit Formularen. Heute hat das endlich mal jemand "
                           "aufgeschrieben.",
                           "I spend every Sunday on forms. Today someone finally wrote that down."),
                          ("Teilnehmer, 35–59", "Participant, 35–59"))],
        ),
        # topic found: the draw follows in about ten days
        council(
            60, "Bayreuth", ("Ehrenamt stärken", "Strengthening volunteering"),
            ("Wie kann der Bund Menschen unterstützen, die sich in Vereinen, Feuerwehr und Nachbarschaft "
             "engagieren?",
             "How can the federal government support people who volunteer in clubs, fire brigades and their "
             "neighbourhood?"),
            ["Ehrenamt", "Gesellschaft"],
        ),
    ]},
]

COUNCILS = [spec for constituency in CONSTITUENCIES for spec in constituency["councils"]]

PHOTOS = [  # (caption, alt text with {town})
    (("Kleingruppenarbeit am Vormittag", "Small-group work in the morning"),
     "Teilnehmende beraten in einer Kleingruppe am Tisch, Wahlkreisrat in {town}"),
    (("Fragerunde mit der oder dem Abgeordneten", "Questions for the member of parliament"),
     "Teilnehmende im Gespräch mit ihrer Abgeordneten oder ihrem Abgeordneten, Wahlkreisrat in {town}"),
    (("Abstimmung über die Empfehlungen", "Voting on the recommendations"),
     "Teilnehmende heben Stimmkarten bei der Abstimmung, Wahlkreisrat in {town}"),
]

# (document title prefix, English prefix, step that publishes it)
DOCUMENTS = [("Dokumentation", "Documentation", "documentation_on"),
             ("Fotoprotokoll", "Photo record", "documentation_on"),
             ("Evaluationsbericht", "Evaluation report", "evaluation_on")]

EVALUATION = [  # one list item each; numbers filled in per council
    ("{answered} von {participants} Teilnehmenden haben den Fragebogen zur Evaluation ausgefüllt.",
     "{answered} of {participants} participants completed the evaluation questionnaire."),
    ("{again} % würden wieder an einem Wahlkreisrat teilnehmen.",
     "{again} % would take part in a constituency council again."),
    ("{heard} % hatten den Eindruck, dass ihnen die oder der Abgeordnete zugehört hat.",
     "{heard} % felt that their member of parliament listened to them."),
]

COHORTS = [("18-24", 6), ("25-34", 7), ("35-59", 11), ("60-74", 7), ("75 und mehr", 4)]


# --- helpers -----------------------------------------------------------------------------------

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


def _seed_council(constituency, wk, spec, number, today):
    date = today + datetime.timedelta(days=spec["offset"])
    held = spec["offset"] < 0
    title, summary = spec["title"], spec["summary"] or ("", "")
    council_page = child_page(
        CouncilPage, constituency, _slug(title[0]),
        title=title[0], guiding_question=spec["question"][0], summary=summary[0],
        date=date, venue_town=spec["town"],
        topic_found_on=_done_by(date - datetime.timedelta(days=95), today),
        draw_on=_done_by(date - datetime.timedelta(weeks=7), today),
        letters_sent_on=_done_by(date - datetime.timedelta(weeks=6), today),
        visits_on=_done_by(date - datetime.timedelta(weeks=5), today),
        documentation_on=_done_by(date + datetime.timedelta(weeks=2), today) if held else None,
        evaluation_on=_done_by(date + datetime.timedelta(weeks=4), today) if held else None,
    )
    council_page.tags.set(spec["tags"])
    strings = {title[0]: title[1], spec["question"][0]: spec["question"][1], council_page.slug: _slug(title[1]),
               spec["town"]: TOWNS_EN.get(spec["town"], spec["town"])}
    if summary[0]:
        strings[summary[0]] = summary[1]

    council_page.recommendations, rec_strings = _recommendations(council_page, spec)
    strings.update(rec_strings)
    council_page.quotes = [Quote(text=q["text"][0], attribution=q["attribution"][0]) for q in spec["quotes"]]
    for q in spec["quotes"]:
        strings.update({q["text"][0]: q["text"][1], q["attribution"][0]: q["attribution"][1]})

    documents = []
    for prefix_de, prefix_en, step in DOCUMENTS:
        if getattr(council_page, step):
            doc_title = f"{prefix_de}: {title[0]}"
            documents.append(CouncilDocument(document=_document(doc_title), title=doc_title))
            strings[doc_title] = f"{prefix_en}: {title[1]}"
    council_page.documents = documents

    images = []
    if held:
        for i, ((caption_de, caption_en), alt) in enumerate(PHOTOS, start=1):
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
        setup_team(council_page, name="MdB-Team (Demo)", users=["mdb-team"])
    return council_page


def _seed_follow_ups(council_page, spec):
    recs = {r.code: r for r in Recommendation.objects.filter(page=council_page)}
    for item in spec["follow_ups"]:
        title, body = item["title"], item["body"]
        page = child_page(FollowUpPage, council_page, _slug(title[0]), title=title[0],
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
    for entry in CONSTITUENCIES:
        wk = Wahlkreis.objects.get(number=entry["wk"])
        intro = [text.format(name=wk.name) for text in CONSTITUENCY_INTRO]
        constituency = child_page(ConstituencyPage, index, f"wahlkreis-{wk.number}", wahlkreis=wk,
                             title=f"Wahlkreis {wk.number}: {wk.name}", intro=intro[0])
        constituency.save_revision().publish()
        translate(constituency, "en", {constituency.title: f"Constituency {wk.number}: {wk.name}",
                                       constituency.slug: f"constituency-{wk.number}", intro[0]: intro[1]})
        for number, spec in enumerate(entry["councils"], start=1):
            council_page = _seed_council(constituency, wk, spec, number, today)
            _seed_follow_ups(council_page, spec)
    stdout.write(f"{len(COUNCILS)} councils in {len(CONSTITUENCIES)} constituencies in German and English, "
                 "with recommendations and follow-ups.")
