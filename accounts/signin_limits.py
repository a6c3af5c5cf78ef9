"""How fast one address may use the sign-in and password-reset forms, whichever of them it
uses: our own pages, the Wagtail admin's and Django's admin login.

django-axes locks a username+address pair out after repeated failures (on every form
that calls authenticate()); these limits cap how fast one address may try at all, whatever
usernames or reset links it cycles through. They are looked up by URL name in one table,
so a sign-in form added by a package later is capped by adding its name here, and forms
of the same kind share one counter: an address gets no more attempts by switching from
/accounts/login/ to /admin/login/. Over the limit the friendly, translated 429 page is
the answer (django-ratelimit's decorators would raise PermissionDenied: a 403).
"""

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from accounts.views import rate_limited

# (group, rate, methods) by URL name. A reset link's token is checked on GET, so the
# confirmation counts every method; the other forms only count what they receive.
SIGN_IN_LIMITS = {
    "accounts:login": ("sign-in", "30/m", ("POST",)),
    "wagtailadmin_login": ("sign-in", "30/m", ("POST",)),
    "admin:login": ("sign-in", "30/m", ("POST",)),
    "accounts:password_reset": ("password-reset", "10/h", ("POST",)),
    "wagtailadmin_password_reset": ("password-reset", "10/h", ("POST",)),
    "accounts:password_reset_confirm": ("password-reset-confirm", "30/h", ALL),
    "wagtailadmin_password_reset_confirm": ("password-reset-confirm", "30/h", ALL),
}


class SignInRateLimitMiddleware:
    """Answers 429 before a capped sign-in or reset view runs (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        limit = SIGN_IN_LIMITS.get(match.view_name) if match else None
        if limit is None or not getattr(settings, "RATELIMIT_ENABLE", True):
            return None
        group, rate, methods = limit
        if is_ratelimited(
            request, group=group, key="ip", rate=rate, method=methods, increment=True
        ):
            return rate_limited(request, None)
        return None
