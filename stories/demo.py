"""Demo stories and press room, in German and English (wagtail-localize), with generated photos,
consent records (one withdrawn, one of a minor with guardian consent), a captioned video and press
releases (one under embargo). Everything invented. Runs after councils/demo.py and links stories
to whatever German councils exist, looked up rather than by slug.
"""

import datetime
import json

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, Locale

from councils.models import CouncilImage, CouncilPage
from home.models import HomePage
from home.translation import child_page, translate
from media.demo import consent_spec, demo_image, demo_video, ensure_consents

from .models import PressContact, PressReleasePage, PressRoomPage, StoryCouncil, StoryIndexPage, StoryPage

INDEX = {"title": ("Geschichten", "Stories"), "slug": ("geschichten", "stories"),
         "intro": ("Menschen, die das Los getroffen hat, und was sie daraus gemacht haben.",
                   "People who were drawn by lot, and what they made of it.")}
PRESS = {"title": ("Presse", "Press"), "slug": ("presse", "press"),
         "intro": ("Pressemitteilungen, Ansprechpersonen und Pressemappen mit Fotos zu jedem Wahlkreisrat.",
                   "Press releases, contacts and press kits with photos for every constituency council.")}

AUTHORS = ["Jana Beispiel", "Tom Mustermann", "Ayşe Demir-Probe"]
PHOTOGRAPHERS = ["Foto: Lena Fiktiv", "Foto: Jonas Erfunden", "Foto: Mira Ausgedacht"]
YOUTUBE_DEMO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"  # "Big Buck Bunny", Blender Foundation, CC BY 3.0

P = "paragraph"

