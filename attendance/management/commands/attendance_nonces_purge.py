from django.core.management.base import BaseCommand

from attendance.services import checkin_nonces_purge


class Command(BaseCommand):
    help = (
        "Delete the answers kept for retried scans and ticks once no phone may re-send "
        "them (ATTENDANCE_OFFLINE_MAX_AGE_HOURS plus a day; run nightly)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {checkin_nonces_purge()} stored check-in answer(s).")
