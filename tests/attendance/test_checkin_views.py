"""The /checkin/ pages a phone opens: projected code, typed code, card link."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from attendance import tokens
from attendance.models import Attendance, PupilDevice, RefusedScan
from tests.factories.attendance import member_with_card
from tests.factories.clubs import ClubFactory

pytestmark = pytest.mark.django_db


def pair(client, card):
    response = client.post(f"/checkin/card/{card.secret}/")
    assert response.status_code == 200, response.content
    return response


def projector_url(session):
    return f"/checkin/p/{tokens.projector_token_make(session_id=session.pk)}/"


def test_pairing_a_phone_by_its_card_sets_a_long_lived_httponly_cookie(client, member):
    pupil, card = member
    response = pair(client, card)
    cookie = response.cookies[settings.ATTENDANCE_DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["path"] == "/checkin/"
    assert int(cookie["max-age"]) > 300 * 24 * 3600
    device = PupilDevice.objects.get()
    assert device.pupil == pupil
    assert cookie.value.split(":")[0] not in device.key_hash  # only the hash is stored
    assert pupil.full_name.split()[-1] in response.text
    assert pupil.full_name not in response.text or len(pupil.full_name.split()) == 1


def test_the_projected_url_checks_the_paired_pupil_in(client, session, member):
    pair(client, member[1])
    response = client.get(projector_url(session), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert 'data-outcome="ok"' in response.text
    assert "Đã điểm danh" in response.text
    row = Attendance.objects.get()
    assert (row.pupil, row.method) == (member[0], "projector")


def test_opening_the_url_twice_is_a_friendly_duplicate(client, session, member):
    pair(client, member[1])
    client.get(projector_url(session))
    response = client.get(projector_url(session), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'data-outcome="duplicate"' in response.text
    assert "already checked in" in response.text
    assert Attendance.objects.count() == 1


def test_an_expired_projected_code_is_refused_and_writes_nothing(client, session, member):
    pair(client, member[1])
    made = timezone.now()
    with time_machine.travel(made, tick=False):
        url = projector_url(session)
    later = made + datetime.timedelta(
        seconds=settings.ATTENDANCE_CODE_ROTATE_SECONDS + settings.ATTENDANCE_CODE_GRACE_SECONDS + 1
    )
    with time_machine.travel(later, tick=False):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "expired" in response.text
    assert not Attendance.objects.exists() and not RefusedScan.objects.exists()


def test_a_code_still_works_for_the_grace_after_the_screen_changed(client, session, member):
    pair(client, member[1])
    rotate = settings.ATTENDANCE_CODE_ROTATE_SECONDS
    shown = datetime.datetime.fromtimestamp(
        (timezone.now().timestamp() // rotate) * rotate + 0.5, tz=datetime.UTC
    )
    with time_machine.travel(shown, tick=False):
        url = projector_url(session)
    # The screen changed at shown + rotate; a pupil who was a bit slow still gets in.
    just_in_grace = rotate + settings.ATTENDANCE_CODE_GRACE_SECONDS - 1
    with time_machine.travel(shown + datetime.timedelta(seconds=just_in_grace), tick=False):
        assert client.get(url).status_code == 200
    assert Attendance.objects.count() == 1


def test_a_tampered_projected_code_is_refused_and_writes_nothing(client, session, member):
    pair(client, member[1])
    token = tokens.projector_token_make(session_id=session.pk)
    sid, rest = token.split(".", 1)
    forged = f"{int(sid) + 1}.{rest}"
    response = client.get(f"/checkin/p/{forged}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not valid" in response.text
    assert not Attendance.objects.exists() and not RefusedScan.objects.exists()


def test_a_phone_that_is_not_paired_is_told_how_to_pair(client, session):
    response = client.get(projector_url(session), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "member card" in response.text
    assert not Attendance.objects.exists()
    # The leader's live view lists the attempt, with nothing that identifies the phone.
    refused = RefusedScan.objects.get()
    assert (refused.session, refused.code, refused.method) == (session, "not_paired", "projector")
    assert refused.pupil is None and refused.pupil_device is None and refused.token_hash == ""


def test_an_unpaired_phone_opening_the_code_again_is_stored_once_a_minute(client, session):
    url = projector_url(session)
    for _ in range(5):  # the same photo of the screen, or a chat app's link preview
        assert client.get(url).status_code == 403
    assert RefusedScan.objects.count() == 1
    # Another address (another phone on mobile data) is stored on its own.
    client.get(url, REMOTE_ADDR="198.51.100.7")
    assert RefusedScan.objects.count() == 2


def test_another_sessions_code_checks_into_that_session_only_for_its_members(client, session):
    other_session_pupil, card = member_with_card(ClubFactory())
    pair(client, card)
    response = client.get(projector_url(session), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "not a member" in response.text
    assert RefusedScan.objects.get().code == "not_member"


def test_the_typed_code_checks_the_pupil_in(client, session, member):
    pair(client, member[1])
    code = tokens.typed_code_current(session_id=session.pk)
    response = client.post("/checkin/code/", {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 200
    assert Attendance.objects.get().method == "code"


def test_a_wrong_typed_code_is_refused_with_a_message(client, session, member):
    pair(client, member[1])
    code = tokens.typed_code_current(session_id=session.pk)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post("/checkin/code/", {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "wrong or has expired" in response.text
    assert not Attendance.objects.exists()


def test_pairing_a_revoked_card_is_refused(client, member):
    card = member[1]
    card.revoked_at = timezone.now()
    card.save()
    response = client.post(f"/checkin/card/{card.secret}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "revoked" in response.text
    assert not PupilDevice.objects.exists()


def test_one_phone_checking_in_two_pupils_is_flagged_to_the_leader(client, session, leader):
    first, card1 = member_with_card(session.club)
    second, card2 = member_with_card(session.club)
    pair(client, card1)
    client.get(projector_url(session))
    pair(client, card2)  # the same phone, now moved to the second pupil
    client.get(projector_url(session))
    assert Attendance.objects.count() == 2
    client.force_login(leader)
    page = client.get(f"/en/attendance/sessions/{session.pk}/")
    assert "data-shared-phone" in page.text
    assert page.text.count("shared phone") >= 2


def test_a_leader_opening_a_card_link_chooses_the_session(client, session, member, leader):
    client.force_login(leader)
    page = client.get(f"/checkin/card/{member[1].secret}/", HTTP_ACCEPT_LANGUAGE="en")
    assert session.title in page.text
    response = client.post(f"/checkin/card/{member[1].secret}/", {"session": session.pk})
    assert response.status_code == 200
    row = Attendance.objects.get()
    assert (row.method, row.recorded_by) == ("card", leader)


def test_a_leader_cannot_use_a_card_link_for_another_clubs_session(client, member, leader):
    from tests.factories.attendance import CheckinSessionFactory

    foreign = CheckinSessionFactory()
    client.force_login(leader)
    response = client.post(f"/checkin/card/{member[1].secret}/", {"session": foreign.pk})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_the_check_in_pages_are_small(client, session, member):
    from django.contrib.staticfiles import finders

    pair(client, member[1])
    response = client.get(projector_url(session))
    css = finders.find("css/attendance/checkin.css")
    worker = finders.find("js/sw-register.js")  # the only script: the offline page's worker
    total = len(response.content) + Path(css).stat().st_size + Path(worker).stat().st_size
    assert response.text.count("<script") == 1
    assert '<script src="/static/js/sw-register.js"></script>' in response.text
    assert total < 60 * 1024


def test_pupil_check_in_is_rate_limited_per_phone(client, session, member, settings):
    settings.ATTENDANCE_RATE_PER_PHONE = "3/m"
    pair(client, member[1])
    statuses = [client.get(projector_url(session)).status_code for _ in range(5)]
    assert statuses[:2] == [200, 200] and statuses[-1] == 429


def test_leaders_sharing_a_school_address_are_not_throttled_as_one_phone(
    client, session, leader, settings
):
    settings.ATTENDANCE_RATE_PER_PHONE = "2/m"
    client.force_login(leader)
    cards = [member_with_card(session.club)[1] for _ in range(4)]
    statuses = [
        client.post(f"/checkin/card/{c.secret}/", {"session": session.pk}).status_code
        for c in cards
    ]
    assert statuses == [200] * 4
    assert Attendance.objects.count() == 4


def test_queries_per_projected_check_in_are_pinned(
    client, session, member, django_assert_num_queries
):
    # The session and the phone in one read, then the check-in: the read and the insert
    # (a phone sends no nonce), with the pupil's row locked first on PostgreSQL, inside
    # the savepoint and release that the test's transaction adds.
    first = {"postgresql": 6, "sqlite": 5}[connection.vendor]
    pair(client, member[1])
    url = projector_url(session)
    with django_assert_num_queries(first):
        response = client.get(url)
    assert 'data-outcome="ok"' in response.text
    # A re-scan: the same, but the read finds the pupil in and nothing is written.
    with django_assert_num_queries(first - 1):
        assert 'data-outcome="duplicate"' in client.get(url).text
