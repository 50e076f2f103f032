"""Placement.person without a database foreign-key constraint and index (see the model): a faster draw."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recruitment', '0008_panel_stage_one'),
    ]

    operations = [
        migrations.AlterField(
            model_name='placement',
            name='person',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING,
                                    related_name='placements', to='recruitment.person'),
        ),
    ]
