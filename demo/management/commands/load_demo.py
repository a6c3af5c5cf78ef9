from datetime import date
from importlib import import_module
from random import Random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.accounts import DEMO_PASSWORD, DEMO_USERS
from demo.context import DemoContext

# Each app owns its demo builder; they run in dependency order.
BUILDERS = [
    "demo.accounts",
    "clubs.demo",
    "sessions.demo",
    "attendance.demo",
    "training.demo",
    "cms.demo",
]


class Command(BaseCommand):
    help = "Build a believable demo centre (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo data even with DEBUG off (never on a real centre's database).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo data has known passwords: it is only loaded with DEBUG on "
                "(or pass --allow-production on a throw-away database)."
            )
        ctx = DemoContext(
            rng=Random(2024),
            # The school year the seeds describe, so the figures match the articles.
            today=date(2024, 9, 1),
            write=lambda line: self.stdout.write(f"  {line}"),
        )
        with transaction.atomic():
            for dotted in BUILDERS:
                try:
                    module = import_module(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name != dotted:
                        raise
                    continue
                module.build(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at /accounts/login/ as:"))
        for username, role, display_name, _is_staff in DEMO_USERS:
            self.stdout.write(
                f"  {username:<10} / {DEMO_PASSWORD}   {role.label} ({display_name})"
            )