# Each story: German and English text side by side. Its council is looked up, not named by slug:
# the first German council (by date) whose title or tags contain a "match" word, else the one at
# position "council" in the date-ordered list, so stories follow whatever councils the demo has.
STORIES = [
    {
        "key": "flagship", "days_ago": 12, "council": 0, "match": ["Wohnen"], "tags": ["Wohnen", "Reportage"],
        "title": ("Ein Tag im Wahlkreisrat", "A day at the constituency council"),
        "slug": ("ein-tag-im-wahlkreisrat", "a-day-at-the-constituency-council"),
        "intro": ("Um neun Uhr kannten sich 35 Menschen nicht. Um sieben Uhr abends stellten sie ihrer "
                  "Abgeordneten drei Empfehlungen vor.",
                  "At nine in the morning, 35 people did not know each other. At seven in the evening they "
                  "presented three recommendations to their member of parliament."),
        "body": [
            (P, "Der Saal im Gemeindezentrum riecht nach Kaffee und frisch gedruckten Namensschildern. Wer hier "
                "sitzt, wurde nicht gefragt, ob er sich für Politik interessiert – sondern ausgelost.",
                "The hall in the community centre smells of coffee and freshly printed name badges. Nobody here "
                "was asked whether they are interested in politics – they were drawn by lot."),
            ("figure", "35", "Menschen aus dem Melderegister, ausgelost in fünf Altersgruppen",
             "people from the population register, drawn in five age groups"),
            ("heading", "Erst kennenlernen, dann streiten", "Get to know each other first, then argue"),
            (P, "Am Vormittag geht es um Erfahrungen: Wer zahlt wie viel Miete, wer sucht seit Jahren eine "
                "größere Wohnung? In kleinen Gruppen entsteht ein gemeinsames Bild.",
                "The morning is about experience: who pays how much rent, who has been looking for a bigger flat "
                "for years? In small groups, a shared picture emerges."),
            ("gallery", "Bilder des Tages", "Pictures of the day"),
            ("quote", "Ich hätte nie gedacht, dass mir eine Abgeordnete so lange zuhört.",
             "I never thought a member of parliament would listen to me for so long.", "participant_f", "65-74"),
            ("heading", "Der Tag in einer Minute", "The day in a minute"),
            ("video", "Kurzfilm: Ablauf eines Wahlkreisrats (mit Untertiteln)",
             "Short film: how a constituency council works (with captions)"),
            ("embed", "Ein Beispielvideo auf YouTube", "An example video on YouTube"),
            (P, "Am Abend stellen die Teilnehmenden ihre Empfehlungen öffentlich vor. Die Abgeordnete verspricht "
                "eine Rückmeldung innerhalb von zwei Monaten – Empfehlung für Empfehlung.",
                "In the evening the participants present their recommendations in public. The member of "
                "parliament promises a response within two months – recommendation by recommendation."),
        ],
    },
    {
        "key": "letter", "days_ago": 30, "council": 0, "match": ["Wohnen"], "tags": ["Losverfahren", "Porträt"],
        "title": ("Der Brief, der alles änderte", "The letter that changed everything"),
        "slug": ("der-brief-der-alles-aenderte", "the-letter-that-changed-everything"),
        "intro": ("Ein Umschlag zwischen Werbung und Stromrechnung: Wie eine Rentnerin erfuhr, dass sie "
                  "ausgelost wurde.",
                  "An envelope between adverts and the electricity bill: how a pensioner learnt she had been "
                  "drawn by lot."),
        "body": [
            (P, "Fast hätte sie den Brief weggeworfen. Dann las sie das Wort „ausgelost“ und rief ihre Tochter an.",
             "She almost threw the letter away. Then she read the words “drawn by lot” and called her daughter."),
            ("quote", "Ich dachte erst, das ist ein Gewinnspiel.", "At first I thought it was a prize draw.",
             "participant_f", "75+"),
            (P, "Heute sagt sie, der Tag habe ihr Bild von Politik verändert.",
             "Today she says the day changed how she sees politics."),
        ],
    },
    {
        "key": "doors", "days_ago": 45, "council": 1, "match": ["Verwaltung"], "tags": ["Losverfahren", "Ehrenamt"],
        "title": ("Klingeln für die Demokratie", "Knocking on doors for democracy"),
        "slug": ("klingeln-fuer-die-demokratie", "knocking-on-doors-for-democracy"),
        "intro": ("Wer auf den Brief nicht antwortet, bekommt Besuch. Unterwegs mit einem Team, das an "
                  "Haustüren für den Wahlkreisrat wirbt.",
                  "Those who do not answer the letter get a visit. Out and about with a team that knocks on doors "
                  "for the constituency council."),
        "body": [
            (P, "Die meisten Türen bleiben zu. Aber jede fünfte öffnet sich – und manchmal auch ein Gespräch.",
             "Most doors stay closed. But one in five opens – and sometimes so does a conversation."),
            ("figure", "1 von 5", "Haushalten öffnete beim Besuch die Tür", "households opened the door on a visit"),
            ("quote", "Viele sagen: Mich hat noch nie jemand gefragt.", "Many say: nobody has ever asked me.",
             "volunteer", "25-34"),
        ],
    },
    {
        "key": "takeaway", "days_ago": 60, "council": 0, "match": ["Wohnen"], "tags": ["Rückmeldung"],
        "title": ("Was die Abgeordnete mitnahm", "What the member of parliament took away"),
        "slug": ("was-die-abgeordnete-mitnahm", "what-the-member-of-parliament-took-away"),
        "intro": ("Zwei Monate nach dem Wahlkreisrat: Welche Empfehlungen sind im Bundestag angekommen?",
                  "Two months after the council: which recommendations reached the Bundestag?"),
        "body": [
            (P, "Die Rückmeldung kam pünktlich – und sie war ehrlich: Eine Empfehlung wird weiterverfolgt, "
                "eine andere nicht.",
             "The response came on time – and it was honest: one recommendation is being pursued, another is not."),
        ],
    },
    {
        "key": "climate", "days_ago": 75, "council": 1, "match": ["Klimaschutz", "Klima"], "tags": ["Klima"],
        "title": ("Klimageld am Küchentisch", "Climate dividend at the kitchen table"),
        "slug": ("klimageld-am-kuechentisch", "climate-dividend-at-the-kitchen-table"),
        "intro": ("Wie gerecht ist der CO₂-Preis? Eine Kleingruppe rechnet nach.",
                  "How fair is the carbon price? A small group does the sums."),
        "body": [
            (P, "Mit Taschenrechner und Stromrechnungen wird aus einer abstrakten Frage eine sehr konkrete.",
             "With calculators and electricity bills, an abstract question becomes a very concrete one."),
            ("quote", "Am Ende waren wir uns einig, obwohl wir ganz verschieden leben.",
             "In the end we agreed, even though we live very differently.", "participant_m", "35-49"),
        ],
    },
    {
        "key": "care", "days_ago": 20, "council": 2, "match": ["Pflege"], "tags": ["Pflege"],
        "title": ("Pflegen und gehört werden", "Caring and being heard"),
        "slug": ("pflegen-und-gehoert-werden", "caring-and-being-heard"),
        "intro": ("Viele im Raum pflegen Angehörige. Zum ersten Mal erzählen sie davon einer Abgeordneten.",
                  "Many in the room care for relatives. For the first time they tell a member of parliament about it."),
        "body": [
            (P, "Es wird still, als eine Teilnehmerin ihren Alltag beschreibt. Dann melden sich viele.",
             "The room falls silent when a participant describes her daily life. Then many raise their hands."),
        ],
    },
    {
        "key": "generations", "days_ago": 90, "council": 2, "match": ["Ländlicher Raum"], "tags": ["Generationen", "Porträt"],
        "title": ("Zwischen Hörsaal und Hofladen", "Between lecture hall and farm shop"),
        "slug": ("zwischen-hoersaal-und-hofladen", "between-lecture-hall-and-farm-shop"),
        "intro": ("Eine Studentin und ein Landwirt an einem Tisch: Was das Los zusammenbringt.",
                  "A student and a farmer at one table: what the lot brings together."),
        "body": [
            (P, "Sie hätten sich sonst nie getroffen. Am Ende tauschen sie Telefonnummern.",
             "They would never have met otherwise. In the end they swap phone numbers."),
        ],
    },
    {
        "key": "moderation", "days_ago": 105, "council": 1, "match": ["Verwaltung"], "tags": ["Methode"],
        "title": ("Ordnung ohne Zeigefinger", "Order without wagging fingers"),
        "slug": ("ordnung-ohne-zeigefinger", "order-without-wagging-fingers"),
        "intro": ("Was eine gute Moderation ausmacht – und warum sie sich zurücknimmt.",
                  "What makes good facilitation – and why it holds back."),
        "body": [
            (P, "Die Moderation achtet auf Redezeiten, nicht auf Meinungen.",
             "The facilitators watch speaking time, not opinions."),
        ],
    },
    {
        "key": "numbers", "days_ago": 120, "council": 0, "match": ["Rente"], "tags": ["Losverfahren", "Daten"],
        "title": ("Zahlen, bitte: Wer saß am Tisch?", "Numbers, please: who sat at the table?"),
        "slug": ("zahlen-bitte-wer-sass-am-tisch", "numbers-please-who-sat-at-the-table"),
        "intro": ("Wie gut bildet ein ausgeloster Rat den Wahlkreis ab? Ein Blick in die Statistik.",
                  "How well does a council drawn by lot mirror the constituency? A look at the statistics."),
        "body": [
            ("figure", "5", "Altersgruppen mit festen Plätzen", "age groups with fixed seats"),
            (P, "Die Altersgruppen wurden nach der amtlichen Statistik des Wahlkreises besetzt.",
             "The age groups were filled according to the official statistics of the constituency."),
        ],
    },
    {
        "key": "leipzig", "days_ago": 5, "council": 3, "match": ["Gesundheit"], "tags": ["Gesundheit"],
        "title": ("Vorbereitung auf dem Land", "Getting ready in the countryside"),
        "slug": ("vorbereitung-auf-dem-land", "getting-ready-in-the-countryside"),
        "intro": ("Der nächste Wahlkreisrat steht bevor. Ein Besuch bei den Vorbereitungen.",
                  "The next council is coming up. A visit to the preparations."),
        "body": [
            (P, "Räume buchen, Briefe drucken, Kinderbetreuung organisieren: Vieles passiert lange vor dem Tag.",
             "Booking rooms, printing letters, organising childcare: much happens long before the day."),
        ],
    },
    {
        "key": "wind", "days_ago": 2, "council": 4, "match": ["Küste", "Energie"], "tags": ["Energie", "Klima"],
        "title": ("Windstrom für alle?", "Wind power for everyone?"),
        "slug": ("windstrom-fuer-alle", "wind-power-for-everyone"),
        "intro": ("An der Küste drehen sich die Räder. Wer profitiert davon? Bald berät ein Wahlkreisrat.",
                  "On the coast the turbines turn. Who benefits? Soon a constituency council will discuss it."),
        "body": [
            (P, "Die Frage ist alt, die Runde ist neu: Zum ersten Mal entscheidet das Los, wer mitredet.",
             "The question is old, the group is new: for the first time the lot decides who has a say."),
        ],
    },
    {
        "key": "one-year", "days_ago": 150, "council": 0, "match": ["Wohnen"], "tags": ["Rückmeldung", "Reportage"],
        "title": ("Wiedersehen nach Monaten", "Meeting again months later"),
        "slug": ("wiedersehen-nach-monaten", "meeting-again-months-later"),
        "intro": ("Einige Teilnehmende treffen sich wieder. Was ist aus ihren Empfehlungen geworden?",
                  "Some participants meet again. What became of their recommendations?"),
        "body": [
            (P, "Nicht alles hat geklappt. Aber alle sagen: Ich würde wieder mitmachen.",
             "Not everything worked out. But everyone says: I would take part again."),
        ],
    },
]

