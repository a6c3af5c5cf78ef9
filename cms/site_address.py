"""The public address of the site, from configuration (WAGTAILADMIN_BASE_URL).

Wagtail builds canonical URLs, og:url and the sitemap from the default Site's hostname and
port (Site.root_url: https for port 443), which its first migration sets to localhost:80.
`manage.py site_address`, run after every migrate (README, deploy steps), writes the
configured address there."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from cms import page_cache

DEFAULT_PORTS = {"http": 80, "https": 443}


def configured_site_address() -> tuple[str, int]:
    """(hostname, port) of WAGTAILADMIN_BASE_URL; ImproperlyConfigured names the variable
    when it is not an http(s) address of a host without a path."""
    value = settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or port == -1
        or parts.path.strip("/")
        or parts.query
    ):
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be the site's public address, such as "
            f"https://lalanh.example.org, not {value!r}."
        )
    return parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def site_address_apply() -> Site | None:
    """Give the default Site the configured hostname and port; None when there is none."""
    hostname, port = configured_site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        page_cache.content_changed()  # cached pages carry the old canonical URL
    return site
