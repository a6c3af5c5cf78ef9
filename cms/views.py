from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cms import selectors
from cms.models import MaterialIndexPage


def library(request):
    """A stable URL for the menu (/thu-vien/ is whatever editors named it): send the reader
    to the materials library in their language, or to the home page if there is none."""
    library_page = (
        MaterialIndexPage.objects.live().filter(locale__language_code=get_language()).first()
    )
    if library_page is None:
        library_page = MaterialIndexPage.objects.live().order_by("depth", "path").first()
    return redirect(library_page.get_url(request) if library_page else "/")


# Paths that are not for search engines: sign-in, people's own pages, the admins, and the
# machines' URLs. The people's pages are also under each language prefix (/en/accounts/).
# A certificate's verification page (/verify/) is public but about one person: not indexed.
# Training's application forms stay indexable; its staff, trainer and participant pages not.
PRIVATE_PATHS = ("/admin/", "/django-admin/", "/i18n/", "/feeds/", "/api/", "/checkin/",
                 "/verify/")
PRIVATE_LOCALISED_PATHS = (
    "/accounts/", "/clubs/", "/sessions/", "/attendance/", "/reports/", "/support/",
    "/alerts/", "/training/manage/", "/training/me/", "/training/feedback/",
    "/training/batches/", "/training/certificates/", "/training/teaching/",
)


@require_GET
def robots_txt(request):
    """Public pages open to crawlers, private ones closed, and where the sitemap is."""
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in PRIVATE_PATHS]
    lines += [
        f"Disallow: {prefix}{path}" for prefix in prefixes for path in PRIVATE_LOCALISED_PATHS
    ]
    lines += ["", f"Sitemap: {selectors.site_root_url(request)}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
