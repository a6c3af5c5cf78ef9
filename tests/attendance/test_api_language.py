"""The scanner API answers in the reader's language: the language cookie, then
Accept-Language, then Vietnamese (its /api/ path carries no language prefix)."""

import uuid

import pytest

from tests.factories.attendance import member_with_card

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({}, None, "đồng ý"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}, None, "moins de 16 ans"),
        ({"HTTP_ACCEPT_LANGUAGE": "ar"}, None, "دون 16 عامًا"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, None, "under 16"),
        # The switcher's cookie wins over the browser's header.
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, "fr", "moins de 16 ans"),
    ],
)
def test_refusals_follow_the_readers_language(client, leader, session, headers, cookie, expected):
    client.force_login(leader)
    if cookie:
        client.cookies["django_language"] = cookie
    _pupil, card = member_with_card(session.club, consent=False)
    payload = {"session_id": session.pk, "card": card.secret, "nonce": uuid.uuid4().hex}
    response = client.post(URL, payload, content_type="application/json", **headers)
    assert response.status_code == 403
    assert expected in response.json()["message"]
    assert "Accept-Language" in response["Vary"]
