"""The press room: releases, contacts and a press kit per council.

A council's press kit holds the images of the council's gallery, of the stories about it and of its
press releases that may be used by the press (consent use "press"), each in a web and a print size,
plus the council's documentation. The ZIP is built on request from cached press copies.
"""

import io
import zipfile

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.text import slugify
from django.utils.translation import gettext as _

from councils.models import CouncilDocument, CouncilImage, CouncilPage
from media import consent as rule
from media.models import CustomImage
from media.press_files import PRINT_DPI, SIZES, dimensions, filename_for, press_file, print_size_cm

from .models import PressContact, PressReleasePage, PressRoomPage, StoryPage


def _kit_image_ids(council_keys):
    """{translation_key: set(image ids)} of candidate kit images, in three queries."""
    ids = {key: set() for key in council_keys}
    for key, image_id in CouncilImage.objects.filter(page__translation_key__in=council_keys).values_list(
            "page__translation_key", "image_id"):
        ids[key].add(image_id)
    stories = StoryPage.objects.live().public().filter(
        council_links__council__translation_key__in=council_keys, teaser_image__isnull=False)
    for key, image_id in stories.values_list("council_links__council__translation_key", "teaser_image_id"):
        ids[key].add(image_id)
    releases = PressReleasePage.objects.live().public().filter(
        council__translation_key__in=council_keys, image__isnull=False)
    for key, image_id in releases.values_list("council__translation_key", "image_id"):
        ids[key].add(image_id)
    return ids


def press_images(council, day=None):
    """Images of the council's press kit that the press may use on `day`, by title."""
    ids = _kit_image_ids([council.translation_key])[council.translation_key]
    return list(CustomImage.objects.publicly_usable("press", day).filter(pk__in=ids)
                .prefetch_renditions().order_by("title", "pk"))


def kit_has_files(council, day=None):
    """Does the council's press kit hold anything: a photo the press may use on `day`, or a document?
    An empty kit is not offered anywhere and its addresses answer 404."""
    if CouncilDocument.objects.filter(page=council).exists():
        return True
    ids = _kit_image_ids([council.translation_key])[council.translation_key]
    return bool(ids) and CustomImage.objects.publicly_usable("press", day).filter(pk__in=ids).exists()


def press_documents(council):
    return list(CouncilDocument.objects.filter(page=council).select_related("document").order_by("sort_order"))


def kit_councils(locale):
    return list(CouncilPage.objects.live().public().filter(locale=locale).select_related("wahlkreis")
                .order_by("-date"))


def press_room_context(room, request):
    today = rule.today()
    councils = kit_councils(room.locale)
    candidate_ids = _kit_image_ids([c.translation_key for c in councils])
    usable = set(CustomImage.objects.publicly_usable("press", today)
                 .filter(pk__in=set().union(*candidate_ids.values())).values_list("pk", flat=True))
    with_docs = set(CouncilDocument.objects.filter(page__in=councils).values_list("page_id", flat=True))
    kits = []
    for council in councils:
        count = len(candidate_ids[council.translation_key] & usable)
        if count or council.pk in with_docs:
            kits.append({"council": council, "image_count": count, "has_documents": council.pk in with_docs,
                         "url": kit_url(room, council, request)})
    releases = (PressReleasePage.objects.live().public().child_of(room)
                .order_by("-date", "-first_published_at"))
    return {
        "releases": list(releases[:30]),
        "contacts": list(PressContact.objects.filter(locale=room.locale)),
        "kits": kits,
    }


def kit_url(room, council, request=None):
    return (room.get_url(request) or "/") + room.reverse_subpage("press_kit", kwargs={"council_id": council.pk})


def _council_for(room, council_id):
    council = CouncilPage.objects.live().public().filter(pk=council_id, locale=room.locale).first()
    if council is None:
        raise Http404("No such council in this language")
    if not kit_has_files(council):
        raise Http404("This press kit is empty")
    return council


def _kit_files(room, council, images, request):
    base = (room.get_url(request) or "/")
    files = []
    for image in images:
        entry = {"image": image, "downloads": []}
        for size in SIZES:
            width, height = dimensions(size, image.width, image.height)
            if size == "web":
                label = _("Web, %(width)s × %(height)s px") % {"width": width, "height": height}
            else:
                cm_width, cm_height = print_size_cm(width, height)
                label = _("Druck, %(width)s × %(height)s px (%(cm_width)s × %(cm_height)s cm bei %(dpi)s dpi)") % {
                    "width": width, "height": height, "cm_width": localize(cm_width),
                    "cm_height": localize(cm_height), "dpi": PRINT_DPI}
            entry["downloads"].append({
                "size": size,
                "label": label,
                "filename": filename_for(image, size),
                "url": base + room.reverse_subpage("press_image", kwargs={
                    "council_id": council.pk, "image_id": image.pk, "size": size}),
            })
        files.append(entry)
    return files


