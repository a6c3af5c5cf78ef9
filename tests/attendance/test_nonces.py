"""The answers kept for retried scans (CheckinNonce): no name in them (a retry reads it
again, so anonymising a pupil reaches it), old ones purged nightly, and names stored
before this removed by a data migration."""

import datetime
import importlib
import json
import uuid

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from attendance.models import Attendance, CheckinNonce, RefusedScan
from clubs.services import pupil_anonymise
from tests.factories.attendance import member_with_card

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"


@pytest.fixture
def api(client, leader):
    client.force_login(leader)
    return client


def _scan(api, session, card, nonce):
    payload = {"session_id": session.pk, "card": card.secret, "nonce": nonce}
    return api.post(URL, payload, content_type="application/json").json()


def _stored_text() -> str:
    return json.dumps(list(CheckinNonce.objects.values_list("response", flat=True)),
                      ensure_ascii=False)


def test_a_retry_reads_the_name_again_and_an_anonymised_pupil_is_named_nowhere(
    api, session, member
):
    pupil, card = member
    nonce = uuid.uuid4().hex
    first = _scan(api, session, card, nonce)
    assert first["outcome"] == "ok" and first["pupil_name"] == pupil.full_name
    assert pupil.full_name not in _stored_text()
    # The name comes from the pupil's record, as it is when the retry arrives.
    pupil.full_name = "Nguyễn Văn Đổi Tên"
    pupil.save(update_fields=["full_name"])
    retry = _scan(api, session, card, nonce)
    assert (retry["outcome"], retry["replayed"]) == ("ok", True)
    assert retry["pupil_name"] == "Nguyễn Văn Đổi Tên"
    assert retry["checked_in_at"] == first["checked_in_at"]

    pupil_anonymise(pupil=pupil, by=None)
    payload = {"session_id": session.pk, "card": card.secret, "nonce": nonce}
    after = api.post(URL, payload, content_type="application/json")
    assert "Đổi Tên" not in after.content.decode()
    assert "Đổi Tên" not in _stored_text() and first["pupil_name"] not in _stored_text()
    assert Attendance.objects.count() == 1


def test_old_answers_are_purged_nightly_and_recent_ones_kept(api, session, leader, settings):
    settings.ATTENDANCE_OFFLINE_MAX_AGE_HOURS = 48
    early, late = member_with_card(session.club), member_with_card(session.club)
    with time_machine.travel(session.starts_at, tick=False):
        _scan(api, session, early[1], "nonce-early-0001")
        _scan(api, session, early[1], "nonce-dupe-0001")  # a duplicate stores nothing
        _scan(api, session, member_with_card(session.club, consent=False)[1], "nonce-ref-01")
    with time_machine.travel(session.starts_at + datetime.timedelta(hours=1), tick=False):
        _scan(api, session, late[1], "nonce-late-0001")
    assert CheckinNonce.objects.count() == 3

    # 48 h a scan may wait on a phone, plus a day: until then every answer is kept.
    kept_until = session.starts_at + datetime.timedelta(hours=72)
    with time_machine.travel(kept_until - datetime.timedelta(minutes=1), tick=False):
        call_command("attendance_nonces_purge")
    assert CheckinNonce.objects.count() == 3
    with time_machine.travel(kept_until + datetime.timedelta(minutes=1), tick=False):
        call_command("attendance_nonces_purge")
    assert list(CheckinNonce.objects.values_list("nonce", flat=True)) == ["nonce-late-0001"]
    # What the answers were about stays.
    assert Attendance.objects.count() == 2 and RefusedScan.objects.count() == 1
    # A phone re-sending the purged scan now is refused as too old; nothing is stored twice.
    with time_machine.travel(kept_until + datetime.timedelta(minutes=2), tick=False):
        api.force_login(leader)  # the browser session of three days ago has expired
        payload = {"session_id": session.pk, "card": early[1].secret,
                   "nonce": "nonce-early-0001", "scanned_at": session.starts_at.isoformat()}
        resent = api.post(URL, payload, content_type="application/json").json()
    assert resent["code"] == "scan_time_invalid"
    assert Attendance.objects.count() == 2


def test_the_data_migration_drops_names_already_stored(session, member):
    pupil, _card = member
    named = {"outcome": "ok", "status": "present", "pupil_id": pupil.pk,
             "pupil_name": pupil.full_name, "checked_in_at": "2026-03-10T01:00:00+00:00",
             "attendance_id": 7}
    CheckinNonce.objects.create(scope="s:1", nonce="old-named-01", response=named)
    refused = {"outcome": "refused", "code": "card_unknown"}
    CheckinNonce.objects.create(scope="s:1", nonce="old-refused-01", response=refused)
    migration = importlib.import_module("attendance.migrations.0004_checkinnonce_drop_names")
    migration.drop_names(apps, None)
    kept = CheckinNonce.objects.get(nonce="old-named-01").response
    assert kept == {k: v for k, v in named.items() if k != "pupil_name"}
    assert CheckinNonce.objects.get(nonce="old-refused-01").response == refused
