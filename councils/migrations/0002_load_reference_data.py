"""Load the 299 Wahlkreise of 2025, their age structure and directly elected MdBs.

Runs on every installation, so production has the official data without a demo.
Existing MdB rows are left alone: editors may have corrected them.
"""

from decimal import Decimal

from django.db import migrations

from councils.logic import reference_data as ref


def load(apps, schema_editor):
    Wahlkreis = apps.get_model("councils", "Wahlkreis")
    MdB = apps.get_model("councils", "MdB")
    ages = ref.read_age_structure()
    existing = set(Wahlkreis.objects.values_list("number", flat=True))
    Wahlkreis.objects.bulk_create([
        Wahlkreis(
            number=wk.number, name=wk.name, state=wk.state,
            population_thousands=Decimal(str(ages[wk.number].population_thousands)),
            age_bands=ages[wk.number].age_bands,
            age_bands_citywide=ages[wk.number].age_bands_citywide,
        )
        for wk in ref.read_wahlkreise() if wk.number not in existing
    ])
    by_number = {wk.number: wk for wk in Wahlkreis.objects.all()}
    with_mdb = set(MdB.objects.values_list("wahlkreis__number", flat=True))
    MdB.objects.bulk_create([
        MdB(wahlkreis=by_number[m.number], title=m.title, given_names=m.given_names,
            family_name=m.family_name, party=m.party)
        for m in ref.read_direct_mandates().values() if m.direct_mandate and m.number not in with_mdb
    ])


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
