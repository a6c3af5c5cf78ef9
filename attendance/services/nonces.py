"""Nonce answers are kept only while a scan or tick may still be re-sent."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from attendance.models import CheckinNonce

# Beyond the oldest scan time a scanner may still send (scan_time_believable), so a scan
# queued offline for the longest allowed time and re-sent meets its first answer.
NONCE_KEEP_MARGIN = timedelta(hours=24)


def nonce_purge_cutoff(*, now: datetime | None = None) -> datetime:
    max_age = timedelta(hours=settings.ATTENDANCE_OFFLINE_MAX_AGE_HOURS)
    return (now or timezone.now()) - max_age - NONCE_KEEP_MARGIN


def checkin_nonces_purge(*, now: datetime | None = None) -> int:
    """Delete the nonce answers stored before nonce_purge_cutoff; returns how many. A
    scan re-sent after that is too old to be believed anyway (scan_time_invalid, as a
    tick is tick_time_invalid). Safe to re-run; run nightly (attendance_nonces_purge)."""
    deleted, _by_model = CheckinNonce.objects.filter(
        created_at__lt=nonce_purge_cutoff(now=now)
    ).delete()
    return deleted
