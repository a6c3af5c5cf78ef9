"""pg_trgm on PostgreSQL: library searches that match nothing are retried by trigram
similarity (a mistyped letter still finds the material). Nothing to do on SQLite."""

from django.db import migrations


def create_trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_editorial_workflow")]

    operations = [
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop, elidable=False)
    ]
