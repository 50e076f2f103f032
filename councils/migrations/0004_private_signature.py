"""The MdB's signature leaves the Wagtail image library for the private storage (media.private)."""

import media.private
from django.db import migrations


def forwards(apps, schema_editor):
    Settings = apps.get_model("home", "OrganisationSettings")
    media.private.move_signatures_out_of_the_image_library(
        apps, "MdB", "councils",
        still_used=lambda image_id: Settings.objects.filter(signature_id=image_id).exists())


class Migration(migrations.Migration):

    dependencies = [
        ("councils", "0003_mdb_signature_evaluation"),
        ("home", "0003_letter_signature"),
        ("site_media", "0002_consent_and_video"),
    ]

    operations = [
        migrations.RenameField("mdb", "signature", "signature_image"),
        migrations.AddField(
            model_name="mdb",
            name="signature",
            field=media.private.SignatureField(blank=True, storage=media.private.get_private_storage,
                                               upload_to="signatures/mdb/",
                                               verbose_name="Unterschrift (für Einladungsbriefe)"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField("mdb", "signature_image"),
    ]
