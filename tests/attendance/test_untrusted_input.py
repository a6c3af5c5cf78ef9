"""What a phone sends is checked before anything is read or stored: scan times outside
the offline window (docs/attendance-offline.md) and malformed nonces are refused with a
reason, and the leader's pages keep working whatever was sent."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from attendance.models import Attendance, CheckinNonce, RefusedScan
from tests.factories.attendance import CheckinSessionFactory, member_with_card

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"
BATCH = "/api/attendance/checkins/batch"
NOW = datetime.datetime(2026, 10, 6, 14, 0, tzinfo=datetime.UTC)

# Times a scanner's clock (or an attacker) may send, none of them believable.
UNBELIEVABLE = [
    "0001-01-01T00:00:00+14:00",  # before year 1 in UTC
    "9999-12-31T23:59:59-14:00",  # after year 9999 in UTC
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2026-10-06T14:02:01+00:00",  # just over 2 minutes ahead
    "2026-10-04T13:59:59+00:00",  # just over 48 hours old
    "2026-10-06T14:00:00",  # no time zone: which 14:00?
]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def now_session(frozen):
    return CheckinSessionFactory(starts_at=NOW, ends_at=NOW + datetime.timedelta(hours=1))


def _leader_pages_work(client, session):
    """The roster page, its live fragment and the live API, as the leader sees them."""
    for url in (
        f"/en/attendance/sessions/{session.pk}/",
        f"/en/attendance/sessions/{session.pk}/live/",
        f"/api/attendance/sessions/{session.pk}/live",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def _scan(session, card_secret, **extra):
    return {"session_id": session.pk, "card": card_secret, "nonce": uuid.uuid4().hex, **extra}


@pytest.mark.parametrize("scanned_at", UNBELIEVABLE)
@pytest.mark.parametrize("known_card", [False, True], ids=["unknown-card", "member-card"])
def test_an_unbelievable_scan_time_is_refused_and_the_roster_still_opens(
    client, now_session, scanned_at, known_card
):
    from tests.factories.clubs import LeaderAssignmentFactory

    leader = LeaderAssignmentFactory(club=now_session.club).user
    secret = member_with_card(now_session.club)[1].secret if known_card else "n0t-a-card-0123456789"
    client.force_login(leader)
    response = client.post(
        URL, _scan(now_session, secret, scanned_at=scanned_at),
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "scan_time_invalid"
    assert body["message"] == "Thời điểm quét do điện thoại gửi lên không hợp lý."
    assert not Attendance.objects.exists()
    # The refusal is kept for the leader, without the time nobody can trust.
    refusal = RefusedScan.objects.get()
    assert (refusal.code, refusal.scanned_at) == ("scan_time_invalid", None)
    _leader_pages_work(client, now_session)
    page = client.get(f"/en/attendance/sessions/{now_session.pk}/live/").text
    assert 'data-code="scan_time_invalid"' in page


def test_an_offline_batch_with_edge_times_answers_each_item_and_stores_no_bad_time(
    client, now_session
):
    from tests.factories.clubs import LeaderAssignmentFactory

    client.force_login(LeaderAssignmentFactory(club=now_session.club).user)
    good = member_with_card(now_session.club)[1]
    items = [_scan(now_session, "n0t-a-card-0123456789", scanned_at=t) for t in UNBELIEVABLE]
    items.append(_scan(now_session, good.secret, scanned_at="2026-10-06T13:59:00+00:00"))
    response = client.post(BATCH, {"items": items}, content_type="application/json")
    assert response.status_code == 200
    codes = [r.get("code") or r["outcome"] for r in response.json()["results"]]
    assert codes == ["scan_time_invalid"] * len(UNBELIEVABLE) + ["ok"]
    assert Attendance.objects.get().scanned_at == NOW - datetime.timedelta(minutes=1)
    assert not RefusedScan.objects.filter(scanned_at__isnull=False).exists()
    _leader_pages_work(client, now_session)


def test_a_scan_resent_after_the_offline_window_gets_its_first_answer(client, frozen):
    """The answer to a scan that did reach the server was lost; the phone syncs it three
    days later. The stored answer comes back rather than a refusal. (A guard for the
    check above, which runs before the nonce's answer is read.)"""
    from attendance.services import scanner_device_create
    from tests.factories.clubs import LeaderAssignmentFactory

    session = CheckinSessionFactory(starts_at=NOW, ends_at=NOW + datetime.timedelta(hours=1))
    _device, token = scanner_device_create(
        user=LeaderAssignmentFactory(club=session.club, starts_on=NOW.date()).user, name="Cửa 1"
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    card = member_with_card(session.club)[1]
    payload = _scan(session, card.secret, scanned_at="2026-10-06T14:00:00+00:00")
    first = client.post(URL, payload, content_type="application/json", **headers)
    assert first.json()["outcome"] == "ok"
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        again = client.post(URL, payload, content_type="application/json", **headers)
    assert again.status_code == 200
    assert again.json()["outcome"] == "ok" and again.json()["replayed"] is True
    assert Attendance.objects.count() == 1 and not RefusedScan.objects.exists()


# --- The card link's form ---------------------------------------------------------------

BAD_NONCES = [
    "abc\x00def-0123456789",  # NUL: PostgreSQL cannot store it
    "\x00",
    "x" * 65,  # longer than the API allows
    "a" * 500,
    "has spaces in it 0123",
    "short",
    "ünïcödé-nonce-0123456",
]


@pytest.mark.parametrize("nonce", BAD_NONCES)
def test_a_malformed_nonce_on_the_card_link_is_refused_and_stores_nothing(
    client, session, member, leader, nonce
):
    client.force_login(leader)
    response = client.post(
        f"/checkin/card/{member[1].secret}/",
        {"session": session.pk, "nonce": nonce},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "could not be read" in response.text
    assert not Attendance.objects.exists()
    assert not CheckinNonce.objects.exists() and not RefusedScan.objects.exists()


def test_a_well_formed_nonce_on_the_card_link_makes_a_retry_a_no_op(
    client, session, member, leader
):
    client.force_login(leader)
    url = f"/checkin/card/{member[1].secret}/"
    nonce = str(uuid.uuid4())
    first = client.post(url, {"session": session.pk, "nonce": nonce})
    again = client.post(url, {"session": session.pk, "nonce": nonce})
    assert first.status_code == again.status_code == 200
    assert Attendance.objects.count() == 1 and CheckinNonce.objects.count() == 1


@pytest.mark.parametrize(
    "field, value",
    [("session_id", "1\x00"), ("card", "\x00"), ("nonce", "abc\x00def-0123456789")],
)
def test_a_nul_byte_anywhere_in_an_api_scan_is_a_4xx(client, session, member, leader, field, value):
    client.force_login(leader)
    payload = _scan(session, member[1].secret) | {field: value}
    response = client.post(URL, payload, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert not Attendance.objects.exists()


# --- Refusals stored before the check ---------------------------------------------------


def _store_year_zero_refusal(session) -> RefusedScan:
    """What the old code stored for "0001-01-01T00:00:00+14:00": PostgreSQL keeps year 0
    (1 BC) in UTC, which Python cannot read back."""
    from django.db import connection

    refusal = RefusedScan.objects.create(session=session, code="card_unknown", method="card")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE attendance_refusedscan SET scanned_at = %s::timestamptz WHERE id = %s",
            ["0001-01-01 00:00:00+14", refusal.pk],
        )
    return refusal


@pytest.mark.postgres
def test_a_refusal_stored_with_an_unreadable_time_does_not_break_the_roster(
    client, session, leader
):
    _store_year_zero_refusal(session)
    client.force_login(leader)
    _leader_pages_work(client, session)


@pytest.mark.postgres
def test_the_migration_clears_unreadable_scan_times_and_keeps_the_refusals(session):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "attendance.migrations.0002_refusedscan_clear_unreadable_scan_times"
    )
    bad = _store_year_zero_refusal(session)
    fine = RefusedScan.objects.create(
        session=session, code="card_unknown", method="card", scanned_at=timezone.now()
    )
    migration.clear_unreadable_scan_times(apps, None)
    assert RefusedScan.objects.get(pk=bad.pk).scanned_at is None
    assert RefusedScan.objects.get(pk=fine.pk).scanned_at is not None


# --- Cookies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/checkin/code/", "/api/attendance/sessions/1/live", "/en/attendance/"],
)
def test_a_nul_byte_in_the_cookies_is_a_stranger_not_a_500(client, url):
    """Cookies are what the phone sends: a session key Django never made reads as no
    session (PostgreSQL refused the NUL byte with a 500 on every page)."""
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    client.cookies["lalanh_checkin_phone"] = "abc\x00def"
    response = client.get(url)
    assert response.status_code in (200, 302, 401)
