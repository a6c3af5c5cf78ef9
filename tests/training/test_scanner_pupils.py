"""Pupils at a training class's session. A trainer's scanner reads the class's
participants' cards only: a pupil's member card is refused (and the refusal kept), and
the live view gives the trainer a count, no name. No pupil is checked in at a class for
adults, by a paired phone or by anybody's scanner; a club board member admitted to the
class still is, as its participant, by member card (test_card_scanner) or paired phone."""

import uuid

import pytest
import time_machine
from django.test import Client

from attendance import tokens
from attendance.models import Attendance, CheckinNonce, RefusedScan
from attendance.services import scanner_device_create
from sessions.models import ClubSession
from tests.factories.accounts import UserFactory
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import (
    LeaderAssignmentFactory,
)
from tests.training.test_card_scanner import _card_text, board_member_nominated
from tests.training.test_certificates import _admitted
from training.models import TrainingAttendance

pytestmark = pytest.mark.django_db
URL = "/api/attendance/checkins"
BATCH = "/api/attendance/checkins/batch"
PUPIL = "Trần Bé Na"


@pytest.fixture
def trainer_user(klass):
    user = UserFactory()
    klass.trainers.add(user)
    return user


@pytest.fixture
def pupil_card():
    """A 12-year-old member of some club, with consent: nothing to do with the class."""
    session = CheckinSessionFactory()
    return member_with_card(session.club, full_name=PUPIL)


def _first(klass):
    return klass.sessions.order_by("starts_at").first()


def _scan(browser, session, card, *, nonce=None, **headers):
    payload = {"session_id": session.pk, "card": card, "nonce": nonce or uuid.uuid4().hex}
    return browser.post(URL, payload, content_type="application/json",
                        HTTP_ACCEPT_LANGUAGE="vi", **headers)


def _device(user):
    _device_row, token = scanner_device_create(user=user, name="Cửa lớp")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_trainer_s_scanner_refuses_a_pupil_s_card_and_keeps_the_refusal(
    klass, trainer_user, pupil_card
):
    pupil, card = pupil_card
    participant_card = _card_text(_admitted(klass))
    session = _first(klass)
    headers = _device(trainer_user)  # the grant is cached with the token: asked twice
    nonce = uuid.uuid4().hex
    with time_machine.travel(session.starts_at, tick=False):
        assert _scan(Client(), session, participant_card, **headers).json()["outcome"] == "ok"
        refused = _scan(Client(), session, card.secret, nonce=nonce, **headers)
        again = _scan(Client(), session, card.secret, nonce=nonce, **headers)
    assert refused.status_code == 403
    body = refused.json()
    assert body["code"] == "card_not_participant" and body["pupil_name"] is None
    assert "chỉ điểm danh học viên của lớp" in body["message"]
    assert PUPIL not in refused.content.decode()
    assert (again.status_code, again.json()["replayed"]) == (403, True)
    assert not Attendance.objects.exists()
    scan = RefusedScan.objects.get()
    assert (scan.session, scan.code, scan.method, scan.pupil) == (
        session, "card_not_participant", "card", None)
    assert scan.actor == trainer_user and scan.scanner is not None
    assert TrainingAttendance.objects.count() == 1


def test_a_trainer_s_batch_refuses_pupils_cards_and_counts_participants_only(
    klass, trainer_user, pupil_card
):
    _pupil, card = pupil_card
    participant_card = _card_text(_admitted(klass))
    session = _first(klass)
    browser = Client()
    browser.force_login(trainer_user)
    items = [{"session_id": session.pk, "card": c, "nonce": uuid.uuid4().hex}
             for c in (participant_card, card.secret)]
    with time_machine.travel(session.starts_at, tick=False):
        body = browser.post(BATCH, {"items": items}, content_type="application/json").json()
    assert [r["outcome"] for r in body["results"]] == ["ok", "refused"]
    assert body["results"][1]["code"] == "card_not_participant"
    assert body["count"] == 1
    assert not Attendance.objects.exists()
    assert RefusedScan.objects.get().code == "card_not_participant"