VIDEO_SLIDES = [
    ("Ein Tag, 35 Menschen", "Wahlkreisrat – Demo"),
    ("Ausgelost aus dem Melderegister", "in fünf Altersgruppen"),
    ("Beraten mit der Abgeordneten", "in kleinen Gruppen"),
    ("Empfehlungen, öffentlich", "Rückmeldung nach zwei Monaten"),
]
VIDEO_CAPTIONS = {
    "de": [(0.0, 1.9, "[Ein ruhiger Ton erklingt]"), (2.0, 3.9, "Ausgelost aus dem Melderegister."),
           (4.0, 5.9, "35 Menschen beraten mit ihrer Abgeordneten."),
           (6.0, 8.0, "Am Abend stellen sie ihre Empfehlungen vor.")],
    "en": [(0.0, 1.9, "[A calm tone plays]"), (2.0, 3.9, "Drawn by lot from the population register."),
           (4.0, 5.9, "35 people deliberate with their member of parliament."),
           (6.0, 8.0, "In the evening they present their recommendations.")],
}
VIDEO_TRANSCRIPTS = {
    "de": "Ein ruhiger Ton erklingt. Texttafeln: Ein Tag, 35 Menschen. Ausgelost aus dem Melderegister, in fünf "
          "Altersgruppen. Beraten mit der Abgeordneten, in kleinen Gruppen. Empfehlungen, öffentlich – "
          "Rückmeldung nach zwei Monaten.",
    "en": "A calm tone plays. Text panels: One day, 35 people. Drawn by lot from the population register, in five "
          "age groups. Deliberating with their member of parliament, in small groups. Recommendations, in public – "
          "a response after two months.",
}

