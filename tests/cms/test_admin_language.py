"""Editors get the Wagtail admin in Vietnamese unless they choose another language, and
the admin asks no other site for anything (Gravatar, Wagtail's update check)."""

import re

import pytest
from django.urls import reverse

from tests.factories.cms import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, centre_editor):
    build_site(languages=("vi",))
    client.force_login(centre_editor)
    return client


def test_the_admin_is_vietnamese_by_default(editor):
    html = editor.get(reverse("wagtailadmin_home")).text
    assert '<html lang="vi"' in html
    assert "Trang" in html  # Wagtail's own Vietnamese ("Pages")


def test_the_admin_follows_the_editors_choice(editor, centre_editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(centre_editor)
    profile.preferred_language = "fr"
    profile.save()
    assert '<html lang="fr"' in editor.get(reverse("wagtailadmin_home")).text


def test_the_admin_fetches_nothing_from_other_sites(editor):
    html = editor.get(reverse("wagtailadmin_home")).text
    assert "gravatar" not in html.lower()
    assert "upgrade" not in html.lower() and "releases.wagtail.io" not in html
    # Links to Wagtail's guide are fine; nothing the page loads by itself may be remote.
    fetched = re.findall(r'src="(https?://[^"]+)"', html)
    fetched += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(https?://[^"]+)"', html)
    assert not fetched, fetched
