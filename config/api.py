"""Read-only Wagtail API v2 at /api/v2/: pages, images and documents.

Only live, public pages (Wagtail's default queryset) and media outside restricted
collections are listed; images only while they may be shown on the website (consent rule,
media.consent) and never the signature images of the invitation letters. There is deliberately no users endpoint.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images of identifiable people without a valid consent for the website are not listed
    (and their detail URL is a 404), without anyone editing anything."""

    def get_queryset(self):
        # Signatures for the invitation letters are no public media either.
        from councils.models import MdB
        from home.models import OrganisationSettings

        signatures = [*MdB.objects.filter(signature__isnull=False).values_list("signature_id", flat=True),
                      *OrganisationSettings.objects.filter(signature__isnull=False)
                      .values_list("signature_id", flat=True)]
        return super().get_queryset().publicly_usable("website").exclude(pk__in=signatures)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
