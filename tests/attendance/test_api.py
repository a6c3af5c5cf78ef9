"""The scanner API: session or device-token auth, single and batch check-in, live state."""

import datetime
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from attendance.models import Attendance, CheckinNonce, RefusedScan
from attendance.services import scanner_device_create, scanner_device_revoke
from tests.factories.attendance import (
    CHECKIN_QUERIES_IN_A_TRANSACTION,
    CheckinSessionFactory,
    member_with_card,
)

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"
BATCH = "/api/attendance/checkins/batch"


def item(session, card, **extra):
    return {"session_id": session.pk, "card": card.secret, "nonce": uuid.uuid4().hex, **extra}


@pytest.fixture
def api(client, leader):
    client.force_login(leader)
    return client


def test_a_leader_checks_a_card_in(api, session, member):
    response = api.post(URL, item(session, member[1]), content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "ok" and body["pupil_name"] == member[0].full_name
    assert Attendance.objects.get().pupil == member[0]


def test_the_card_url_itself_is_accepted(api, session, member):
    payload = item(session, member[1])
    payload["card"] = f"https://lalanh.example/checkin/card/{member[1].secret}/"
    assert api.post(URL, payload, content_type="application/json").json()["outcome"] == "ok"


def test_a_refusal_has_its_code_and_a_translated_message(api, session):
    pupil, card = member_with_card(session.club, consent=False)
    response = api.post(
        URL, item(session, card), content_type="application/json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "consent_missing"
    assert "đồng ý" in body["message"]


def test_another_clubs_session_is_unknown_and_nothing_is_written(api, member):
    foreign = CheckinSessionFactory()
    response = api.post(URL, item(foreign, member[1]), content_type="application/json")
    assert response.status_code == 404
    assert response.json()["code"] == "session_unknown"
    assert not Attendance.objects.exists()


def test_anonymous_callers_are_refused(client, session, member):
    response = client.post(URL, item(session, member[1]), content_type="application/json")
    assert response.status_code == 401
    assert not Attendance.objects.exists()


def test_session_auth_needs_the_csrf_token(session, member, leader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)
    response = client.post(URL, item(session, member[1]), content_type="application/json")
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_a_device_token_works_until_it_is_revoked(client, session, member, leader):
    device, token = scanner_device_create(user=leader, name="Cửa 2")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    ok = client.post(URL, item(session, member[1]), content_type="application/json", **headers)
    assert ok.status_code == 200
    assert Attendance.objects.get().scanner == device
    scanner_device_revoke(device=device)
    pupil2, card2 = member_with_card(session.club)
    refused = client.post(URL, item(session, card2), content_type="application/json", **headers)
    assert refused.status_code == 401
    assert Attendance.objects.count() == 1


def test_an_offline_batch_sent_twice_stores_once_and_answers_the_same(api, session):
    cards = [member_with_card(session.club)[1] for _ in range(3)]
    scanned = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    items = [item(session, c, scanned_at=scanned) for c in cards]
    items.append({**items[0], "nonce": uuid.uuid4().hex})  # the same card scanned twice
    items.append(item(session, cards[0]) | {"card": "n0t-a-card-0123456789"})
    first = api.post(BATCH, {"items": items}, content_type="application/json").json()
    second = api.post(BATCH, {"items": items}, content_type="application/json").json()
    outcomes = [r["outcome"] for r in first["results"]]
    assert outcomes == ["ok", "ok", "ok", "duplicate", "refused"]
    assert [r["outcome"] for r in second["results"]] == outcomes
    assert second["results"][3]["checked_in_at"] == first["results"][3]["checked_in_at"]
    # Stored answers come back as such; a duplicate stored nothing and is read again.
    assert [r["replayed"] for r in second["results"]] == [True, True, True, False, True]
    assert Attendance.objects.count() == 3
    assert RefusedScan.objects.count() == 1
    assert CheckinNonce.objects.count() == 4
    assert first["count"] == 3


def test_a_malformed_batch_is_a_422_and_writes_nothing(api, session, member):
    bad = {"items": [{"session_id": session.pk, "card": member[1].secret, "nonce": "x"}]}
    response = api.post(BATCH, bad, content_type="application/json")
    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_live_state_lists_who_is_in_and_who_is_missing(api, session, member):
    absent, _card = member_with_card(session.club)
    api.post(URL, item(session, member[1]), content_type="application/json")
    body = api.get(f"/api/attendance/sessions/{session.pk}/live").json()
    assert body["present"] == [member[0].full_name]
    assert body["missing"] == [absent.full_name]
    assert body["counts"]["in"] == 1 and body["counts"]["expected"] == 2


def test_the_openapi_schema_describes_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/attendance/checkins", "/api/attendance/checkins/batch"} <= set(schema["paths"])


def test_check_in_is_rate_limited_per_user(api, session, settings):
    settings.ATTENDANCE_RATE_PER_USER = "2/m"
    cards = [member_with_card(session.club)[1] for _ in range(3)]
    codes = [
        api.post(URL, item(session, c), content_type="application/json").status_code
        for c in cards
    ]
    assert codes == [200, 200, 429]
    assert Attendance.objects.count() == 2


def test_check_in_is_rate_limited_per_address(api, session, settings):
    settings.ATTENDANCE_RATE_PER_IP = "1/m"
    cards = [member_with_card(session.club)[1] for _ in range(2)]
    codes = [
        api.post(URL, item(session, c), content_type="application/json").status_code
        for c in cards
    ]
    assert codes == [200, 429]


def test_a_scanner_device_is_rate_limited_per_device(client, session, leader, settings):
    settings.ATTENDANCE_RATE_PER_USER = "2/m"
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    _other, other_token = scanner_device_create(user=leader, name="Cửa 2")
    cards = [member_with_card(session.club)[1] for _ in range(4)]

    def scan(card, token):
        return client.post(
            URL, item(session, card), content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ).status_code

    assert [scan(c, token) for c in cards[:3]] == [200, 200, 429]
    # The other door's scanner has its own budget.
    assert scan(cards[3], other_token) == 200
    assert Attendance.objects.count() == 3


def test_a_scanner_device_is_rate_limited_per_address(client, session, leader, settings):
    settings.ATTENDANCE_RATE_PER_IP = "1/m"
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    _other, other_token = scanner_device_create(user=leader, name="Cửa 2")
    cards = [member_with_card(session.club)[1] for _ in range(2)]
    codes = [
        client.post(
            URL, item(session, c), content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {t}",
        ).status_code
        for c, t in zip(cards, [token, other_token], strict=True)
    ]
    assert codes == [200, 429]
    assert Attendance.objects.count() == 1


def test_made_up_tokens_do_not_use_up_a_schools_scanner_budget(
    client, session, member, leader, settings
):
    settings.ATTENDANCE_RATE_PER_IP = "3/m"
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    junk = [
        client.post(URL, item(session, member[1]), content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer lls_madeup{n}").status_code
        for n in range(5)
    ]
    assert junk == [401] * 5
    response = client.post(
        URL, item(session, member[1]), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200


def test_watching_the_live_state_does_not_use_up_the_scan_limit(
    client, session, member, leader, settings
):
    settings.ATTENDANCE_RATE_PER_USER = "1/m"
    _device, token = scanner_device_create(user=leader, name="Cửa 1")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    live = f"/api/attendance/sessions/{session.pk}/live"
    for _ in range(3):
        assert client.get(live, **headers).status_code == 200
    response = client.post(
        URL, item(session, member[1]), content_type="application/json", **headers
    )
    assert response.status_code == 200


def test_queries_per_api_check_in_are_pinned(api, session, member, django_assert_max_num_queries):
    # Session auth: the user, the session + leader rule, then the check-in (3 on SQLite,
    # 4 on PostgreSQL: CHECKIN_QUERIES_IN_A_TRANSACTION), savepoints of the test
    # transaction aside.
    with django_assert_max_num_queries(4 + CHECKIN_QUERIES_IN_A_TRANSACTION[connection.vendor]):
        api.post(URL, item(session, member[1]), content_type="application/json")
    assert Attendance.objects.count() == 1


def test_behind_the_proxy_each_school_has_its_own_check_in_budget(
    client, session, leader, settings
):
    settings.PROXY_COUNT = 1
    settings.ATTENDANCE_RATE_PER_IP = "1/m"
    client.force_login(leader)

    def scan(address):
        _pupil, card = member_with_card(session.club)
        return client.post(
            "/api/attendance/checkins",
            {"session_id": session.pk, "card": card.secret, "nonce": uuid.uuid4().hex},
            content_type="application/json",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        ).status_code

    assert [scan("203.0.113.9"), scan("198.51.100.7"), scan("203.0.113.9")] == [200, 200, 429]


def test_a_devices_last_use_is_kept_to_the_minutes_without_a_write_per_scan(
    client, session, leader
):
    """attendance.services.scanner_device_mark_used: the leader's devices page
    shows when a phone last called; within five minutes a call writes nothing."""
    import time_machine

    from attendance.models import ScannerDevice

    device, token = scanner_device_create(user=leader, name="Cửa 1")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    live = f"/api/attendance/sessions/{session.pk}/live"
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        assert client.get(live, **headers).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        assert client.get(live, **headers).status_code == 200
    assert ScannerDevice.objects.get(pk=device.pk).last_used_at == start
    later = start + datetime.timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        assert client.get(live, **headers).status_code == 200
    assert ScannerDevice.objects.get(pk=device.pk).last_used_at == later
