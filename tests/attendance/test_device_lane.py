"""The scanner devices' lane (attendance/device_lane.py): a device's single scan is
answered ahead of the middleware, with the same answer, headers and refusals as the
django-ninja route; anything it does not take goes through the whole stack."""

import uuid

import pytest
from django.db import connection
from django.test import Client

from attendance import device_lane
from attendance.models import Attendance, RefusedScan
from attendance.services import scanner_device_create
from tests.factories.attendance import CHECKIN_QUERIES_IN_A_TRANSACTION, member_with_card

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"


def payload(session, card, **extra):
    return {"session_id": session.pk, "card": card.secret, "nonce": uuid.uuid4().hex, **extra}


@pytest.fixture
def device(leader):
    return scanner_device_create(user=leader, name="Cửa chính")


@pytest.fixture
def served_by_the_lane(monkeypatch):
    """How many requests the lane answered itself (the real method runs)."""
    answered = []
    checkin = device_lane.DeviceCheckinLane.checkin

    def spy(self, request):
        answered.append(request.path)
        return checkin(self, request)

    monkeypatch.setattr(device_lane.DeviceCheckinLane, "checkin", spy)
    return answered


def post(client, body, token, **extra):
    return client.post(
        URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}", **extra
    )


def test_a_device_scan_is_answered_by_the_lane_as_the_api_answers_it(
    client, leader, session, device, served_by_the_lane
):
    _device, token = device
    pupil, card = member_with_card(session.club)
    other, other_card = member_with_card(session.club)
    by_device = post(client, payload(session, card), token)
    assert served_by_the_lane == [URL]
    browser = Client()
    browser.force_login(leader)
    by_browser = browser.post(URL, payload(session, other_card), content_type="application/json")
    assert served_by_the_lane == [URL]  # a browser's call goes through the whole stack
    assert by_device.status_code == by_browser.status_code == 200
    device_body, browser_body = by_device.json(), by_browser.json()
    assert device_body.keys() == browser_body.keys()
    assert device_body["outcome"] == "ok" and device_body["pupil_name"] == pupil.full_name
    assert by_device["Content-Type"] == by_browser["Content-Type"] == (
        "application/json; charset=utf-8"
    )
    # SecurityMiddleware, the reader's language and X-Frame-Options ran; no cookie is set.
    assert by_device["X-Content-Type-Options"] == "nosniff"
    assert by_device["X-Frame-Options"] == "DENY"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in by_device["Vary"].split(",")}
    assert by_device["Content-Language"] == "vi"
    assert not by_device.cookies
    assert Attendance.objects.filter(pupil=pupil, scanner=_device).exists()


def test_a_rescan_and_a_refusal_through_the_lane(client, session, device, served_by_the_lane):
    _device, token = device
    _pupil, card = member_with_card(session.club)
    assert post(client, payload(session, card), token).json()["outcome"] == "ok"
    again = post(client, payload(session, card), token)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    _minor, no_consent = member_with_card(session.club, consent=False)
    refused = post(client, payload(session, no_consent), token, HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 403
    assert refused.json()["code"] == "consent_missing"
    assert "moins de 16 ans" in refused.json()["message"]
    assert refused["Content-Language"] == "fr"
    assert len(served_by_the_lane) == 3
    assert RefusedScan.objects.filter(code="consent_missing").count() == 1


def test_an_unknown_token_is_refused_by_the_api_and_writes_nothing(
    client, session, served_by_the_lane
):
    _pupil, card = member_with_card(session.club)
    response = post(client, payload(session, card), "lls_" + "x" * 40)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}
    assert served_by_the_lane == []
    assert not Attendance.objects.exists() and not RefusedScan.objects.exists()


