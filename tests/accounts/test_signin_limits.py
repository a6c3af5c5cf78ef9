"""Every sign-in and password-reset form is capped per address, whichever one an attacker
uses, and the cap answers the translated 429 page (accounts/signin_limits.py)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories.accounts import LeaderUserFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    """The caps count in fixed windows (django-ratelimit staggers them per address): 31
    attempts on a busy machine may straddle a window's end and reset the count, so the
    clock stands still unless a test moves it."""
    with time_machine.travel(dt.datetime(2026, 10, 6, 9, 0, 30, tzinfo=dt.UTC),
                             tick=False) as traveller:
        yield traveller

SIGN_IN_FORMS = ["/en/accounts/login/", "/admin/login/", "/django-admin/login/"]
RESET_FORMS = ["/en/accounts/password/reset/", "/admin/password_reset/"]


def _try_sign_in(client, url, n, **extra):
    """n failed attempts, each with another username, so no lock-out of a username is
    involved: only the cap on the address."""
    return [
        client.post(url, {"username": f"guess{i}", "password": "wrong"}, **extra).status_code
        for i in range(n)
    ]


def _assert_too_many_requests_page(response):
    """The 429 page in the language of the URL: English under /en/, Vietnamese elsewhere
    (the admin's URLs have no language prefix, so its login is in Vietnamese)."""
    assert response.status_code == 429
    english = response.request["PATH_INFO"].startswith("/en/")
    expected = "Too many requests" if english else "Quá nhiều yêu cầu"
    assert expected in response.content.decode()


@pytest.mark.parametrize("url", SIGN_IN_FORMS)
def test_each_sign_in_form_answers_429_after_30_attempts_a_minute(
    client, url, password, clock
):
    LeaderUserFactory(username="cohoa")
    assert 429 not in _try_sign_in(client, url, 30)
    response = client.post(url, {"username": "cohoa", "password": password})
    _assert_too_many_requests_page(response)
    assert "_auth_user_id" not in client.session
    # A minute later the address may try again.
    clock.shift(dt.timedelta(seconds=61))
    assert client.post(url, {"username": "guess", "password": "wrong"}).status_code == 200


def test_the_cap_page_is_translated(client):
    _try_sign_in(client, "/accounts/login/", 30)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    _assert_too_many_requests_page(response)
    assert 'lang="vi"' in response.content.decode()


def test_the_sign_in_forms_share_one_count_per_address(client):
    _try_sign_in(client, "/en/accounts/login/", 10)
    _try_sign_in(client, "/django-admin/login/", 10)
    _try_sign_in(client, "/admin/login/", 10)
    _assert_too_many_requests_page(client.post("/admin/login/", {"username": "a", "password": "b"}))
    # Another address is not affected.
    response = client.post(
        "/admin/login/", {"username": "a", "password": "b"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 200


def test_the_admin_login_still_signs_an_editor_in(client, password):
    StaffFactory(username="editor", is_superuser=True)
    response = client.post("/admin/login/", {"username": "editor", "password": password})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("url", RESET_FORMS)
def test_each_reset_request_form_answers_429_after_10_an_hour(client, url, mailoutbox):
    LeaderUserFactory(username="cohoa", email="hoa@example.org")
    statuses = [client.post(url, {"email": "hoa@example.org"}).status_code for _ in range(10)]
    assert statuses == [302] * 10
    assert len(mailoutbox) == 10
    response = client.post(url, {"email": "hoa@example.org"})
    _assert_too_many_requests_page(response)
    assert len(mailoutbox) == 10


def test_the_reset_request_forms_share_one_count(client, mailoutbox):
    for _ in range(5):
        client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
        client.post("/admin/password_reset/", {"email": "nobody@example.org"})
    response = client.post("/admin/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 429


@pytest.mark.parametrize(
    "prefix", ["/en/accounts/password/reset/", "/admin/password_reset/confirm/"]
)
def test_guessing_reset_links_answers_429_after_30_an_hour(client, prefix):
    user = LeaderUserFactory(username="cohoa")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    statuses = {client.get(f"{prefix}{uid}/guess-{i}/").status_code for i in range(30)}
    assert 429 not in statuses
    token = default_token_generator.make_token(user)
    _assert_too_many_requests_page(client.get(f"{prefix}{uid}/{token}/"))
