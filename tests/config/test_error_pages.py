"""Friendly, translated error pages instead of Django's technical ones."""

import pytest
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view)]


def test_unknown_page_is_a_friendly_404_in_the_readers_language(client):
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 404
    assert "Chúng tôi không tìm thấy trang này" in response.text
    english = client.get("/en/no-such-page/")
    assert english.status_code == 404
    assert "We could not find this page" in english.text


def test_server_error_page_is_friendly(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 500
    assert "Hệ thống của chúng tôi gặp sự cố" in response.text
    assert "boom" not in response.text


def test_forbidden_page_is_friendly(client):
    from tests.factories.accounts import LeaderUserFactory

    client.force_login(LeaderUserFactory())
    response = client.get("/en/reports/")
    assert response.status_code == 403
    assert "You may not open this page" in response.text
