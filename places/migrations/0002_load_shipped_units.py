"""Load the shipped lists (34 provinces with their pre-2025 predecessors, and the
centre's province's wards and communes) so every install, and the clubs data migration
that follows, starts from them. ``manage.py places_load`` refreshes them later."""

from django.db import migrations


def load(apps, schema_editor):
    from places.services import units_load_shipped

    units_load_shipped(province_model=apps.get_model("places", "Province"),
                       commune_model=apps.get_model("places", "Commune"))


def unload(apps, schema_editor):
    # Going back before places: the tables are dropped by 0001's reverse anyway; empty
    # them here so a reverse stopping at 0001 leaves no stale rows behind.
    Commune = apps.get_model("places", "Commune")
    Province = apps.get_model("places", "Province")
    Commune.objects.update(successor=None)
    Commune.objects.all().delete()
    Province.objects.update(successor=None)
    Province.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
