"""Nonce answers stored before names were left out of them (CheckInResult.to_json) hold
the pupil's or training participant's full name, which erasure and retention do not
reach. Drop the name; a replay reads it again (services.checkin.replayed_result)."""

from django.db import migrations

BATCH = 2000


def drop_names(apps, schema_editor):
    CheckinNonce = apps.get_model("attendance", "CheckinNonce")
    named = CheckinNonce.objects.filter(response__has_key="pupil_name")
    while True:
        rows = list(named.only("pk", "response")[:BATCH])
        if not rows:
            return
        for row in rows:
            row.response.pop("pupil_name", None)
        CheckinNonce.objects.bulk_update(rows, ["response"])


class Migration(migrations.Migration):

    dependencies = [
        ("attendance", "0003_attendancechange"),
    ]

    operations = [
        migrations.RunPython(drop_names, migrations.RunPython.noop),
    ]
