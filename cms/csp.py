"""The Wagtail admin's Content-Security-Policy exceptions.

Wagtail 8 still renders a few inline <script> elements in its admin (date/time pickers of
the scheduled-publishing fields, InlinePanel set-up; wagtail/wagtail#12940), and widgets
render without the request, so they cannot carry a nonce. Behind the admin's sign-in, for
centre staff only, script-src also allows inline scripts; the admin login and every
public page keep the strict policy (script-src 'self').

The page editor shows its preview (and the Checks panel reads it) in a frame of the
admin's own origin. Wagtail marks the views it frames, the previews of pages, settings,
snippets and blocks, with X-Frame-Options: SAMEORIGIN; only those responses, inside the
signed-in admin, get frame-ancestors 'self'. Everything else keeps frame-ancestors 'none'
and X-Frame-Options: DENY."""

import re

from csp.constants import SELF
from django.urls import reverse

FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")


class WagtailAdminCSPMiddleware:
    """Must sit after csp.middleware.CSPMiddleware, so that it marks the response first."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not (request.path.startswith(self.admin_prefix) and request.user.is_authenticated):
            return response
        if getattr(response, "_csp_update", None) is None:
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            allow_admin_framing(response)
        return response


def allow_admin_framing(response) -> None:
    response._csp_replace = {
        **(getattr(response, "_csp_replace", None) or {}),
        "frame-ancestors": [SELF],
    }
    # A page preview runs the whole middleware chain for the page's own dummy request, so
    # its response already carries the public page's policy: change only the framing.
    policy = response.get("Content-Security-Policy")
    if policy:
        response["Content-Security-Policy"] = FRAME_ANCESTORS.sub("frame-ancestors 'self'", policy)
