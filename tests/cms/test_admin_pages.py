"""Every admin page, as every kind of person who can sign in to an admin, answers without
a server error, on SQLite and on PostgreSQL (the suite runs on both).

The pages are found, not listed by hand: every admin URL without arguments, every
registered setting for every site, and every link the superuser meets while walking
from those (one page per view and kind of object, so a hundred materials do not make a
hundred visits). Each is then opened by each role; a refusal (403, a redirect to the
login or the dashboard) is fine, a 500 is not."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from accounts.models import User
from tests.factories.accounts import LeaderUserFactory, StaffFactory, UserFactory
from tests.factories.cms import add_material, add_news, add_worksheet, build_site

pytestmark = pytest.mark.django_db

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Signing out would end the walk; the "failwhale" page is Wagtail's own deliberate 500.
SKIPPED_VIEWS = {"wagtailadmin_logout", "admin:logout", "wagtailadmin_error_test"}
# Parameters that make no other kind of page (ordering, filters and exports do).
SAME_PAGE_PARAMETERS = {"next", "p", "q"}
HREF = re.compile(r"""href=["']([^"'#]+)""")


def _argumentless_admin_urls() -> list[str]:
    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not re.search(r"[<(\\^$]", route):
                yield "/" + route

    return [url for url in walk(get_resolver().url_patterns, "") if url.startswith(ADMIN_PREFIXES)]


def _settings_urls() -> list[str]:
    urls = []
    for model in settings_registry:
        app, name = model._meta.app_label, model._meta.model_name
        urls.append(reverse("wagtailsettings:edit", args=(app, name)))
        if issubclass(model, BaseSiteSetting):
            for site in Site.objects.all():
                urls.append(reverse("wagtailsettings:edit", args=(app, name, site.pk)))
    return urls


def _page_kind(url: str):
    """One visit per view, per non-numeric argument (app, model, action) and per set of
    query parameters: object ids alone do not make another kind of page."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name in SKIPPED_VIEWS:
        return None
    words = tuple(sorted((k, "#" if str(v).isdigit() else v) for k, v in match.kwargs.items()))
    params = {p.split("=")[0] for p in parts.query.split("&") if p} - SAME_PAGE_PARAMETERS
    params = tuple(sorted(params))
    return match.view_name, words, params


def _get(client, url):
    """A GET in a savepoint: on PostgreSQL a failed query aborts the test's transaction,
    and every later page would fail with it."""
    savepoint = transaction.savepoint()
    response = client.get(url)
    if response.status_code >= 500:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
    return response


def _walk_admin(client) -> tuple[list[str], list[tuple]]:
    """The admin pages reachable by a superuser, and any that answered 5xx."""
    queue = _argumentless_admin_urls() + _settings_urls()
    seen, pages, errors = set(), [], []
    while queue:
        url = unescape(queue.pop(0))
        kind = _page_kind(url)
        if kind is None or kind in seen:
            continue
        seen.add(kind)
        pages.append(url)
        response = _get(client, url)
        if response.status_code >= 500:
            errors.append(("superuser", url, response.status_code))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for link in HREF.findall(response.content.decode(errors="replace")):
                if link.startswith(ADMIN_PREFIXES):
                    queue.append(link)
    return pages, errors


def _admin_people() -> dict[str, User]:
    """Everyone who can sign in to an admin: a superuser, one person of each group with
    access to the Wagtail admin (centre staff are also Django staff), and a club leader
    who writes material."""
    people = {"superuser": StaffFactory(username="root", is_superuser=True)}
    staff_roles = {"Centre editors": StaffFactory, "Material contributors": UserFactory}
    admin_groups = Group.objects.filter(permissions__codename="access_admin").order_by("name")
    for group in admin_groups:
        make = staff_roles.get(group.name, UserFactory)
        role = User.Role.CENTRE_STAFF if make is StaffFactory else User.Role.FACILITATOR
        user = make(username=f"in-{group.pk}", role=role)
        user.groups.add(group)
        people[group.name] = user
    leader = LeaderUserFactory(username="leader-writer")
    leader.groups.add(Group.objects.get(name="Material contributors"))
    people["leader in Material contributors"] = leader
    return people


def _client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_no_admin_page_answers_a_server_error_to_anyone_who_can_sign_in():
    site = build_site(languages=("vi", "en"))
    add_material(site.libraries["vi"])
    add_material(site.libraries["vi"], live=False, title="Bản nháp")
    add_news(site.news["vi"])
    add_worksheet()
    get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    people = _admin_people()
    assert set(people) >= {"Centre editors", "Material contributors"}

    pages, errors = _walk_admin(_client_for(people.pop("superuser")))
    # The walk reached the editor of a page, the settings, and Django's admin.
    assert any(re.search(r"^/admin/pages/\d+/edit/$", url) for url in pages)
    assert set(_settings_urls()) <= set(pages)
    assert "/django-admin/accounts/user/" in pages

    for name, user in people.items():
        client = _client_for(user)
        for url in pages:
            status = _get(client, url).status_code
            if status >= 500:
                errors.append((name, url, status))
        assert client.session.get("_auth_user_id") == str(user.pk)  # still signed in
    assert errors == []
