from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from cms.site_address import site_address_apply


class Command(BaseCommand):
    help = "Give the default Wagtail site the public address in WAGTAILADMIN_BASE_URL."

    def handle(self, *args, **options):
        try:
            site = site_address_apply()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if site is None:
            raise CommandError("There is no default site yet: run migrate first.")
        self.stdout.write(f"The site's address is {site.root_url}/")
