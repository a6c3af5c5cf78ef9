"""Load administrative-unit lists: the shipped ones, or a file from the statistics office.

    manage.py places_load                  # the lists shipped in places/data/
    manage.py places_load path/to/file.csv # a list of provinces or of one province's units
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from places.services import UnitFileError, shipped_files, units_load


class Command(BaseCommand):
    help = "Load provinces and wards/communes from CSV files (all or nothing per file)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="CSV files; none: the shipped lists")

    def handle(self, *args, files, **options):
        paths = [Path(f) for f in files] or shipped_files()
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(f"{path}: {error.strerror}") from None
            try:
                result = units_load(data)
            except UnitFileError as error:
                lines = [f"{path}: {error.message}"]
                lines += [f"  line {row}: {message}" if row else f"  {message}"
                          for row, message in error.errors if message != error.message]
                raise CommandError("\n".join(str(line) for line in lines)) from None
            self.stdout.write(
                f"{path.name}: {result.level} units: {result.created} created, "
                f"{result.updated} updated, {result.unchanged} unchanged"
            )
