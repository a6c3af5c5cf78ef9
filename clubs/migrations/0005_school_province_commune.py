# The first step towards schools placed by province and ward/commune (issue 11): the new
# columns beside the old district, so 0006 can copy across and be reversed.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clubs", "0004_membership_activated_on"),
        ("places", "0002_load_shipped_units"),
    ]

    operations = [
        migrations.AddField(
            model_name="school",
            name="province",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="schools", to="places.province",
                                    verbose_name="province"),
        ),
        migrations.AddField(
            model_name="school",
            name="commune",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="schools", to="places.commune",
                                    verbose_name="ward or commune"),
        ),
        migrations.AddField(
            model_name="school",
            name="former_district",
            field=models.CharField(blank=True, max_length=100, verbose_name="former district"),
        ),
        migrations.RenameField(model_name="school", old_name="ward", new_name="former_ward"),
        migrations.AlterField(
            model_name="school",
            name="former_ward",
            field=models.CharField(blank=True, max_length=100,
                                   verbose_name="former ward or commune"),
        ),
        # A default, so that reversing 0007 can add the column back to a filled table.
        migrations.AlterField(
            model_name="school",
            name="district",
            field=models.CharField(blank=True, default="", max_length=20,
                                   verbose_name="district"),
        ),
    ]
