"""Whole-page cache for anonymous readers of Wagtail pages.

Most readers are anonymous pupils on phones, often on poor school connections: a cached
page is served without rendering any StreamField. The key holds the page's own cache key
(which changes when the page is published), the site, the language and a content
version that moves whenever any page is published or unpublished, so lists on the home
and index pages never outlive a change. Signed-in people, previews, requests with a query
string (search) and responses that set a cookie are never cached.
"""

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 60 * 10
VERSION_KEY = "cms:page-cache-version"


def content_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def content_changed() -> None:
    """Invalidate every cached page (called when a page is published or unpublished)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def is_cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def key_for(page, request) -> str:
    return ":".join(
        [
            "cms:page",
            str(content_version()),
            page.cache_key,
            get_language() or "",
            request.get_host(),
            request.path,
        ]
    )


def serve_cached(next_serve_page):
    """Wagtail `on_serve_page` hook body: look the page up before rendering it."""

    def serve(page, request, args, kwargs):
        if not is_cacheable(request):
            return next_serve_page(page, request, args, kwargs)
        key = key_for(page, request)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = next_serve_page(page, request, args, kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.cookies:
            cache.set(key, response, TIMEOUT)
        response["X-Page-Cache"] = "miss"
        return response

    return serve
