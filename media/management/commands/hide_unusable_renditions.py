"""Daily: delete the public renditions of pictures that may no longer be shown for any use.

A withdrawal deletes renditions at once (media.models.Consent); a consent that simply runs out
(``valid_until`` passed) changes no row, so its old rendition files would stay fetchable under
/media/. This command removes them; the admin makes private thumbnails again when needed.
"""

from django.core.management.base import BaseCommand

from media.models import CustomImage, Rendition, sync_rendition_privacy
from media.private import PRIVATE_PREFIX


class Command(BaseCommand):
    help = "Delete public renditions of pictures without a valid consent for any use (run daily)."

    def handle(self, *args, **options):
        with_public_copies = (Rendition.objects.exclude(file__startswith=PRIVATE_PREFIX)
                              .values_list("image_id", flat=True))
        hidden = (CustomImage.objects.filter(pk__in=with_public_copies).not_publicly_usable("website")
                  .not_publicly_usable("press").not_publicly_usable("social"))
        ids = list(hidden.values_list("pk", flat=True))
        for image_id in ids:
            sync_rendition_privacy(image_id)
        self.stdout.write(f"{len(ids)} pictures without consent: public renditions deleted")
