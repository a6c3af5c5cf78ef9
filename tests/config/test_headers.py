"""Headers every page sends: the Permissions-Policy (the camera only on the leader's
scanner), and an icon at /favicon.ico."""

import pytest

from tests.factories.attendance import CheckinSessionFactory
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db


def _features(response) -> dict[str, str]:
    policy = response["Permissions-Policy"]
    return dict(item.strip().split("=", 1) for item in policy.split(","))


def test_pages_turn_the_camera_microphone_and_location_off(client):
    features = _features(client.get("/accounts/login/"))
    assert features["camera"] == features["microphone"] == features["geolocation"] == "()"
    assert features["payment"] == features["usb"] == "()"


def test_only_the_scanner_page_may_use_the_camera_and_only_itself(client):
    session = CheckinSessionFactory()
    client.force_login(LeaderAssignmentFactory(club=session.club).user)
    scanner = client.get(f"/en/attendance/sessions/{session.pk}/scanner/")
    assert scanner.status_code == 200
    assert _features(scanner)["camera"] == "(self)"
    assert _features(scanner)["microphone"] == "()"
    assert '<link rel="icon"' in scanner.content.decode()
    live = client.get(f"/en/attendance/sessions/{session.pk}/")
    assert _features(live)["camera"] == "()"


def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header


def test_a_not_modified_answer_carries_no_policy(client):
    """The live roster's idle polls are 304s: the policy governs documents, not them, and
    would be most of each poll's bytes on a school's mobile data."""
    first = client.get("/feeds/public.ics")
    assert "Permissions-Policy" in first
    again = client.get("/feeds/public.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "Permissions-Policy" not in again