def test_a_stale_token_beside_a_signed_in_session_is_answered_by_the_session(
    leader, session, served_by_the_lane
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(leader)
    browser.get("/checkin/code/")  # any page: the CSRF cookie
    pupil, card = member_with_card(session.club)
    response = browser.post(
        URL, payload(session, card), content_type="application/json",
        HTTP_AUTHORIZATION="Bearer lls_revoked-long-ago",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )
    assert response.status_code == 200 and response.json()["outcome"] == "ok"
    assert served_by_the_lane == []
    assert Attendance.objects.get().pupil == pupil


def test_a_malformed_body_gets_the_apis_own_422(client, session, device, served_by_the_lane):
    _device, token = device
    _pupil, card = member_with_card(session.club)
    for body in ({**payload(session, card), "nonce": "x"}, {"session_id": "one"}):
        response = post(client, body, token)
        assert response.status_code == 422
        assert response.json()["detail"]  # django-ninja's list of what is wrong
    not_json = client.post(
        URL, "{not json", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert not_json.status_code == 400
    assert not_json.json() == {"detail": "Cannot parse request body"}
    assert served_by_the_lane == []
    assert not Attendance.objects.exists()


def test_plain_http_is_redirected_before_anything_is_read(
    client, session, device, settings, served_by_the_lane
):
    settings.SECURE_SSL_REDIRECT = True
    _device, token = device
    _pupil, card = member_with_card(session.club)
    response = post(client, payload(session, card), token)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert served_by_the_lane == [] and not Attendance.objects.exists()


def test_a_host_outside_allowed_hosts_is_a_400(
    client, session, device, settings, served_by_the_lane
):
    settings.ALLOWED_HOSTS = ["lalanh.example"]
    _device, token = device
    _pupil, card = member_with_card(session.club)
    response = post(client, payload(session, card), token, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert served_by_the_lane == [] and not Attendance.objects.exists()


def test_queries_per_device_scan_are_pinned(client, session, device, django_assert_num_queries):
    _device, token = device
    first, second = member_with_card(session.club)[1], member_with_card(session.club)[1]
    post(client, payload(session, first), token)  # the token and the grant are cached now
    # The check-in alone, and the savepoint and its release that the test's transaction
    # adds around it: the token, the grant and the limits come from one cache call.
    with django_assert_num_queries(2 + CHECKIN_QUERIES_IN_A_TRANSACTION[connection.vendor]):
        assert post(client, payload(session, second), token).json()["outcome"] == "ok"


LANE = "attendance.device_lane.DeviceCheckinLane"
# What differs between two scans of different pupils at different times.
VARYING = ("nonce", "message", "pupil_name", "checked_in_at")


def _scenario(name, session, token, *, settings, monkeypatch):
    """One request of the scenario, for a new pupil: (status, body, header names)."""
    client = Client(raise_request_exception=False)
    pupil, card = member_with_card(session.club, consent=name != "refused")
    extra = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    if name == "duplicate":
        post(client, payload(session, card), token)
    if name == "too_fast":
        settings.ATTENDANCE_RATE_PER_USER = "0/m"
    if name == "too_big":
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50
    if name == "broken":
        def broken(request, item):
            raise RuntimeError("the service broke")

        monkeypatch.setattr("attendance.api.checkin_answer", broken)
    response = post(client, payload(session, card), token, **extra)
    body = response.json() if response["Content-Type"].startswith("application/json") else {}
    for key in VARYING:
        body.pop(key, None)
    return response.status_code, body, set(response.headers)


@pytest.mark.parametrize(
    "name", ["ok", "duplicate", "refused", "too_fast", "broken", "too_big"]
)
def test_the_lane_answers_as_the_whole_stack_does(
    name, session, device, settings, monkeypatch, served_by_the_lane
):
    _device, token = device
    with monkeypatch.context() as patched:
        by_lane = _scenario(name, session, token, settings=settings, monkeypatch=patched)
    served = len(served_by_the_lane)
    assert served >= (name != "too_big")
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != LANE]
    settings.ATTENDANCE_RATE_PER_USER = "120/m"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    by_stack = _scenario(name, session, token, settings=settings, monkeypatch=monkeypatch)
    assert len(served_by_the_lane) == served
    # The same status and body, and the same headers, an error page's included.
    assert by_lane[:2] == by_stack[:2]
    assert by_lane[2] == by_stack[2]
