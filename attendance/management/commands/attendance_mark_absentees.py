from django.core.management.base import BaseCommand

from attendance.services import attendance_close_ended_sessions


class Command(BaseCommand):
    help = (
        "Mark expected members absent for sessions whose check-in closed in the last week "
        "(safe to run as often as you like; run it from cron or a scheduler)."
    )

    def handle(self, *args, **options):
        marked = attendance_close_ended_sessions()
        self.stdout.write(f"Marked {marked} absences.")
