"""Whole-page cache for anonymous readers of Wagtail pages.

Most readers are anonymous pupils on phones, often on poor school connections: a cached
page is answered before Wagtail routes the URL or renders any StreamField. The key holds
the language, host and path, and a content version that moves whenever any page is
published, unpublished, moved or deleted (or the centre's contact settings change), so
lists on the home and index pages never outlive a change.

Only Wagtail pages are stored (the `on_serve_page` hook marks them). Never cached: signed-in
people, anyone with a session (e.g. a visitor who passed a page password), requests with a
query string (searches), pending messages, and responses that set a cookie.
"""

import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 60 * 10
# Paths that are never Wagtail pages: skip the cache lookups there (the check-in path and
# feeds are hot), rather than paying two cache round trips to learn nothing.
SKIP_PREFIXES = (
    "/checkin/",
    "/api/",
    "/feeds/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/i18n/",
    "/static/",
    "/media/",
)
APP_SEGMENTS = ("accounts", "clubs", "sessions", "attendance", "reports", "cms")
VERSION_KEY = "cms:page-cache-version"
MARK = "cms_page_cacheable"


def content_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)  # type: ignore[return-value]  # set: 1


def content_changed(**kwargs) -> None:
    """Invalidate every cached page (signal receiver: takes any signal arguments)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _may_be_a_page(path: str) -> bool:
    if path.startswith(SKIP_PREFIXES):
        return False
    segments = [part for part in path.split("/") if part][:2]
    if segments and segments[0] in dict(settings.LANGUAGES):
        segments = segments[1:]
    return not segments or segments[0] not in APP_SEGMENTS


def is_cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and _may_be_a_page(request.path)
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def key_for(request) -> str:
    # Hashed: a visitor's path may hold any character, which some cache backends refuse.
    where = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()
    return ":".join(["cms:page", str(content_version()), get_language() or "", where])


def mark_page_responses(next_serve_page):
    """Wagtail `on_serve_page` hook: only page responses may enter the cache."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        setattr(response, MARK, True)
        return response

    return serve


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        key = key_for(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if getattr(response, MARK, False) and response.status_code == 200 and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response
