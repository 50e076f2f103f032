"""Read-only Wagtail API v2 at /api/v2/: pages, images and documents.

Only live, public pages (Wagtail's default queryset) and media outside restricted
collections are listed; images only while they may be shown on the website (consent rule,
media.consent). An image is described by a rendition (``meta.rendition``), never by the URL of
its original file: originals stay out of every public output, and renditions of an image are
deleted when a consent is withdrawn. The signatures of the invitation letters are no images at
all (private files, media.private). There is deliberately no users endpoint.
"""

from django.core.exceptions import FieldDoesNotExist
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

MAX_OFFSET = 1_000_000  # far beyond any listing here; larger numbers overflow the database's integers
RENDITION_SPEC = "max-1600x1600"


class BoundedPagination(WagtailPagination):
    """Wagtail's paging, where an offset too large for the database is a 400 like a negative one."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_large = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_large = False  # Wagtail's own check answers with 400
        if too_large:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint; every listed page's locale (``meta.locale``) comes with the page
    (one query per page otherwise), so a page of results costs the same queries however long."""

    pagination_class = BoundedPagination

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        requested = {f.strip().lstrip("-") for f in self.request.GET.get("fields", "").split(",")}
        if requested - {""}:
            # asked-for child relations (a council's recommendations, quotes, tags) in one query each
            queryset = queryset.prefetch_related(*_related_api_fields(queryset.model, requested))
        return queryset


def _related_api_fields(model, requested):
    names = []
    for api_field in getattr(model, "api_fields", ()):
        name = getattr(api_field, "name", api_field)
        if name not in requested and "*" not in requested:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.one_to_many:  # (tags: Wagtail's TagsField orders them anew, a prefetch would go unused)
            names.append(name)
    return names


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination


class PublicImageSerializer(ImageSerializer):
    rendition = ImageRenditionField(RENDITION_SPEC, source="*", read_only=True)


def _without_download_url(fields):
    return [name for name in fields if name != "download_url"]


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images of identifiable people without a valid consent for the website are not listed
    (and their detail URL is a 404), without anyone editing anything."""

    pagination_class = BoundedPagination
    base_serializer_class = PublicImageSerializer
    meta_fields = [*_without_download_url(ImagesAPIViewSet.meta_fields), "rendition"]
    listing_default_fields = [*_without_download_url(ImagesAPIViewSet.listing_default_fields), "rendition"]
    nested_default_fields = [*_without_download_url(ImagesAPIViewSet.nested_default_fields), "rendition"]

    def get_queryset(self):
        return super().get_queryset().publicly_usable("website")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
