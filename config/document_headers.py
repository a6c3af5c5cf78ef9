"""The policies that govern a document a browser renders (Permissions-Policy,
Content-Security-Policy and the Wagtail admin's exceptions to it), set by
DOCUMENT_HEADERS_MIDDLEWARE, run as one link of MIDDLEWARE (X-Frame-Options, one header
and no work, stays in MIDDLEWARE where Django's deployment check looks for it).

The scanner devices' JSON API skips them: a request carrying a device token
(Authorization: Bearer) is never a browser navigation, and its JSON answer (served with
X-Content-Type-Options: nosniff by SecurityMiddleware) is never rendered as a page.
Building the policies cost about 0.1 ms of CPU on every scan
(docs/attendance-performance.md). Every other request, /api/docs included, gets them."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.module_loading import import_string

Handler = Callable[[HttpRequest], HttpResponseBase]


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (the scheme in any case,
    as django-ninja reads it), or None."""
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token if scheme.lower() == "bearer" and token else None


def from_a_device(request: HttpRequest) -> bool:
    """A scanner device's API call: /api/ with a bearer token."""
    return request.path_info.startswith("/api/") and bearer_token(request) is not None


class DocumentHeadersMiddleware:
    def __init__(self, get_response: Handler):
        self.get_response = get_response
        chain = get_response
        for path in reversed(settings.DOCUMENT_HEADERS_MIDDLEWARE):
            chain = import_string(path)(chain)
        self.with_headers = chain

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if from_a_device(request):
            return self.get_response(request)
        return self.with_headers(request)
