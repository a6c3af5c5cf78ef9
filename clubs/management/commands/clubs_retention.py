from django.core.management.base import BaseCommand

from clubs.retention import pupils_due_for_anonymising, pupils_retention_run
from clubs.services import memberships_activate_come_of_age


class Command(BaseCommand):
    help = (
        "Anonymise former members whose retention period is over, and activate members "
        "awaiting consent who have turned 16 (run nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{pupils_due_for_anonymising().count()} pupil(s) due.")
            return
        self.stdout.write(f"Anonymised {pupils_retention_run()} pupil(s).")
        activated = memberships_activate_come_of_age()
        self.stdout.write(f"Activated {activated} membership(s) of pupils who turned 16.")