RELEASES = [
    {"days": -10, "embargo": False, "council": 0, "match": ["Wohnen"],
     "title": ("Wahlkreisrat übergibt Empfehlungen zum Wohnen", "Constituency council hands over housing recommendations"),
     "slug": ("empfehlungen-zum-wohnen", "housing-recommendations"),
     "intro": ("35 ausgeloste Menschen haben drei Empfehlungen an ihre Abgeordnete übergeben.",
               "35 people drawn by lot handed three recommendations to their member of parliament."),
     "text": ("Die Dokumentation und Fotos stehen in der Pressemappe bereit.",
              "Documentation and photos are available in the press kit.")},
    {"days": -40, "embargo": False, "council": 1, "match": ["Klimaschutz", "Klima"],
     "title": ("Klimaschutz: Ausgeloste Bürgerinnen und Bürger beraten", "Climate protection: citizens drawn by lot deliberate"),
     "slug": ("klimaschutz-buerger-beraten", "climate-citizens-deliberate"),
     "intro": ("Ein Wahlkreisrat hat über einen gerechten CO₂-Preis beraten.",
               "A constituency council has discussed a fair carbon price."),
     "text": ("Die Empfehlungen sind auf der Seite des Wahlkreisrats veröffentlicht.",
              "The recommendations are published on the council's page.")},
    {"days": 3, "embargo": True, "council": 3, "match": ["Gesundheit"],
     "title": ("Sperrfrist: Neuer Wahlkreisrat zur Gesundheit angekündigt", "Embargoed: new council on health announced"),
     "slug": ("neuer-wahlkreisrat-gesundheit", "new-council-on-health"),
     "intro": ("Unter Sperrfrist: Der nächste Wahlkreisrat berät über die ärztliche Versorgung auf dem Land.",
               "Under embargo: the next council will discuss medical care in rural areas."),
     "text": ("Diese Mitteilung erscheint automatisch zum Ablauf der Sperrfrist.",
              "This release appears automatically when the embargo ends.")},
]