def test_a_trainer_s_live_view_counts_participants_and_names_nobody(
    klass, trainer_user, staff_client
):
    """Even a pupil checked in there before this fix (by staff, say) stays unnamed."""
    enrolment = _admitted(klass)
    session = _first(klass)
    pupil, _card = member_with_card(CheckinSessionFactory().club, full_name=PUPIL)
    Attendance.objects.create(session=session, pupil=pupil, status="present",
                              checked_in_at=session.starts_at)
    browser = Client()
    browser.force_login(trainer_user)
    with time_machine.travel(session.starts_at, tick=False):
        _scan(browser, session, _card_text(enrolment))
        live = browser.get(f"/api/attendance/sessions/{session.pk}/live")
    assert live.status_code == 200
    body = live.json()
    assert body["counts"] == {"in": 1}
    assert body["present"] == body["missing"] == body["refused"] == []
    assert PUPIL not in live.content.decode()
    # Who runs the session's check-in (centre staff, for a class) still sees everything.
    full = staff_client.get(f"/api/attendance/sessions/{session.pk}/live").json()
    assert full["present"] == [PUPIL] and full["counts"]["in"] == 2


def test_a_pupil_s_paired_phone_at_a_class_s_projected_code_is_refused(klass, pupil_card):
    pupil, card = pupil_card
    phone = Client()
    assert phone.post(f"/checkin/card/{card.secret}/").status_code == 200  # paired
    session = _first(klass)
    with time_machine.travel(session.starts_at, tick=False):
        url = f"/checkin/p/{tokens.projector_token_make(session_id=session.pk)}/"
        response = phone.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 403
    assert 'data-outcome="ok"' not in response.text
    assert "Bạn không có tên trong lớp học của buổi này." in response.text
    assert not Attendance.objects.exists() and not TrainingAttendance.objects.exists()
    scan = RefusedScan.objects.get()
    assert (scan.session, scan.code, scan.method, scan.pupil) == (
        session, "participant_not_enrolled", "projector", pupil)


def test_staff_scanning_a_pupil_s_card_at_a_class_is_refused(klass, staff_client, pupil_card):
    _pupil, card = pupil_card
    session = _first(klass)
    with time_machine.travel(session.starts_at, tick=False):
        response = _scan(staff_client, session, card.secret)
    assert (response.status_code, response.json()["code"]) == (
        403, "participant_card_not_admitted")
    assert not Attendance.objects.exists()
    assert RefusedScan.objects.get().code == "participant_card_not_admitted"


def test_a_club_leader_s_scanner_still_checks_pupils_in_and_lists_them(pupil_card):
    """Nothing changes for who runs a club session's check-in, by token (its grant
    cached) or by browser."""
    pupil, card = pupil_card
    session = ClubSession.objects.get(club=pupil.memberships.get().club)
    leader = LeaderAssignmentFactory(club=session.club).user
    headers = _device(leader)
    other, other_card = member_with_card(session.club)
    with time_machine.travel(session.starts_at, tick=False):
        first = _scan(Client(), session, card.secret, **headers)
        second = _scan(Client(), session, other_card.secret, **headers)
        live = Client().get(f"/api/attendance/sessions/{session.pk}/live", **headers).json()
    assert first.json()["outcome"] == second.json()["outcome"] == "ok"
    assert first.json()["pupil_name"] == PUPIL
    assert sorted(live["present"]) == sorted([PUPIL, other.full_name])
    assert live["counts"]["in"] == 2 and "expected" in live["counts"]
    assert Attendance.objects.count() == 2
    assert CheckinNonce.objects.count() == 2


def test_an_admitted_board_member_s_paired_phone_checks_them_in_as_participant(
    klass, staff_client
):
    pupil, card = board_member_nominated(klass, staff_client)
    phone = Client()
    assert phone.post(f"/checkin/card/{card.secret}/").status_code == 200  # paired
    session = _first(klass)
    with time_machine.travel(session.starts_at, tick=False):
        url = f"/checkin/p/{tokens.projector_token_make(session_id=session.pk)}/"
        response = phone.get(url)
    assert response.status_code == 200 and 'data-outcome="ok"' in response.text
    assert TrainingAttendance.objects.get().enrolment.participant.pupil == pupil
    assert not Attendance.objects.exists() and not RefusedScan.objects.exists()


def test_a_club_s_own_training_session_still_checks_its_members_in(pupil_card):
    """Kind "training" alone does not make a class: a club's session of that kind, held
    by no training class, takes its members as before."""
    pupil, card = pupil_card
    session = ClubSession.objects.get(club=pupil.memberships.get().club)
    session.kind = ClubSession.Kind.TRAINING
    session.save(update_fields=["kind"])
    phone = Client()
    phone.post(f"/checkin/card/{card.secret}/")
    with time_machine.travel(session.starts_at, tick=False):
        response = phone.get(f"/checkin/p/{tokens.projector_token_make(session_id=session.pk)}/")
    assert 'data-outcome="ok"' in response.text
    assert Attendance.objects.get().pupil == pupil
