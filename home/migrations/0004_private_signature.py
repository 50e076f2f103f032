"""The organisation's signature leaves the Wagtail image library for the private storage (media.private)."""

import media.private
from django.db import migrations


def forwards(apps, schema_editor):
    media.private.move_signatures_out_of_the_image_library(
        apps, "OrganisationSettings", "home", still_used=lambda image_id: False)


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0003_letter_signature"),
        ("councils", "0004_private_signature"),  # it leaves shared images to this step
        ("site_media", "0002_consent_and_video"),
    ]

    operations = [
        migrations.RenameField("organisationsettings", "signature", "signature_image"),
        migrations.AddField(
            model_name="organisationsettings",
            name="signature",
            field=media.private.SignatureField(blank=True, storage=media.private.get_private_storage,
                                               upload_to="signatures/organisation/",
                                               verbose_name="Unterschrift"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField("organisationsettings", "signature_image"),
    ]
