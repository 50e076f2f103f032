"""Council index (filters, map, follow-up rate) and constituency pages."""

from django import forms
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.images import get_image_model

from home.params import LocalizedParamsForm
from home.tags import tag_choices

from . import map_view
from .ledger import follow_up_rate, map_data, official_age_structure
from .logic import geomap
from .models import STATE_LABELS, STATES, CouncilImage, CouncilPage, Wahlkreis

STATUS_CHOICES = [("", _("alle")), ("upcoming", _("in Vorbereitung")), ("done", _("durchgeführt"))]
STATUS_LABELS = {"upcoming": _("in Vorbereitung"), "today": _("heute"), "done": _("durchgeführt")}


class CouncilFilterForm(LocalizedParamsForm, forms.Form):
    land = forms.ChoiceField(label=_("Land"), required=False,
                             choices=[("", _("alle"))] + [(s, STATE_LABELS[s]) for s in STATES])
    wahlkreis = forms.TypedChoiceField(label=_("Wahlkreis"), required=False, coerce=int, empty_value=None)
    jahr = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Stand"), required=False, choices=STATUS_CHOICES)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, data, councils, **kwargs):
        super().__init__(data, **kwargs)
        wks = Wahlkreis.objects.filter(councils__in=councils).distinct().order_by("number")
        self.fields["wahlkreis"].choices = [("", _("alle"))] + [(w.number, str(w)) for w in wks]
        years = sorted({c.date.year for c in councils}, reverse=True)
        self.fields["jahr"].choices = [("", _("alle"))] + [(y, y) for y in years]
        tags = Tag.objects.filter(councils_counciltag_items__content_object__in=councils).distinct().order_by("name")
        self.fields["thema"].choices = [("", _("alle"))] + tag_choices(tags, self.language)


def live_councils(locale):
    return (CouncilPage.objects.live().public().filter(locale=locale)
            .select_related("wahlkreis").order_by("-date"))


def prepare_cards(councils, today=None):
    """Give each council its card status and photo: the first gallery photo that may be shown on the
    website (media.consent), or None for the placeholder. Two queries however many cards: the photo
    ids in one, the images with their renditions in the other (one more for the renditions)."""
    today = today or timezone.localdate()
    images = get_image_model().objects.publicly_usable("website")
    first_photo = (CouncilImage.objects.filter(page=OuterRef("pk"), image__in=images.values("pk"))
                   .order_by("sort_order", "pk").values("image_id")[:1])
    photo_ids = dict(CouncilPage.objects.filter(pk__in=[c.pk for c in councils])
                     .annotate(photo_id=Subquery(first_photo)).values_list("pk", "photo_id"))
    wanted = {pk for pk in photo_ids.values() if pk}
    photos = {image.pk: image for image in images.filter(pk__in=wanted).prefetch_renditions()} if wanted else {}
    for council in councils:
        council.card_status = council.status(today)
        council.card_status_label = STATUS_LABELS[council.card_status]
        council.card_photo = photos.get(photo_ids.get(council.pk))
    return councils


def index_context(index_page, request):
    all_councils = list(live_councils(index_page.locale).descendant_of(index_page))
    form = CouncilFilterForm(request.GET or None, all_councils, language=index_page.locale.language_code)
    councils = all_councils
    if form.is_valid():
        data, today = form.cleaned_data, timezone.localdate()
        councils = [
            c for c in councils
            if (not data["land"] or c.wahlkreis.state == data["land"])
            and (not data["wahlkreis"] or c.wahlkreis.number == data["wahlkreis"])
            and (not data["jahr"] or c.date.year == data["jahr"])
            and (not data["status"] or (c.status(today) == "upcoming") == (data["status"] == "upcoming"))
        ]
        if data["thema"]:
            tagged = set(CouncilPage.objects.filter(pk__in=[c.pk for c in councils], tags__slug=data["thema"])
                         .values_list("pk", flat=True))
            councils = [c for c in councils if c.pk in tagged]
    map_links, highlighted = map_view.highlights(index_page, all_councils, request)
    width, height = map_view.map_size()
    return {
        "councils": prepare_cards(councils),
        "filter_form": form,
        # the map is an image of its own (councils/map_view.py), the links are listed under it
        "map_url": f"{reverse('councils:map_svg')}?v={map_view.version(highlighted)}",
        "map_width": width, "map_height": height,
        "map_links": map_links,
        "follow_up_rate": follow_up_rate(all_councils),
    }


def constituency_context(page, request):
    councils = list(live_councils(page.locale).child_of(page))
    wk = page.wahlkreis
    return {
        "councils": prepare_cards(councils),
        "mdb": getattr(wk, "mdb", None),
        "follow_up_rate": follow_up_rate(councils),
        "locator_svg": geomap.render_locator_svg(
            map_data(), wk.number,
            title=str(_("Lage des Wahlkreises {number} {name} in Deutschland")).format(number=wk.number, name=wk.name),
        ),
        "age_structure": official_age_structure(wk),
    }
