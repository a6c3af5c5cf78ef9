from django.core.management.base import BaseCommand

from training.retention import participants_due_for_erasure, participants_retention_run


class Command(BaseCommand):
    help = (
        "Erase former training participants whose last class ended more than "
        "TRAINING_RETENTION_MONTHS ago; certificates keep what the paper shows (run nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{participants_due_for_erasure().count()} participant(s) due.")
            return
        self.stdout.write(f"Erased {participants_retention_run()} participant(s).")
