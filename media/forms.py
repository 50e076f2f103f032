"""The admin's image upload form (WAGTAILIMAGES_IMAGE_FORM_BASE).

Wagtail recognises an image format by its first bytes, so a file that starts with ``GIF89a`` but is
no image (``GIF89a<script>…``) passes that check and then makes Pillow fail when the size is read:
without this form that is a server error. Here every such failure is the field's own
"not a valid image" message, and the upload is refused.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ReadableImageField(WagtailImageField):
    """Wagtail's image field, where a file Pillow cannot read is a validation error."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as exc:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, ReadableImageField):
            self.fields["file"] = ReadableImageField(label=field.label, required=field.required,
                                                     widget=field.widget)