CONTACTS = [
    {"name": "Paula Pressefiktiv", "role": ("Pressesprecherin", "Press officer"),
     "email": "presse@wahlkreisrat.example", "phone": "+49 30 0000001"},
    {"name": "Konrad Kontaktlos", "role": ("Redaktion Geschichten", "Stories editor"),
     "email": "geschichten@wahlkreisrat.example", "phone": ""},
]


def _council_for(spec, councils, tags, with_gallery=False):
    candidates = [c for c in councils if not with_gallery or c.pk in with_gallery]
    if not candidates:
        return None
    for word in spec.get("match", []):
        for council in candidates:
            if word in council.title or word in tags.get(council.pk, ()):
                return council
    return candidates[spec.get("council", 0) % len(candidates)]


def _body(items, images, video, strings):
    """StreamField JSON from the compact specs above; fills the German→English segment map."""
    blocks = []
    for item in items:
        kind = item[0]
        if kind == P:
            blocks.append(("paragraph_block", f"<p>{item[1]}</p>"))
            strings[item[1]] = item[2]
        elif kind == "heading":
            blocks.append(("heading_block", {"heading_text": item[1], "size": "h2"}))
            strings[item[1]] = item[2]
        elif kind == "figure":
            blocks.append(("key_figure_block", {"value": item[1], "label": item[2], "source": ""}))
            strings[item[2]] = item[3]
        elif kind == "quote":
            blocks.append(("quote_block", {"text": item[1], "role": item[3], "age_band": item[4]}))
            strings[item[1]] = item[2]
        elif kind == "gallery":
            strings[item[1]] = item[2]
            gallery = [{"image": image.pk, "caption": caption_de} for image, caption_de, _en in images["gallery"]]
            strings.update({de: en for _image, de, en in images["gallery"]})
            blocks.append(("gallery_block", {"heading": item[1], "images": gallery}))
        elif kind == "video" and video is not None:
            blocks.append(("video_block", {"video": video.pk, "caption": item[1]}))
            strings[item[1]] = item[2]
        elif kind == "embed":
            blocks.append(("embed_block", {"url": YOUTUBE_DEMO, "title": item[1], "caption": "", "poster": None}))
            strings[item[1]] = item[2]
    # JSON (the stored form): chooser values are ids, converted to objects when read
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _story_images(today):
    """The flagship gallery: consented photos, one of a minor (guardian consented), one withdrawn."""
    people = [
        ("Kleingruppe am Vormittag", "Vier Menschen beugen sich über Notizzettel an einem Tisch.",
         "Kleingruppe am Vormittag", "Small group in the morning",
         [consent_spec("Erika Beispielfrau", today), consent_spec("Hans Platzhalter", today),
          consent_spec("Ida Erfunden", today, uses=("website", "press"))]),
        ("Jüngster Teilnehmer mit Mutter", "Ein Jugendlicher hält eine Moderationskarte hoch.",
         "Der jüngste Teilnehmer, 17 Jahre", "The youngest participant, aged 17",
         [consent_spec("Ben Minderjährig-Demo", today, uses=("website",), minor_guardian="Petra Sorge-Demo")]),
        ("Plenum am Nachmittag", "Zuhörende im Halbkreis vor einer Stellwand.",
         "Plenum am Nachmittag", "Plenary in the afternoon",
         [consent_spec("Olaf Ausgedacht", today, valid_days=10)]),  # expires soon: shows in the admin report
        ("Porträt am Fenster (Einwilligung widerrufen)", "Ein Mann lächelt am Fenster in die Kamera.",
         "Porträt am Fenster", "Portrait by the window",
         [consent_spec("Karl Widerruf-Demo", today, days_ago=90, withdrawn_days_ago=3)]),
    ]
    gallery = []
    for number, (title, alt, caption_de, caption_en, consents) in enumerate(people, start=1):
        image = demo_image(f"Geschichte: {title}", alt, seed=900 + number, credit=PHOTOGRAPHERS[number % 3],
                           licence="CC BY 4.0", people=True, consents=consents)
        gallery.append((image, caption_de, caption_en))
    return {"gallery": gallery, "withdrawn": gallery[-1][0]}


