"""Refused scans stored before scan times were checked (services.scan_time_believable)
may hold a time PostgreSQL accepts but Python cannot read (year 0 or 10000 in UTC, from
"0001-01-01T00:00:00+14:00" or "9999-12-31T23:59:59-14:00"): every page or admin list
loading such a row fails. Their time was never trustworthy; clear it, keep the refusal."""

import datetime

from django.db import migrations
from django.db.models import Q

FIRST_READABLE = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
LAST_READABLE = datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC)


def clear_unreadable_scan_times(apps, schema_editor):
    RefusedScan = apps.get_model("attendance", "RefusedScan")
    RefusedScan.objects.filter(
        Q(scanned_at__lt=FIRST_READABLE) | Q(scanned_at__gt=LAST_READABLE)
    ).update(scanned_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("attendance", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(clear_unreadable_scan_times, migrations.RunPython.noop),
    ]
