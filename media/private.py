"""Private files: stored outside MEDIA_ROOT and served only through a permission-checked admin view.

Two kinds of files live here (``settings.PRIVATE_MEDIA_ROOT``):

- ``signatures/…``: the MdB's and the organisation's signature for the invitation letters (plain
  image fields on ``councils.MdB`` and ``home.OrganisationSettings``, not Wagtail images: they have no
  public URL, no renditions and are in no image listing, chooser or API). The letters embed them as
  data URIs; editors see them in the admin through :func:`serve_private_file`.
- ``renditions/…``: renditions of images that may not be shown publicly for any use (no valid consent,
  e.g. after a withdrawal). The admin still shows their thumbnails, but from here: the rendition
  storage (``WAGTAILIMAGES_RENDITION_STORAGE``) sends names starting with ``private/`` to this storage.
"""

import io
import os
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps

PRIVATE_PREFIX = "private/"  # rendition names in the private storage
PRIVATE_RENDITIONS = PRIVATE_PREFIX + "renditions/"
SIGNATURE_BOX = (600, 240)  # large enough for print, small enough for thousands of letters
CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                 ".webp": "image/webp", ".avif": "image/avif"}


class PrivateMediaStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read at each use, so tests can point it elsewhere); their
    URL is the admin view, never a /media/ address."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse("site_media_private_file", args=[name])


private_storage = PrivateMediaStorage()


def get_private_storage():
    return private_storage


@deconstructible
class RenditionStorage(Storage):
    """The default storage for renditions of publicly usable images; the private storage for names
    that start with ``private/`` (see ``media.models.Rendition.get_upload_to``)."""

    def _pick(self, name):
        if name.startswith(PRIVATE_PREFIX):
            return private_storage, name.removeprefix(PRIVATE_PREFIX)
        return default_storage, name

    def _open(self, name, mode="rb"):
        storage, rest = self._pick(name)
        return storage.open(rest, mode)

    def _save(self, name, content):
        storage, rest = self._pick(name)
        saved = storage.save(rest, content)
        return PRIVATE_PREFIX + saved if storage is private_storage else saved

    def delete(self, name):
        storage, rest = self._pick(name)
        return storage.delete(rest)

    def exists(self, name):
        storage, rest = self._pick(name)
        return storage.exists(rest)

    def path(self, name):
        storage, rest = self._pick(name)
        return storage.path(rest)

    def size(self, name):
        storage, rest = self._pick(name)
        return storage.size(rest)

    def url(self, name):
        storage, rest = self._pick(name)
        return storage.url(rest)

    def listdir(self, path):
        storage, rest = self._pick(path)
        return storage.listdir(rest)

    def get_modified_time(self, name):
        storage, rest = self._pick(name)
        return storage.get_modified_time(rest)


# --- signatures ---------------------------------------------------------------------------------

def signature_file(data, name="signature"):
    """A signature image (bytes of any format Pillow reads) as a small PNG ready for the private storage."""
    with PILImage.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(SIGNATURE_BOX)
        if image.mode not in ("1", "L", "LA", "RGB", "RGBA"):
            image = image.convert("RGBA")
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{PurePosixPath(name).stem or 'signature'}.png")


class SignatureInput(forms.ClearableFileInput):
    """The file input with a preview of the current signature, loaded through the private view."""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if value and getattr(value, "url", None):
            preview = format_html('<p><img src="{}" alt="{}" style="max-width: 300px; max-height: 120px; '
                                  'background: #fff"></p>', value.url, _("Aktuelle Unterschrift"))
            return preview + html
        return html


class SignatureFormField(forms.ImageField):
    """An uploaded PNG or JPEG within the pixel limit, handed on shrunk to a small PNG."""

    widget = SignatureInput

    def to_python(self, data):
        upload = super().to_python(data)  # refuses what Pillow cannot read
        if upload is None:
            return None
        width, height = upload.image.size
        if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise ValidationError(_("Das Bild ist zu groß (höchstens %(limit)s Megapixel).")
                                  % {"limit": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000},
                                  code="too_many_pixels")
        if upload.image.format not in ("PNG", "JPEG"):
            raise ValidationError(_("Bitte die Unterschrift als PNG- oder JPEG-Datei hochladen."),
                                  code="invalid_format")
        upload.seek(0)
        return signature_file(upload.read(), upload.name)


class SignatureField(models.ImageField):
    """A signature for the invitation letters, in the private storage."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("storage", get_private_storage)
        kwargs.setdefault("blank", True)
        super().__init__(verbose_name, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SignatureFormField, **kwargs})


# --- the admin view -----------------------------------------------------------------------------

def _may_read(user, name):
    if name.startswith("signatures/mdb/"):
        return user.has_perm("councils.change_mdb") or user.has_perm("councils.view_mdb")
    if name.startswith("signatures/organisation/"):
        return user.has_perm("home.change_organisationsettings")
    if name.startswith("renditions/"):
        from wagtail.images import get_image_model
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(get_image_model())
        return policy.user_has_any_permission(user, ["add", "change", "choose"])
    return False


def serve_private_file(request, name):
    """One private image for a signed-in editor allowed to edit what it belongs to; else 403/404."""
    suffix = PurePosixPath(name).suffix.lower()
    if ".." in PurePosixPath(name).parts or suffix not in CONTENT_TYPES:
        raise Http404
    if not _may_read(request.user, name):
        raise PermissionDenied
    if not private_storage.exists(name):
        raise Http404
    response = FileResponse(private_storage.open(name, "rb"), content_type=CONTENT_TYPES[suffix])
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


# --- moving signatures out of the image library (migrations) -------------------------------------

def move_signatures_out_of_the_image_library(apps, model, app_label, still_used):
    """Data migration step: copy each signature (a Wagtail image in ``signature_image``) into the
    private storage (``signature``) and delete the Wagtail image with its files and renditions, unless
    ``still_used(image_id)`` (another signature field still points at it)."""
    Image = apps.get_model("site_media", "CustomImage")
    Model = apps.get_model(app_label, model)
    for row in Model.objects.exclude(signature_image=None):
        image = Image.objects.get(pk=row.signature_image_id)
        try:
            with image.file.open("rb") as handle:
                data = handle.read()
            upload = signature_file(data, image.file.name.rsplit("/", 1)[-1])
        except (OSError, ValueError, PILImage.UnidentifiedImageError):
            upload = None  # a missing or broken file: the letters print the name alone, as before
        if upload is not None:
            row.signature.save(upload.name, upload, save=False)
        row.signature_image = None
        row.save()
        if not still_used(image.pk):
            for rendition in image.renditions.all():
                rendition.file.delete(save=False)
            image.file.delete(save=False)
            image.delete()
