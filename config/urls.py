from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from attendance import pwa as attendance_pwa
from cms.sitemaps import AllLanguagesSitemap
from cms.views import robots_txt

# Language-neutral URLs: machines and QR codes use them, so they never change with the
# reader's language (LocaleMiddleware still picks the language for any page they show).
urlpatterns = [
    # Browsers and feed readers ask for /favicon.ico whatever a page links.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("feeds/", include("sessions.feed_urls")),
    path("checkin/", include("attendance.checkin_urls")),
    path("api/", include("attendance.api_urls")),
    path("sw.js", attendance_pwa.service_worker, name="service_worker"),
    path("verify/", include("training.verify_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}),
    path("robots.txt", robots_txt),
]

if settings.DEBUG:
    from django.conf.urls.static import static as media_urls

    urlpatterns += media_urls(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# People's pages: Vietnamese at the root, other languages under /en/, /fr/, /ar/.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("clubs/", include("clubs.urls")),
    path("sessions/", include("sessions.urls")),
    path("attendance/", include("attendance.urls")),
    path("training/", include("training.urls")),
    path("reports/", include("reports.urls")),
    path("support/", include("support.urls")),
    path("alerts/", include("alerts.urls")),
    path("cms/", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
