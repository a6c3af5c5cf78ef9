"""The scanner devices' lane: a device's single scan, served ahead of the middleware.

A leader's phone, paired as a scanner device, sends each scanned card as
`POST /api/attendance/checkins` with `Authorization: Bearer lls_...`: no cookie, no CSRF
token, no session, no page. Of the links of MIDDLEWARE, four do something for such a
request: SecurityMiddleware (its headers), the reader's language (the answer's message is
translated), CommonMiddleware (Content-Length) and X-Frame-Options. The others
(sessions, CSRF, authentication, messages, the anonymous page cache, redirects, sign-in
limits, axes, WhiteNoise, the document policies) each cost a little on every scan
and did nothing for it (docs/attendance-performance.md).

DeviceCheckinLane sits at the head of MIDDLEWARE. A request it takes (that method, that
path, a bearer token, https when SECURE_SSL_REDIRECT asks for it, a Host in
ALLOWED_HOSTS, a body the endpoint's own model accepts, a genuine device token) goes
through those four middleware to the endpoint's own answer
(attendance.api.checkin_answer: the same rate limits, grant and check-in service as the
django-ninja route; the token is read and the scan counted in one Redis round trip, as
there). Everything else goes on through the whole stack and is answered as before: a
malformed body by django-ninja's 422, plain http by SecurityMiddleware's redirect, a
foreign Host or a body over DATA_UPLOAD_MAX_MEMORY_SIZE by Django's 400, and a token
that is not a device's by the API's own authentication (a browser's session may still
stand behind it; a made-up token costs its lookup twice then, and is counted against no
limit). An exception in the endpoint is turned into its error page inside the lane, so
the page has the same headers.
"""

from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponseBase
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.security import SecurityMiddleware
from pydantic import ValidationError

from attendance import api
from config.document_headers import bearer_token
from config.i18n import ReaderLocaleMiddleware

Handler = Callable[[HttpRequest], HttpResponseBase]

PATH = "/api/attendance/checkins"


class DeviceCheckinLane:
    def __init__(self, get_response: Handler):
        self.get_response = get_response
        # Synchronous middleware around a synchronous view answer synchronously.
        # In MIDDLEWARE's order.
        self.lane = cast(Handler, SecurityMiddleware(ReaderLocaleMiddleware(CommonMiddleware(
            XFrameOptionsMiddleware(convert_exception_to_response(self.checkin))
        ))))

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = device_token(request)
        if token is None:
            return self.get_response(request)
        try:
            payload = api.CheckinIn.model_validate_json(request.body)
            request.get_host()
        except (ValidationError, SuspiciousOperation):  # a foreign Host, a body too big
            return self.get_response(request)
        # The route's own device check: the token read and the scan counted in one Redis
        # round trip (attendance/ratelimit.py).
        if api.DEVICE_CHECKIN_AUTH.authenticate(request, token) is None:
            return self.get_response(request)
        request.device_checkin = payload  # type: ignore[attr-defined]
        return self.lane(request)

    def checkin(self, request: HttpRequest) -> HttpResponseBase:
        status, body = api.checkin_answer(request, request.device_checkin)  # type: ignore[attr-defined]
        return api.api.create_response(request, body, status=status)


def device_token(request: HttpRequest) -> str | None:
    """The bearer token of a device's single scan, or None for any other request."""
    if request.method != "POST" or request.path_info != PATH:
        return None
    token = bearer_token(request)
    if not token:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # SecurityMiddleware, further down, redirects it
    return token