def _teaser(spec, number, today, council, images):
    """The flagship's teaser is the first photo of its council's gallery (so one image appears on
    the story, the council page, the press kit, the API, the feed and Open Graph); others are generated."""
    if spec["key"] == "letter":  # a second story uses the withdrawn photo as its teaser
        return images["withdrawn"]
    if spec["key"] == "flagship" and council is not None:
        item = CouncilImage.objects.filter(page=council).order_by("sort_order").select_related("image").first()
        if item is not None:
            ensure_consents(item.image, [consent_spec("Gerda Galerie-Demo", today),
                                         consent_spec("Yusuf Galerie-Demo", today)])
            return item.image
    title = f"Geschichte: {spec['title'][0]}"
    return demo_image(title, f"Szene zur Geschichte „{spec['title'][0]}“: Menschen im Gespräch am Tisch.",
                      seed=700 + number, credit=PHOTOGRAPHERS[number % 3], licence="CC BY-SA 4.0", people=True,
                      consents=[consent_spec(f"Person {number} Demo", today)])


def _grant_editor_permissions():
    editors = Group.objects.filter(name="Redaktion").first()
    if editors is None:
        return
    editors.permissions.add(*Permission.objects.filter(
        content_type__app_label__in=["site_media", "stories"],
        codename__in=["add_consent", "change_consent", "view_consent", "add_video", "change_video", "view_video",
                      "add_presscontact", "change_presscontact", "view_presscontact"],
    ))
    root = Collection.get_first_root_node()
    for codename in ["add_image", "change_image", "choose_image", "add_document", "change_document",
                     "choose_document"]:
        permission = Permission.objects.filter(codename=codename).first()
        if permission:
            GroupCollectionPermission.objects.get_or_create(group=editors, collection=root, permission=permission)


