"""Story listings: the index with filters and pagination, related stories, stories of a council.

Every listing prefetches teaser images with their consents and renditions and the tags, so a page of
cards costs the same handful of queries however many stories it shows.
"""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from councils.models import CouncilPage, Wahlkreis
from home.params import LocalizedParamsForm, get_param, param_name, urlencode_params
from home.tags import localize_tags, tag_choices
from home.templatetags.site_tags import locale_of
from home.visibility import without_view_restrictions
from media.models import CustomImage

from .models import StoryCouncil, StoryPage

PER_PAGE = 9
RELATED_COUNT = 3


def card_queryset(locale, teasers=True):
    """Live, public stories of `locale`, newest first, ready for cards (without `teasers`, the caller
    attaches the teaser images itself)."""
    stories = (without_view_restrictions(StoryPage.objects.live().filter(locale=locale))
               .order_by("-date", "-first_published_at", "-pk"))
    if not teasers:
        return stories
    # teasers that may not be shown on the website come back as None
    return stories.prefetch_related(
        Prefetch("teaser_image", queryset=CustomImage.objects.publicly_usable("website").prefetch_renditions()))


class StoryFilterForm(LocalizedParamsForm, forms.Form):
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    wahlkreis = forms.TypedChoiceField(label=_("Wahlkreis"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, stories, **kwargs):
        super().__init__(data, **kwargs)
        tags = (Tag.objects.filter(stories_storytag_items__content_object__in=stories)
                .distinct().order_by("name"))
        self.fields["thema"].choices = [("", _("alle"))] + tag_choices(tags, self.language)
        keys = StoryCouncil.objects.filter(page__in=stories).values("council__translation_key")
        wks = (Wahlkreis.objects.filter(councils__translation_key__in=keys).distinct().order_by("number"))
        self.fields["wahlkreis"].choices = [("", _("alle"))] + [(w.number, str(w)) for w in wks]


def _council_keys_in(wahlkreis_number):
    return CouncilPage.objects.filter(wahlkreis__number=wahlkreis_number).values("translation_key")


def index_context(index_page, request):
    stories = card_queryset(index_page.locale).child_of(index_page)
    language = index_page.locale.language_code
    form = StoryFilterForm(request.GET or None, stories, language=language)
    filters = {}
    if form.is_valid():
        if form.cleaned_data["thema"]:
            filters["thema"] = form.cleaned_data["thema"]
            stories = stories.filter(tags__slug=filters["thema"])
        if form.cleaned_data["wahlkreis"]:
            filters["wahlkreis"] = form.cleaned_data["wahlkreis"]
            stories = stories.filter(council_links__council__translation_key__in=_council_keys_in(
                filters["wahlkreis"]))
        stories = stories.distinct()
    paginator = Paginator(stories, PER_PAGE)
    try:
        page_obj = paginator.page(get_param(request.GET, "seite", language, 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return {
        "stories": page_obj,
        "filter_form": form,
        "filter_query": urlencode_params(filters, language),
        "page_param": param_name("seite", language),
        "topic_param": param_name("thema", language),
        "feed_url": index_page.feed_url(request),
    }


def councils_of(story):
    """The story's councils in the story's own language (links may point at any translation)."""
    keys = StoryCouncil.objects.filter(page_id=story.pk).values("council__translation_key")
    return list(without_view_restrictions(CouncilPage.objects.live())
                .filter(locale_id=story.locale_id, translation_key__in=keys)
                .select_related("wahlkreis").order_by("-date"))


def related_stories(story, councils, tags, limit=RELATED_COUNT):
    """Other stories sharing the most tags or councils with `story` (newest first on a tie)."""
    condition = (Q(tagged_items__tag_id__in=[tag.pk for tag in tags])
                 | Q(council_links__council__translation_key__in=[c.translation_key for c in councils]))
    return list(
        card_queryset(story.locale_id, teasers=False).exclude(pk=story.pk).filter(condition)
        .annotate(score=Count("pk")).order_by("-score", "-date", "-pk")[:limit]
    )


def attach_teasers(story, related):
    """The story's own teaser (with its consent flags for the website and for sharing) and the
    related stories' teasers (None when they may not be shown on the website), with their
    renditions, in two queries for all of them."""
    ids = {s.teaser_image_id for s in [story, *related] if s.teaser_image_id}
    images = CustomImage.objects.for_public_rendering("website", "social").in_bulk(ids) if ids else {}
    if story.teaser_image_id:
        story.teaser_image = images.get(story.teaser_image_id)
    for other in related:
        image = images.get(other.teaser_image_id)
        other.teaser_image = image if image is not None and image.is_public("website") else None


def featured_stories(locale, limit=3):
    """The latest live, public stories of `locale` whose teaser photo may be shown on the website."""
    usable = CustomImage.objects.publicly_usable("website")
    return list(
        without_view_restrictions(StoryPage.objects.live().filter(locale=locale))
        .filter(teaser_image__in=usable.values("pk")).order_by("-date", "-first_published_at", "-pk")
        .prefetch_related(Prefetch("teaser_image", queryset=usable.prefetch_renditions()))[:limit]
    )


def index_url_of(story, request):
    """The index URL from the story's own URL (saves a tree query): /de/geschichten/x/ → /de/geschichten/."""
    url = story.get_url(request) or ""
    suffix = f"{story.slug}/"
    return url[: -len(suffix)] if url.endswith(suffix) else story.get_parent().get_url(request)


def story_context(story, request):
    language = locale_of(story, request).language_code  # no query: the active locale
    councils = councils_of(story)
    tags = list(story.tags.all())
    related = related_stories(story, councils, tags)
    attach_teasers(story, related)  # used by hero, Open Graph, the checks and the cards
    return {
        "index_url": index_url_of(story, request),
        "councils": councils,
        "related_stories": related,
        "tags": localize_tags(tags, language),
        "topic_param": param_name("thema", language),
    }


def stories_for_council(council, limit=6):
    """Live stories in the council's language that are linked to the council (in any translation).

    A plain list for the council page (title, date, intro; no teaser images), in one query.
    """
    return list(
        without_view_restrictions(StoryPage.objects.live()).filter(locale_id=council.locale_id)
        .filter(council_links__council__translation_key=council.translation_key)
        .order_by("-date", "-pk").distinct()[:limit]
    )
