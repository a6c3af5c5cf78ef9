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

import functools
import ipaddress

from django.conf import settings

# What a request with no usable address counts as (django-ratelimit needs an address).
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - a value to count by, nothing listens on it


# Parsing an address is most of the cost of reading it (ipaddress is pure Python); a
# school's scans come from a few addresses, so the answers are kept per process.
@functools.lru_cache(maxsize=4096)
def _valid(value: str) -> str | None:
    """The address in `value`, without a port ("203.0.113.9:5123", "[2001:db8::1]:443",
    as some load balancers write them) and with an IPv4-mapped IPv6 address
    ("::ffff:203.0.113.9") given as the IPv4 it is; None when it is not an address."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request) -> str | None:
    """The client's address, or None when there is no valid one (a request built in
    code, or a proxy header that is not an address): the lock-out stores no address
    then, and the rate limits count it as NO_ADDRESS."""
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than configured: the request did not come through all our proxies.
        return remote
    return _valid(forwarded[-proxies][:64])


def client_ip_for_limits(request) -> str:
    """client_ip() for django-ratelimit (RATELIMIT_IP_META_KEY), which needs one."""
    return client_ip(request) or NO_ADDRESS


def limit_address(request) -> str:
    """What the check-in limits count an address as: an IPv6 client by its /64 network
    (one phone may change addresses inside it), as django-ratelimit does."""
    address = client_ip_for_limits(request)
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address
