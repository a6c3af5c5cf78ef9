"""The installable web app: the service worker (at the site root, so it may answer for
every page) and the page it shows when there is no connection. What the worker keeps is
written down in docs/attendance-offline.md: the scanner's shell and its static files,
never an answer that names a pupil."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Bumped when the list of files the worker keeps changes: the old cache is then dropped.
SHELL_VERSION = "1"


@require_GET
@never_cache
def service_worker(request):
    response = render(request, "attendance/sw.js", {"version": SHELL_VERSION},
                      content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """Shown by the worker instead of the browser's error page (kept in its cache)."""
    return render(request, "attendance/offline.html")
