"""Calendar feeds sit at unprefixed /feeds/ URLs: the calendar's name and texts follow the
reader's language cookie or Accept-Language, Vietnamese by default, and a cached or 304
answer never crosses languages."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, "Lá Lành: Sự kiện công khai"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "Lá Lành : Événements publics"),
        ({"HTTP_ACCEPT_LANGUAGE": "ar,en;q=0.5"}, "Lá Lành: الفعاليات العامة"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB"}, "Lá Lành: Public events"),
    ],
)
def test_the_public_feed_speaks_the_readers_language(client, headers, expected):
    response = client.get("/feeds/public.ics", **headers)
    assert response.status_code == 200
    body = response.content.decode().replace("\r\n ", "")
    assert f"X-WR-CALNAME:{expected}" in body
    assert "Accept-Language" in response["Vary"]


def test_each_language_has_its_own_etag(client):
    french = client.get("/feeds/public.ics", HTTP_ACCEPT_LANGUAGE="fr")
    arabic = client.get(
        "/feeds/public.ics", HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=french["ETag"]
    )
    assert arabic.status_code == 200
    assert arabic["ETag"] != french["ETag"]


def test_the_language_cookie_wins(client):
    client.cookies["django_language"] = "fr"
    response = client.get("/feeds/public.ics", HTTP_ACCEPT_LANGUAGE="ar")
    assert "Événements publics" in response.content.decode().replace("\r\n ", "")
    # The public feed may sit in shared caches: they must keep each language apart.
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
