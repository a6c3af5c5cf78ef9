"""A URL that fails, to see what an error report carries (tests of config/log.py and
config/sentry.py); the site's own URLs follow, for the error page's links."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def fail(request, secret):
    # Values arrive with the request (never in this source, which a report may quote).
    pupil_name = request.headers.get("X-Pupil", "")  # a local a report must not carry  # noqa: F841
    phone = request.headers.get("X-Guardian", "")
    raise RuntimeError(f"broken while reading /checkin/card/{secret}/ for {phone}")


urlpatterns = [path("checkin/card/<str:secret>/", fail), *site_urlpatterns]
