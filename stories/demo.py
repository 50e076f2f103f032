"""Demo stories and press room, in German and English (wagtail-localize), with generated photos,
consent records (one withdrawn, one of a minor with guardian consent), a captioned video and press
releases (one under embargo). Everything invented. Runs after councils/demo.py and links stories
to whatever German councils exist, looked up rather than by slug.
"""

import datetime
import json
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, Locale

from councils.models import CouncilImage, CouncilPage
from home.models import HomePage
from home.translation import child_page, translate
from media.demo import consent_spec, demo_image, demo_video, ensure_consents

from .demo_english import seed_english_texts
from .models import PressContact, PressReleasePage, PressRoomPage, StoryCouncil, StoryIndexPage, StoryPage

DATA_DIR = Path(__file__).resolve().parent / "demo_data"


def _read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


# The content lives in stories/demo_data/: stories.json (index page, authors, the flagship's gallery
# and the stories), video.json (the demo video's slides, captions and transcripts) and press.json
# (press room, releases, contacts). Every text is a [German, English] pair. A story's council is
# looked up, not named by slug: the first German council (by date) whose title or tags contain a
# "match" word, else the one at position "council" in the date-ordered list, so stories follow
# whatever councils the demo has.
STORY_DATA = _read("stories.json")
INDEX = STORY_DATA["index"]
AUTHORS = STORY_DATA["authors"]
PHOTOGRAPHERS = STORY_DATA["photographers"]
YOUTUBE_DEMO = STORY_DATA["youtube_demo"]["url"]
GALLERY = STORY_DATA["gallery"]
STORIES = STORY_DATA["stories"]
VIDEO = _read("video.json")
PRESS_DATA = _read("press.json")
PRESS = PRESS_DATA["room"]
RELEASES = PRESS_DATA["releases"]
CONTACTS = PRESS_DATA["contacts"]


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
    """StreamField JSON from the block specs in stories.json; fills the German→English segment map."""
    blocks = []
    for item in items:
        kind = item["type"]
        if kind == "paragraph":
            blocks.append(("paragraph_block", f"<p>{item['text'][0]}</p>"))
            strings[item["text"][0]] = item["text"][1]
        elif kind == "heading":
            blocks.append(("heading_block", {"heading_text": item["text"][0], "size": "h2"}))
            strings[item["text"][0]] = item["text"][1]
        elif kind == "figure":
            blocks.append(("key_figure_block", {"value": item["value"], "label": item["label"][0], "source": ""}))
            strings[item["label"][0]] = item["label"][1]
        elif kind == "quote":
            blocks.append(("quote_block", {"text": item["text"][0], "role": item["role"],
                                           "age_band": item["age_band"]}))
            strings[item["text"][0]] = item["text"][1]
        elif kind == "gallery":
            strings[item["caption"][0]] = item["caption"][1]
            gallery = [{"image": image.pk, "caption": caption_de} for image, caption_de, _en in images["gallery"]]
            strings.update({de: en for _image, de, en in images["gallery"]})
            blocks.append(("gallery_block", {"heading": item["caption"][0], "images": gallery}))
        elif kind == "video" and video is not None:
            blocks.append(("video_block", {"video": video.pk, "caption": item["caption"][0]}))
            strings[item["caption"][0]] = item["caption"][1]
        elif kind == "embed":
            blocks.append(("embed_block", {"url": YOUTUBE_DEMO, "title": item["caption"][0], "caption": "",
                                           "poster": None}))
            strings[item["caption"][0]] = item["caption"][1]
    # JSON (the stored form): chooser values are ids, converted to objects when read
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _story_images(today):
    """The flagship gallery: consented photos, one of a minor (guardian consented), one withdrawn."""
    gallery = []
    for number, photo in enumerate(GALLERY, start=1):
        consents = [consent_spec(c["name"], today, **{k: v for k, v in c.items() if k != "name"})
                    for c in photo["consents"]]
        image = demo_image(f"Geschichte: {photo['title']}", photo["alt"], seed=900 + number,
                           credit=PHOTOGRAPHERS[number % 3], licence="CC BY 4.0", people=True, consents=consents)
        gallery.append((image, *photo["caption"]))
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
                      "add_presscontact", "change_presscontact", "view_presscontact", "manage_embargoaccess"],
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
    video = demo_video("Ein Tag im Wahlkreisrat (Kurzfilm)", poster=poster, slides=VIDEO["slides"],
                       captions=VIDEO["captions"], transcripts=VIDEO["transcripts"], stdout=stdout)

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

    topics, alts = seed_english_texts({spec["title"][0]: spec["title"][1] for spec in STORIES})
    _grant_editor_permissions()
    video_note = "a captioned video" if video else "no video (ffmpeg missing)"
    stdout.write(f"{len(STORIES)} stories and a press room with {len(RELEASES)} releases (one embargoed) in German "
                 f"and English; consent records incl. one withdrawn; {video_note}; English names for {topics} topics "
                 f"and alt texts for {alts} pictures.")