def seed(stdout):
    today = timezone.localdate()
    de = Locale.objects.get(language_code="de")
    home = HomePage.objects.get(locale=de)
    councils = list(CouncilPage.objects.filter(locale=de).order_by("date", "pk"))
    tags = {}
    for council_id, name in CouncilPage.tags.through.objects.filter(content_object__in=councils).values_list(
            "content_object_id", "tag__name"):
        tags.setdefault(council_id, set()).add(name)
    with_gallery = set(CouncilImage.objects.filter(page__in=councils).values_list("page_id", flat=True))

    index = child_page(StoryIndexPage, home, INDEX["slug"][0], title=INDEX["title"][0],
                  intro=f"<p>{INDEX['intro'][0]}</p>", show_in_menus=True)
    index.save_revision().publish()
    translate(index, "en", {de_: en for de_, en in INDEX.values()})

    images = _story_images(today)
    poster = demo_image("Video: Standbild Wahlkreisrat", "Texttafel „Ein Tag, 35 Menschen“ vor bunten Formen.",
                        seed=990, credit="Demo-Video: Wahlkreisrat")
    video = demo_video("Ein Tag im Wahlkreisrat (Kurzfilm)", poster=poster, slides=VIDEO_SLIDES,
                       captions=VIDEO_CAPTIONS, transcripts=VIDEO_TRANSCRIPTS, stdout=stdout)

    for number, spec in enumerate(STORIES):
        strings = {spec["title"][0]: spec["title"][1], spec["slug"][0]: spec["slug"][1],
                   spec["intro"][0]: spec["intro"][1]}
        body = _body(spec["body"], images, video, strings)
        council = _council_for(spec, councils, tags, with_gallery if spec["key"] == "flagship" else None)
        story = child_page(StoryPage, index, spec["slug"][0], title=spec["title"][0], intro=spec["intro"][0],
                      date=today - datetime.timedelta(days=spec["days_ago"]), author=AUTHORS[number % len(AUTHORS)],
                      body=body, teaser_image=_teaser(spec, number, today, council, images))
        story.tags.set(spec["tags"])
        story.council_links = [StoryCouncil(council=council)] if council else []
        story.save_revision().publish()
        translate(story, "en", strings)

    press = child_page(PressRoomPage, home, PRESS["slug"][0], title=PRESS["title"][0],
                  intro=f"<p>{PRESS['intro'][0]}</p>", show_in_menus=True)
    press.save_revision().publish()
    translate(press, "en", {de_: en for de_, en in PRESS.values()})
    now = timezone.now()
    for spec in RELEASES:
        council = _council_for(spec, councils, tags)
        fields = dict(title=spec["title"][0], intro=spec["intro"][0], council=council,
                      date=today + datetime.timedelta(days=spec["days"]),
                      body=json.dumps([{"type": "paragraph_block", "value": f"<p>{spec['text'][0]}</p>"}]))
        strings = {spec["title"][0]: spec["title"][1], spec["slug"][0]: spec["slug"][1],
                   spec["intro"][0]: spec["intro"][1], spec["text"][0]: spec["text"][1]}
        if spec["embargo"]:
            # Never live before its go-live moment: created unpublished, published on schedule.
            release = child_page(PressReleasePage, press, spec["slug"][0], live=False, **fields)
            release.go_live_at = now + datetime.timedelta(days=spec["days"])
            release.save_revision().publish()
            translate(release, "en", strings)
        else:
            release = child_page(PressReleasePage, press, spec["slug"][0], **fields)
            release.save_revision().publish()
            translate(release, "en", strings)

    for order, spec in enumerate(CONTACTS):
        contact, _ = PressContact.objects.update_or_create(
            locale=de, email=spec["email"],
            defaults={"name": spec["name"], "role": spec["role"][0], "phone": spec["phone"], "sort_order": order})
        translate(contact, "en", {spec["role"][0]: spec["role"][1]})

    _grant_editor_permissions()
    video_note = "a captioned video" if video else "no video (ffmpeg missing)"
    stdout.write(f"{len(STORIES)} stories and a press room with {len(RELEASES)} releases (one embargoed) in German "
                 f"and English; consent records incl. one withdrawn; {video_note}.")
