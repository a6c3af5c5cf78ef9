"""The client's address, as the sign-in lock-out (django-axes), the sign-in rate limits
(django-ratelimit) and the check-in limits all see it.

Behind PROXY_COUNT reverse proxies, each of which appends the address it was reached
from to X-Forwarded-For (nginx: proxy_set_header X-Forwarded-For
$proxy_add_x_forwarded_for), the client is the PROXY_COUNT-th address from the right:
the one our outermost proxy saw. Anything further left was written by the client and
is ignored, so a forged header cannot move a pupil's phone out of its limit or lock
another school out. This is werkzeug's ProxyFix rule. django-ipware was not used: its
proxy count counts the proxies listed in the header (not ours) and it prefers the
left-most, client-written address.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = settings.PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR") or ""
    if proxies <= 0:
        return remote or "unknown"
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    ]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than configured: the request did not come through all our proxies.
        return remote or "unknown"
    return forwarded[-proxies][:45]
