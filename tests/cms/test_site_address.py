"""Canonical URLs, og:url and the sitemap use the public address from configuration
(WAGTAILADMIN_BASE_URL, applied by `manage.py site_address`), not Wagtail's localhost."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from tests.factories.cms import add_material, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def material():
    site = build_site(languages=("vi",))
    return add_material(site.libraries["vi"], slug="an-toan")


def test_pages_and_the_sitemap_give_the_configured_address(client, material, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://lalanh.example.org"
    client.get(material.url)  # an anonymous visit cached before the address was set
    out = io.StringIO()
    call_command("site_address", stdout=out)
    assert out.getvalue() == "The site's address is https://lalanh.example.org/\n"

    page = client.get(material.url, HTTP_HOST="lalanh.example.org").content.decode()
    expected = "https://lalanh.example.org/thu-vien/an-toan/"
    assert f'<link rel="canonical" href="{expected}">' in page
    assert f'<meta property="og:url" content="{expected}">' in page
    sitemap = client.get("/sitemap.xml", HTTP_HOST="lalanh.example.org").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert expected in locations
    assert all(url.startswith("https://lalanh.example.org/") for url in locations)


def test_a_port_other_than_the_scheme_default_is_kept(client, material, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://10.0.0.5:8080/"
    call_command("site_address", stdout=io.StringIO())
    page = client.get(material.url, HTTP_HOST="10.0.0.5:8080").content.decode()
    assert '<link rel="canonical" href="http://10.0.0.5:8080/thu-vien/an-toan/">' in page


@pytest.mark.parametrize("value", ["lalanh.example.org", "ftp://x.org", "https://x.org/site/"])
def test_a_malformed_address_is_refused_with_the_variable_named(material, settings, value):
    settings.WAGTAILADMIN_BASE_URL = value
    with pytest.raises(CommandError, match="WAGTAILADMIN_BASE_URL"):
        call_command("site_address")
