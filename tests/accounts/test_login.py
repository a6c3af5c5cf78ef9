import pytest
from django.urls import reverse

from tests.factories.accounts import LeaderUserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_in_vietnamese_by_default(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert 'lang="vi"' in response.text
    assert "Đăng nhập" in response.text


def test_leader_signs_in_and_reaches_their_page(client, password):
    LeaderUserFactory(username="cohoa")
    response = client.post(
        "/en/accounts/login/", {"username": "cohoa", "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "Club leader" in response.text


def test_wrong_password_shows_a_translated_message_and_signs_nobody_in(client):
    LeaderUserFactory(username="cohoa")
    response = client.post(
        "/accounts/login/", {"username": "cohoa", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "tên đăng nhập và mật khẩu" in response.text.lower()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/accounts/login/", "Too many failed sign-in attempts"),
        # The Wagtail admin's login (no language prefix: Vietnamese) locks out as well.
        ("/admin/login/", "Đăng nhập sai quá nhiều lần"),
    ],
)
def test_repeated_failures_lock_the_account_out_from_that_address(
    client, password, settings, url, message
):
    LeaderUserFactory(username="cohoa", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "cohoa", "password": "wrong"})
    response = client.post(url, {"username": "cohoa", "password": password})
    assert response.status_code == 429
    assert message in response.text
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, password):
    user = LeaderUserFactory(username="cohoa")
    client.force_login(user)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_without_revealing_accounts(client, mailoutbox):
    LeaderUserFactory(username="cohoa", email="hoa@example.org")
    known = client.post("/en/accounts/password/reset/", {"email": "hoa@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_dashboard_needs_sign_in(client):
    response = client.get("/en/accounts/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
