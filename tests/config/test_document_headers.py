"""Pages keep their document policies (CSP, Permissions-Policy); a
scanner device's JSON API call, which no browser renders, goes without them."""

import pytest
from django.test import Client

from attendance.services import scanner_device_create
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory

DOCUMENT_HEADERS = ("Content-Security-Policy", "Permissions-Policy")


@pytest.mark.django_db
def test_a_device_scan_skips_the_document_headers_and_pages_keep_them():
    session = CheckinSessionFactory()
    leader = LeaderAssignmentFactory(club=session.club).user
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    card = member_with_card(session.club)[1]
    client = Client()
    scan = client.post(
        "/api/attendance/checkins",
        {"session_id": session.pk, "card": card.secret, "nonce": "document-headers-1"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert scan.status_code == 200 and scan.json()["outcome"] == "ok"
    assert scan["X-Content-Type-Options"] == "nosniff"
    assert not any(name in scan for name in DOCUMENT_HEADERS)
    # The API's own documentation, a check-in page and the same API without a device
    # token (a browser's session) are documents or may be: all headers.
    for response in (
        client.get("/api/docs"),
        client.get("/checkin/code/"),
        client.post("/api/attendance/checkins", {}, content_type="application/json"),
    ):
        assert all(name in response for name in DOCUMENT_HEADERS), response