def press_kit_view(room, request, council_id):
    council = _council_for(room, council_id)
    images = press_images(council)
    base = room.get_url(request) or "/"
    releases = list(PressReleasePage.objects.live().public().filter(
        locale=room.locale, council__translation_key=council.translation_key).order_by("-date"))
    alternates = kit_urls_by_language(room, council, request)
    return room.render(request, template="stories/press_kit.html", context_overrides={
        # the kit has its own address, title and description (canonical, og:url, hreflang, switcher)
        "canonical_url": alternates.get(room.locale.language_code),
        "alternate_urls": alternates,
        "seo_title": _("Pressemappe „%(title)s“") % {"title": council.title},
        "seo_description": _("Bilder mit Credit und Lizenz, Dokumentation und Pressemitteilungen zum "
                             "Wahlkreisrat „%(title)s“.") % {"title": council.title},
        "council": council,
        "files": _kit_files(room, council, images, request),
        "documents": press_documents(council),
        "zip_url": base + room.reverse_subpage("press_kit_zip", kwargs={"council_id": council.pk}),
        "council_releases": releases,
        "contacts": list(PressContact.objects.filter(locale=room.locale)),
    })


def kit_urls_by_language(room, council, request=None):
    """{language code: URL} of this press kit in every language with a live press room and a live
    translation of the council; each URL with that language's path segments (press-kit, pressemappe)."""
    rooms = {r.locale_id: r for r in PressRoomPage.objects.live().public()
             .filter(translation_key=room.translation_key).select_related("locale")}
    councils = dict(CouncilPage.objects.live().public().filter(
        translation_key=council.translation_key, locale_id__in=rooms).values_list("locale_id", "pk"))
    urls = {}
    for locale_id, other_room in rooms.items():
        if locale_id not in councils:
            continue
        code = other_room.locale.language_code
        with translation.override(code):
            urls[code] = (other_room.get_url(request) or "/") + other_room.reverse_subpage(
                "press_kit", kwargs={"council_id": councils[locale_id]})
    return urls


def readme_text(council, images, documents):
    lines = [
        _("Pressemappe: %(title)s") % {"title": council.title},
        _("Stand: %(date)s") % {"date": timezone.localdate().isoformat()},
        "",
        _("Alle Bilder nur mit Angabe von Credit und Lizenz verwenden. Die Einwilligungen der abgebildeten "
          "Personen umfassen die Verwendung durch die Presse zum Zeitpunkt des Herunterladens."),
        "",
    ]
    no_credit = _("ohne Credit")
    for image in images:
        lines.append(f"- {image.title}: {image.default_alt_text} ({image.credit_line or no_credit})")
        for size in SIZES:
            lines.append(f"    {filename_for(image, size)}")
    if documents:
        lines += ["", _("Dokumentation:")]
        lines += [f"- {d.display_title} ({d.document.file_extension.upper()})" for d in documents]
    return "\r\n".join(lines) + "\r\n"


def build_zip(council):
    """(file name, ZIP bytes) of the council's press kit as it may be published today."""
    return zip_kit(council, press_images(council), press_documents(council))


def zip_kit(council, images, documents):
    """(file name, ZIP bytes) of these images and documents. Built in memory, each request its own:
    two people downloading at once share no file (the cached press copies are replaced atomically)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("LIESMICH.txt", readme_text(council, images, documents).encode("utf-8"),
                         compress_type=zipfile.ZIP_DEFLATED)
        for image in images:
            for size in SIZES:
                name, data = press_file(image, size)
                archive.writestr(f"bilder/{name}", data, compress_type=zipfile.ZIP_STORED)
        used = set()
        for doc in documents:
            name = f"{slugify(doc.display_title) or 'dokument'}.{doc.document.file_extension}"
            while name in used:
                name = "_" + name
            used.add(name)
            with doc.document.open_file() as source:
                archive.writestr(f"dokumentation/{name}", source.read(), compress_type=zipfile.ZIP_DEFLATED)
    return f"pressemappe-{council.slug}.zip", buffer.getvalue()


def _attachment(data, content_type, filename):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # consent can end; never cache in proxies
    return response


def press_kit_zip_view(room, request, council_id):
    council = _council_for(room, council_id)
    filename, data = build_zip(council)
    return _attachment(data, "application/zip", filename)


def press_image_view(room, request, council_id, image_id, size):
    if size not in SIZES:
        raise Http404("Unknown size")
    council = _council_for(room, council_id)
    image = next((i for i in press_images(council) if i.pk == image_id), None)
    if image is None:
        raise Http404("Not in this press kit")
    filename, data = press_file(image, size)
    return _attachment(data, "image/jpeg", filename)


ROOM_URL_CACHE_SECONDS = 300
KIT_FILLED_CACHE_SECONDS = 60


def press_kit_url_for_council(council, request=None):
    """URL of the council's press kit in the press room of the council's language, or None (no room,
    or an empty kit).

    The press room's URL is cached for a few minutes per language (it hardly ever moves), whether the
    kit holds anything for a minute per council and day, so the council page pays no query for the link.
    """
    key = f"stories:press-room-url:{council.locale_id}"
    base = cache.get(key)
    if base is None:
        room = PressRoomPage.objects.live().filter(locale_id=council.locale_id).first()
        base = (room.get_url(request) or "") if room else ""
        cache.set(key, base, ROOM_URL_CACHE_SECONDS)
    if not base:
        return None
    today = rule.today()
    filled_key = f"stories:press-kit-filled:{council.pk}:{today.isoformat()}"
    filled = cache.get(filled_key)
    if filled is None:
        filled = kit_has_files(council, today)
        cache.set(filled_key, filled, KIT_FILLED_CACHE_SECONDS)
    if not filled:
        return None
    return base + PressRoomPage().reverse_subpage("press_kit", kwargs={"council_id": council.pk})
