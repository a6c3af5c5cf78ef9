"""The Wagtail admin's Content-Security-Policy exception.

Wagtail 8 still renders a few inline <script> elements in its admin (date/time pickers of
the scheduled-publishing fields, InlinePanel set-up; wagtail/wagtail#12940), and widgets
render without the request, so they cannot carry a nonce. Behind the admin's sign-in, for
centre staff only, script-src also allows inline scripts; the admin login page and every
public page keep the strict policy (script-src 'self')."""

from django.urls import reverse


class WagtailAdminCSPMiddleware:
    """Must sit after csp.middleware.CSPMiddleware, so that it marks the response first."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if (
            request.path.startswith(self.admin_prefix)
            and request.user.is_authenticated
            and getattr(response, "_csp_update", None) is None
        ):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
