from django.db import migrations


def create_english(apps, schema_editor):
    # German came first (LANGUAGE_CODE = "de"); English is the second content language.
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial"), ("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(create_english, migrations.RunPython.noop)]
