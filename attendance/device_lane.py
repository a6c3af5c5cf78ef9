"""The scanner devices' lane: a device's single scan, served ahead of the middleware.

A leader's phone, paired as a scanner device, sends each scanned card as
`POST /api/attendance/checkins` with `Authorization: Bearer lls_...`: no cookie, no CSRF
token, no session, no page. Of the nineteen links of MIDDLEWARE, three do something for
such a request: SecurityMiddleware (its headers), the reader's language (the answer's
message is translated) and X-Frame-Options. The others (sessions, CSRF, authentication,
messages, the anonymous page cache, redirects, sign-in limits, axes, WhiteNoise, the
document policies) each cost a little on every scan and did nothing for it: about a third
of the server's time per scan under gunicorn (docs/attendance-performance.md).

DeviceCheckinLane sits at the head of MIDDLEWARE. A request it recognises (that method,
that path, a bearer token, https when SECURE_SSL_REDIRECT asks for it, a body the
endpoint's own schema accepts) goes through those three middleware to the endpoint's own
answer (attendance.api.checkin_answer: the same token check, rate limits, grant and
check-in service as the django-ninja route). Everything else goes on through the whole
stack unchanged, so a malformed body gets django-ninja's 422 in its own words, and an
http:// request SecurityMiddleware's redirect. An exception raised here is handled as any
view's (Django wraps each middleware: 400 for a bad Host header, 500 and the error report
otherwise).
"""

from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from pydantic import ValidationError

from attendance import api
from config.i18n import ReaderLocaleMiddleware

Handler = Callable[[HttpRequest], HttpResponseBase]

PATH = "/api/attendance/checkins"
# One instance, as in CHECKIN_AUTH: the token is read and the scan counted in one Redis
# round trip (attendance/ratelimit.py).
_TOKEN_AUTH = api.ScannerTokenAuth(limit_group="api-checkin")


class DeviceCheckinLane:
    def __init__(self, get_response: Handler):
        self.get_response = get_response
        # Synchronous middleware around a synchronous view answer synchronously.
        self.lane = cast(Handler, SecurityMiddleware(
            ReaderLocaleMiddleware(XFrameOptionsMiddleware(self.checkin))
        ))

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = device_token(request)
        if token is None:
            return self.get_response(request)
        try:
            payload = api.CheckinIn.model_validate_json(request.body)
        except ValidationError:
            return self.get_response(request)
        request.device_checkin = (token, payload)  # type: ignore[attr-defined]
        return self.lane(request)

    def checkin(self, request: HttpRequest) -> HttpResponseBase:
        request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it for every request
        token, payload = request.device_checkin  # type: ignore[attr-defined]
        if _TOKEN_AUTH.authenticate(request, token) is None:
            return api.api.create_response(request, {"detail": "Unauthorized"}, status=401)
        status, body = api.checkin_answer(request, payload)
        return api.api.create_response(request, body, status=status)


def device_token(request: HttpRequest) -> str | None:
    """The bearer token of a device's single scan, or None for any other request."""
    if request.method != "POST" or request.path_info != PATH:
        return None
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # SecurityMiddleware, further down, redirects it
    return token
