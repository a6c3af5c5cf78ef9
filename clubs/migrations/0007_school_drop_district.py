import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("clubs", "0006_school_district_to_places")]

    operations = [
        migrations.RemoveField(model_name="school", name="district"),
        migrations.AlterField(
            model_name="school",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="schools", to="places.province",
                                    verbose_name="province"),
        ),
    ]
