"""English names for the demo's topics and English alt texts for its pictures (TagLabel, ImageText),
so that the English demo pages show English throughout. Idempotent; run by stories.demo.seed."""

import re

from taggit.models import Tag
from wagtail.models import Locale

from home.models import TagLabel
from media.models import CustomImage, ImageText

TOPICS = {
    "Arbeit": "Work", "Bildung": "Education", "Daten": "Data", "Digitalisierung": "Digitalisation",
    "Ehrenamt": "Volunteering", "Energie": "Energy", "Fachkräfte": "Skilled workers", "Familie": "Family",
    "Generationen": "Generations", "Gesellschaft": "Society", "Gesundheit": "Health",
    "Integration": "Integration", "Jugend": "Youth", "Klima": "Climate", "Landwirtschaft": "Agriculture",
    "Losverfahren": "Sortition", "Ländlicher Raum": "Rural areas", "Methode": "Method", "Migration": "Migration",
    "Pflege": "Care", "Porträt": "Portrait", "Rente": "Pensions", "Reportage": "Feature",
    "Rückmeldung": "Follow-up", "Soziales": "Social affairs", "Strukturwandel": "Structural change",
    "Verkehr": "Transport", "Verwaltung": "Public administration", "Wirtschaft": "Economy", "Wohnen": "Housing",
}

#: German alt text (pattern) -> English; "{0}" is the first group of the pattern
ALT_TEXTS = [
    (r"Vier Menschen beugen sich über Notizzettel an einem Tisch\.", "Four people lean over notes at a table."),
    (r"Ein Jugendlicher hält eine Moderationskarte hoch\.", "A teenager holds up a facilitation card."),
    (r"Zuhörende im Halbkreis vor einer Stellwand\.", "Listeners in a semicircle in front of a pin board."),
    (r"Ein Mann lächelt am Fenster in die Kamera\.", "A man smiles into the camera by the window."),
    (r"Texttafel „Ein Tag, 35 Menschen“ vor bunten Formen\.",
     "Title card “One day, 35 people” against colourful shapes."),
    (r"Teilnehmende beraten in einer Kleingruppe am Tisch, Wahlkreisrat in (.+)",
     "Participants deliberating in a small group at a table, constituency council in {0}"),
    (r"Teilnehmende im Gespräch mit ihrer Abgeordneten oder ihrem Abgeordneten, Wahlkreisrat in (.+)",
     "Participants talking with their member of the Bundestag, constituency council in {0}"),
    (r"Teilnehmende heben Stimmkarten bei der Abstimmung, Wahlkreisrat in (.+)",
     "Participants raise voting cards in a vote, constituency council in {0}"),
    (r"Szene zur Geschichte „(.+)“: Menschen im Gespräch am Tisch\.",
     "Scene from the story “{0}”: people talking at a table."),
]


def english_alt(description, titles=None):
    """The demo's English alt text for a German one, or None. `titles` maps German story titles to
    English ones."""
    for pattern, english in ALT_TEXTS:
        match = re.fullmatch(pattern, description or "")
        if match:
            groups = [(titles or {}).get(g, g) for g in match.groups()]
            return english.format(*groups)
    return None


def seed_english_texts(titles=None):
    en = Locale.objects.filter(language_code="en").first()
    if en is None:
        return 0, 0
    topics = 0
    for tag in Tag.objects.filter(name__in=TOPICS):
        TagLabel.objects.update_or_create(tag=tag, locale=en, defaults={"label": TOPICS[tag.name]})
        topics += 1
    images = 0
    for image in CustomImage.objects.exclude(description=""):
        alt = english_alt(image.description, titles)
        if alt:
            ImageText.objects.update_or_create(image=image, locale=en, defaults={"alt_text": alt})
            images += 1
    return topics, images
