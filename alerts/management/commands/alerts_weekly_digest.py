from django.core.management.base import BaseCommand

from alerts.tasks import weekly_digest


class Command(BaseCommand):
    help = "Queue the weekly early-warning e-mail to every club leader (run weekly)."

    def handle(self, *args, **options):
        result = weekly_digest.enqueue()
        self.stdout.write(f"queued {result.id}")
