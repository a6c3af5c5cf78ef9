"""The client's address, as the lock-out (django-axes) and every rate limit see it."""

from axes.helpers import get_client_ip_address


def client_ip(request) -> str:
    """The address the request came from: behind PROXY_COUNT reverse proxies, the one
    the outermost proxy saw (read by django-axes from X-Forwarded-For), else REMOTE_ADDR."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "unknown"
